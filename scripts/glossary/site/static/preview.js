// glossary preview only: reload the page when the site is built again, and say when the last save did
// not build (its problems are on the term's own page too).
(function () {
  "use strict";
  var events = new EventSource("/__preview/events");
  var seen = null;
  events.onmessage = function (event) {
    if (seen !== null && event.data !== seen) window.location.reload();
    seen = event.data;
  };
  fetch("/__preview/status").then(function (response) { return response.json(); }).then(function (status) {
    if (!status.problems.length) return;
    var banner = document.createElement("div");
    banner.className = "problems preview-banner";
    banner.setAttribute("role", "status");
    var heading = document.createElement("p");
    heading.textContent = "The last save did not build (" + status.problems.length +
      " problem" + (status.problems.length === 1 ? "" : "s") + "): the preview shows the last good build.";
    var list = document.createElement("ul");
    status.problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    banner.appendChild(heading);
    banner.appendChild(list);
    document.body.insertBefore(banner, document.body.firstChild);
  });
})();
