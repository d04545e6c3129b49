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

from hn.exercises.load import ExerciseSet, Problem, load_exercises, read_text
from hn.exercises.model import Quiz

MARKER = re.compile(r"^\s*<!--\s*(?P<kind>quiz|worksheet)\s*:\s*(?P<id>\S+?)\s*-->\s*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<rest>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"#(?P<id>[\w-]+)")
_ATTR_BLOCK = re.compile(r"^\s*\{:?\s*(?P<attrs>[^}]*#[\w-]+[^}]*)\}\s*$")

__all__ = [
    "MARKER", "Heading", "Marker", "Problem", "ProjectReport", "check_project", "find_markers", "page_anchors",
    "page_headings", "section_lines", "section_title",
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


def _outside_fences(text: str):
    """Yield (line number, line) for the lines of a Markdown page that are not fenced code.

    A fence closes only with the same character, at least as long and with nothing after it
    (CommonMark), so a ```` fence can show a ``` block, as the authoring guide does.
    """
    opener = ""
    for number, line in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(line)
        if not opener:
            if fence and not (fence["fence"][0] == "`" and "`" in fence["rest"]):
                opener = fence["fence"]
                continue
            yield number, line
        elif fence and fence["fence"][0] == opener[0] and len(fence["fence"]) >= len(opener) \
                and not fence["rest"].strip():
            opener = ""


# Stubs made by `python -m hn.scaffold` carry `TODO:` placeholders until an author fills them in.
PLACEHOLDER = re.compile(r"\bTODO:")
_CODE_SPAN = re.compile(r"`[^`]*`")  # docs may mention `TODO:` in code; stubs never use backticks


def find_placeholders(text: str, display: str) -> list[Problem]:
    """Return a problem for each line holding a `TODO:` placeholder outside code."""
    problems = []
    for number, line in _outside_fences(text):
        if PLACEHOLDER.search(_CODE_SPAN.sub("", line)):
            snippet = line.strip() if len(line.strip()) <= 60 else line.strip()[:57] + "..."
            problems.append(Problem(display, number, f"unfinished: replace the placeholder ({snippet})"))
    return problems


def find_markers(text: str, page: str) -> list[Marker]:
    """Return the exercise markers in a Markdown page, skipping fenced code."""
    return [Marker(page, number, match["kind"], match["id"])
            for number, line in _outside_fences(text) if (match := MARKER.match(line))]


@dataclass(frozen=True)
class Heading:
    """A heading of a Markdown page: its id, text, level (1 to 6) and line."""

    anchor: str
    title: str
    level: int
    line: int


def _anchored(text: str):
    """Yield (line number, id, heading text, heading level) for each id a page defines, in order.

    Headings get MkDocs' ids (explicit `{#id}`, else a unique slug of the text); an attr_list
    block on its own line yields its ids with no text and level 0.
    """
    seen: set[str] = set()
    for number, line in _outside_fences(text):
        if (heading := _HEADING.match(line)) is not None:
            explicit = _ATTR_ID.search(heading["attrs"] or "")
            title = heading["text"].strip()
            anchor = explicit["id"] if explicit else unique(slugify(title, "-"), seen)
            seen.add(anchor)
            yield number, anchor, title, len(heading["hashes"])
        elif (block := _ATTR_BLOCK.match(line)) is not None:
            for match in _ATTR_ID.finditer(block["attrs"]):
                seen.add(match["id"])
                yield number, match["id"], "", 0


def page_headings(text: str) -> list[Heading]:
    """Return the headings of a Markdown page, in order, with the ids MkDocs gives them."""
    return [Heading(anchor, title, level, number) for number, anchor, title, level in _anchored(text) if level]


def page_anchors(text: str) -> dict[str, str]:
    """Return the ids a Markdown page defines (headings and attr_list ids), each with its heading text."""
    anchors: dict[str, str] = {}
    for _, anchor, title, _level in _anchored(text):
        anchors[anchor] = title
    return anchors


def section_lines(text: str, anchor: str) -> list[tuple[int, str]] | None:
    """Return the numbered lines of the section under heading `anchor`, outside fenced code.

    A section runs to the next heading of the same or a higher level, so it holds its
    subsections. None when the page has no heading with that id.
    """
    headings = page_headings(text)
    start = next((h for h in headings if h.anchor == anchor), None)
    if start is None:
        return None
    end = next((h.line for h in headings if h.line > start.line and h.level <= start.level), None)
    return [(number, line) for number, line in _outside_fences(text)
            if start.line < number and (end is None or number < end)]


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
        text, problem = read_text(path, f"{docs_dir}/{rel}")
        report.problems.extend([problem] if problem else [])
        for marker in find_markers(text, f"{docs_dir}/{rel}"):
            report.markers.append(marker)
            exercise = exercises.get(marker.exercise_id)
            if exercise is None:
                if not _failed_to_load(marker.exercise_id, exercises):
                    report.problems.append(Problem(marker.page, marker.line,
                                                   f"marker names unknown {marker.kind} '{marker.exercise_id}' "
                                                   f"(no file in {exercises_dir}/ has id: {marker.exercise_id})"))
                continue
            if exercise.kind != marker.kind:
                report.problems.append(Problem(marker.page, marker.line,
                                               f"'{marker.exercise_id}' is a {exercise.kind}, not a {marker.kind} "
                                               f"(write <!-- {exercise.kind}: {marker.exercise_id} -->)"))
            if marker.exercise_id in used:
                first = used[marker.exercise_id]
                report.problems.append(Problem(marker.page, marker.line,
                                               f"{exercise.kind} '{marker.exercise_id}' is already shown at "
                                               f"{first.page}:{first.line} (an exercise appears once in the course)"))
            used.setdefault(marker.exercise_id, marker)

    for exercise_id, exercise in exercises.exercises.items():
        path, lines = exercises.files[exercise_id], exercises.lines[exercise_id]
        if exercise_id not in used:
            report.problems.append(Problem(path, lines.get(("id",), 1),
                                           f"{exercise.kind} '{exercise_id}' is not used by any page "
                                           f"(add <!-- {exercise.kind}: {exercise_id} --> to a lesson)"))
        if isinstance(exercise, Quiz):
            for index, question in enumerate(exercise.questions):
                problem = _check_section(question.section, pages, docs_dir)
                if problem:
                    line = lines.get(("questions", index, "section"), 1)
                    report.problems.append(Problem(path, line, f"question '{question.id}': {problem}"))
    for rel, page in pages.items():
        text, _ = read_text(page, f"{docs_dir}/{rel}")
        report.problems.extend(find_placeholders(text, f"{docs_dir}/{rel}"))
    for exercise_file in sorted((root / exercises_dir).rglob("*.y*ml")):
        display = exercise_file.relative_to(root).as_posix()
        text, _ = read_text(exercise_file, display)
        report.problems.extend(find_placeholders(text, display))
    report.problems.sort()
    return report


def _failed_to_load(exercise_id: str, exercises: ExerciseSet) -> bool:
    """Say whether a file that failed to load may hold this id (its problem is reported already)."""
    return any(Path(p.path).stem == exercise_id for p in exercises.problems)


def _check_section(section: str, pages: dict[str, Path], docs_dir: str) -> str | None:
    """Return what is wrong with a `page.md#anchor` reference, or None."""
    page, _, anchor = section.partition("#")
    path = pages.get(page)
    if path is None:
        return f"section '{section}' links to a page that does not exist ({docs_dir}/{page})"
    if anchor not in _anchors_of(path, path.stat().st_mtime_ns):
        return f"section '{section}' links to a heading that does not exist in {docs_dir}/{page}"
    return None


@lru_cache(maxsize=256)
def _anchors_of(path: Path, _mtime: int) -> dict[str, str]:
    """Anchors of a page with their heading text, cached until the file changes."""
    return page_anchors(path.read_bytes().decode("utf-8", errors="replace"))
