// The glossary site's enhancements: search, the category filter and hover cards. Every page reads
// without them. No framework; MiniSearch (vendor/minisearch.js, MIT) is loaded on first use of search.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  // Search over titles, other names, summaries and bodies: one index file, fetched once.
  function setUpSearch() {
    var form = document.querySelector("form.search");
    if (!form) return;
    var box = form.querySelector("input");
    var status = form.querySelector(".status");
    var list = form.querySelector(".results");
    var engine = null;
    var loading = null;
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function load() {
      if (!loading) {
        loading = Promise.all([
          loadScript(root + "assets/vendor/minisearch.js"),
          fetch(root + "assets/search.json").then(function (response) {
            if (!response.ok) throw new Error("search index: HTTP " + response.status);
            return response.json();
          })
        ]).then(function (parts) {
          engine = new window.MiniSearch({
            fields: ["title", "abbreviation", "aliases", "summary", "body"],
            storeFields: ["title", "summary", "url"],
            searchOptions: { boost: { title: 4, abbreviation: 4, aliases: 3, summary: 1.5 }, prefix: true, fuzzy: 0.2 }
          });
          engine.addAll(parts[1].terms);
        }).catch(function (error) {
          status.textContent = "Search is not available: " + error.message;
        });
      }
      return loading;
    }

    function show() {
      var query = box.value.trim();
      list.textContent = "";
      if (!query) { status.textContent = ""; return; }
      load().then(function () {
        if (!engine || box.value.trim() !== query) return;
        var found = engine.search(query).slice(0, 12);
        status.textContent = found.length ? found.length + (found.length === 12 ? "+" : "") + " found" : "No term found";
        found.forEach(function (hit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = root + hit.url;
          link.textContent = hit.title;
          var gist = document.createElement("span");
          gist.className = "gist";
          gist.textContent = hit.summary;
          item.appendChild(link);
          item.appendChild(gist);
          list.appendChild(item);
        });
      });
    }
    box.addEventListener("focus", load, { once: true });
    box.addEventListener("input", show);
  }

  // The home page's filter by category: hides the other categories' terms and the letters left empty.
  function setUpFilter() {
    var select = document.getElementById("category-filter");
    if (!select) return;
    select.parentElement.hidden = false;
    select.addEventListener("change", function () {
      var chosen = select.value;
      document.querySelectorAll(".letter").forEach(function (section) {
        var shown = 0;
        section.querySelectorAll("li[data-category]").forEach(function (item) {
          var keep = !chosen || item.getAttribute("data-category") === chosen;
          item.hidden = !keep;
          if (keep) shown += 1;
        });
        section.hidden = shown === 0;
      });
    });
  }

  // Hover cards: a term link shows that term's title and summary on hover and on keyboard focus, from the
  // map the page embeds (no request per card).
  function setUpCards() {
    var data = document.getElementById("term-cards");
    if (!data) return;
    var cards = JSON.parse(data.textContent);
    var card = document.createElement("div");
    card.className = "card";
    card.id = "term-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.appendChild(card);
    var current = null;

    function open(link) {
      var entry = cards[link.getAttribute("data-term")];
      if (!entry) return;
      card.textContent = "";
      var title = document.createElement("strong");
      title.textContent = entry[0];
      card.appendChild(title);
      card.appendChild(document.createTextNode(entry[1]));
      card.hidden = false;
      var box = link.getBoundingClientRect();
      var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8));
      card.style.left = left + "px";
      card.style.top = (box.bottom + window.scrollY + 6) + "px";
      link.setAttribute("aria-describedby", "term-card");
      current = link;
    }
    function close() {
      if (current) current.removeAttribute("aria-describedby");
      card.hidden = true;
      current = null;
    }
    document.addEventListener("mouseover", function (event) {
      var link = event.target.closest && event.target.closest("a[data-term]");
      if (link && link !== current) open(link);
      else if (!link && current && !card.contains(event.target)) close();
    });
    document.addEventListener("focusin", function (event) {
      var link = event.target.closest && event.target.closest("a[data-term]");
      if (link) open(link); else close();
    });
    document.addEventListener("focusout", function (event) {
      if (event.target === current) close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
  }

  setUpSearch();
  setUpFilter();
  setUpCards();
})();
