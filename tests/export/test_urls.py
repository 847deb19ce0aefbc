"""Links and ids that resolve: every URL in every file of the export, resolved as a browser resolves it
against that file's own URL, names a file of the export or a page URL built from --page-url; the HTML
links only what the export made (term links with data-term, absolute http(s) and mailto links)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from click.testing import CliRunner
from conftest import Project, term, urls_in
from glossary.cli import main

PAGES = "https://example.org/glossary/{slug}/"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def every_kind_of_file(project: Project) -> None:
    """Exports of the project with a rename (a redirect) and a removal (a tombstone) behind them."""
    assert run("export")[0] == 0
    assert run("rename", "beta", "beta-prime")[0] == 0
    (project.content / "old-alpha.md").unlink()  # deprecated, superseded by alpha
    project.write("alpha.md", term(related="[beta-prime]", faq="\n  - question: Is it?\n    answer: It is.").replace(
        "The body of the term.", "See [the other](beta-prime.md), [[beta-prime]], [below](#faq) and "
                                 "[a site](https://example.net/x).\n\n| a | b |\n| --: | --- |\n| 1 | 2 |"))
    assert run("export")[0] == 0


@pytest.mark.parametrize("options, site, pages", [
    ((), "https://example.org/published/", None),
    (("--base-url", "https://example.org/g/", "--page-url", PAGES), "https://example.org/g/", PAGES),
    (("--base-url", "/g/", "--page-url", "/glossary/{slug}/"), "https://example.org/g/",
     "https://example.org/glossary/{slug}/"),
    (("--page-url", "/glossary/{slug}/"), "https://example.org/published/", "https://example.org/glossary/{slug}/"),
])
def test_every_url_resolves_against_its_own_file(glossary_project: Project, options: tuple[str, ...], site: str,
                                                pages: str | None) -> None:
    every_kind_of_file(glossary_project)
    code, _, err = run("export", *options)
    assert code == 0, err
    dist = glossary_project.root / "dist"
    live = [t["slug"] for t in json.loads((dist / "index.json").read_bytes())["terms"]]
    page_urls = {pages.replace("{slug}", slug) for slug in live} if pages else set()
    checked = 0
    for path in sorted(dist.rglob("*.json*")):
        name = path.relative_to(dist).as_posix()
        if name == "glossary.skos.jsonld":
            continue  # its IRIs name the site's pages, not files (tests/export/standards/test_skos.py)
        for where, url in urls_in(json.loads(path.read_bytes())):
            if ".sources[" in where or url.startswith(("https://example.net/", "mailto:")):
                continue  # the writers' own links to elsewhere
            target = urldefrag(urljoin(site + name, url)).url
            checked += 1
            if target in page_urls:
                continue
            assert target.startswith(site) and (dist / target[len(site):]).is_file(), f"{name} {where}: {url}"
    assert checked > 30
    stone = json.loads((dist / "terms" / "old-alpha.json").read_bytes())
    assert stone["removed"] is True and urljoin(site + "terms/old-alpha.json", stone["url"]) == \
        site + "terms/alpha.json"


def test_page_urls_are_what_links_json_ld_and_documents_use(glossary_project: Project) -> None:
    every_kind_of_file(glossary_project)
    assert run("export", "--page-url", PAGES, "--base-url", "https://example.org/api/")[0] == 0
    dist = glossary_project.root / "dist"
    alpha = json.loads((dist / "terms" / "alpha.json").read_bytes())
    assert alpha["page_url"] == "https://example.org/glossary/alpha/"
    assert '<a href="https://example.org/glossary/beta-prime/" data-term="beta-prime"' in alpha["body_html"]
    defined, faq = alpha["json_ld"]["@graph"]
    assert defined["@id"] == defined["url"] == alpha["page_url"]
    assert defined["inDefinedTermSet"] == {"@type": "DefinedTermSet", "@id": "https://example.org/api/glossary.json",
                                           "name": "Glossary"}
    assert faq["@id"] == alpha["page_url"] + "#faq" and faq["about"] == {"@id": alpha["page_url"]}
    assert alpha["related_terms"] == [{"slug": "beta-prime", "title": "Beta", "summary": alpha["related_terms"][0][
        "summary"], "url": "https://example.org/api/terms/beta-prime.json",
        "page_url": "https://example.org/glossary/beta-prime/"}]
    moved = json.loads((dist / "terms" / "beta.json").read_bytes())
    assert moved["page_url"] == "https://example.org/glossary/beta-prime/"
    whole = json.loads((dist / "glossary.jsonld").read_bytes())["@graph"]
    assert [node for node in whole if node.get("termCode") == "alpha"][0]["@id"] == alpha["page_url"]
    assert json.loads((dist / "index.json").read_bytes())["page_url_template"] == PAGES


def test_page_url_from_the_project_settings(glossary_project: Project) -> None:
    pyproject = glossary_project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + f'page_url = "{PAGES}"\n', encoding="utf-8")
    assert run("export")[0] == 0
    beta = json.loads((glossary_project.root / "dist" / "terms" / "beta.json").read_bytes())
    assert beta["page_url"] == "https://example.org/glossary/beta/"


@pytest.mark.parametrize("template", ["https://example.org/glossary/", "glossary/{slug}/", "ftp://x/{slug}",
                                      "https://example.org/{slug}/{slug}", "//example.org/{slug}", "/{slug}/{x}"])
def test_a_page_url_that_would_not_resolve_alike_everywhere_is_refused(glossary_project: Project,
                                                                      template: str) -> None:
    code, _, err = run("export", "--page-url", template)
    assert code == 2 and "--page-url" in err and "{slug}" in err


def test_a_base_url_relative_to_nothing_is_refused(glossary_project: Project) -> None:
    code, _, err = run("export", "--base-url", "glossary/")
    assert code == 2 and "a path from the server's root" in err


def html_of(project: Project, body: str) -> str:
    project.write("beta.md", term("beta", related="[alpha]").replace("The body of the term.", body))
    code, _, err = run("export")
    assert code == 0, err
    html: str = json.loads((project.root / "dist" / "terms" / "beta.json").read_bytes())["body_html"]
    return html


def test_data_term_only_on_the_links_the_export_made(glossary_project: Project) -> None:
    html = html_of(glossary_project, 'A <a data-term="not-a-term" href="https://example.net/">raw link</a>, '
                                     '<span data-term="alpha">a span</span> and [alpha](alpha.md).')
    assert re.findall(r'data-term="([^"]*)"', html) == ["alpha"]
    assert 'href="https://example.net/">raw link</a>' in html  # the link itself stays


def test_relative_links_the_export_did_not_make_are_dropped(glossary_project: Project) -> None:
    html = html_of(glossary_project, '[a page](other.html), ![a picture](x.png), <a href="alpha.md">raw</a>, '
                                     '<a href="/about">root</a>, [top](#top), [mail](mailto:a@example.org) '
                                     'and [[alpha]].')
    assert re.findall(r'(?:href|src)="([^"]*)"', html) == ["#top", "mailto:a@example.org", "../terms/alpha.json"]
    assert "a page" in html and "raw" in html and "root" in html


def test_tables_written_in_markdown_become_tables(glossary_project: Project) -> None:
    html = html_of(glossary_project, "| Chip | Watts |\n| :-- | --: |\n| A | <b onclick=x>700</b> |\n")
    assert html == ('<table>\n<thead>\n<tr>\n<th align="left">Chip</th>\n<th align="right">Watts</th>\n</tr>\n'
                    '</thead>\n<tbody>\n<tr>\n<td align="left">A</td>\n<td align="right"><b>700</b></td>\n</tr>\n'
                    '</tbody>\n</table>\n')


def test_one_request_per_page(glossary_project: Project) -> None:
    """A term's page needs nothing but its own document: the other terms it shows, labels, its version."""
    assert run("export")[0] == 0
    dist = glossary_project.root / "dist"
    old = json.loads((dist / "terms" / "old-alpha.json").read_bytes())
    assert old["superseded_by_term"] == {"slug": "alpha", "title": "Alpha", "page_url": None,
                                         "url": "../terms/alpha.json",  # relative to terms/old-alpha.json
                                         "summary": "A short plain sentence about alpha for testing."}
    assert (old["format_version"], old["category_label"]) == ("1.3.0", "Concepts")
    alpha = json.loads((dist / "terms" / "alpha.json").read_bytes())
    assert [card["title"] for card in alpha["related_terms"]] == ["Beta"]
    assert [card["slug"] for card in alpha["related_by_terms"]] == alpha["related_by"] == ["beta"]
    index = json.loads((dist / "index.json").read_bytes())
    assert [t["aliases"] for t in index["terms"]] == [[], ["betas"], []]
