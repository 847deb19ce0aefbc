"""Reporting: diagnostics in, text for people and tools out (text, json, github, sarif, markdown).

`diagnostics` holds one render function per format, all reading the same records; `graph` renders the
related-terms graph (the `glossary links` report, DOT and Mermaid).
"""
