"""The related-terms graph: counts, one-way links, orphans and connected parts, as a report or a picture.

`glossary links` prints the report; `--format dot` and `--format mermaid` print the graph itself for
Graphviz or Mermaid (GitHub renders a ```mermaid block). A link both terms list is drawn once, with two
arrow heads; a one-way link has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from glossary.read.corpus import Corpus
from glossary.read.graph import components, related_graph
from glossary.read.switches import disabled_codes, exempt


@dataclass(frozen=True)
class GraphReport:
    """The shape of the related-terms graph of the parsed terms."""

    terms: int
    links: int
    one_way: list[tuple[str, str]]  # (source, target): source lists target, target does not list source
    orphans: list[str]  # terms no other term lists as related
    components: list[list[str]]  # groups of terms joined by links either way, largest first
    explained: list[tuple[str, str]] = field(default_factory=list)  # one-way on purpose: the source says why

    def as_dict(self) -> dict[str, object]:
        return {"terms": self.terms, "links": self.links,
                "one_way": [list(pair) for pair in self.one_way],
                "one_way_explained": [list(pair) for pair in self.explained], "orphans": self.orphans,
                "components": len(self.components),
                "largest_component": len(self.components[0]) if self.components else 0}

    def text(self) -> str:
        lines = [f"{self.terms} published terms, {self.links} related links"]
        lines.append(self._connected())
        lines.append(f"one-way links ({len(self.one_way)}): the first lists the second, not the other way round")
        lines += [f"  {source} -> {target}" for source, target in self.one_way]
        if self.explained:
            lines.append(f"one-way on purpose ({len(self.explained)}): a '# glossary-disable GL307(...)' "
                         "comment in the first says why")
        lines.append(f"orphans ({len(self.orphans)}): no other term lists them as related")
        lines += [f"  {slug}" for slug in self.orphans]
        return "\n".join(lines) + "\n"

    def _connected(self) -> str:
        if len(self.components) <= 1:
            return "one connected component: every term can be reached from every other"
        lines = [f"{len(self.components)} connected components: the largest holds "
                 f"{len(self.components[0])} of {self.terms} terms; the others cannot be reached from it:"]
        lines += [f"  {', '.join(part)}" for part in self.components[1:]]
        return "\n".join(lines)


def graph_report(corpus: Corpus, disabled: frozenset[str] = frozenset()) -> GraphReport:
    """Count the links, and list the one-way links, the orphans and the components, in slug order.

    A one-way link is explained when the project or its term switches GL307 off for it.
    """
    graph = related_graph(corpus)
    terms = corpus.by_slug()
    one_way = sorted((source, target) for source, targets in graph.items() for target in targets
                     if target in graph and source not in graph[target])
    explained = [(source, target) for source, target in one_way
                 if "GL307" in disabled or "GL307" in disabled_codes(terms[source])
                 or target in exempt(terms[source], "GL307")]
    linked = {target for targets in graph.values() for target in targets}
    orphans = sorted(slug for slug in graph if slug not in linked)
    is_explained = set(explained)
    return GraphReport(len(graph), sum(len(t) for t in graph.values()),
                       [pair for pair in one_way if pair not in is_explained], orphans, components(graph), explained)


def _edges(graph: dict[str, set[str]]) -> list[tuple[str, str, bool]]:
    """(a, b, both ways) for each drawn link: a mutual link once, with a < b."""
    edges = []
    for source in sorted(graph):
        for target in sorted(graph[source] & graph.keys()):
            mutual = source in graph[target]
            if not mutual or source < target:
                edges.append((source, target, mutual))
    return edges


def _titles(corpus: Corpus) -> dict[str, str]:
    return {term.slug: term.text_field("title") or term.slug for term in corpus.terms if term.data is not None}


def render_dot(corpus: Corpus) -> str:
    """The graph in Graphviz's DOT language: `glossary links --format dot | dot -Tsvg > graph.svg`."""
    graph, titles = related_graph(corpus), _titles(corpus)
    lines = ["digraph glossary {", "  node [shape=box, style=rounded];"]
    lines += [f"  {_dot(slug)} [label={_dot(titles[slug])}];" for slug in sorted(graph)]
    lines += [f"  {_dot(a)} -> {_dot(b)}{' [dir=both]' if both else ''};"
              for a, b, both in _edges(graph)]
    return "\n".join(lines + ["}"]) + "\n"


def _dot(text: str) -> str:
    """A DOT quoted string: quotes and backslashes escaped, other characters as written."""
    return json.dumps(text, ensure_ascii=False)


def render_mermaid(corpus: Corpus) -> str:
    """The graph as a Mermaid flowchart, for a ```mermaid block in Markdown."""
    graph, titles = related_graph(corpus), _titles(corpus)
    ids = {slug: "t_" + slug.replace("-", "_") for slug in graph}  # stable as terms come and go; never "end"
    lines = ["graph LR"]
    lines += [f"  {ids[slug]}[\"{_mermaid_text(titles[slug])}\"]" for slug in sorted(graph)]
    lines += [f"  {ids[a]} {'<-->' if both else '-->'} {ids[b]}" for a, b, both in _edges(graph)]
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """A label Mermaid shows as written: quotes and markup characters as entity codes."""
    return "".join(f"#{ord(char)};" if char in '"<>#&;`[]{}|' else char for char in text)
