"""A published term is deprecated before it goes (GL220); once gone it leaves a tombstone; a rename leaves a
redirect. Checked against the export followed: --previous, or the export in --out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import Project, snapshot, term
from glossary.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def document(folder: Path, slug: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((folder / "terms" / f"{slug}.json").read_bytes())
    return loaded


def test_a_published_term_removed_is_refused_where_its_file_was(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "first"))[0] == 0
    (glossary_project.content / "beta.md").unlink()
    glossary_project.write("alpha.md", term(related="[]"))
    assert run("lint")[0] == 0  # nothing is wrong with the terms themselves
    code, out, err = run("export", "--out", "dist", "--previous", str(tmp_path / "first"))
    assert code == 1 and "export refused" in err
    assert out.startswith("content/terms/beta.md:1:1: error GL220 'beta' was published in the previous export")
    assert "status: deprecated and superseded_by" in out and "remove the file in a later export" in out
    assert not (glossary_project.root / "dist").exists()


def test_a_published_term_set_back_to_draft_is_refused_at_its_status(glossary_project: Project) -> None:
    assert run("export")[0] == 0
    before = snapshot(glossary_project.root / "dist")
    glossary_project.write("beta.md", term("beta", related="[]", status="draft"))
    glossary_project.write("alpha.md", term(related="[]"))
    code, out, _ = run("export")  # the export followed is the one in dist/
    assert code == 1
    assert out.startswith("content/terms/beta.md:7:9: error GL220 'beta' was published in the previous export")
    assert "would leave this one as a draft: set status back to published" in out
    assert snapshot(glossary_project.root / "dist") == before


def test_deprecate_then_remove_leaves_a_tombstone_that_stays(glossary_project: Project, tmp_path: Path) -> None:
    dist = glossary_project.root / "dist"
    glossary_project.write("delta.md", term("delta", related="[alpha]"))
    glossary_project.write("alpha.md", term(related="[beta, delta]"))
    assert run("export")[0] == 0
    glossary_project.write("delta.md", term("delta", related="[alpha]", status="deprecated", superseded_by="beta"))
    assert run("export")[0] == 0
    (glossary_project.content / "delta.md").unlink()
    glossary_project.write("alpha.md", term(related="[beta]"))
    code, _, err = run("export")
    assert code == 0, err
    assert "1 removed" in err and "change feed entry 3" in err
    stone = document(dist, "delta")
    assert stone == {"format_version": "1.3.0", "removed": True, "slug": "delta", "removed_in": 3,
                     "superseded_by": "beta", "url": "../terms/beta.json", "page_url": None}
    index = json.loads((dist / "index.json").read_bytes())
    assert index["removed"] == {"delta": {"superseded_by": "beta", "removed_in": 3}}
    assert json.loads((dist / "glossary.json").read_bytes())["removed"] == index["removed"]
    entry = json.loads((dist / "changes" / "3.json").read_bytes())
    assert (entry["removed"], entry["tombstones"], entry["renamed"]) == (["delta"], {"delta": "beta"}, {})
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A new body"))
    assert run("export")[0] == 0  # later exports keep the tombstone as it was
    assert document(dist, "delta") == stone
    assert json.loads((dist / "changes" / "4.json").read_bytes())["tombstones"] == {}
    shutil.copytree(dist, tmp_path / "kept")
    (glossary_project.content / "old-alpha.md").unlink()  # deprecated (superseded by alpha) since the start
    assert run("export")[0] == 0
    assert document(dist, "old-alpha")["superseded_by"] == "alpha"


def test_a_replacement_that_goes_too_is_followed_to_a_term_still_exported(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    (glossary_project.content / "old-alpha.md").unlink()  # superseded by alpha
    assert run("export")[0] == 0
    assert document(dist, "old-alpha")["superseded_by"] == "alpha"
    glossary_project.write("alpha.md", term(related="[beta]", status="deprecated", superseded_by="beta"))
    assert run("export")[0] == 0
    (glossary_project.content / "alpha.md").unlink()
    glossary_project.write("beta.md", term("beta", related="[]", aliases="[betas]"))
    code, _, err = run("export")
    assert code == 0, err
    assert document(dist, "old-alpha")["superseded_by"] == "beta"  # through alpha, now gone too
    entry = json.loads((dist / "changes" / "4.json").read_bytes())
    assert entry["tombstones"] == {"alpha": "beta", "old-alpha": "beta"}


def test_a_renamed_term_is_a_rename_not_a_removal(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    code, _, err = run("rename", "beta", "beta-prime")
    assert code == 0, err
    code, _, err = run("export")
    assert code == 0, err
    assert "1 added, 1 changed, 1 removed, 1 renamed" in err  # alpha links to it, so alpha changed too
    entry = json.loads((dist / "changes.json").read_bytes())
    assert (entry["added"], entry["removed"], entry["renamed"]) == (["beta-prime"], ["beta"], {"beta": "beta-prime"})
    assert entry["redirects"] == {"beta": "beta-prime"} and entry["tombstones"] == {}
    assert document(dist, "beta")["redirect_to"] == "beta-prime"


def test_a_redirect_taken_out_of_redirects_yml_leaves_a_tombstone(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("rename", "beta", "beta-prime")[0] == 0
    assert run("export")[0] == 0
    (glossary_project.root / "content" / "redirects.yml").unlink()
    code, _, err = run("export")
    assert code == 0, err
    assert document(dist, "beta") == {"format_version": "1.3.0", "removed": True, "slug": "beta", "removed_in": 2,
                                      "superseded_by": "beta-prime", "url": "../terms/beta-prime.json",
                                      "page_url": None}
