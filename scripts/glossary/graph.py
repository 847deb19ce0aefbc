"""The related-terms graph: which terms link where, which links go one way, which terms nobody links to."""

from __future__ import annotations

from dataclasses import dataclass

from glossary.corpus import Corpus


@dataclass(frozen=True)
class GraphReport:
    """The shape of the related-terms graph of the parsed terms."""

    terms: int
    links: int
    one_way: list[tuple[str, str]]  # (source, target): source lists target, target does not list source
    orphans: list[str]  # terms no other term lists as related

    def as_dict(self) -> dict[str, object]:
        return {"terms": self.terms, "links": self.links,
                "one_way": [list(pair) for pair in self.one_way], "orphans": self.orphans}

    def text(self) -> str:
        lines = [f"{self.terms} terms, {self.links} related links"]
        lines.append(f"one-way links ({len(self.one_way)}): the first lists the second, not the other way round")
        lines += [f"  {source} -> {target}" for source, target in self.one_way]
        lines.append(f"orphans ({len(self.orphans)}): no other term lists them as related")
        lines += [f"  {slug}" for slug in self.orphans]
        return "\n".join(lines) + "\n"


def related_graph(corpus: Corpus) -> dict[str, set[str]]:
    """Each parsed term's slug mapped to the existing slugs it lists as related (itself excluded)."""
    graph: dict[str, set[str]] = {}
    for term in corpus.terms:
        if term.data is None:
            continue
        targets = {t for t in term.list_field("related") if isinstance(t, str)}
        graph[term.slug] = {t for t in targets if t in corpus.slugs and t != term.slug}
    return graph


def graph_report(corpus: Corpus) -> GraphReport:
    """Count the links, and list the one-way links and the orphans, in slug order."""
    graph = related_graph(corpus)
    one_way = sorted((source, target) for source, targets in graph.items() for target in targets
                     if target in graph and source not in graph[target])
    linked = {target for targets in graph.values() for target in targets}
    orphans = sorted(slug for slug in graph if slug not in linked)
    return GraphReport(len(graph), sum(len(t) for t in graph.values()), one_way, orphans)
