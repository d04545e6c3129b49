"""MkDocs hook: a glossary term explains itself on its first use in a page, not on every use.

The abbr extension (with includes/glossary-abbreviations.md, appended to every page) wraps every
use of a term in `<abbr title="...">`, and the theme's `content.tooltips` mounts a tooltip on each
element with a title as the page starts: one for every use, the same text each time. Later uses
keep their `<abbr>` element, without the title. The glossary page links every term in full.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def first_use_only(html: str) -> str:
    """Return `html` with the title kept on the first `<abbr>` of each term only (case aside)."""
    seen: set[str] = set()

    def one(match: re.Match[str]) -> str:
        term = match.group(1).strip().lower()
        if term in seen:
            return f"<abbr>{match.group(1)}</abbr>"
        seen.add(term)
        return match.group(0)

    return ABBR.sub(one, html) if "<abbr" in html else html


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    """Keep each term's tooltip on its first use in the page."""
    return first_use_only(html)
