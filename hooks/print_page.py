"""MkDocs hook: fill docs/print.md with the whole course, in course order, for printing.

The lessons in nav order come first, then the appendices. The work is done by hn.printbook;
this hook only picks the pages. It runs in `on_page_context`, when every page's HTML is
rendered, so the print page shows exactly what the lesson pages show (less quiz answers).
Written instead of mkdocs-print-site-plugin, whose page carries an inline script that the
site's `script-src 'self'` policy blocks. A rebuild in which no chapter changed reuses the
book kept in .cache/print-book/ (hn.printbook.cached_html).

A course of more than PART_LESSONS lessons (a team's fork that adds many) prints in parts, so
each page stays quick to open on a phone: print.md holds the first PART_LESSONS lessons, and
pages made here, print/2.md and on, the next ones; the last part ends with the appendices. Each
part lists all of them at its top, and links between chapters go to the part that holds them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from hn.pages import PART_LESSONS, PartedPage, course_uris
from hn.printbook import Book, Chapter, cached_html, relative_url

PRINT_PAGE = "print.md"
PARTS = PartedPage(PRINT_PAGE)  # the second part on: print/2.md (print/2/), print/3.md, ...
APPENDICES = ("glossary.md", "references.md")
ANSWER_KEY = "downloads/answer-key.html"  # written by hooks/downloads.py
CACHE_DIR = ".cache/print-book"  # beside mkdocs.yml; a rebuild with no page changed reuses the book
# Theme features the print page does without: tooltips (the theme mounts one on every element
# with a title, hundreds in the book; the browser's own still shows), and the contents that
# follow the reader's scroll (it measures every heading). A page reached by instant navigation
# keeps the features of the page the reader came from.
PRINT_OFF = ("content.tooltips", "navigation.tracking", "toc.follow")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a page for each part after the first, when the course prints in parts."""
    count = PARTS.count(config)
    if count == 1 or files.get_file_from_path(PRINT_PAGE) is None:
        return files
    for number in range(2, count + 1):
        content = (f"---\ntitle: The whole course to print, part {number} of {count}\n"
                   f"description: Part {number} of {count} of the whole course, ready to print or save as a PDF.\n"
                   f"search:\n  exclude: true\n---\n\n"
                   f"# {config.site_name}: the whole course, part {number} of {count}\n")
        files.append(File.generated(config, PARTS.src(number), content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))  # linked from each part
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    """Append the chapters of its part to a print page's content; leave every other page alone."""
    number = PARTS.number(page.file.src_uri)
    if number is None:
        return None
    pages = {p.file.src_uri: p for p in nav.pages}
    lessons = [chapter(pages[src], f"Lesson {n}") for n, src in enumerate(course_uris(config), start=1) if src in pages]
    count = PARTS.count(config)
    parts = [lessons[i:i + PART_LESSONS] for i in range(0, count * PART_LESSONS, PART_LESSONS)]
    parts[-1] = parts[-1] + [chapter(pages[src], "") for src in APPENDICES if src in pages]
    urls = [page.url if n == number else part_url(n, config) for n in range(1, count + 1)]
    elsewhere = {urls[n - 1]: parts[n - 1] for n in range(1, count + 1) if n != number}
    chapters = parts[number - 1]
    cache = Path(config.config_file_path).resolve().parent / CACHE_DIR
    name = "book" if number == 1 else f"part-{number}"
    book = cached_html(Book(chapters, page.url, ANSWER_KEY, elsewhere), cache, name)
    listing = parts_list(parts, urls, number, page.url) if count > 1 else ""
    page.content = (page.content or "") + listing + book
    page.toc = get_toc([{"level": 2, "id": c.anchor, "name": c.heading, "children": []} for c in chapters])
    return context


def part_url(number: int, config: MkDocsConfig) -> str:
    """Return the site-relative URL of a part's page, as MkDocs gives it."""
    return PARTS.url(number, config)


def parts_list(parts: list[list[Chapter]], urls: list[str], number: int, page_url: str) -> str:
    """Return the list of parts at the top of each part: which lessons each holds, linked."""
    items = []
    for n, (chapters, url) in enumerate(zip(parts, urls, strict=True), start=1):
        lessons = [c for c in chapters if c.label]
        span = f"lessons {lessons[0].label.split()[-1]} to {lessons[-1].label.split()[-1]}" if len(lessons) > 1 else (
            lessons[0].label.lower() if lessons else "")
        extra = ", then the glossary and the references" if n == len(parts) else ""
        label = f"Part {n}: {span}{extra}"
        if n == number:
            items.append(f'<li aria-current="page"><strong>{label}</strong> (this page)</li>')
        else:
            items.append(f'<li><a href="{relative_url(url, page_url)}">{label}</a></li>')
    return ('<nav class="hn-book__parts" aria-labelledby="hn-book-parts">'
            f'<h2 id="hn-book-parts">The course in {len(parts)} parts</h2>'
            f"<p>The course is long, so it prints in parts of up to {PART_LESSONS} lessons each: each page stays "
            "quick to open on a phone. Print each part in turn.</p>"
            f'<ol>{"".join(items)}</ol></nav>')


def chapter(page: Page, label: str) -> Chapter:
    """Return a rendered page as a chapter of the print page."""
    title = page.meta.get("title") or page.title or ""  # the nav title may carry a number
    return Chapter(page.file.src_uri, page.url, str(title), page.content or "", label)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Switch off, on the print pages only, the theme features they do not need (PRINT_OFF)."""
    if PARTS.number(page.file.src_uri) is None:
        return output

    def lighter(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        settings["features"] = [f for f in settings.get("features", []) if f not in PRINT_OFF]
        text = json.dumps(settings, separators=(",", ":")).replace("<", "\\u003c")  # as the theme writes it
        return match.group(1) + text + match.group(3)

    return _CONFIG.sub(lighter, output, count=1)
