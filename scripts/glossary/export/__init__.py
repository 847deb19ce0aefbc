"""The export: a linted corpus in, the documents consumers download out, written whole or not at all.

`job.run_export` lints first and refuses on errors; `documents` builds each term's JSON and the
JSON-LD; `html` renders Markdown to sanitised HTML; `writing` validates and writes the files into a
staging folder that `glossary.atomic` swaps in; `changes` compares two exports (changes.json, diff).
"""

from __future__ import annotations


class ExportFailed(Exception):
    """The export could not be built or written; the previous one is untouched."""
