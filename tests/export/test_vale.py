"""The Vale vocabulary and style: paths, RE2-only patterns that match names literally, a Terms.yml that
follows Vale's documented `substitution` rule and swaps deprecated names the way Vale applies it, the
same bytes for the same entries."""

from __future__ import annotations

import configparser
import re
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO
from glossary.export.standards import Entry
from glossary.export.standards.vale import escaped, files, style_name, vocabulary_pattern
from glossary.export.urls import Place


def entry(slug: str, title: str, *, aliases: tuple[str, ...] = (), abbreviation: str | None = None,
          deprecated: tuple[tuple[str, str | None], ...] = ()) -> Entry:
    return Entry(slug=slug, title=title, summary="A summary.", definition="A definition.", example=None,
                 aliases=aliases, abbreviation=abbreviation, deprecated=deprecated, related=(),
                 category="hardware", category_label="Hardware", status="published", superseded_by=None,
                 updated="2025-01-01", page_url=None)


ENTRIES = [
    entry("ai-accelerator", "AI Accelerator", aliases=("AI chip", "deep learning processor"),
          deprecated=(("AI chips", "too narrow: the term covers more than chips"), ("NN engine", None))),
    entry("c-plus-plus", "C++ (language)", aliases=("C++",), deprecated=(("c plus plus", None),)),
    entry("gpu", "GPU", aliases=("graphics processing unit",), deprecated=(("GPU usage", "say utilisation"),)),
    entry("large-language-model", "Large Language Model", abbreviation="LLM",
          deprecated=(("Big model [old]", None),)),
    entry("ethique", "Éthique de l'IA", aliases=("straße", "ǅemal"), deprecated=(("Moralité*", "vague"),)),
    entry("pipe", "Yes|No Gate", deprecated=(("either-or gate", None),)),
]
PLACE = Place.of(name="AI Glossary")

# Vale's documented `substitution` rule (vale.sh/docs/checks/substitution) with the header every rule
# takes (vale.sh/docs/styles): nothing else is accepted.
SUBSTITUTION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["extends", "message", "swap"],
    "additionalProperties": False,
    "properties": {
        "extends": {"const": "substitution"},
        "message": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "level": {"enum": ["suggestion", "warning", "error"]},
        "scope": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "link": {"type": "string"},
        "limit": {"type": "integer", "minimum": 0},
        "action": {"type": "object", "required": ["name"], "additionalProperties": False, "properties": {
            "name": {"enum": ["suggest", "edit", "replace", "remove"]},
            "params": {"type": "array", "items": {"type": "string"}}}},
        "append": {"type": "boolean"},
        "ignorecase": {"type": "boolean"},
        "nonword": {"type": "boolean"},
        "swap": {"type": "object", "additionalProperties": {"type": "string"}},
        "exceptions": {"type": "array", "items": {"type": "string"}},
        "vocab": {"type": "boolean"},
        "capitalize": {"type": "boolean"},
    },
}

# What RE2 (Go's regexp/syntax) accepts after a backslash besides ASCII punctuation.
_RE2_ESCAPES = set("aftnrvdDsSwWbBAzpPQEx01234567")
_NOT_IN_RE2 = {"ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS", "ATOMIC_GROUP", "POSSESSIVE_REPEAT"}


def _opcodes(parsed: Any) -> set[str]:
    found: set[str] = set()
    for op, argument in parsed:
        found.add(str(op))
        for part in argument if isinstance(argument, (tuple, list)) else ():
            if isinstance(part, re._parser.SubPattern):  # type: ignore[attr-defined]
                found |= _opcodes(part)
            elif isinstance(part, (tuple, list)):
                found |= {op for item in part if isinstance(item, re._parser.SubPattern)  # type: ignore[attr-defined]
                          for op in _opcodes(item)}
    return found


def re2_problem(pattern: str) -> str | None:
    """Why RE2 would refuse `pattern` (or Python cannot compile it), or None when both accept it."""
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
        re.compile(pattern)
    except re.error as error:
        return f"does not compile: {error}"
    if lacking := _opcodes(parsed) & _NOT_IN_RE2:
        return f"uses {sorted(lacking)}, which RE2 lacks"
    for escape in re.finditer(r"\\(.)", pattern, re.DOTALL):
        character = escape.group(1)
        if not (character.isascii() and not character.isalnum() or character in _RE2_ESCAPES):
            return f"escape \\{character} is not RE2"
    return None


def vale_alerts(rule: dict[str, Any], accepted: list[str], text: str) -> list[tuple[str, list[str]]]:
    """The (matched text, suggestions) a `substitution` rule raises on `text`, as Vale's substitution.go
    applies it: keys longest first in one alternation, the word template unless `nonword`, `ignorecase`,
    suggestions split at unescaped '|', `capitalize`, and the vocabulary as exceptions unless `vocab`
    is false."""
    keys = sorted(rule["swap"], key=len, reverse=True)
    template = r"(?:{})" if rule.get("nonword") else r"\b(?:{})\b"
    flags = re.MULTILINE | (re.IGNORECASE if rule.get("ignorecase") else 0)
    pattern = re.compile(template.format("|".join(f"({key})" for key in keys)), flags)
    exceptions = re.compile(r"\b(?:" + "|".join(accepted) + r")\b") if accepted else None
    alerts = []
    for match in pattern.finditer(text):
        index = next(number for number, group in enumerate(match.groups()) if group is not None)
        observed = match.group(0)
        options = [option.replace("\0", "|")
                   for option in rule["swap"][keys[index]].replace("\\|", "\0").split("|") if option]
        if rule.get("capitalize") and observed == observed[:1].upper() + observed[1:]:
            options = [option[:1].upper() + option[1:] for option in options]
        if observed in options:
            continue
        if rule.get("vocab", True) and exceptions and exceptions.search(observed):
            continue
        alerts.append((observed, options))
    return alerts


@pytest.fixture(scope="module")
def written() -> dict[str, bytes]:
    return files(ENTRIES, PLACE)


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def rule_of(written: dict[str, bytes]) -> dict[str, Any]:
    loaded = yaml.safe_load(written["vale/AIGlossary/Terms.yml"])
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize("name, style", [("AI Glossary", "AIGlossary"), ("", "Glossary"), ("  ", "Glossary"),
                                         ("Glossaire éthique!", "GlossaireEthique"), ("Vale", "ValeGlossary"),
                                         ("config", "ConfigGlossary"), ("AI glossary", "AIGlossary"), ("Config", "ConfigGlossary"),
                                         ("日本語", "Glossary")])
def test_the_style_is_named_after_the_glossary_in_letters_and_digits(name: str, style: str) -> None:
    assert style_name(name) == style
    assert sorted(files([], Place.of(name=name))) == sorted([
        f"vale/config/vocabularies/{style}/accept.txt", f"vale/config/vocabularies/{style}/reject.txt",
        f"vale/{style}/Terms.yml"])


def test_the_vocabulary_accepts_titles_aliases_and_abbreviations_and_rejects_deprecated_names(
        written: dict[str, bytes]) -> None:
    accept = lines(written["vale/config/vocabularies/AIGlossary/accept.txt"])
    reject = lines(written["vale/config/vocabularies/AIGlossary/reject.txt"])
    assert accept == sorted(accept) and len(accept) == len(set(accept))
    assert {"AI [Aa]ccelerator", "AI chip", "[Dd]eep learning processor", r"C\+\+ \(language\)", r"C\+\+",
            "GPU", "[Gg]raphics processing unit", "[Ll]arge [Ll]anguage [Mm]odel", "LLM"} <= set(accept)
    assert set(reject) == {"AI chips", "NN engine", "[Cc] plus plus", "GPU usage", r"[Bb]ig model \[old\]",
                           r"[Mm]oralité\*", "[Ee]ither-or gate"}
    assert not set(accept) & set(reject)


def test_vocabulary_patterns_match_their_name_as_a_writer_spells_it_and_nothing_else() -> None:
    cases = {
        "Large Language Model": (["Large Language Model", "Large language model", "large language model"],
                                 ["LARGE LANGUAGE MODEL", "large Language model x", "Large-language model"]),
        "AI Accelerator": (["AI Accelerator", "AI accelerator"], ["ai accelerator", "AI ACCELERATOR"]),
        "GPU": (["GPU"], ["gpu", "Gpu"]),
        "PyTorch": (["PyTorch"], ["pytorch", "Pytorch"]),
        "k-means": (["k-means", "K-means"], ["k-Means", "kmeans"]),
        "C++ (language)": (["C++ (language)"], ["C++ (Language)", "C (language)", "C++ language"]),
        "a.b*c?": (["a.b*c?", "A.b*c?"], ["axb*c", "a.bbbc"]),
        "Éthique": (["Éthique", "éthique"], ["ÉTHIQUE"]),
        "straße": (["straße", "Straße"], ["STRASSE"]),
        "#hashtag": (["#hashtag"], ["#Hashtag"]),
    }
    for name, (matching, other) in cases.items():
        pattern = vocabulary_pattern(name)
        assert re2_problem(pattern) is None, (name, pattern)
        assert not pattern.startswith("#"), "a line opening with '#' is a comment in a Vale vocabulary"
        for text in matching:
            assert re.fullmatch(pattern, text), (name, pattern, text)
        for text in other:
            assert not re.fullmatch(pattern, text), (name, pattern, text)


def test_escaping_matches_every_character_literally_and_stays_within_re2() -> None:
    every_ascii = "".join(chr(code) for code in range(32, 127))
    for text in (every_ascii, "a\\b", "日本語 (テスト)", "x|y", "^$", "[a-z]{2,}"):
        pattern = escaped(text)
        assert re2_problem(pattern) is None, pattern
        assert re.fullmatch(pattern, text)
    assert escaped("large language model") == "large language model", "plain names stay readable"


@pytest.mark.parametrize("pattern", ["(?=x)y", "(?!x)y", "(?<=x)y", "(?<!x)y", r"(a)\1", "(?>ab)", "a++"])
def test_the_re2_check_refuses_what_re2_lacks(pattern: str) -> None:
    assert re2_problem(pattern) is not None


def test_every_written_pattern_is_re2(written: dict[str, bytes]) -> None:
    patterns = [*lines(written["vale/config/vocabularies/AIGlossary/accept.txt"]),
                *lines(written["vale/config/vocabularies/AIGlossary/reject.txt"]), *rule_of(written)["swap"]]
    assert len(patterns) > 20
    for pattern in patterns:
        assert re2_problem(pattern) is None, pattern
        assert re2_problem("(?i)" + pattern) is None, pattern


def test_terms_rule_follows_vales_substitution_schema(written: dict[str, bytes]) -> None:
    rule = rule_of(written)
    jsonschema.Draft202012Validator(SUBSTITUTION_SCHEMA).validate(rule)
    assert rule["extends"] == "substitution" and rule["ignorecase"] is True
    assert rule["action"] == {"name": "replace"} and rule["level"] == "warning"
    assert rule["vocab"] is False and rule["message"].count("%s") == 2
    assert list(rule["swap"].values()).count("AI accelerators") == 1
    assert rule["swap"][r"\bGPU usage\b"] == "GPU"
    assert rule["swap"][r"\bBig model \[old\]"] == "large language model"
    assert rule["swap"][r"\beither-or gate\b"] == r"yes\|no gate"
    # why a name is deprecated is a comment beside it
    assert "# AI chips: too narrow: the term covers more than chips" in written["vale/AIGlossary/Terms.yml"].decode()


def test_the_schema_refuses_a_rule_vale_would_refuse() -> None:
    validator = jsonschema.Draft202012Validator(SUBSTITUTION_SCHEMA)
    good = {"extends": "substitution", "message": "Use '%s'", "swap": {"a": "b"}}
    assert validator.is_valid(good)
    for bad in ({**good, "tokens": ["a"]}, {**good, "level": "fatal"}, {**good, "swap": {"a": 1}},
                {key: value for key, value in good.items() if key != "swap"}):
        assert not validator.is_valid(bad)


@pytest.mark.parametrize("text, alerts", [
    ("Our AI chips are fast.", [("AI chips", ["AI accelerators"])]),
    ("Ai chips lead.", [("Ai chips", ["AI accelerators"])]),
    ("We track GPU usage daily.", [("GPU usage", ["GPU"])]),  # even though GPU is accepted
    ("Some write c plus plus.", [("c plus plus", ["C++ (language)"])]),
    ("The Big model [old] and big model [OLD].", [("Big model [old]", ["Large language model"]),
                                                  ("big model [OLD]", ["large language model"])]),
    ("Moralité* again", [("Moralité*", ["Éthique de l'IA"])]),
    ("An either-or gate.", [("either-or gate", ["yes|no gate"])]),
    ("AI chipsets and GPU usages and AI accelerators are other words.", []),
    ("Nothing to see.", []),
])
def test_the_rule_swaps_deprecated_names_as_vale_applies_it(written: dict[str, bytes], text: str,
                                                             alerts: list[tuple[str, list[str]]]) -> None:
    accepted = lines(written["vale/config/vocabularies/AIGlossary/accept.txt"])
    assert vale_alerts(rule_of(written), accepted, text) == alerts


def test_without_vocab_false_an_accepted_name_would_silence_a_deprecated_one(written: dict[str, bytes]) -> None:
    """Why the rule says `vocab: false`: Vale would take the vocabulary as exceptions, and "GPU usage"
    contains the accepted "GPU"."""
    accepted = lines(written["vale/config/vocabularies/AIGlossary/accept.txt"])
    rule = {**rule_of(written), "vocab": True}
    assert vale_alerts(rule, accepted, "We track GPU usage daily.") == []


def test_a_deprecated_name_that_is_also_admitted_stays_accepted() -> None:
    clash = [entry("a", "Alpha", aliases=("shared name",)), entry("b", "Beta", deprecated=(("Shared Name", None),
                                                                                           ("beta old", None)))]
    written = files(clash, PLACE)
    assert lines(written["vale/config/vocabularies/AIGlossary/reject.txt"]) == ["[Bb]eta old"]
    assert list(rule_of(written)["swap"]) == [r"\bbeta old\b"]


def test_same_entries_give_the_same_bytes_and_no_entries_give_empty_lists() -> None:
    assert files(ENTRIES, PLACE) == files(list(ENTRIES), PLACE)
    shuffled_names = [replace(each, aliases=tuple(reversed(each.aliases))) for each in ENTRIES]
    assert files(shuffled_names, PLACE) == files(ENTRIES, PLACE)
    empty = files([], PLACE)
    assert empty["vale/config/vocabularies/AIGlossary/accept.txt"] == b""
    assert empty["vale/config/vocabularies/AIGlossary/reject.txt"] == b""
    rule = yaml.safe_load(empty["vale/AIGlossary/Terms.yml"])
    assert rule["swap"] == {}
    jsonschema.Draft202012Validator(SUBSTITUTION_SCHEMA).validate(rule)


def test_names_with_line_breaks_become_one_line() -> None:
    written = files([entry("a", "Two\nlines", deprecated=(("old\r\nname", "why\nso"),))], PLACE)
    assert lines(written["vale/config/vocabularies/AIGlossary/accept.txt"]) == ["[Tt]wo lines"]
    assert rule_of(written)["swap"] == {r"\bold name\b": "two lines"}


def test_the_guide_wires_the_files_the_export_writes() -> None:
    """docs/vale.md's `.vale.ini` and fetch loop name the folders and files written for "AI Glossary"."""
    guide = (REPO / "docs" / "vale.md").read_text(encoding="utf-8")
    [ini] = re.findall(r"```ini\n(.*?)```", guide, re.S)
    config = configparser.ConfigParser()
    config.read_string("[top]\n" + ini)
    written = files(ENTRIES, PLACE)
    vocabulary = config["top"]["Vocab"]
    assert f"vale/config/vocabularies/{vocabulary}/accept.txt" in written
    styles = [style.strip() for style in config["*.md"]["BasedOnStyles"].split(",")]
    assert styles[0] == "Vale" and all(f"vale/{style}/Terms.yml" in written for style in styles[1:])
    [loop] = re.findall(r"for file in (.*?); do", guide, re.S)
    fetched = {"vale/" + path for path in loop.replace("\\\n", " ").split()}
    assert fetched == set(written)


def test_a_deprecated_terms_names_are_swapped_for_its_successors_title() -> None:
    alpha = entry("alpha", "Alpha Model", aliases=("alpha net",))
    old = replace(entry("old-alpha", "Old Alpha", aliases=("OA",)), status="deprecated", superseded_by="alpha")
    orphan = replace(entry("orphan", "Orphan Term"), status="deprecated", superseded_by="not-exported")
    written = files([alpha, old, orphan], PLACE)
    accept = lines(written["vale/config/vocabularies/AIGlossary/accept.txt"])
    assert accept == ["[Aa]lpha [Mm]odel", "[Aa]lpha net", "[Oo]rphan [Tt]erm"]  # no successor: no fix to offer
    assert lines(written["vale/config/vocabularies/AIGlossary/reject.txt"]) == ["OA", "[Oo]ld [Aa]lpha"]
    rule = rule_of(written)
    assert rule["swap"] == {r"\bOA\b": "alpha model", r"\bOld Alpha\b": "alpha model"}
    assert vale_alerts(rule, accept, "The old alpha was slow.") == [("old alpha", ["alpha model"])]


def test_a_fix_is_never_flagged_again_along_a_chain_of_successors() -> None:
    newest = entry("newest", "Newest Model")
    middle = replace(entry("middle", "Middle Model", deprecated=(("mid model", None),)), status="deprecated",
                     superseded_by="newest")
    oldest = replace(entry("oldest", "Oldest Model"), status="deprecated", superseded_by="middle")
    rule = rule_of(files([newest, middle, oldest], PLACE))
    assert set(rule["swap"].values()) == {"newest model"}, "every old name leads to the last successor"
    looped = [replace(entry("a", "A Loop"), status="deprecated", superseded_by="b"),
              replace(entry("b", "B Loop"), status="deprecated", superseded_by="a")]
    assert rule_of(files(looped, PLACE))["swap"]  # a loop (lint refuses it) still ends
