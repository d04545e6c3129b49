"""MkDocs hook: each page loads only the course styles and scripts it uses, minified.

Every page gets the files in mkdocs.yml's extra_css and extra_javascript (site-wide styles,
navigation marks). The rest belong to some pages, so this hook links them from inside those
pages, found by the markers their components carry (PAGE_ASSETS, and STORE_MARKERS for the
saved-progress scripts):
stylesheets at the start of the article, so what follows is styled from its first paint,
and deferred scripts at its end. Inside the article is where Material's instant navigation
looks: it swaps the article in and runs the scripts it finds, so a page reached without a
reload still gets its files (page scripts start once: see the queue in storage.js).

Built sites (not `mkdocs serve`) get the course's own CSS and JS minified with tdewolff-minify
(the Go minifiers Hugo uses): it renames local variables too, so the scripts weigh about 15%
less gzipped than with a whitespace-only minifier; docs/authoring/performance.md has figures.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import minify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hn.manifest import part_path

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
    ("data-hn-chapter", ("assets/css/progress.css", "assets/js/print-book.js")),  # the print page: chapter heights
    ("data-hn-paper", ("assets/css/exercises.css", "assets/js/print-book.js")),  # its worksheets, as paper
    ("data-jp-theme-name", ("assets/css/notebook.css",)),      # notebook pages (mkdocs-jupyter)
]
# The saved-progress scripts: HN.store and HN.progress, joined after the build into one file
# (STORE_BUNDLE), after the course manifest they read: instant navigation inserts a page's
# scripts all at once and runs each as soon as it arrives, so separate files could run in any
# order (a manifest that arrives late is handed to HN.addManifest: see storage.js). Every page
# with exercises or progress tools, and every lesson (whose visit progress.js records), needs
# them. The manifest they read grows with the course, so only pages that list the lessons
# (WHOLE_MARKERS: the progress, review and completion pages, the home page's "continue" box)
# load the whole (MANIFEST); a lesson loads its own lesson's part (LESSON_PARTS, from
# hooks/manifest.py), and any other page the header alone (HEADER). A reading page goes without
# (about 8 KB gzip): navmarks.js, on every page, shows the navigation's marks from a copy
# progress.js keeps. A build that lists the bundle in extra_javascript (the SCORM package:
# hooks/scorm.py) loads it, after the whole manifest, on every page instead.
STORE_FILES = ("assets/js/storage.js", "assets/js/progress.js")
STORE_BUNDLE = "assets/js/learner.js"
MANIFEST = "assets/course-manifest.js"
MANIFEST_JSON = "assets/course-manifest.json"
HEADER = part_path()
WHOLE_MARKERS = ("data-hn-progress", "data-hn-continue", "data-hn-review", "data-hn-data", "data-hn-completion")
STORE_MARKERS = ("data-hn-quiz", "data-hn-worksheet", "data-hn-progress", "data-hn-continue", "data-hn-review",
                 "data-hn-data", "data-hn-completion", "data-hn-lesson-status", "data-hn-paper")
LESSON_PARTS: dict[str, str] = {}  # a lesson's source path -> its part of the manifest (on_files)
ARTICLE_START = re.compile(r"<article\b[^>]*>")
ARTICLE_END = "</article>"
HEAD_END = "</head>"
_minify = True


def markers(name: str) -> re.Pattern[str]:
    """Match the attribute inside a start tag (escaped code samples have no real tags)."""
    return re.compile(rf"<[a-z][^<>]*\s{re.escape(name)}(?=[\s=>/])")


_PATTERNS = [(name, markers(name), files) for name, files in PAGE_ASSETS]
_STORE_PATTERNS = [(name, markers(name)) for name in STORE_MARKERS]
_WHOLE_PATTERNS = [(name, markers(name)) for name in WHOLE_MARKERS]


def _has(html: str, patterns: list) -> bool:
    return any(name in html and pattern.search(html) for name, pattern, *_ in patterns)  # `in` is cheap


def needed(html: str, *, store: bool = True, lesson: str | None = None) -> list[str]:
    """Return the page-only files a rendered page needs, once each.

    The manifest and the saved-progress scripts come first (unless `store` is False: they are
    on every page already): the whole manifest where the page lists lessons, else the lesson's
    part (`lesson`, for a lesson of the course), else the header alone. Then the rest, in
    PAGE_ASSETS order.
    """
    found = [files for name, pattern, files in _PATTERNS if name in html and pattern.search(html)]
    if store and _has(html, _STORE_PATTERNS):
        found.insert(0, (MANIFEST if _has(html, _WHOLE_PATTERNS) else lesson or HEADER, STORE_BUNDLE))
    return list(dict.fromkeys(f for files in found for f in files))


def store_everywhere(config: MkDocsConfig) -> bool:
    """Say whether the build loads the saved-progress scripts on every page (extra_javascript)."""
    return STORE_BUNDLE in {str(getattr(script, "path", script)) for script in config.extra_javascript}


def on_startup(*, command: str, dirty: bool) -> None:
    """Keep the files readable while an author serves the site."""
    global _minify
    _minify = command != "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Find each lesson's part of the manifest (hooks/manifest.py, listed before this hook)."""
    LESSON_PARTS.clear()
    whole = files.get_file_from_path(MANIFEST_JSON)
    if whole is not None:
        LESSON_PARTS.update((lesson["src"], part_path(lesson["id"]))
                            for lesson in json.loads(whole.content_string)["lessons"])
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Link the page's own stylesheets and scripts from inside its article."""
    files = needed(output, store=not store_everywhere(config), lesson=LESSON_PARTS.get(page.file.src_uri))
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
    """Minify the course's own CSS and JS in the built site, then join the saved-progress scripts.

    The theme's files come minified; the joined file is STORE_BUNDLE.
    """
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    if _minify:
        minify_course_files(docs, site)
    parts = [site / rel for rel in STORE_FILES]
    if missing := [str(path.relative_to(site)) for path in parts if not path.is_file()]:
        raise PluginError(f"hooks/assets.py: cannot make {STORE_BUNDLE}: {', '.join(missing)} not built")
    # ";" ends each file's last statement: a minified "})()" followed by "(function" would call it.
    (site / STORE_BUNDLE).write_text("".join(path.read_text(encoding="utf-8").strip() + ";\n" for path in parts),
                                     encoding="utf-8")


def minify_course_files(docs: Path, site: Path) -> None:
    """Minify the course's CSS and JS where the build copied them."""
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
