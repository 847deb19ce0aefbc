"""The site: the export's documents in (glossary.json, terms/<slug>.json, index.json, read as any consumer
reads them) -> HTML pages out, written beside the export and swapped in with it.

`build.write_site` writes every page, the search index and the assets into the export's staging folder;
`urls` says where each page lies; `pages` renders them with Jinja2; `graph` draws the related-terms graph;
`preview` serves the site on 127.0.0.1 and rebuilds it when a term is saved.
"""

from __future__ import annotations

from glossary.export import ExportFailed


class SiteFailed(ExportFailed):
    """The site could not be built from the export; the previous folder is untouched."""
