"""MkDocs hook: make notebook pages light and CSP-clean.

mkdocs-jupyter inlines JupyterLab's stylesheet (about 600 KB, 86 KB gzipped) into every
notebook page, plus inline scripts for copy buttons, MathJax and Mermaid that the course
does not use. This hook moves the stylesheets into one shared, cacheable file and drops
those scripts, so notebook pages weigh about what lesson pages do and run under
`script-src 'self'`.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL)
SCRIPT = re.compile(r"<script(?![^>]*\bsrc=\"[^\"]+\")[^>]*>.*?</script>\s*", re.DOTALL)
# Copy buttons need the inline script we drop (and carry a malformed attribute); code can be selected.
COPY_BUTTON = re.compile(r"<clipboard-copy\b.*?</clipboard-copy>\s*", re.DOTALL)
_css: dict[str, str] = {}


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap a notebook page's inline styles for a link to the shared file; drop inline scripts."""
    if not _is_notebook(page):
        return html
    styles = [match.group(1) for match in STYLE.finditer(html)]
    css = "\n".join(styles)
    name = f"assets/css/jupyter.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    _css[name] = css
    html = COPY_BUTTON.sub("", SCRIPT.sub("", STYLE.sub("", html)))
    href = posixpath.relpath(name, posixpath.dirname(page.file.dest_uri))
    return f'<link rel="stylesheet" href="{href}">\n{html}'


def on_post_build(config: MkDocsConfig) -> None:
    """Write the shared notebook stylesheet(s), once."""
    for name, css in _css.items():
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
