"""The progress page as a first visit sees it, written at build time (hooks/manifest.py).

progress.js draws the page from the learner's saved record. Before it runs, the page held
one line of text, so drawing it pushed everything below down the screen (a layout shift of
0.56 on a phone, where 0.1 is "poor"). The build now writes what progress.js draws for an
empty record: a first visit sees it from the first paint and nothing moves when the script
redraws it. A returning learner sees their own figures as soon as the script runs.

This mirrors `progressPage` and `continueParts` in docs/assets/js/progress.js for an empty
record, from the same manifest; tests/test_progress_browser.py checks that the two agree.
"""

from __future__ import annotations

import posixpath
from html import escape
from typing import Any

STATUS_SYMBOL = "\u2013"  # progress.js: "–" for a lesson not started


def _href(url: str, page_dir: str) -> str:
    """Return a manifest URL (relative to the site root) as a link from a page in `page_dir`."""
    path, _, fragment = url.partition("#")
    rel = posixpath.relpath(path or ".", page_dir or ".")
    rel = "./" if rel == "." else rel + ("/" if path.endswith("/") and not rel.endswith("/") else "")
    return escape(rel + (f"#{fragment}" if fragment else ""))


def _lesson_link(lesson: dict[str, Any], page_dir: str, text: str | None = None) -> str:
    text = text or f"Lesson {lesson['number']}: {lesson['title']}"
    return f'<a href="{_href(lesson["url"], page_dir)}">{escape(text)}</a>'


def _section(id_: str, title: str, body: str, extra_class: str = "") -> str:
    cls = "hn-progress__section" + (f" {extra_class}" if extra_class else "")
    return f'<section class="{cls}" aria-labelledby="{id_}"><h2 id="{id_}">{escape(title)}</h2>{body}</section>'


def first_visit(manifest: dict[str, Any], page_dir: str) -> str:
    """Return the HTML progress.js draws inside [data-hn-progress] for a learner with no record."""
    lessons = manifest["lessons"]
    count = len(lessons)
    parts: list[str] = []
    if lessons:
        first = lessons[0]
        start = (f"<p>You have not opened a lesson yet. Start with {_lesson_link(first, page_dir)}.</p>"
                 '<p><a class="md-button md-button--primary hn-continue__button" '
                 f'href="{_href(first["url"], page_dir)}">Start: lesson {first["number"]}</a></p>')
        parts.append(_section("hn-progress-continue", "Continue where you left off", start, "hn-continue"))
    quizzes = sum(len(lesson["quizzes"]) for lesson in lessons)
    sheets = sum(len(lesson["worksheets"]) for lesson in lessons)
    facts = [f"<li>Quizzes passed: 0 of {quizzes}.</li>", f"<li>Worksheets done: 0 of {sheets}.</li>"]
    facts += [f'<li><a href="{_href(check["url"], page_dir)}">{escape(check["title"])}</a>. Not tried yet.</li>'
              for check in manifest.get("checks", [])]
    parts.append(_section("hn-progress-overall", "Across the course",
                          '<p class="hn-progress__overall"><label for="hn-progress-bar">Lessons complete</label>'
                          f'<progress id="hn-progress-bar" max="{count}" value="0">0 of {count}</progress>'
                          f'<span class="hn-progress__count">0 of {count} lessons complete (0%)</span></p>'
                          f'<ul class="hn-progress__facts">{"".join(facts)}</ul>'))
    rows = []
    for lesson in lessons:
        quiz = "; ".join("Not tried yet" for _ in lesson["quizzes"]) or "No quiz"
        sheet = "; ".join("Not started" for _ in lesson["worksheets"]) or "No worksheet"
        rows.append(f'<tr data-hn-lesson="{escape(lesson["id"])}" data-hn-status="not-started">'
                    f'<th scope="row">{_lesson_link(lesson, page_dir)}</th>'
                    '<td class="hn-status hn-status--not-started">'
                    f'<span class="hn-status__symbol" aria-hidden="true">{STATUS_SYMBOL}</span> Not started</td>'
                    f"<td>{quiz}</td><td>{sheet}</td><td>Not yet</td></tr>")
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Lesson", "Status", "Quiz", "Worksheet", "Last opened"))
    parts.append(_section("hn-progress-lessons", "Lessons",
                          '<div class="hn-progress__tablewrap"><table class="hn-progress__table">'
                          "<caption>Each lesson in course order, with its status, quiz score and worksheet.</caption>"
                          f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"))
    return f'<div class="hn-progress__first">{"".join(parts)}</div>'
