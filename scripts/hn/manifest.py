"""The course manifest: lessons in nav order with their quizzes and worksheets, for the progress page.

Built from the same exercise models and markers as the build and `make check`, so the progress
page can never list a lesson or a question that the site does not have. hooks/manifest.py
writes it as `assets/course-manifest.json` (for tools) and `assets/course-manifest.js` (a
script that sets `HN.manifest`, because browsers refuse `fetch` on pages opened from file://).
A lesson page loads only its own lesson's part, `assets/manifest/<lesson id>.js` (`lesson_part`),
and a page that lists no lessons the header alone, `assets/manifest/_course.js` (`course_part`):
the whole manifest grows with the course, and such pages need one entry of it or none.

Format (version 1), every URL relative to the site root:

    {"format": "the-human-network/manifest", "version": 1, "course": str, "site": str,
     "pages": {"progress": url, "completion": url, "print": url, "review": url},
     "lessons": [{"number": 1, "id": slug, "src": "lessons/x.md", "title": str, "url": url,
                  "minutes": int | null,
                  "quizzes": [QUIZ, ...], "worksheets": [WORKSHEET, ...]}],
     "checks": [QUIZ + {"lesson": number, "url": url}]}
    QUIZ      = {"id", "title", "questions": [question id, ...], "question_count", "pass_mark"}
    WORKSHEET = {"id", "title", "sections": [{"id", "title", "type", "fields": [field, ...]}]}

A course reviewed in parts (hooks/review_page.py) has one more key, written by
hooks/manifest.py: "review_parts": [{"url": url, "first": lesson number, "last": lesson number}],
the review page of each part and the lessons whose quizzes it holds (a course check goes with
the lesson it is on).

A lesson's part has the same header (without "review_parts"), one lesson, the course checks on
that lesson, and two more keys: "partial": true and "lesson_count" (the course's number of
lessons).

A worksheet entry is saved under "<section id>/<field>" (docs/assets/js/worksheet.js). A
quiz on a lesson whose questions review other lessons (the final check) is a course check,
listed under "checks" rather than under its lesson.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hn.exercises import ProjectReport, Quiz, Worksheet
from hn.pages import lesson_uris, read_page

FORMAT = "the-human-network/manifest"
VERSION = 1
SPECIAL_PAGES = {"progress": "progress.md", "completion": "completion.md", "print": "print.md",
                 "review": "review.md"}
#: The completion record keeps the learner's name as a worksheet entry under this id, so it is
#: exported, imported and reset with everything else without changing the storage format.
RESERVED_IDS = frozenset({"hn-completion-record"})


def worksheet_fields(sheet: Worksheet) -> list[dict[str, Any]]:
    """Return each section of a worksheet with the field names its entries are saved under."""
    sections = []
    for section in sheet.sections:
        if section.type == "rating":
            fields = [statement.id for statement in section.statements]
        elif section.type == "reflection":
            fields = [prompt.id for prompt in section.prompts]
        elif section.type == "checklist":
            fields = [item.id for item in section.items]
        elif section.type == "draft":
            fields = ["text"]
        else:  # plan: one goal, step and date per row
            fields = [f"{name}-{row}" for row in range(1, section.rows + 1) for name in ("goal", "step", "date")]
        sections.append({"id": section.id, "title": section.title, "type": section.type, "fields": fields})
    return sections


def quiz_entry(quiz: Quiz) -> dict[str, Any]:
    """Return what the progress page needs to score a quiz."""
    questions = [question.id for question in quiz.questions]
    return {"id": quiz.id, "title": quiz.title, "questions": questions,
            "question_count": len(questions), "pass_mark": quiz.pass_mark}


def reviews_other_pages(quiz: Quiz, page: str) -> bool:
    """Say whether a quiz's questions send the learner to pages other than the one it is on."""
    return any(question.section.partition("#")[0] != page for question in quiz.questions)


def build_manifest(root: Path, docs_dir: str, nav: Any, report: ProjectReport,
                   url_of: Callable[[str], str | None], *, course: str = "", site: str = "",
                   pages: list[str] | None = None) -> dict[str, Any]:
    """Return the manifest for the lessons in `nav` (or `pages`, a fork's course), using `report`.

    `url_of` maps a docs-relative source path to its URL relative to the site root (None when
    the page is not built), so the manifest follows `use_directory_urls` whatever its value.
    """
    docs = root / docs_dir
    markers: dict[str, list] = {}
    for marker in report.markers:
        markers.setdefault(marker.page.removeprefix(f"{docs_dir}/"), []).append(marker)
    lessons, checks = [], []
    for number, src in enumerate(lesson_uris(nav) if pages is None else pages, start=1):
        page = read_page(docs / src, docs)
        url = url_of(src)
        lesson = {"number": number, "id": page.slug, "src": src, "title": page.title, "url": url,
                  "minutes": page.meta.get("minutes"), "quizzes": [], "worksheets": []}
        for marker in markers.get(src, []):
            exercise = report.exercises.get(marker.exercise_id)
            if isinstance(exercise, Worksheet):
                lesson["worksheets"].append({"id": exercise.id, "title": exercise.title,
                                             "sections": worksheet_fields(exercise)})
            elif isinstance(exercise, Quiz) and reviews_other_pages(exercise, src):
                checks.append({**quiz_entry(exercise), "lesson": number, "url": f"{url}#hn-{exercise.id}"})
            elif isinstance(exercise, Quiz):
                lesson["quizzes"].append(quiz_entry(exercise))
        lessons.append(lesson)
    return {"format": FORMAT, "version": VERSION, "course": course, "site": site,
            "pages": {name: url_of(src) for name, src in SPECIAL_PAGES.items()},
            "lessons": lessons, "checks": checks}


def lesson_part(manifest: dict[str, Any], lesson: dict[str, Any]) -> dict[str, Any]:
    """Return the part of `manifest` a lesson page loads: its lesson and the checks it holds."""
    return {**{key: value for key, value in manifest.items() if key not in ("lessons", "checks", "review_parts")},
            "partial": True, "lesson_count": len(manifest["lessons"]), "lessons": [lesson],
            "checks": [check for check in manifest["checks"] if check["lesson"] == lesson["number"]]}


def course_part(manifest: dict[str, Any]) -> dict[str, Any]:
    """Return the part of `manifest` a page that summarises nothing loads: the header alone.

    A page with a demo exercise, or the print book, saves and reads the record but lists no
    lessons, so it needs to know only which course it belongs to.
    """
    return {**lesson_part(manifest, {"number": 0}), "lessons": []}


def part_path(lesson_id: str | None = None) -> str:
    """Return where the build writes a lesson's part of the manifest (None: the header alone).

    Lesson ids are slugs, so the header's name, with an underscore, can never be one.
    """
    return f"assets/manifest/{lesson_id or '_course'}.js"


def reserved_id_problems(report: ProjectReport) -> list[str]:
    """Return a message for each exercise that uses an id the progress scripts reserve."""
    return [f"{report.exercises.files[exercise_id]}: the id '{exercise_id}' is reserved for the completion record"
            for exercise_id in sorted(RESERVED_IDS & set(report.exercises.exercises))]


def as_json(manifest: dict[str, Any]) -> str:
    """Return the manifest as the JSON file tools read."""
    return json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"


def as_script(manifest: dict[str, Any]) -> str:
    """Return the manifest (or a lesson's part) as a script that gives it to the page's scripts.

    Before storage.js runs, it sets `HN.manifest`; after (a page reached by instant navigation,
    where storage.js is already running), it hands it to `HN.addManifest`, which merges a part
    into what the page knows. A script works from file:// and under CSP, where `fetch` may not.
    """
    data = json.dumps(manifest, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    return ("/* Generated by hooks/manifest.py from the exercise models: do not edit. */\n"
            "window.HN = window.HN || {};\n"
            f"(window.HN.addManifest || function (m) {{ window.HN.manifest = m; }})({data});\n")
