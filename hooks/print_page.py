"""MkDocs hook: fill docs/print.md with the whole course, in course order, for printing.

The lessons in nav order come first, then the appendices. The work is done by hn.printbook;
this hook only picks the pages. It runs in `on_page_context`, when every page's HTML is
rendered, so the print page shows exactly what the lesson pages show (less quiz answers).
Written instead of mkdocs-print-site-plugin, whose page carries an inline script that the
site's `script-src 'self'` policy blocks. A rebuild in which no chapter changed reuses the
book kept in .cache/print-book/ (hn.printbook.cached_html).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from hn.pages import course_uris
from hn.printbook import Book, Chapter, cached_html

PRINT_PAGE = "print.md"
APPENDICES = ("glossary.md", "references.md")
ANSWER_KEY = "downloads/answer-key.html"  # written by hooks/downloads.py
CACHE_DIR = ".cache/print-book"  # beside mkdocs.yml; a rebuild with no page changed reuses the book
# Theme features the print page does without: tooltips (the theme mounts one on every element
# with a title, hundreds in the book; the browser's own still shows), and the contents that
# follow the reader's scroll (it measures every heading). A page reached by instant navigation
# keeps the features of the page the reader came from.
PRINT_OFF = ("content.tooltips", "navigation.tracking", "toc.follow")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    """Append every chapter to the print page's content; leave every other page alone."""
    if page.file.src_uri != PRINT_PAGE:
        return None
    pages = {p.file.src_uri: p for p in nav.pages}
    chapters = [chapter(pages[src], f"Lesson {number}")
                for number, src in enumerate(course_uris(config), start=1) if src in pages]
    chapters += [chapter(pages[src], "") for src in APPENDICES if src in pages]
    cache = Path(config.config_file_path).resolve().parent / CACHE_DIR
    page.content = (page.content or "") + cached_html(Book(chapters, page.url, ANSWER_KEY), cache)
    page.toc = get_toc([{"level": 2, "id": c.anchor, "name": c.heading, "children": []} for c in chapters])
    return context


def chapter(page: Page, label: str) -> Chapter:
    """Return a rendered page as a chapter of the print page."""
    title = page.meta.get("title") or page.title or ""  # the nav title may carry a number
    return Chapter(page.file.src_uri, page.url, str(title), page.content or "", label)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Switch off, on the print page only, the theme features it does not need (PRINT_OFF)."""
    if page.file.src_uri != PRINT_PAGE:
        return output

    def lighter(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        settings["features"] = [f for f in settings.get("features", []) if f not in PRINT_OFF]
        text = json.dumps(settings, separators=(",", ":")).replace("<", "\\u003c")  # as the theme writes it
        return match.group(1) + text + match.group(3)

    return _CONFIG.sub(lighter, output, count=1)
