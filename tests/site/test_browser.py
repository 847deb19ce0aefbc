"""The site in a real browser: Debian's Chromium driven by Playwright. Navigation, search by another name,
the category filter, hover cards on focus, the deprecated notice, a renamed term's old page, the 404 page,
no console errors, and no serious or critical accessibility problem (axe-core) at 360 px and on a desktop.
Screenshots of the home page and a term's page at both widths are written to ARTIFACTS (printed at the end).

Skipped, saying why, where Playwright, axe-playwright-python or the chromium package cannot be had
(.ci/run installs chromium with apt-get when it is missing).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from site_helpers import run, site_project

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="axe-playwright-python is not installed: pip install -e '.[test]'")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="the chromium package is not installed: "
                                "apt-get install chromium (.ci/run does it where it can)")
ARTIFACTS = Path(os.environ.get("GLOSSARY_SCREENSHOTS", REPO / "tests" / "artifacts" / "screenshots"))
WIDTHS = {"phone": 360, "desktop": 1280}
written: list[Path] = []  # the screenshots this run wrote (conftest prints where)


class _Pages(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is one: a missing page answers 404 with the site's 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = site_project(tmp_path_factory.mktemp("browser") / "project")
    previous = Path.cwd()
    os.chdir(project.root)
    try:
        assert run("build").exit_code == 0
    finally:
        os.chdir(previous)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Pages, directory=str(project.root / "dist")))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        try:
            launched = driver.chromium.launch(executable_path=CHROMIUM)
        except playwright_api.Error as error:
            pytest.skip(f"chromium at {CHROMIUM} does not start under Playwright: {str(error)[:300]}")
        yield launched
        launched.close()


class Opened:
    """A page at a width, with every console error and uncaught exception it meets."""

    def __init__(self, browser: Any, width: int) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def go(self, url: str) -> Any:
        return self.page.goto(url, wait_until="load")


@pytest.fixture
def opened(browser: Any) -> Iterator[Opened]:
    page = Opened(browser, WIDTHS["desktop"])
    yield page
    page.page.close()


def test_from_home_to_a_term_and_on_through_its_related_links(site_url: str, opened: Opened) -> None:
    opened.go(site_url)
    opened.page.get_by_role("link", name="GPU", exact=True).first.click()
    opened.page.wait_for_url("**/terms/gpu/")
    assert opened.page.locator("h1").inner_text() == "GPU"
    related = opened.page.locator("#related ~ ul a[data-term]").first
    title, slug = related.inner_text(), related.get_attribute("data-term")
    related.click()
    opened.page.wait_for_url(f"**/terms/{slug}/")
    assert opened.page.locator("h1").inner_text() == title
    opened.page.get_by_role("link", name="Categories").first.click()
    opened.page.get_by_role("link", name="Hardware").click()
    assert opened.page.locator("h1").inner_text() == "Hardware"
    assert opened.errors == []


def test_search_finds_a_term_by_another_name(site_url: str, opened: Opened) -> None:
    opened.go(site_url)
    box = opened.page.get_by_role("searchbox", name="Search the glossary")
    box.fill("HBM3E")
    first = opened.page.locator("#search-results a").first
    first.wait_for()
    assert first.inner_text() == "High-Bandwidth Memory"
    first.click()
    opened.page.wait_for_url("**/terms/high-bandwidth-memory/")
    box = opened.page.get_by_role("searchbox", name="Search the glossary")
    box.fill("HBM")  # the abbreviation
    opened.page.locator("#search-results a", has_text="High-Bandwidth Memory").first.wait_for()
    assert opened.page.locator(".heading .abbreviation").inner_text() == "HBM"
    box.fill("pixels")  # a word of GPU's body only
    opened.page.locator("#search-results a", has_text="GPU").first.wait_for()
    box.fill("zzzzqqq")
    opened.page.get_by_text("No term found").wait_for()
    assert opened.errors == []


def test_the_category_filter_hides_the_other_categories(site_url: str, opened: Opened) -> None:
    opened.go(site_url)
    opened.page.get_by_label("Show the category").select_option("hardware")
    visible = opened.page.locator(".letter li[data-category]:visible")
    categories = {visible.nth(n).get_attribute("data-category") for n in range(visible.count())}
    assert categories == {"hardware"}
    assert opened.page.locator(".letter li[data-category]").count() > visible.count()


def test_a_hover_card_shows_on_keyboard_focus_and_on_hover(site_url: str, opened: Opened) -> None:
    opened.go(site_url + "terms/gpu/")
    link = opened.page.locator("#full-picture ~ p a[data-term]").first
    slug = link.get_attribute("data-term")
    link.focus()
    card = opened.page.locator("#term-card")
    card.wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "term-card"
    target = opened.page.evaluate("slug => JSON.parse(document.getElementById('term-cards').textContent)[slug]", slug)
    assert card.inner_text().startswith(target[0]) and target[1] in card.inner_text()
    opened.page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    opened.page.locator("#related ~ ul a[data-term]").nth(1).hover()
    card.wait_for(state="visible")
    assert opened.errors == []


def test_the_deprecated_notice_and_a_renamed_terms_old_page(site_url: str, opened: Opened) -> None:
    opened.go(site_url + "terms/latency/")
    notice = opened.page.get_by_role("note", name="Deprecated")
    assert "deprecated" in notice.inner_text()
    notice.get_by_role("link").click()
    opened.page.wait_for_url("**/terms/inference/")
    opened.go(site_url + "terms/old-token/")
    opened.page.wait_for_url("**/terms/token/")
    assert opened.page.locator("h1").inner_text() == "Token"
    assert opened.errors == []


def test_the_404_page_at_any_depth(site_url: str, opened: Opened) -> None:
    response = opened.go(site_url + "terms/no-such-term/deeper/")
    assert response.status == 404 and opened.page.locator("h1").inner_text() == "Page not found"
    colour = opened.page.evaluate("getComputedStyle(document.querySelector('.brand')).fontWeight")
    assert colour == "700"  # the style sheet loaded, from the site's root
    opened.page.get_by_role("link", name="Go to the A–Z list of every term").click()
    opened.page.wait_for_url(site_url)
    assert [error for error in opened.errors if "404" not in error] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_problem_and_screenshots(site_url: str, browser: Any, width: str) -> None:
    opened = Opened(browser, WIDTHS[width])
    axe = axe_api.Axe()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for path in ("", "terms/gpu/", "terms/latency/", "categories/", "categories/hardware/", "graph/",
                 "no-such-page/"):
        opened.go(site_url + path)
        if path in ("", "terms/gpu/"):
            written.append(ARTIFACTS / f"{path.strip('/').replace('/', '-') or 'home'}-{width}.png")
            opened.page.screenshot(path=written[-1], full_page=True)
        problems = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                    for v in axe.run(opened.page).response["violations"] if v["impact"] in ("serious", "critical")]
        if problems:
            found[path or "/"] = problems
        if path != "no-such-page/":
            assert opened.errors == [], (path, opened.errors)
    opened.page.close()
    assert found == {}


def test_the_accessibility_scan_finds_what_it_should(browser: Any) -> None:
    opened = Opened(browser, WIDTHS["phone"])
    opened.page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    kinds = {v["id"] for v in axe_api.Axe().run(opened.page).response["violations"]}
    opened.page.close()
    assert {"image-alt", "link-name", "html-has-lang"} <= kinds


def test_readable_without_javascript(site_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": WIDTHS["phone"], "height": 900})
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("form.search").is_hidden() and page.locator(".filter").is_hidden()  # they need the script
    page.get_by_role("link", name="GPU", exact=True).first.click()
    page.wait_for_url("**/terms/gpu/")
    for section in ("Definition", "The full picture", "Common questions", "Related terms"):
        assert page.get_by_role("heading", name=section).is_visible()
    context.close()


def test_the_dark_scheme_is_dark_and_keeps_its_contrast(site_url: str, browser: Any) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": WIDTHS["desktop"], "height": 900})
    page = context.new_page()
    for path in ("", "terms/gpu/"):
        page.goto(site_url + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(21, 24, 28)"
        problems = [v["id"] for v in axe_api.Axe().run(page).response["violations"]
                    if v["impact"] in ("serious", "critical")]
        assert problems == [], (path, problems)
    context.close()
