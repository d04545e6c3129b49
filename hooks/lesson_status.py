"""MkDocs hook: write the status line under each lesson's title at build time.

progress.js fills the line in with the learner's progress ("Lesson 2 of 10. In progress.
Quiz: 3 of 5 correct."). Written here first, as a first visit reads it ("Lesson 2 of 10.
Not started." and a link to the progress page), it holds its place from the first paint:
filling it in moves nothing below it (no layout shift on a first visit, the one a slow phone
on a new site goes through), and a reader without JavaScript still sees where the lesson
sits (nothing can be saved without JavaScript, so "Not started" stays true for them).
It goes into the finished page (`on_post_page`), not the page's content, so the search index
and the print page (which reuses each lesson's content) do not repeat it.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hn.pages import course_uris

PROGRESS_PAGE = "progress.md"
NOT_STARTED = "Not started"  # the words progress.js uses (STATUS["not-started"])
TITLE_END = re.compile(r"<article\b.*?</h1>\s*", re.DOTALL)
_files: Files | None = None


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Keep the site's files, to link the progress page."""
    global _files
    _files = files
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Put the line after a lesson's <h1>; leave every other page alone."""
    lessons = course_uris(config)
    if page.file.src_uri not in lessons:
        return output
    title = TITLE_END.search(output)
    if title is None:
        return output  # no title to sit under: progress.js adds the line where it can
    line = ('<p class="hn-lesson-status hn-lesson-status--not-started" data-hn-lesson-status>'
            f'<span class="hn-lesson-status__label">Lesson {lessons.index(page.file.src_uri) + 1} of {len(lessons)}.'
            f" {NOT_STARTED}.</span>")
    progress = _files.get_file_from_path(PROGRESS_PAGE) if _files is not None else None
    if progress is not None:
        line += f' <a href="{html.escape(progress.url_relative_to(page.file))}">Your progress</a>'
    line += "</p>\n"
    return output[:title.end()] + line + output[title.end():]
