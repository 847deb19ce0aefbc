"""The AI glossary's command-line tool: read, parse, check, report (and later export) term files."""

__version__ = "0.1.0"
