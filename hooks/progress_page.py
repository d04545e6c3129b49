"""MkDocs hook: write the progress page as a first visit sees it (hn.progress_view).

progress.js redraws it from the learner's record; until then a first visit sees the same
page, so nothing moves when the script runs. The page's fallback line stays for readers
without JavaScript: progress.css shows one or the other by the `hn-has-js` class that
assets/js/theme/base.js puts on <html> before the page paints.
"""

from __future__ import annotations

import json
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hn.progress_view import first_visit

MANIFEST = "assets/course-manifest.json"  # written by hooks/manifest.py, listed before this hook
# The page's [data-hn-progress] box, up to the end of its fallback paragraph.
BOX = re.compile(r"<div\b[^>]*\sdata-hn-progress\b[^>]*>\s*<p\b[^>]*hn-progress__fallback[^>]*>.*?</p>", re.DOTALL)
_manifest: dict | None = None


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Read the manifest the manifest hook generated."""
    global _manifest
    file = files.get_file_from_path(MANIFEST)
    _manifest = json.loads(file.content_string) if file is not None else None
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Fill the progress box of the progress page; leave every other page alone."""
    if _manifest is None or page.url != _manifest.get("pages", {}).get("progress"):
        return output
    box = BOX.search(output)
    if box is None:
        return output  # a fork changed the page: progress.js still draws it
    view = first_visit(_manifest, posixpath.dirname(page.file.dest_uri))
    return output[:box.end()] + view + output[box.end():]
