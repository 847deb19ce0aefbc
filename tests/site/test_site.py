"""`glossary site` and `glossary build`: the pages, where they lie, what each holds, and that the site is
swapped in with the export, whole or not at all."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import snapshot, term
from site_helpers import Page, page, run, site_project

TERM_SECTIONS = ["Definition", "The full picture", "A business example", "How different roles use this",
                 "Common questions", "Related terms"]


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = site_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    result = run("build")
    assert result.exit_code == 0, result.output
    return project.root / "dist"


def test_every_published_term_has_a_page_at_its_page_url_with_every_section(built: Path) -> None:
    bundle = json.loads((built / "glossary.json").read_text(encoding="utf-8"))
    assert {t["slug"] for t in bundle["terms"]} >= {"gpu", "latency"} and "draft-term" not in str(bundle)
    for term in bundle["terms"]:
        assert term["page_url"] == f"/terms/{term['slug']}/"  # the export names the page the site writes
        shown = page(built, f"terms/{term['slug']}/index.html")
        h2 = [text for level, text in shown.headings if level == 2]
        assert shown.headings[0] == (1, term["title"]) and [h for h in TERM_SECTIONS if h in h2] == [
            h for h in TERM_SECTIONS if h != "Related terms" or term["related"]]
        assert shown.meta["description"] == term["summary"] and shown.title.startswith(term["title"])
        assert shown.meta["og:title"] == shown.title and shown.meta["og:description"] == term["summary"]
        canonical = [link["href"] for link in shown.links if link.get("rel") == "canonical"]
        assert canonical == [term["page_url"]] == [shown.meta["og:url"]]
        graph = shown.json_ld[0]["@graph"]
        assert graph[0]["@type"] == "DefinedTerm" and graph[0]["@id"] == term["page_url"]
        assert shown.json_ld[0] == term["json_ld"]
        for related in term["related_terms"]:
            assert posixpath.normpath(posixpath.join(f"/terms/{term['slug']}/", shown.hrefs(
                **{"data-term": related["slug"]})[0])) + "/" == related["page_url"]


def test_a_term_page_keeps_the_readers_order_and_shows_sources_and_the_date(built: Path) -> None:
    text = (built / "terms" / "gpu" / "index.html").read_text(encoding="utf-8")
    gpu = json.loads((built / "terms" / "gpu.json").read_text(encoding="utf-8"))
    only_back = set(gpu["related_by"]) - set(gpu["related"])
    order = ["<h1>GPU</h1>", 'class="summary"', ">Definition<", ">The full picture<", ">A business example<",
             ">How different roles use this<", ">Common questions<", ">Related terms<",
             *(["terms that link here<"] if only_back else []), ">Sources<", "Updated <time"]
    assert ("Other terms that link here" in text) == bool(only_back)
    places = [text.find(marker) for marker in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places))
    assert 'href="https://en.wikipedia.org/wiki/Graphics_processing_unit"' in text
    assert 'href="../gpu.json"' in text  # the term as JSON, beside its page


def test_the_deprecated_notice_links_the_successor_and_an_old_slug_leads_to_the_new_page(built: Path) -> None:
    latency = page(built, "terms/latency/index.html")
    assert "../inference/" in latency.hrefs(**{"data-term": "inference"})
    assert "This term is deprecated" in (built / "terms/latency/index.html").read_text(encoding="utf-8")
    moved = page(built, "terms/old-token/index.html")
    assert moved.meta["refresh"] == "0; url=../token/" and moved.meta["robots"] == "noindex"
    assert json.loads((built / "terms/old-token.json").read_text(encoding="utf-8"))["page_url"] == "/terms/token/"


def test_home_lists_every_term_by_letter_with_categories_and_search(built: Path) -> None:
    home = page(built, "index.html")
    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    linked = {link["data-term"] for link in home.links if "data-term" in link}
    assert linked == {t["slug"] for t in index["terms"]}
    text = (built / "index.html").read_text(encoding="utf-8")
    assert 'id="category-filter"' in text and 'role="search"' in text and "hidden" in text
    levels = [level for level, _ in home.headings]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    for category in {t["category"] for t in index["terms"]}:
        listed = page(built, f"categories/{category}/index.html")
        assert {link["data-term"] for link in listed.links if "data-term" in link} == \
            {t["slug"] for t in index["terms"] if t["category"] == category}
    graph = (built / "graph" / "index.html").read_text(encoding="utf-8")
    assert graph.count("<circle") == len(index["terms"]) and "<path" in graph


def test_search_index_holds_titles_aliases_summaries_and_bodies(built: Path) -> None:
    terms = {t["title"]: t for t in json.loads((built / "assets/search.json").read_text(encoding="utf-8"))["terms"]}
    gpu = terms["GPU"]
    assert "graphics processing unit" in gpu["aliases"] and gpu["summary"].startswith("A chip")
    assert "pixels" in gpu["body"].split() and gpu["url"] == "terms/gpu/"


def test_a_term_page_shows_its_abbreviation_and_the_names_to_avoid_and_search_holds_the_abbreviation(
        built: Path) -> None:
    memory = (built / "terms" / "high-bandwidth-memory" / "index.html").read_text(encoding="utf-8")
    assert ('<div class="heading"><h1>High-Bandwidth Memory</h1><span class="abbreviation" aria-label="Abbreviation">'
            'HBM</span></div>') in memory
    gpu = (built / "terms" / "gpu" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="avoid">Avoid: <span>graphics chip</span> (Too vague for a data-centre processor that draws '
            'no graphics)</p>') in gpu and "<h1>GPU</h1>" in gpu
    terms = {t["title"]: t for t in json.loads((built / "assets/search.json").read_text(encoding="utf-8"))["terms"]}
    assert terms["High-Bandwidth Memory"]["abbreviation"] == "HBM" and terms["GPU"]["abbreviation"] == ""
    script = (built / "assets" / "site.js").read_text(encoding="utf-8")
    assert '"abbreviation"' in script and "abbreviation: 4" in script


def test_robots_sitemap_404_and_the_manifest(built: Path) -> None:
    assert (built / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")
    urls = [element.text for element in ElementTree.parse(built / "sitemap.xml").getroot()]
    locations = [u for u in (e.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for e in
                             ElementTree.parse(built / "sitemap.xml").getroot()) if u is not None]
    assert urls and "/terms/gpu/" in [loc.text for loc in locations] and "/terms/old-token/" not in str(urls)
    missing = page(built, "404.html")
    assert missing.headings[0] == (1, "Page not found") and missing.meta["robots"] == "noindex"
    assert all(link["href"].startswith(("/", "#")) for link in missing.links)  # served at any depth
    manifest = json.loads((built / "site.json").read_text(encoding="utf-8"))
    written = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert set(manifest["files"]) <= written and "terms/gpu/index.html" in manifest["files"]


def test_the_published_site_has_absolute_urls_and_a_sitemap_for_search_engines(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    base = "https://example.org/glossary/"
    assert run("site", "--out", "public", "--base-url", base).exit_code == 0
    out = project.root / "public"
    gpu = page(out, "terms/gpu/index.html")
    assert gpu.meta["og:url"] == base + "terms/gpu/" and gpu.json_ld[0]["@graph"][0]["@id"] == base + "terms/gpu/"
    assert f"Sitemap: {base}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    assert f"<loc>{base}terms/gpu/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert page(out, "404.html").hrefs()[1].startswith(base)


def test_drafts_are_in_the_site_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    assert run("site", "--out", "with", "--include-drafts").exit_code == 0
    assert (project.root / "with/terms/draft-term/index.html").is_file()
    assert "draft" in (project.root / "with/terms/draft-term/index.html").read_text(encoding="utf-8")


def test_text_is_escaped_and_only_the_exports_sanitised_html_is_inserted(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_project(tmp_path / "project")
    gpu = project.content / "gpu.md"
    gpu.write_text(gpu.read_text(encoding="utf-8").replace(
        "example: >-\n", "example: >-\n  <script>alert(1)</script> & </script>\n", 1).replace(
        "GPUs began as graphics chips", "<img src=x onerror=alert(2)> GPUs began as graphics chips", 1),
        encoding="utf-8")
    monkeypatch.chdir(project.root)
    assert run("build").exit_code == 0
    text = (project.root / "dist/terms/gpu/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in text
    assert "onerror" not in text
    data = text.split('id="term-cards">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["compute"][0] == "Compute"


def test_a_failed_site_build_leaves_the_previous_folder_untouched(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(built)
    (built.parent / "content/terms/gpu.md").write_text(
        (built.parent / "content/terms/gpu.md").read_text(encoding="utf-8").replace("title: GPU", "title: GPU 2"),
        encoding="utf-8")

    def broken(*args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("glossary.site.build.Site.graph_page", broken)
    result = run("build")
    assert result.exit_code == 1 and "the previous export is untouched" in result.output
    assert snapshot(built) == before
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".dist.")]


def test_a_writers_file_in_the_site_folder_is_never_replaced(built: Path) -> None:
    for extra in ("notes.txt", "terms/gpu/mine.html", "assets/mine.css"):
        (built / extra).write_text("mine", encoding="utf-8")
        before = snapshot(built)
        result = run("build")
        assert result.exit_code == 2 and f"it holds {extra}" in result.output
        assert snapshot(built) == before
        (built / extra).unlink()
    manifest = json.loads((built / "site.json").read_text(encoding="utf-8"))
    (built / "site.json").write_text(json.dumps({**manifest, "files": ["../outside"]}), encoding="utf-8")
    assert run("build").exit_code == 2
    (built / "site.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert run("build").exit_code == 0 and run("export").exit_code == 0  # the export alone replaces a site too
    assert not (built / "index.html").exists() and (built / "glossary.json").is_file()


def test_pages_that_do_not_change_keep_their_bytes_and_time(built: Path) -> None:
    gpu, token = built / "terms/gpu/index.html", built / "terms/token/index.html"
    times = gpu.stat().st_mtime_ns, token.stat().st_mtime_ns
    source = built.parent / "content/terms/token.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\n---\n", "\n---\nA new first line.\n\n", 1),
                      encoding="utf-8")
    assert run("build").exit_code == 0
    assert gpu.stat().st_mtime_ns == times[0] and token.stat().st_mtime_ns != times[1]
    assert "A new first line." in token.read_text(encoding="utf-8")


@pytest.mark.parametrize("template, message", [
    ("https://elsewhere.org/{slug}/", "is not under"),
    ("/terms/{slug}", "must end in"),
])
def test_page_urls_the_site_cannot_write_are_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          template: str, message: str) -> None:
    project = site_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    result = run("site", "--page-url", template)
    assert result.exit_code == 2 and message in result.output and not (project.root / "dist").exists()


def test_a_page_that_would_replace_another_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    result = run("site", "--page-url", "/{slug}.html")  # fine: gpu.html beside glossary.json
    assert result.exit_code == 0 and (project.root / "dist/gpu.html").is_file()
    before = snapshot(project.root / "dist")
    project.write("graph.md", term("graph"))
    result = run("site", "--page-url", "/{slug}/")  # the term 'graph' would meet the graph's page
    assert result.exit_code == 1 and "graph/index.html would take the place of another file" in result.output
    assert snapshot(project.root / "dist") == before


def test_page_is_parsed_as_a_reader_sees_it() -> None:
    shown = Page('<html><head><title>T</title><meta name="description" content="D"></head>'
                 '<body><h1>One</h1><h2>Two <em>x</em></h2></body></html>')
    assert shown.title == "T" and shown.meta["description"] == "D" and shown.headings == [(1, "One"), (2, "Two x")]


def test_names_to_avoid_for_one_reason_are_shown_together() -> None:
    from glossary.site.pages import _by_reason

    assert _by_reason([{"name": "AI chip", "why": "Too vague."}, {"name": "AI chips", "why": "Too vague."},
                       {"name": "neural chip", "why": None}, {"name": "NN chip", "why": None}]) == [
        (["AI chip", "AI chips"], "Too vague"), (["neural chip", "NN chip"], None)]
