"""The lint job: read and parse the corpus, run every check, and return sorted diagnostics.

This is the library behind `glossary lint` and `glossary links`; the CLI only turns options into a
`LintSettings` and prints what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary import checks
from glossary.checks import schema, switches
from glossary.config import ConfigError
from glossary.corpus import Corpus, load_corpus
from glossary.diagnostics import Diagnostic


@dataclass(frozen=True)
class LintSettings:
    """What to lint: the project root, the content folder, the schema, and any named files."""

    root: Path
    content: Path
    schema: Path
    files: tuple[Path, ...] = ()
    strict: bool = False
    check_names: tuple[str, ...] = ("schema", *checks.CHECKS)
    disabled: frozenset[str] = frozenset()  # codes switched off in [tool.glossary]


@dataclass
class LintResult:
    """The sorted diagnostics of one run, and how many files they cover."""

    diagnostics: list[Diagnostic]
    files: int
    strict: bool
    corpus: Corpus = field(repr=False)

    def exit_code(self) -> int:
        """0 when clean (warnings allowed unless strict), else 1."""
        failing = {"error", "warning"} if self.strict else {"error"}
        return 1 if any(d.severity in failing for d in self.diagnostics) else 0


def run_lint(settings: LintSettings) -> LintResult:
    """Run the checks named in the settings; raises ConfigError for a bad schema or content folder."""
    if not settings.content.is_dir():
        raise ConfigError(f"the content folder {settings.content} does not exist; "
                          "pass --content DIR or set content in [tool.glossary]")
    validator = schema.load_validator(settings.schema) if "schema" in settings.check_names else None
    try:
        corpus = load_corpus(settings.content, settings.root, settings.files)
    except OSError as error:
        raise ConfigError(f"cannot list the content folder {settings.content}: {error.strerror or error}") from error
    found = list(corpus.diagnostics)
    for name in settings.check_names:
        check = schema.checker(validator) if name == "schema" and validator is not None else checks.get(name)
        found.extend(check(corpus))
    switched_off = {path: _switched_off(corpus, settings, path) for path in {d.path for d in found}}
    reported = sorted({_stamped(d, settings.strict) for d in found
                       if corpus.wanted(d.path) and d.code not in switched_off[d.path]})
    files = len(corpus.selected) if corpus.selected is not None else corpus.entries
    return LintResult(reported, files, settings.strict, corpus)


def _switched_off(corpus: Corpus, settings: LintSettings, path: str) -> frozenset[str]:
    """The codes switched off for one file: the project's, and the file's own switch comments."""
    term = corpus.by_path().get(path)
    if term is None:
        return settings.disabled
    return settings.disabled | switches.disabled_codes(term)


def _stamped(diagnostic: Diagnostic, strict: bool) -> Diagnostic:
    """Under --strict a warning is an error, and says so in every format."""
    return replace(diagnostic, severity="error") if strict and diagnostic.severity == "warning" else diagnostic
