"""The consumers' side: a published export in (a folder or an http(s) URL), a local mirror of it out.

`mirror.run_sync` is `glossary sync`, the reference consumer: it follows the export's change feed,
fetches only what changed, and swaps the new mirror in whole with `glossary.atomic`.
"""

from __future__ import annotations


class SyncFailed(Exception):
    """The mirror could not be brought up to date; it is left exactly as it was."""
