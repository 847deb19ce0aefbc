"""The related-terms graph: the one owner of who lists whom among the terms readers browse.

Built from a corpus (full or partial terms), it maps each published term's slug to the published slugs
it lists as related, itself excluded. The graph checks (GL307, GL308) and the `glossary links` report
and pictures all read it from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from glossary.read.corpus import Corpus, Term

# The statuses of the terms the graph holds. Drafts are not exported and deprecated terms are on their
# way out. The links report also counts files with no status (another schema's front matter).
PUBLISHED = frozenset({"published"})
PUBLISHED_OR_UNSTATED = frozenset({"published", None})


class RelatedGraph:
    """The related links among the terms whose status is in `statuses`."""

    def __init__(self, corpus: Corpus, statuses: frozenset[str | None] = PUBLISHED) -> None:
        self.terms: dict[str, Term] = {term.slug: term for term in corpus.terms if term.data is not None
                                       and term.text_field("status") in statuses}

    def targets(self, slug: str) -> set[str]:
        """The terms of the graph that `slug` lists as related."""
        return {target for target in self.terms[slug].list_field("related")
                if isinstance(target, str) and target in self.terms and target != slug}

    def edges(self, sources: Iterable[str] | None = None) -> dict[str, set[str]]:
        """Each source's targets: of every term in the graph, or of the named ones that are in it."""
        chosen = self.terms if sources is None else [slug for slug in sources if slug in self.terms]
        return {slug: self.targets(slug) for slug in chosen}

    def listed(self) -> set[str]:
        """Every term of the graph that another term of the graph lists."""
        return {target for slug, term in self.terms.items() for target in term.list_field("related")
                if isinstance(target, str) and target in self.terms and target != slug}


def related_graph(corpus: Corpus) -> dict[str, set[str]]:
    """The graph `glossary links` reports on and draws: every published (or unstated) term's targets."""
    return RelatedGraph(corpus, PUBLISHED_OR_UNSTATED).edges()


def components(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of terms joined by links in either direction, largest first, each sorted."""
    neighbours: dict[str, set[str]] = {slug: set() for slug in graph}
    for source, targets in graph.items():
        for target in targets & graph.keys():
            neighbours[source].add(target)
            neighbours[target].add(source)
    seen: set[str] = set()
    parts: list[list[str]] = []
    for start in sorted(graph):
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], []
        while stack:
            slug = stack.pop()
            part.append(slug)
            for other in neighbours[slug] - seen:
                seen.add(other)
                stack.append(other)
        parts.append(sorted(part))
    return sorted(parts, key=lambda part: (-len(part), part))
