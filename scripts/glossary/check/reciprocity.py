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
from glossary.read.corpus import Corpus
from glossary.read.graph import RelatedGraph
from glossary.read.switches import exempt


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """One-way links from, and orphan status of, every reported published term."""
    graph = RelatedGraph(corpus)
    live = graph.terms
    reported = list(corpus.targets())
    # The lists of the reported terms' targets (every list when all terms are reported), and every slug
    # any other live term lists: what the one-way and orphan checks below read.
    wanted = None if corpus.selected is None else \
        {t for term in reported for t in term.list_field("related") if isinstance(t, str)}
    lists = graph.edges(wanted)
    listed = graph.listed()
    for term in reported:
        if term.slug not in live or live[term.slug] is not term:
            continue
        seen: set[str] = set(exempt(term, "GL307"))
        for index, target in enumerate(term.list_field("related")):
            if not isinstance(target, str) or target not in lists or target in seen or target == term.slug:
                continue
            if term.slug not in lists[target]:
                seen.add(target)
                line, column = mark_of(term, ("related", index))
                yield problem("GL307", term.path, line, column,
                              f"'{term.slug}' lists '{target}' as related, but '{target}' does not list "
                              f"'{term.slug}' back; add it there, or say why not with "
                              f"'# glossary-disable GL307({target}): reason' in this front matter")
        if term.slug not in listed and len(live) > 1:
            line, column = mark_of(term, ("title",))
            yield problem("GL308", term.path, line, column,
                          f"no other published term lists '{term.slug}' as related, so readers never reach it; "
                          "add it to the related list of the terms it belongs with")
