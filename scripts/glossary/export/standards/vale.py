"""A Vale vocabulary and style from the exported terms, for repositories whose prose should follow them.

The export's vale/ folder is a StylesPath: `config/vocabularies/<Name>/accept.txt` holds the preferred
and admitted names (titles, aliases, abbreviations), `reject.txt` the deprecated names, and
`<Name>/Terms.yml` a `substitution` rule that swaps each deprecated name (ignoring case, as a whole
word) for its term's title (and every name of a deprecated term for its successor's title), with the one-click fix Vale's `replace` action offers. Vocabulary entries
are regular expressions; Vale is written in Go, so every pattern here uses only what Go's RE2 syntax
accepts (literal characters, a backslash before punctuation, a two-letter class such as `[Ll]`, `\b`).

Case, as a writer meets it: Vale's built-in Vale.Terms rule flags any spelling of an accepted entry
that the entry's pattern does not match. A title is written as a heading ("Large Language Model"),
and the same words open a sentence or sit in one ("a large language model"), so the first letter of
each capitalised word, and of a name's first word, matches either case: `[Ll]arge [Ll]anguage
[Mm]odel`. Acronyms and mixed-case words (GPU, PyTorch, iPhone) keep their case exactly, so "gpu" is
flagged with "GPU" as the fix.
"""

from __future__ import annotations

import json
import re
import unicodedata

from glossary.export.standards import Entry
from glossary.export.urls import Place
from glossary.read.wording import in_sentence, replacement

FALLBACK_NAME = "Glossary"
# Names Vale keeps for itself: the built-in style, and the folder of vocabularies under StylesPath.
_RESERVED = {"vale", "config"}  # compared ignoring case: some file systems do
# Characters with a meaning in an RE2 pattern, and '#', which opens a comment line in a vocabulary.
_SPECIAL = frozenset("\\.+*?()|[]{}^$#")
_RUNS = re.compile(r"[^\W\d_]+|[\s\S]")  # runs of letters, and every other character alone


def style_name(glossary_name: str) -> str:
    """The style and vocabulary name: the glossary's name in ASCII letters and digits (each word
    capitalised: "AI glossary" -> "AIGlossary"), "Glossary" when nothing is left, never a name Vale keeps for itself."""
    plain = unicodedata.normalize("NFKD", glossary_name).encode("ascii", "ignore").decode("ascii")
    words = ("".join(character for character in word if character.isalnum()) for word in plain.split())
    name = "".join(word[:1].upper() + word[1:] for word in words) or FALLBACK_NAME
    return name + FALLBACK_NAME if name.casefold() in _RESERVED else name


def plain_name(name: str) -> str:
    """A name with its runs of white space (line breaks included) made one space."""
    return " ".join(name.split())


def escaped(name: str) -> str:
    """A pattern matching `name` literally: a backslash before each RE2 metacharacter and '#', and
    nothing else (RE2 and Vale's engine both read a backslash before punctuation as that character)."""
    return "".join("\\" + character if character in _SPECIAL else character for character in name)


def _free_first_letter(run: str, at_start: bool) -> bool:
    """Whether a run of letters is matched whatever the case of its first letter."""
    first = run[0]
    if len(first.upper()) != 1 or len(first.lower()) != 1 or first.upper() == first.lower():
        return False
    capitalised = len(run) >= 2 and first.isupper() and run[1:].islower()
    return capitalised or at_start and run.islower()


def vocabulary_pattern(name: str) -> str:
    """The vocabulary entry for a name: escaped, with the first letter of its first word and of each
    capitalised word free in case (see the module's docstring)."""
    parts = []
    for match in _RUNS.finditer(name):
        run = match.group()
        if run[0].isalpha() and _free_first_letter(run, match.start() == 0):
            parts.append(f"[{run[0].upper()}{run[0].lower()}]{run[1:]}")
        else:
            parts.append(escaped(run))
    return "".join(parts)


def admitted_names(entry: Entry) -> list[str]:
    """The preferred and admitted names of a term: its title, aliases and abbreviation."""
    names = [entry.title, *entry.aliases, *([entry.abbreviation] if entry.abbreviation else [])]
    return [plain for plain in map(plain_name, names) if plain]


def _successors(entries: list[Entry]) -> dict[str, Entry]:
    """The replacing entry of each deprecated term whose successor is in the export, by slug: the last of
    the chain, so that a fix never needs fixing again (a successor deprecated in turn is followed)."""
    by_slug = {entry.slug: entry for entry in entries}

    def next_of(entry: Entry) -> Entry | None:
        following = by_slug.get(entry.superseded_by or "") if entry.status == "deprecated" else None
        return following if following is not None and following.slug != entry.slug else None

    found: dict[str, Entry] = {}
    for entry in entries:
        seen, last = {entry.slug}, next_of(entry)
        while last is not None and (after := next_of(last)) is not None and after.slug not in seen:
            seen.add(last.slug)
            last = after
        if last is not None:
            found[entry.slug] = last
    return found


def accepted_names(entries: list[Entry]) -> list[str]:
    """The names Vale accepts: those of every term but a deprecated one whose successor is exported."""
    superseded = _successors(entries)
    return [name for entry in entries if entry.slug not in superseded for name in admitted_names(entry)]


def deprecated_names(entries: list[Entry]) -> list[tuple[str, str, str | None]]:
    """(deprecated name, what to write instead, why) for every name to avoid: each term's deprecated
    names, and every name of a deprecated term whose successor is exported. What to write is the title (of
    the last successor, for a deprecated term) as a sentence reads it, in the plural for a plural name. Each name once whatever its
    case (Vale matches them ignoring case), leaving out any that is also accepted."""
    accepted = {name.casefold() for name in accepted_names(entries)}
    successors = _successors(entries)
    candidates = [(name, replacement(name, (successors.get(entry.slug) or entry).title,
                                     [*admitted_names(entry), *(other for other, _ in entry.deprecated)]), why)
                  for entry in entries for name, why in entry.deprecated]
    candidates += [(name, in_sentence(successors[entry.slug].title), "the term is deprecated")
                   for entry in entries if entry.slug in successors for name in admitted_names(entry)]
    found: dict[str, tuple[str, str, str | None]] = {}
    for name, title, why in candidates:
        plain = plain_name(name)
        if plain and plain.casefold() not in accepted:
            found.setdefault(plain.casefold(), (plain, plain_name(title), why))
    return [found[key] for key in sorted(found)]


def swap_pattern(name: str) -> str:
    """A swap key: the name escaped, bounded as a word on each side that is a word character. The rule
    is `nonword`, so Vale adds no \\b of its own, which would never match beside a name's punctuation
    ("C++", "(old)")."""
    start = "\\b" if name[0].isalnum() or name[0] == "_" else ""
    end = "\\b" if name[-1].isalnum() or name[-1] == "_" else ""
    return start + escaped(name) + end


def _lines(patterns: set[str]) -> bytes:
    return "".join(pattern + "\n" for pattern in sorted(patterns)).encode("utf-8")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _suggestion(title: str) -> str:
    """A swap's value: Vale splits it at '|' into several suggestions, so a title keeps its own '|'."""
    return title.replace("|", "\\|")


def terms_rule(name: str, swaps: list[tuple[str, str, str | None]]) -> bytes:
    """The `substitution` rule: each deprecated name (as a pattern) to the title that replaces it."""
    lines = [
        f"# {name}.Terms, written by `glossary export`: use the preferred name, not a deprecated one.",
        "# Do not edit by hand; change the glossary's terms and export again.",
        "extends: substitution",
        "message: " + _yaml_string("Use '%s' instead of '%s'."),
        "level: warning",
        "ignorecase: true",
        "nonword: true  # each name carries its own word boundaries",
        "capitalize: true  # a capitalised match (a sentence start) gets a capitalised fix",
        "vocab: false  # accepted names must not silence a deprecated one that contains them",
        "action:",
        "  name: replace",
    ]
    if not swaps:
        lines.append("swap: {}")
    else:
        lines.append("swap:")
        for deprecated, preferred, why in swaps:
            if why and plain_name(why):
                lines.append(f"  # {deprecated}: {plain_name(why)}")
            lines.append(f"  {_yaml_string(swap_pattern(deprecated))}: {_yaml_string(_suggestion(preferred))}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def files(entries: list[Entry], place: Place) -> dict[str, bytes]:
    """The vale/ folder of the export: the vocabulary's two lists and the style's Terms rule."""
    name = style_name(place.name)
    swaps = deprecated_names(entries)
    accepted = {vocabulary_pattern(each) for each in accepted_names(entries)}
    rejected = {vocabulary_pattern(deprecated) for deprecated, _, _ in swaps} - accepted
    vocabulary = f"vale/config/vocabularies/{name}"
    return {
        f"{vocabulary}/accept.txt": _lines(accepted),
        f"{vocabulary}/reject.txt": _lines(rejected),
        f"vale/{name}/Terms.yml": terms_rule(name, swaps),
    }
