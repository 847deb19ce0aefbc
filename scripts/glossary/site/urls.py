"""Where the site's pages lie: each term's page is where its document's `page_url` says, under the address
the folder is published at (`base_url`, else the server's root); every other link between pages is
relative, so the site reads the same wherever that folder is served.
"""

from __future__ import annotations

import posixpath

from glossary.config import ConfigError

PAGES = "terms/{slug}/"  # the term pages' place under the site's root, unless page_url says otherwise


def site_root(base_url: str) -> str:
    """The address of the site's top: the export's base URL, else the server's root."""
    return base_url if base_url else "/"


def page_template(base_url: str, page_url: str | None) -> str:
    """The page URL template the export is given: `page_url` if set (it must lie under the site's root and
    end in / or .html, so that a static server finds the page), else terms/{slug}/ under the root."""
    root = site_root(base_url)
    template = page_url or root + PAGES
    if not template.startswith(root):
        raise ConfigError(f"page_url {template!r} is not under {root!r}, where the site is written with the "
                          f"export: leave page_url unset (the pages are then {root}{PAGES}) or start it with "
                          f"{root!r}")
    if not template.endswith(("/", ".html")):
        raise ConfigError(f"page_url {template!r} must end in '/' or '.html', so that a static server "
                          "finds each page, such as .../terms/{slug}/")
    return template


def file_of(url: str, root: str) -> str:
    """The file, relative to the site's folder, that a URL under the root is served from."""
    if not url.startswith(root):
        raise ValueError(f"{url!r} is not under {root!r}")
    path = url[len(root):]
    return path + "index.html" if path == "" or path.endswith("/") else path


def link(from_file: str, to_file: str) -> str:
    """A relative link from one file of the site to another; a folder's index.html as the folder."""
    target = to_file[: -len("index.html")] if to_file.endswith("index.html") else to_file
    start = posixpath.dirname(from_file)
    relative = posixpath.relpath(target or ".", start or ".")
    if target.endswith("/") or target == "":
        relative = "./" if relative == "." else relative + "/"
    return relative


def root_link(from_file: str) -> str:
    """The relative link from a file to the site's top folder ('' at the top, '../' one below)."""
    return "../" * from_file.count("/")
