"""Check a whole course: exercise files, the markers in pages, and the sections they link to.

This is the single code path behind `make check`, the MkDocs build hook and the Markdown
extension, so the three can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from hn.exercises.load import ExerciseSet, Problem, load_exercises
from hn.exercises.model import Quiz

MARKER = re.compile(r"^\s*<!--\s*(?P<kind>quiz|worksheet)\s*:\s*(?P<id>\S+?)\s*-->\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"#(?P<id>[\w-]+)")
_ATTR_BLOCK = re.compile(r"^\s*\{:?\s*(?P<attrs>[^}]*#[\w-]+[^}]*)\}\s*$")

__all__ = [
    "MARKER", "Marker", "Problem", "ProjectReport", "check_project", "find_markers", "page_anchors", "section_title",
]


@dataclass(frozen=True)
class Marker:
    """An exercise marker found in a page."""

    page: str
    line: int
    kind: str
    exercise_id: str


@dataclass
class ProjectReport:
    """What a check of the whole course found."""

    exercises: ExerciseSet
    markers: list[Marker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def find_markers(text: str, page: str) -> list[Marker]:
    """Return the exercise markers in a Markdown page, skipping fenced code."""
    markers, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and (match := MARKER.match(line)):
            markers.append(Marker(page, number, match["kind"], match["id"]))
    return markers


def page_anchors(text: str) -> dict[str, str]:
    """Return the ids a Markdown page defines (headings and attr_list ids), each with its heading text."""
    anchors: dict[str, str] = {}
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if (heading := _HEADING.match(line)) is not None:
            explicit = _ATTR_ID.search(heading["attrs"] or "")
            title = heading["text"].strip()
            anchor = explicit["id"] if explicit else unique(slugify(title, "-"), set(anchors))
            anchors[anchor] = title
        elif (block := _ATTR_BLOCK.match(line)) is not None:
            anchors.update({m["id"]: "" for m in _ATTR_ID.finditer(block["attrs"])})
    return anchors


def section_title(docs: Path, section: str) -> str:
    """Return the heading text a `page.md#anchor` reference points at ('' if unknown)."""
    page, _, anchor = section.partition("#")
    path = docs / page
    if not path.is_file():
        return ""
    return _anchors_of(path, path.stat().st_mtime_ns).get(anchor, "")


def check_project(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> ProjectReport:
    """Load and cross-check every exercise and page under `root`; collect every problem."""
    root = root.resolve()
    docs = root / docs_dir
    exercises = load_exercises(root / exercises_dir, root)
    report = ProjectReport(exercises, problems=list(exercises.problems))
    pages = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*.md"))} if docs.is_dir() else {}

    used: dict[str, Marker] = {}
    for rel, path in pages.items():
        for marker in find_markers(path.read_text(encoding="utf-8"), f"{docs_dir}/{rel}"):
            report.markers.append(marker)
            exercise = exercises.get(marker.exercise_id)
            if exercise is None:
                if not _failed_to_load(marker.exercise_id, exercises):
                    report.problems.append(Problem(marker.page, marker.line,
                                                   f"marker names unknown {marker.kind} '{marker.exercise_id}'"))
                continue
            if exercise.kind != marker.kind:
                report.problems.append(Problem(marker.page, marker.line,
                                               f"'{marker.exercise_id}' is a {exercise.kind}, not a {marker.kind}"))
            if marker.exercise_id in used:
                first = used[marker.exercise_id]
                report.problems.append(Problem(marker.page, marker.line,
                                               f"'{marker.exercise_id}' is already used at {first.page}:{first.line}"))
            used.setdefault(marker.exercise_id, marker)

    for exercise_id, exercise in exercises.exercises.items():
        path, lines = exercises.files[exercise_id], exercises.lines[exercise_id]
        if exercise_id not in used:
            report.problems.append(Problem(path, lines.get(("id",), 1),
                                           f"{exercise.kind} '{exercise_id}' is not used by any page "
                                           f"(add <!-- {exercise.kind}: {exercise_id} --> to a lesson)"))
        if isinstance(exercise, Quiz):
            for index, question in enumerate(exercise.questions):
                problem = _check_section(question.section, pages)
                if problem:
                    line = lines.get(("questions", index, "section"), 1)
                    report.problems.append(Problem(path, line, f"question '{question.id}': {problem}"))
    report.problems.sort()
    return report


def _failed_to_load(exercise_id: str, exercises: ExerciseSet) -> bool:
    """Say whether a file that failed to load may hold this id (its problem is reported already)."""
    return any(Path(p.path).stem == exercise_id for p in exercises.problems)


def _check_section(section: str, pages: dict[str, Path]) -> str | None:
    """Return what is wrong with a `page.md#anchor` reference, or None."""
    page, _, anchor = section.partition("#")
    path = pages.get(page)
    if path is None:
        return f"section '{section}' links to a page that does not exist (docs/{page})"
    if anchor not in _anchors_of(path, path.stat().st_mtime_ns):
        return f"section '{section}' links to a heading that does not exist in docs/{page}"
    return None


@lru_cache(maxsize=256)
def _anchors_of(path: Path, _mtime: int) -> dict[str, str]:
    """Anchors of a page with their heading text, cached until the file changes."""
    return page_anchors(path.read_text(encoding="utf-8"))
