"""MkDocs hook: fill docs/review.md, the spaced-review page, with the course's quizzes.

The page holds two placeholders, each a line of its own:
- `<!-- hn-review-bank -->` becomes a hidden box of every quiz in the course, placed with the
  usual `<!-- quiz: id -->` markers, so the exercise extension renders them exactly as on
  their lessons and MkDocs checks and rewrites their review links for this page. quiz.js
  mounts them in review mode and shows only the questions due (docs/assets/js/storage.js);
- `<!-- hn-review-list -->` becomes a list of the same quizzes, each linked to its lesson:
  what a reader without JavaScript sees, and a way back to any quiz for everyone.
The course is the manifest's (a team's course list limits it), so the review page never asks
a question from a lesson the team left out.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hn.exercises.cache import checked_project
from hn.manifest import build_manifest
from hn.pages import course_uris

REVIEW_PAGE = "review.md"
BANK = "<!-- hn-review-bank -->"
LIST = "<!-- hn-review-list -->"
EXTENSION = "hn.markdown_ext"


def course_quizzes(config: MkDocsConfig) -> list[tuple[dict, dict]]:
    """Return (lesson, quiz) for every quiz of the course, lesson quizzes then course checks."""
    settings = config.mdx_configs.get(EXTENSION, {})
    root = Path(settings.get("root") or Path(config.config_file_path).resolve().parent)
    docs_dir = settings.get("docs_dir", "docs")
    report = checked_project(root, docs_dir, settings.get("exercises_dir", "exercises"))
    manifest = build_manifest(root, docs_dir, config.nav, report, lambda src: src, pages=course_uris(config))
    found = [(lesson, quiz) for lesson in manifest["lessons"] for quiz in lesson["quizzes"]]
    return found + [(manifest["lessons"][quiz["lesson"] - 1], quiz) for quiz in manifest["checks"]]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the course's quizzes into the review page; leave every other page alone."""
    if page.file.src_uri != REVIEW_PAGE:
        return None
    if BANK not in markdown or LIST not in markdown:
        raise PluginError(f"{REVIEW_PAGE}: needs the lines {BANK} and {LIST} (hooks/review_page.py)")
    quizzes = course_quizzes(config)
    markers = "\n\n".join(f"<!-- quiz: {quiz['id']} -->" for _, quiz in quizzes)
    bank = f'<div class="hn-review__bank" data-hn-review-bank hidden markdown>\n\n{markers}\n\n</div>'
    items = "\n".join(f"- [Lesson {lesson['number']}: {lesson['title']}]({lesson['src']}#hn-{quiz['id']}): "
                      f"{quiz['title']} ({quiz['question_count']} questions)" for lesson, quiz in quizzes)
    return markdown.replace(BANK, bank).replace(LIST, items or "The course has no quizzes yet.")
