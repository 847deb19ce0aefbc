"""Write a deterministic benchmark glossary: N realistic terms (about 3 KB each), linked to each other.

Every term is valid under the repository's schema and links to 3 to 8 others, half of them both ways;
bodies link to some of their related terms. A share of files (`--broken`) is broken on purpose, in the
ways writers really break them (YAML syntax, a missing field, a wrong type, a bad category, a related
term that does not exist, a repeated key, an unclosed front matter). The same arguments always give the
same bytes.

    python benchmarks/generate.py --terms 10000 --broken 0.02 /tmp/glossary-10k
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WORDS = (
    "power cooling rack grid model token agent budget cost energy site server chip memory network "
    "data policy risk plan team market price demand supply storage cable water heat load peak hour "
    "week year build order vendor contract region state rule audit record score test trial batch "
    "queue cache route path signal voice text image video search answer prompt context window layer "
    "weight update check review share stake owner buyer seller lender bank fund asset lease rent "
    "capacity output input speed delay limit quota tariff meter feeder substation turbine panel "
    "battery backup fuel diesel solar wind nuclear carbon permit licence office floor hall room "
    "campus city town port road rail fleet truck ship plane staff shift guard badge door lock"
).split()
STEMS = ("zor", "vex", "tal", "mir", "quen", "dra", "lum", "sar", "bel", "cor", "nim", "pex",
         "rav", "sol", "tun", "vir", "wen", "yar", "kel", "fon")
CATEGORIES = ("concepts", "models", "training", "inference", "data", "hardware", "infrastructure",
              "energy", "agents", "governance", "economics")
ROLES = ("Executive", "Finance lead", "Operations lead", "Facilities manager", "Energy manager",
         "Procurement lead", "Product manager", "Engineer", "Data scientist", "Developer",
         "Security lead", "Legal and compliance lead", "Policy maker", "Investor")
BREAKAGES = ("yaml", "missing", "type", "category", "related", "duplicate", "unclosed")


def title_of(index: int) -> str:
    """A unique two-word title: a made-up word spelt from the index, then a common word."""
    parts, rest = [], index
    for _ in range(3):
        parts.append(STEMS[rest % len(STEMS)])
        rest //= len(STEMS)
    made_up = "".join(parts) + (str(rest) if rest else "")
    return f"{made_up.capitalize()} {WORDS[index % len(WORDS)].capitalize()}"


def slug_of(title: str) -> str:
    return title.lower().replace(" ", "-")


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(6, 12)) for _ in range(sentences))


def related_graph(count: int, rng: random.Random) -> list[list[int]]:
    """3 to 8 related terms each, every link returned by the other term (as the glossary's checks want)."""
    related: list[set[int]] = [set() for _ in range(count)]
    for index in range(count):
        wanted, tries = rng.randint(3, 5), 0
        while len(related[index]) < wanted and count > 8 and tries < 50:
            other, tries = rng.randrange(count), tries + 1
            if other != index and len(related[other]) < 8:
                related[index].add(other)
                related[other].add(index)
    return [sorted(links) for links in related]


def term_text(index: int, titles: list[str], related: list[int], rng: random.Random) -> str:
    title = titles[index]
    names = [slug_of(titles[other]) for other in related]
    roles = rng.sample(ROLES, 3)
    front = [
        f"title: {title}",
        f"summary: {sentence(rng, rng.randint(8, 12))}",
        "definition: >-",
        f"  {title} is {paragraph(rng, 3)}",
        f"category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"aliases: [{title}s, {title.split()[0]} system]",
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}-{rng.choice(WORDS)}]",
        "related:",
        *[f"  - {name}" for name in names],
        "example: >-",
        f"  {paragraph(rng, 3)}",
        "roles:",
        *[line for role in roles for line in (f"  - role: {role}", f"    use: {sentence(rng, 14)}")],
        "faq:",
        *[line for _ in range(2)
          for line in (f"  - question: {sentence(rng, 7)[:-1]}?", f"    answer: {paragraph(rng, 2)}")],
        "status: published",
        "updated: 2026-11-27",
        "sources:",
        f"  - title: The {rng.choice(WORDS)} report",
        f"    url: https://example.org/{slug_of(title)}",
    ]
    links = [f"[{titles[other]}]({slug_of(titles[other])}.md)" for other in related[:2]]
    # one term in ten names another term without linking it, as real drafts do (a GL309 warning)
    aside = f" Compare {titles[(index * 7 + 3) % len(titles)]}." if index % 10 == 5 and len(titles) > 1 else ""
    body = [paragraph(rng, 5), f"It works with {' and '.join(links)}. {paragraph(rng, 5)}{aside}",
            paragraph(rng, 5), paragraph(rng, 4)]
    return "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(body) + "\n"


def broken(text: str, kind: str) -> str:
    """The same term with one mistake of the given kind."""
    if kind == "yaml":
        return text.replace("\ncategory: ", "\ncategory: [", 1)
    if kind == "missing":
        return text.replace("\nstatus: published", "", 1)
    if kind == "type":
        return text.replace("\nstatus: published", "\nstatus: published\nrelated_count: 3", 1) \
            .replace("\nupdated: 2026-11-27", "\nupdated: yesterday", 1)
    if kind == "category":
        return text.replace("\ncategory: ", "\ncategory: gadgets-", 1)
    if kind == "related":
        return text.replace("\nrelated:\n", "\nrelated:\n  - no-such-term\n", 1)
    if kind == "duplicate":
        return text.replace("\nstatus: published", "\nstatus: published\nstatus: draft", 1)
    return text.replace("\n---\n", "\n", 1)  # unclosed: the closing fence is gone


def new_project(root: Path) -> Path:
    """An empty glossary project at `root` (replaced): pyproject.toml, the schemas; returns its content folder."""
    if root.exists():
        shutil.rmtree(root)
    content = root / "content" / "terms"
    content.mkdir(parents=True)
    (root / "schema").mkdir()
    for name in ("term.schema.json", "export.schema.json"):
        shutil.copy(REPO / "schema" / name, root / "schema" / name)
    (root / "pyproject.toml").write_text(
        '[tool.glossary]\ncontent = "content/terms"\nschema = "schema/term.schema.json"\n'
        'export_schema = "schema/export.schema.json"\nout = "dist"\nname = "Benchmark glossary"\n',
        encoding="utf-8")
    return content


def write_project(root: Path, terms: int, broken_share: float = 0.0, seed: int = 1) -> Path:
    """A glossary project at `root` (pyproject.toml, the schema, content/terms); returns the content folder."""
    rng = random.Random(seed)
    content = new_project(root)
    titles = [title_of(index) for index in range(terms)]
    graph = related_graph(terms, rng)
    broken_every = round(1 / broken_share) if broken_share > 0 else 0
    for index, title in enumerate(titles):
        text = term_text(index, titles, graph[index], rng)
        if broken_every and index % broken_every == broken_every // 2:
            text = broken(text, BREAKAGES[(index // broken_every) % len(BREAKAGES)])
        (content / f"{slug_of(title)}.md").write_text(text, encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--broken", type=float, default=0.0, help="share of broken files, 0 to 1")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    content = write_project(args.root, args.terms, args.broken, args.seed)
    print(f"wrote {args.terms} terms to {content}")


if __name__ == "__main__":
    main()
