"""Plain-words hints for the YAML mistakes writers really make, added to parse diagnostics.

libyaml says what confused it ("could not find expected ':'"); these say why a writer's line did that:
typographic quotes, invisible spaces, a value that starts with a character YAML treats as syntax, a line
that is neither a field nor a list item. Two mistakes get a message in plain words instead of libyaml's:
a list opened with '[' and never closed, and a line out of step with the indentation of a block list.
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
_STARTED_ON = re.compile(r" that starts on line (\d+)$")
_NEW_FIELD = re.compile(r"^[^\s#\-\[{][^:#]*:(?:\s|$)")  # 'key:' at the very start of a line
_ITEM = re.compile(r"^( *)-( +|$)")  # a block list item: its indentation, and the spaces after the dash
_SHOWN = 40  # characters of a line quoted in a message


# libyaml's words for what it read, and the writer's words for the same (see `plain_words`).
_PLAIN = {
    "mapping values are not allowed in this context": "found a ': ' where no new field can start",
    "mapping values are not allowed here": "found a ': ' where no new field can start",
    "block sequence entries are not allowed in this context": "found a '- ' list item where no list can start",
    "did not find expected key": "expected the next field ('name: value') here",
    "did not find expected '-' indicator": "expected the next '- ' list item here",
    "did not find expected node content": "expected a value here",
    "found character that cannot start any token": "found a character that cannot start a value here",
    "did not find expected comment or line break": "expected the end of the line here",
    "found unexpected end of stream": "reached the end of the front matter",
    "while scanning a plain scalar": "in the unquoted value",
    "while scanning a quoted scalar": "in the quoted value",
    "while scanning a block scalar": "in the '|' or '>' text block",
    "while scanning a simple key": "in the field name",
    "while parsing a block mapping": "in the fields",
    "while parsing a block collection": "in the list",
    "while parsing a flow sequence": "in the [ ] list",
    "while parsing a flow mapping": "in the { } mapping",
    "while parsing a block node": "in the value",
    "while parsing a flow node": "in the value",
}


def plain_words(text: str) -> str:
    """libyaml's message with its parser words ("block mapping", "plain scalar") said plainly."""
    for said, meant in _PLAIN.items():
        text = text.replace(said, meant)
    return text


def syntax_message(problem: str, context: str, lines: list[str], index: int) -> str:
    """The whole GL006 message: what libyaml said, in plain words, then why a writer's line did that; or,
    for a list never closed or an item out of step, only what to do.

    `context` may end with " that starts on line N" (a file line); `index` is the line of `lines` (the
    front matter) where YAML gave up.
    """
    plain = unclosed_list(problem, context, lines, index) or misaligned_item(problem, context, lines, index)
    if plain:
        return plain
    hints = syntax_hints(problem, context.split(" that starts")[0], lines, index) or [GENERIC]
    said = plain_words(f"{problem}{' ' + context if context else ''}")
    return f"YAML syntax error: {said}; {'; '.join(hints)}"


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


def unclosed_list(problem: str, context: str, lines: list[str], index: int) -> str | None:
    """A list opened with '[' on an earlier line and not closed before the next field (or the end).

    libyaml reads the next line as more of the list and stops there, saying "did not find expected ','
    or ']'", and a value on that line (`example: >-`) looks like the fault, when it is not.
    """
    started = _STARTED_ON.search(context)
    if started is None or not problem.startswith("did not find expected ',' or ']'") \
            or not context.startswith("while parsing a flow sequence"):
        return None
    line_text = lines[index] if 0 <= index < len(lines) else ""
    at_end = all(not line.strip() or line.lstrip().startswith("#") for line in lines[max(index, 0):])
    if not at_end and not _NEW_FIELD.match(line_text):
        return None  # the list goes on past here: something else is wrong inside it
    message = (f"the list opened with '[' on line {started.group(1)} is never closed, so YAML reads the "
               "lines after it as more of the list: add ']' after its last item")
    last = next((i for i in range(min(index, len(lines)) - 1, -1, -1)
                 if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if last is not None and "[" in lines[last] and "#" not in lines[last] and "]" not in lines[last]:
        fixed = lines[last].strip().rstrip(",").rstrip() + "]"
        if len(fixed) <= 2 * _SHOWN:
            message += f", as in '{fixed}'"
    return message


def misaligned_item(problem: str, context: str, lines: list[str], index: int) -> str | None:
    """A line in a block list that is neither a '- ' item lined up with the others nor part of an item."""
    line_text = lines[index] if 0 <= index < len(lines) else ""
    out_of_step = problem.startswith("did not find expected '-' indicator") \
        and context.startswith("while parsing a block collection")
    if not out_of_step and not (problem.startswith("did not find expected key")
                                and line_text.lstrip(" ").startswith("- ")):
        return None
    indent = len(line_text) - len(line_text.lstrip(" "))
    shown = line_text.strip()[:_SHOWN]
    started = _STARTED_ON.search(context) if out_of_step else None
    the_list = f"the list that starts on line {started.group(1)}" if started else \
        ("the list above it" if out_of_step else "the same list")
    item = next((match for match in (_ITEM.match(line) for line in reversed(lines[:max(index, 0)]))
                 if match and (len(match.group(1)) <= indent or not out_of_step)), None)
    if item is None:
        message = (f"line '{shown}' is out of step with the indentation of {the_list}: start every item "
                   "with '- ' at the same indentation, and line up each field of an item under its first field")
    else:
        dash, content = len(item.group(1)), len(item.group(1)) + 1 + len(item.group(2))
        if line_text.lstrip().startswith("-"):
            message = (f"line '{shown}' is indented {_spaces(indent)}, but the items before it in {the_list} "
                       f"are indented {dash}: write every '- ' of a list at the same indentation")
        elif indent == dash:
            message = (f"line '{shown}' is indented like the items of {the_list}, but does not start with '- ': "
                       "add '- ' if it is another item, or move it left, out of the list, if it is a new field")
        else:
            first = item.string[content:].strip()[:_SHOWN]
            under = (f"indent it {_spaces(content)}, under '{first}'," if first
                     else "line it up under the first field of the item above")
            message = (f"line '{shown}' is indented {_spaces(indent)}, out of step with {the_list}: {under} to "
                       f"add it to that item, or start it with '- ' indented {dash} to make it a new item")
    nearby = "\n".join(lines[max(index - 1, 0):index + 1])
    return "; ".join([message, *odd_character_hints(nearby)])


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def odd_character_hints(text: str) -> list[str]:
    """Name each invisible or look-alike space in `text`, which writers cannot see in their editor."""
    return [f"it holds a {name} (U+{ord(char):04X}): replace it with a normal space"
            for char, name in ODD_SPACES.items() if char in text]
