"""Plain-words hints for the YAML mistakes writers really make, added to parse diagnostics.

libyaml says what confused it ("could not find expected ':'"); these say why a writer's line did that:
typographic quotes, invisible spaces, a value that starts with a character YAML treats as syntax, a line
that is neither a field nor a list item.
"""

from __future__ import annotations

import re

SMART_QUOTES = "“”‘’„«»"
ODD_SPACES = {"\u00a0": "non-breaking space", "\u200b": "zero-width space", "\u2007": "figure space",
              "\u202f": "narrow non-breaking space", "\ufeff": "byte-order mark", "\u3000": "ideographic space"}
LINE_BREAKS = {"\x85": "U+0085", "\u2028": "U+2028", "\u2029": "U+2029"}
_VALUE_START = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(\S)")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*[A-Za-z_][\w-]*:[^\s:/]")
_APOSTROPHE_IN_SINGLE_QUOTES = re.compile(r":\s+'[^']*'[^\s#,\]}]")
_SPECIAL_STARTS = {"@": "@", "`": "`", "[": "[ (it starts a list)", "{": "{ (it starts a mapping)",
                   "&": "& (it names an anchor)", "*": "* (it refers to an anchor)", "!": "! (it starts a tag)",
                   "%": "%", "|": "| (it starts a block)", ">": "> (it starts a block)"}


GENERIC = "check the indentation, and quote values that contain ': ' or ' #' or start with a special character"


def syntax_message(problem: str, context: str, lines: list[str], index: int) -> str:
    """The whole GL006 message: what libyaml said, then why a writer's line did that."""
    hints = syntax_hints(problem, context.split(" that starts")[0], lines, index) or [GENERIC]
    return f"YAML syntax error: {problem}{' ' + context if context else ''}; {'; '.join(hints)}"


def syntax_hints(problem: str, context: str, lines: list[str], index: int) -> list[str]:
    """Hints for a YAML syntax error found on line `index` of the front matter's `lines`."""
    line_text = lines[index] if 0 <= index < len(lines) else ""
    nearby = "\n".join(lines[max(index - 1, 0):index + 1])  # an odd space often breaks the line after it
    hints = odd_character_hints(nearby)
    if any(quote in line_text for quote in SMART_QUOTES):
        hints.append("the line has typographic quotes (“ ” ‘ ’); YAML needs straight quotes (\" or ')")
    start = _VALUE_START.match(line_text)
    if start and start.group(1) in _SPECIAL_STARTS:
        hints.append(f"a value starting with {_SPECIAL_STARTS[start.group(1)]} is read as YAML syntax: "
                     "put the whole value in quotes")
    if context.startswith("while scanning a quoted scalar"):
        hints.append("the quote that opens here is never closed: add the closing quote at the end of the value")
    if "escape" in problem:
        hints.append('inside "..." a backslash starts an escape: write \\\\ for a backslash, or quote the '
                     "value with '...' instead")
    if "tab" in problem:
        hints.append("indent with spaces only: YAML does not allow tabs in indentation")
    previous = lines[index - 1] if 0 < index <= len(lines) else ""
    if any(_NO_SPACE_AFTER_COLON.match(text) for text in (line_text, previous)):
        hints.append("a field needs a space after its colon: 'title: AI', not 'title:AI'")
    if _APOSTROPHE_IN_SINGLE_QUOTES.search(line_text):
        hints.append("inside '...' an apostrophe closes the quote: write it twice ('it''s'), or quote the "
                     "value with \"...\" instead")
    if problem.startswith("could not find expected ':'"):
        hints.append(f"line '{line_text.strip()[:40]}' is neither 'field: value' nor a '- item': add the "
                     "missing ': ' or '- ', or indent it under the line above if it continues that value")
    breaks = [name for char, name in LINE_BREAKS.items() if any(char in line for line in lines)]
    if breaks:
        hints.append(f"the front matter holds {', '.join(breaks)}, which YAML reads as a line break: remove it")
    return hints


def odd_character_hints(text: str) -> list[str]:
    """Name each invisible or look-alike space in `text`, which writers cannot see in their editor."""
    return [f"it holds a {name} (U+{ord(char):04X}): replace it with a normal space"
            for char, name in ODD_SPACES.items() if char in text]
