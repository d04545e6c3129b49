"""MkDocs hook: each page loads only the course styles and scripts it uses, minified.

Every page gets the files in mkdocs.yml's extra_css and extra_javascript (site-wide styles,
saved progress, navigation marks). The rest belong to a few pages, so this hook links them
from inside those pages, found by the markers their components carry (PAGE_ASSETS):
stylesheets at the start of the article, so what follows is styled from its first paint,
and deferred scripts at its end. Inside the article is where Material's instant navigation
looks: it swaps the article in and runs the scripts it finds, so a page reached without a
reload still gets its files (page scripts start once: see the queue in storage.js).

Built sites (not `mkdocs serve`) get the course's own CSS and JS minified with tdewolff-minify
(the Go minifiers Hugo uses): it renames local variables too, so the scripts weigh about 15%
less gzipped than with a whitespace-only minifier; docs/authoring/performance.md has figures.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import minify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# (what marks a page that needs the files, the files): an attribute only the component's
# own markup carries, so a page that merely mentions it in a code sample does not match.
PAGE_ASSETS: list[tuple[str, tuple[str, ...]]] = [
    ("data-hn-quiz", ("assets/css/exercises.css", "assets/js/quiz.js")),
    ("data-hn-worksheet", ("assets/css/exercises.css", "assets/js/worksheet.js")),
    ("data-hn-progress", ("assets/css/progress.css", "assets/js/progress-page.js")),
    ("data-hn-continue", ("assets/js/progress-page.js",)),   # the home page's "continue" box
    ("data-hn-review", ("assets/js/review.js",)),              # the review page (its quizzes bring quiz.js)
    ("data-hn-data", ("assets/css/progress.css", "assets/js/your-data.js")),
    ("data-hn-completion", ("assets/css/progress.css", "assets/js/completion.js")),
    ("data-hn-chapter", ("assets/css/progress.css",)),         # the print page (hooks/print_page.py)
    ("data-jp-theme-name", ("assets/css/notebook.css",)),      # notebook pages (mkdocs-jupyter)
]
ARTICLE_START = re.compile(r"<article\b[^>]*>")
ARTICLE_END = "</article>"
HEAD_END = "</head>"
_minify = True


def markers(name: str) -> re.Pattern[str]:
    """Match the attribute inside a start tag (escaped code samples have no real tags)."""
    return re.compile(rf"<[a-z][^<>]*\s{re.escape(name)}(?=[\s=>/])")


_PATTERNS = [(name, markers(name), files) for name, files in PAGE_ASSETS]


def needed(html: str) -> list[str]:
    """Return the page-only files a rendered page needs, in PAGE_ASSETS order, once each."""
    found = (files for name, pattern, files in _PATTERNS if name in html and pattern.search(html))  # `in` is cheap
    return list(dict.fromkeys(f for files in found for f in files))


def on_startup(*, command: str, dirty: bool) -> None:
    """Keep the files readable while an author serves the site."""
    global _minify
    _minify = command != "serve"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Link the page's own stylesheets and scripts from inside its article."""
    files = needed(output)
    if not files:
        return output
    start = ARTICLE_START.search(output)
    end = output.rfind(ARTICLE_END)
    if start is None or end < start.end():
        raise PluginError(f"{page.file.src_uri}: needs {', '.join(files)} but the page has no <article> to link them "
                          "from (hooks/assets.py): does a template override drop it?")
    here = posixpath.dirname(page.file.dest_uri)
    css = "".join(f'<link rel="stylesheet" href="{posixpath.relpath(f, here)}">' for f in files if f.endswith(".css"))
    js = "".join(f'<script src="{posixpath.relpath(f, here)}" defer></script>' for f in files if f.endswith(".js"))
    head = output.find(HEAD_END)
    if head < 0 or head > start.start():
        raise PluginError(f"{page.file.src_uri}: no </head> before the article (hooks/assets.py)")
    return (output[:head] + css + output[head:start.end()] + css + output[start.end():end] + js
            + output[end:])


def on_post_build(config: MkDocsConfig) -> None:
    """Minify the course's own CSS and JS in the built site (the theme's come minified)."""
    if not _minify:
        return
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    for source in sorted((docs / "assets").rglob("*")):
        if source.suffix not in (".css", ".js") or not source.is_file():
            continue
        built = site / source.relative_to(docs)
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        kind = "text/css" if source.suffix == ".css" else "application/javascript"
        try:
            small = minify.string(kind, text)
        except minify.MinifyError as error:  # a syntax error the browser would also stop at
            raise PluginError(f"{source.relative_to(docs.parent)}: cannot be minified: {error}") from None
        built.write_text(small.strip() + "\n", encoding="utf-8")
