"""Write a benchmark glossary shaped like this repository's own: its terms replicated to about N.

Copy 0 is the repository's terms as they are. Copy k renames each term's slug to `<slug>-c<k>`, and each
name (title, abbreviation, alias or deprecated name) to `<name> c<k>`, wherever it is written: slugs in
`related`, `superseded_by`, body links and switch comments; names in the name fields, the text fields and
the bodies (whole words, as the mentions check reads them). So a copy's links resolve within the copy, its
switch comments name its own terms and its bodies mention its own names: comments, switches, mentions and
one-way links are kept, copy for copy. `--storm` then deletes the two terms most linked to, in every copy, as a writer who deletes or
hand-renames a popular term does: their links break by the thousand.

    python benchmarks/realshaped.py --terms 10000 [--storm] [--source content/terms] /tmp/glossary-real-10k
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from generate import REPO, new_project

SOURCE = REPO / "content" / "terms"
SLUGISH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SWITCH_TARGETS = re.compile(r"(GL\d{3}\()([^()]*)(\))")
KEY = re.compile(r"^([A-Za-z_]+):")
PREFIX = re.compile(r"^(\s*(?:-\s+)?(?:[A-Za-z_]+:)?)(.*)$")  # indent, list dash, key: / the value
# In a body: link targets, wiki links, web addresses and code keep their text; the prose between is renamed.
PROTECTED = re.compile(r"\]\((?P<target>[^()\s]*)\)|\[\[(?P<wiki>[^\]|\n]*)(?P<label>\|[^\]\n]*)?\]\]"
                       r"|^ {0,3}\[[^\]\n]+\]:[ \t]*(?P<reference>\S+)|https?://\S+|`[^`\n]*`", re.MULTILINE)
SLUG_FIELDS = ("related", "superseded_by")
KEPT_FIELDS = ("tags", "category", "status", "updated")


@dataclass
class Original:
    slug: str
    text: str
    names: list[str]
    links: list[str]  # every slug it names: related, superseded_by, body links, switch targets


def read_originals(source: Path) -> list[Original]:
    """The source folder's terms, with their names and every slug they link to."""
    originals = []
    for path in sorted(source.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, _, body = text[4:].partition("\n---\n")
        data = yaml.safe_load(front) or {}
        names = [data.get("title"), data.get("abbreviation")] + list(data.get("aliases") or [])
        names += [item.get("name") for item in data.get("deprecated_names") or [] if isinstance(item, dict)]
        links = [*(data.get("related") or []), data.get("superseded_by")]
        links += [m.group("target")[:-3] for m in PROTECTED.finditer(body) if (m.group("target") or "").endswith(".md")]
        links += [m.group("wiki") for m in PROTECTED.finditer(body) if m.group("wiki")]
        links += [t.strip() for m in SWITCH_TARGETS.finditer(front) for t in m.group(2).split(",")]
        originals.append(Original(path.stem, text, [n for n in names if isinstance(n, str) and n.strip()],
                                  [link for link in links if isinstance(link, str)]))
    return originals


class Copier:
    """Renames one copy's slugs and names in a term's text."""

    def __init__(self, originals: list[Original]) -> None:
        self.slugs = {original.slug for original in originals}
        self.names = {" ".join(name.split()).casefold(): name for o in originals for name in o.names}
        spelled = sorted(self.names.values(), key=len, reverse=True)  # the longest name wins
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, name.split()))
                                                               for name in spelled) + r")(?![\w-])", re.IGNORECASE)

    def copy(self, text: str, copy: int | str) -> str:
        if copy == 0:
            return text
        front, _, body = text[4:].partition("\n---\n")
        return "---\n" + self._front_matter(front, copy) + "\n---\n" + self._body(body, copy)

    def slug(self, slug: str, copy: int | str) -> str:
        return f"{slug}-c{copy}" if slug in self.slugs and copy else slug

    def _slugs_in(self, text: str, copy: int | str) -> str:
        return SLUGISH.sub(lambda m: self.slug(m.group(0), copy), text)

    def _names_in(self, text: str, copy: int | str) -> str:
        def renamed(match: re.Match[str]) -> str:
            name = self.names.get(" ".join(match.group(0).split()).casefold(), "")
            if " " not in name and name.isupper() and match.group(0) != name:
                return match.group(0)  # an all-capitals name matches only as written (GPU, not gpu)
            return f"{match.group(0)} c{copy}"
        return self.pattern.sub(renamed, text)

    def _front_matter(self, front: str, copy: int | str) -> str:
        lines, field = [], ""
        for line in front.split("\n"):
            key = KEY.match(line)
            field = key.group(1) if key else field
            if line.lstrip().startswith("#"):
                line = SWITCH_TARGETS.sub(lambda m: m.group(1) + self._slugs_in(m.group(2), copy) + m.group(3), line)
                lines.append(self._names_in(line, copy))
                continue
            prefix, value = PREFIX.match(line).groups()  # type: ignore[union-attr]
            if field in SLUG_FIELDS:
                value = self._slugs_in(value, copy)
            elif field not in KEPT_FIELDS and not re.search(r"\b(?:role|url):$", prefix):
                value = self._names_in(value, copy)
            lines.append(prefix + value)
        return "\n".join(lines)

    def _body(self, body: str, copy: int | str) -> str:
        parts, done = [], 0
        for match in PROTECTED.finditer(body):
            parts.append(self._names_in(body[done:match.start()], copy))
            parts.append(self._protected(match, copy))
            done = match.end()
        parts.append(self._names_in(body[done:], copy))
        return "".join(parts)

    def _protected(self, match: re.Match[str], copy: int | str) -> str:
        whole = match.group(0)
        for group in ("target", "reference"):
            target = match.group(group)
            if target and target.endswith(".md"):
                start, end = match.span(group)
                renamed = self.slug(target[:-3], copy) + ".md"
                return whole[:start - match.start()] + renamed + whole[end - match.start():]
        if match.group("wiki") is not None:
            label = match.group("label") or ""
            return f"[[{self.slug(match.group('wiki'), copy)}{self._names_in(label, copy)}]]"
        return whole


def popular(originals: list[Original], count: int = 2) -> list[str]:
    """The `count` terms most linked to (ties by slug)."""
    linked = Counter(link for original in originals for link in set(original.links) if link != original.slug)
    return sorted(linked, key=lambda slug: (-linked[slug], slug))[:count]


def write_real_project(root: Path, terms: int, storm: bool = False, source: Path = SOURCE) -> tuple[Path, int]:
    """The project at `root` (replaced); returns its content folder and how many terms it holds."""
    originals = read_originals(source)
    copier = Copier(originals)
    deleted = set(popular(originals)) if storm else set()
    content = new_project(root)
    kept = [original for original in originals if original.slug not in deleted]
    # Each term is renamed once, with a mark where the copy's number goes: the copies only fill it in.
    templates = [(copier.slug(original.slug, COPY_MARK), copier.copy(original.text, COPY_MARK)) for original in kept]
    written = 0
    for copy in range(max(1, round(terms / len(originals)))):
        for original, (slug, text) in zip(kept, templates):
            number = str(copy)
            name, text = (original.slug, original.text) if copy == 0 else \
                (slug.replace(COPY_MARK, number), text.replace(COPY_MARK, number))
            (content / f"{name}.md").write_text(text, encoding="utf-8")
            written += 1
    return content, written


COPY_MARK = "\ue000"  # a private-use character: in no term, and no word character to the renaming patterns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--terms", type=int, default=1000, help="about this many (whole copies)")
    parser.add_argument("--storm", action="store_true", help="delete the two most linked terms in every copy")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the terms to replicate")
    args = parser.parse_args()
    content, written = write_real_project(args.root, args.terms, args.storm, args.source)
    print(f"wrote {written} terms to {content}")


if __name__ == "__main__":
    main()
