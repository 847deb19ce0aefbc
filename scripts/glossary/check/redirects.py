"""Redirects (GL215-GL219): content/redirects.yml, the old slugs of renamed terms and where they went.

`glossary rename` keeps the file; the export writes `terms/<old>.json` for each entry, pointing at the new
slug, so that consumers' links keep working. The file is a YAML mapping of old slug to new slug. An old slug
must not also be a term file; a new slug must be a term that is exported (not a draft); an entry must lead
straight to a term, not to another redirect. A file that cannot be read is a diagnostic, never a crash.

Passes:  ai-plant: ai-factory        (ai-factory.md exists, ai-plant.md does not)
Fails:   ai-plant: ai-fctory         ->  GL218 did you mean 'ai-factory'?
Fails:   a: b  and  b: c             ->  GL219 point 'a' straight at 'c'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from glossary.check.suggest import slug_index
from glossary.diagnostics import Diagnostic, problem, shorten
from glossary.read.corpus import Corpus
from glossary.read.redirects import Redirect, RedirectsFile, read_redirects


def check_redirects(path: Path, root: Path, corpus: Corpus) -> list[Diagnostic]:
    """Every problem of the redirects file at `path`, judged against the whole content folder."""
    found = read_redirects(path, root)
    return found.diagnostics + list(_judged(found, corpus))


def _judged(found: RedirectsFile, corpus: Corpus) -> Iterator[Diagnostic]:
    mapping = found.mapping()
    terms = corpus.by_slug()
    for redirect in found.redirects:
        if mapping.get(redirect.old) != redirect.new:
            continue  # a repeat, already reported
        if redirect.old in corpus.slugs:
            yield problem("GL217", found.shown, *redirect.old_at,
                          f"'{redirect.old}' is redirected to '{redirect.new}' but is still a term file; remove this "
                          f"line, or rename the term with 'glossary rename {redirect.old} NEW'")
        if redirect.new in corpus.slugs:
            term = terms.get(redirect.new)
            if term is not None and term.text_field("status") == "draft":
                yield problem("GL218", found.shown, *redirect.new_at,
                              f"'{redirect.old}' is redirected to '{redirect.new}', a draft, which is not exported: "
                              f"publish '{redirect.new}' or redirect to another term")
        elif redirect.new in mapping:
            yield problem("GL219", found.shown, *redirect.new_at, _chain_message(redirect, mapping, corpus.slugs))
        else:
            yield problem("GL218", found.shown, *redirect.new_at,
                          f"'{redirect.old}' is redirected to {shorten(redirect.new)}, which is no term"
                          f"{slug_index(corpus).did_you_mean(redirect.new) or '; redirect it to a term that exists'}")


def _chain_message(redirect: Redirect, mapping: dict[str, str], slugs: set[str]) -> str:
    path = [redirect.old] + ([redirect.new] if redirect.new != redirect.old else [])
    seen = set(path)
    while path[-1] not in slugs and path[-1] in mapping:
        following = mapping[path[-1]]
        if following in seen:
            return (f"the redirects go round in a loop ({' -> '.join([*path, following])}); remove the entry "
                    "that leads back, and point each at the term it now is")
        path.append(following)
        seen.add(following)
    if path[-1] in slugs:
        return (f"'{redirect.new}' is itself redirected ({' -> '.join(path)}); point '{redirect.old}' straight "
                f"at '{path[-1]}'")
    return f"'{redirect.new}' is itself redirected ({' -> '.join(path)}), which leads to no term; fix the chain"
