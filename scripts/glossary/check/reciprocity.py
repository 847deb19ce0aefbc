"""Graph check (GL307, GL308): related links go both ways, and every term is linked from another.

Among published terms, when A lists B as related, B should list A back (GL307, reported at A's entry),
so a reader can walk the graph either way. A published term that no other published term lists is an
orphan (GL308): readers browsing the glossary never reach it. Drafts and deprecated terms are left out:
drafts are not exported, and a deprecated term is on its way out. Where a link rightly goes one way,
say why in the front matter, for the terms concerned: `# glossary-disable GL307(gpu): the reason`.

Passes:  gpu.md related: [compute]   and   compute.md related: [gpu]
Fails:   gpu.md related: [compute]   and   compute.md related: []   ->  GL307 at gpu.md's entry
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.check.textual import mark_of
from glossary.diagnostics import Diagnostic, problem
from glossary.read.corpus import Corpus, Term
from glossary.read.graph import RelatedGraph
from glossary.read.switches import exempt


def one_way(corpus: Corpus, graph: RelatedGraph | None = None) -> Iterator[tuple[Term, int, str]]:
    """(term, index in its related list, target) for each reported published term's link that the target,
    also published, does not return, unless a switch in the term exempts that target. `glossary links
    --fix` adds these back-links."""
    graph = graph or RelatedGraph(corpus)
    live = graph.terms
    # The lists of the reported terms' targets (every list when all terms are reported): what the check reads.
    wanted = None if corpus.selected is None else \
        {t for term in corpus.targets() for t in term.list_field("related") if isinstance(t, str)}
    lists = graph.edges(wanted)
    for term in corpus.targets():
        if term.slug not in live or live[term.slug] is not term:
            continue
        seen: set[str] = set(exempt(term, "GL307"))
        for index, target in enumerate(term.list_field("related")):
            if not isinstance(target, str) or target not in lists or target in seen or target == term.slug:
                continue
            if term.slug not in lists[target]:
                seen.add(target)
                yield term, index, target


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """One-way links from, and orphan status of, every reported published term."""
    graph = RelatedGraph(corpus)
    for term, index, target in one_way(corpus, graph):
        line, column = mark_of(term, ("related", index))
        yield problem("GL307", term.path, line, column,
                      f"'{term.slug}' lists '{target}' as related, but '{target}' does not list "
                      f"'{term.slug}' back; add it there (glossary links --fix does), or say why not with "
                      f"'# glossary-disable GL307({target}): reason' in this front matter")
    listed = graph.listed()
    for term in corpus.targets():
        if term.slug in graph.terms and graph.terms[term.slug] is term and term.slug not in listed \
                and len(graph.terms) > 1:
            line, column = mark_of(term, ("title",))
            yield problem("GL308", term.path, line, column,
                          f"no other published term lists '{term.slug}' as related, so readers never reach it; "
                          "add it to the related list of the terms it belongs with")
