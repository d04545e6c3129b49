"""MkDocs hook: fill docs/review.md, the spaced-review page, with the course's quizzes.

The page holds two placeholders, each a line of its own:
- `<!-- hn-review-bank -->` becomes a hidden box of the quizzes, placed with the usual
  `<!-- quiz: id -->` markers, so the exercise extension renders them exactly as on their
  lessons and MkDocs checks and rewrites their review links for this page. quiz.js mounts them
  in review mode and shows only the questions due (docs/assets/js/storage.js);
- `<!-- hn-review-list -->` becomes a list of every quiz, each linked to its lesson: what a
  reader without JavaScript sees, and a way back to any quiz for everyone.
The course is the manifest's (a team's course list limits it), so the review page never asks
a question from a lesson the team left out.

A course of more than PART_LESSONS lessons (a team's fork that adds many) is reviewed in
parts, as it prints in parts (hooks/print_page.py): every quiz in one page would make the
heaviest page of the site grow with the course. review.md holds the quizzes of the first
PART_LESSONS lessons, and pages made here, review/2.md and on, the next ones. Above the box,
each part lists all of them, each with its quiz ids (`data-hn-review-quizzes`), so review.js
can say how many questions are due in the others.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from hn.exercises.cache import checked_project
from hn.manifest import build_manifest
from hn.pages import PART_LESSONS, PartedPage, course_uris
from hn.printbook import relative_url

REVIEW_PAGE = "review.md"
PARTS = PartedPage(REVIEW_PAGE)  # the second part on: review/2.md (review/2/), review/3.md, ...
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


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a page for each part after the first, when the course is reviewed in parts."""
    count = PARTS.count(config)
    if count == 1 or files.get_file_from_path(REVIEW_PAGE) is None:
        return files
    for number in range(2, count + 1):
        content = (f"---\ntitle: Review, part {number} of {count}\n"
                   f"description: Spaced review for {config.site_name}, part {number} of {count}.\n"
                   "search:\n  exclude: true\nhide:\n  - toc\n---\n\n"
                   f"# Review what you learned: part {number} of {count}\n\n"
                   f"How spaced review works, and the first part: [Review](../{REVIEW_PAGE}).\n\n"
                   '<div class="hn-review" data-hn-review markdown>\n\n'
                   "Spaced review needs JavaScript. Without it, you can take any quiz again in its lesson, from\n"
                   'the list below.\n{ .hn-review__status data-hn-review-status="" }\n\n'
                   f"{BANK}\n\n</div>\n\n## All the quizzes {{#all-quizzes}}\n\n{LIST}\n")
        files.append(File.generated(config, PARTS.src(number), content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))  # linked from each part
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the quizzes of its part into a review page; leave every other page alone."""
    number = PARTS.number(page.file.src_uri)
    if number is None:
        return None
    if BANK not in markdown or LIST not in markdown:
        raise PluginError(f"{page.file.src_uri}: needs the lines {BANK} and {LIST} (hooks/review_page.py)")
    quizzes = course_quizzes(config)
    count = PARTS.count(config)
    parts = [[(lesson, quiz) for lesson, quiz in quizzes if (lesson["number"] - 1) // PART_LESSONS == n]
             for n in range(count)]
    here = parts[number - 1]
    markers = "\n\n".join(f"<!-- quiz: {quiz['id']} -->" for _, quiz in here)
    bank = f'<div class="hn-review__bank" data-hn-review-bank hidden markdown>\n\n{markers}\n\n</div>'
    if count > 1:
        bank = parts_list(parts, number, page.url, config) + "\n\n" + bank
    up = "../" * page.file.src_uri.count("/")  # the list's links are to source files, from this page's folder
    items = "\n".join(f"- [Lesson {lesson['number']}: {lesson['title']}]({up}{lesson['src']}#hn-{quiz['id']}): "
                      f"{quiz['title']} ({quiz['question_count']} questions)" for lesson, quiz in quizzes)
    return markdown.replace(BANK, bank).replace(LIST, items or "The course has no quizzes yet.")


def parts_list(parts: list[list[tuple[dict, dict]]], number: int, page_url: str, config: MkDocsConfig) -> str:
    """Return the list of parts above the quizzes: which lessons each holds, linked, with its quiz ids."""
    items = []
    for n, quizzes in enumerate(parts, start=1):
        first, last = PARTS.lessons(n, config)
        label = f"Part {n}: lessons {first} to {last}" if last > first else f"Part {n}: lesson {first}"
        ids = html.escape(" ".join(quiz["id"] for _, quiz in quizzes))
        if n == number:
            items.append(f'<li data-hn-review-quizzes="{ids}" aria-current="page"><strong>{label}</strong> (this page)'
                         '<span data-hn-review-part-due></span></li>')
        else:
            url = PARTS.url(n, config)
            items.append(f'<li data-hn-review-quizzes="{ids}"><a href="{relative_url(url, page_url)}">{label}</a>'
                         '<span data-hn-review-part-due></span></li>')
    return ('<nav class="hn-review__parts" aria-labelledby="hn-review-parts" markdown="0">'
            f'<h2 id="hn-review-parts">The course in {len(parts)} parts</h2>'
            f"<p>The course is long, so its quizzes come back in parts of up to {PART_LESSONS} lessons each: "
            "each page stays quick to open. Review each part with questions due.</p>"
            f'<ol>{"".join(items)}</ol></nav>')
