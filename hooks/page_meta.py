"""MkDocs hook: escape front-matter text that the theme writes into HTML attributes.

Material writes `page.meta.description` into `<meta name="description" content="...">` without
escaping it, so a description with a quotation mark ("Open to work") breaks the tag and its
words become attributes. Escaping it here, once, keeps any description valid.
"""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, **_) -> str:
    """Escape the page's description for the theme's attribute."""
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = html.escape(description, quote=True)
    return markdown
