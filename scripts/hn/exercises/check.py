"""Check a whole course: exercise files, the markers in pages, and the sections they link to.

This is the single code path behind `make check`, the MkDocs build hook and the Markdown
extension, so the three can never disagree. Pages are read as the build reads them, through
Python-Markdown with the site's extensions (`hn.exercises.scan`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify, unique

from hn.exercises.hints import odd_character_note
from hn.exercises.load import ExerciseSet, Problem, load_exercises, read_text
from hn.exercises.model import Quiz
from hn.exercises.page_cache import PageCache
from hn.exercises.scan import CANDIDATE, Includes, Marker, PageScan, SiteMarkdown, read_body, scan_text, site_markdown
from hn.yaml_depth import MAX_DEPTH, TooDeep, check_depth

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<rest>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"#(?P<id>[\w-]+)")
_ATTR_BLOCK = re.compile(r"^\s*\{:?\s*(?P<attrs>[^}]*#[\w-]+[^}]*)\}\s*$")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs finds it

__all__ = ["Heading", "Marker", "Problem", "ProjectReport", "check_project", "find_markers", "page_anchors",
           "page_headings", "section_lines"]


@dataclass
class ProjectReport:
    """What a check of the whole course found."""

    exercises: ExerciseSet
    markers: list[Marker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # "page.md#anchor" -> the heading's text

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
#: What a line must hold to read `TODO:` once its code spans are taken out (T`x`ODO: does too).
#: Almost no file holds it, so most are cleared without a look at each line (0.02 s a build).
_MAYBE_PLACEHOLDER = re.compile(r"(?:`[^`\n]*`)*".join("TODO:"))


def find_placeholders(text: str, display: str) -> list[Problem]:
    """Return a problem for each line holding a `TODO:` placeholder outside code."""
    if not _MAYBE_PLACEHOLDER.search(text):
        return []
    problems = []
    for number, line in _outside_fences(text):
        if PLACEHOLDER.search(_CODE_SPAN.sub("", line)):
            snippet = line.strip() if len(line.strip()) <= 60 else line.strip()[:57] + "..."
            problems.append(Problem(display, number, f"unfinished: replace the placeholder ({snippet})"))
    return problems


def find_markers(text: str, page: str, root: Path | None = None) -> list[Marker]:
    """Return the markers the build would replace in a page (read with `root`'s extensions, if given)."""
    body, first_line = read_body(text.removeprefix("\ufeff"))
    return [replace(marker, page=page) for marker in scan_text(_site(root), body, first_line).markers]



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
    block on its own line yields its ids with no text and level 0. A plain line reading, used
    only to find a section's lines for the item report (`hn.items`); markers and anchors are
    found through Python-Markdown (`page_anchors`, `find_markers`).
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


def page_anchors(text: str, root: Path | None = None) -> dict[str, str]:
    """Return the ids a page defines, as MkDocs sees them, each with its heading text ('' if not a heading)."""
    body, first_line = read_body(text.removeprefix("\ufeff"))
    return scan_text(_site(root), body, first_line).anchors


class Pages:
    """A site's pages as the build reads them; each is read, and run through Markdown, at most once.

    With `kept`, a reading kept on disk by an earlier build stands in for running a page through
    Markdown again while nothing it depends on has changed (`hn.exercises.page_cache`).
    """

    def __init__(self, root: Path, docs_dir: str, site: SiteMarkdown, kept: PageCache | None = None) -> None:
        self.docs, self.docs_dir, self.site, self.kept = root / docs_dir, docs_dir, site, kept
        self.files: dict[str, Path] = {}
        self.problems: list[Problem] = []
        self._texts: dict[str, str] = {}
        self._scans: dict[str, PageScan] = {}
        for path in sorted(self.docs.rglob("*.md")) if self.docs.is_dir() else []:
            rel = path.relative_to(self.docs).as_posix()
            if path.is_dir() or site.excluded(rel):  # `drafts.md/` is a folder; MkDocs skips `.hidden.md`
                continue
            if not path.is_file():
                self.problems.append(Problem(self.display(rel), 1, "is a link to a file that does not exist"))
                continue
            self.files[rel] = path

    def display(self, rel: str) -> str:
        """Return the page's path as messages show it."""
        return f"{self.docs_dir}/{rel}"

    def text(self, rel: str) -> str:
        """Return the page's text as MkDocs reads it (UTF-8, a byte-order mark dropped), noting problems once."""
        if rel not in self._texts:
            text, problem = read_text(self.files[rel], self.display(rel))
            self.problems.extend([problem] if problem else [])
            self._texts[rel] = text.removeprefix("\ufeff")
        return self._texts[rel]

    def scan(self, rel: str) -> PageScan:
        """Return what the build finds in the page: markers and anchors (kept until the file changes)."""
        if rel not in self._scans:
            path = self.files[rel]
            stat = path.stat()
            key = (str(path), stat.st_mtime_ns, stat.st_size, id(self.site))
            if key not in _SCANS:
                _SCANS[key] = self._read(rel)
                if len(_SCANS) > 1024:
                    _SCANS.pop(next(iter(_SCANS)))
            self._scans[rel] = _SCANS[key]
            if self._scans[rel].error:
                self.problems.append(Problem(self.display(rel), self._scans[rel].error_line, self._scans[rel].error))
        return self._scans[rel]

    def _read(self, rel: str) -> PageScan:
        text = self.text(rel)
        if (front := _FRONT_MATTER.match(text)) is not None:  # MkDocs would hand it to libyaml: check first
            try:
                check_depth(front[1], _C_LOADER)
            except TooDeep as exc:
                return PageScan(error=f"the front matter nests more than {MAX_DEPTH} levels deep here: "
                                      "check its brackets and indentation", error_line=exc.line + 1)
            except Exception:  # MkDocs ignores front matter it cannot read, and so does the check
                pass
        body, first_line = read_body(text)
        page = self.display(rel)
        if self.kept is not None and (kept := self.kept.get(page, body, first_line)) is not None:
            return kept
        includes = Includes() if self.kept is not None else None
        result = scan_text(self.site, body, first_line, includes)
        error = f"Python-Markdown could not read this page: {result.error}" if result.error else ""
        scan = PageScan([replace(m, page=page) for m in result.markers],
                        [replace(m, page=page) for m in result.ignored], result.anchors, error)
        if self.kept is not None and includes is not None:
            self.kept.put(page, body, first_line, scan, includes)
        return scan


_SCANS: dict[tuple, PageScan] = {}  # page readings, kept across checks until a page changes (mkdocs serve)
_SITES: dict[tuple, SiteMarkdown] = {}
_C_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # what MkDocs reads front matter with


def forget_pages() -> None:
    """Drop every kept page reading, so the next check reads each page again (for timing it)."""
    _SCANS.clear()


def _site(root: Path | None) -> SiteMarkdown:
    """Return the site's Markdown settings, read again only when its mkdocs.yml changes."""
    if root is None:
        return _SITES.setdefault((), SiteMarkdown())
    config = Path(root) / "mkdocs.yml"
    key = (str(config), config.stat().st_mtime_ns if config.is_file() else 0)
    if key not in _SITES:
        _SITES[key] = site_markdown(Path(root))
    return _SITES[key]


def check_project(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises", *,
                  cache_dir: Path | None = None) -> ProjectReport:
    """Load and cross-check every exercise and page under `root`; collect every problem.

    With `cache_dir`, page readings are kept there for the next check (`hn.exercises.page_cache`).
    """
    root = root.resolve()
    exercises = load_exercises(root / exercises_dir, root)
    report = ProjectReport(exercises, problems=list(exercises.problems))
    site = _site(root)
    if site.problem:
        report.problems.append(Problem("mkdocs.yml", 1, site.problem))
    pages = Pages(root, docs_dir, site, PageCache(cache_dir, site) if cache_dir is not None else None)

    used: dict[str, Marker] = {}
    ignored: dict[str, Marker] = {}
    for rel in pages.files:
        if not CANDIDATE.search(pages.text(rel)):
            continue  # no marker-like text: nothing the build would replace
        scan = pages.scan(rel)
        for marker in scan.ignored:
            ignored.setdefault(marker.exercise_id, marker)
        for marker in scan.markers:
            report.markers.append(marker)
            exercise = exercises.get(marker.exercise_id)
            if exercise is None:
                if not _failed_to_load(marker.exercise_id, exercises):
                    shown = ascii(marker.exercise_id)[1:-1] if odd_character_note(marker.exercise_id) \
                        else marker.exercise_id
                    report.problems.append(Problem(marker.page, marker.line or 1,
                                                   f"marker names unknown {marker.kind} '{shown}' "
                                                   f"(no file in {exercises_dir}/ has id: {shown})"
                                                   + odd_character_note(marker.exercise_id)))
                continue
            if exercise.kind != marker.kind:
                report.problems.append(Problem(marker.page, marker.line or 1,
                                               f"'{marker.exercise_id}' is a {exercise.kind}, not a {marker.kind} "
                                               f"(write <!-- {exercise.kind}: {marker.exercise_id} -->)"))
            if marker.exercise_id in used:
                first = used[marker.exercise_id]
                report.problems.append(Problem(marker.page, marker.line or 1,
                                               f"{exercise.kind} '{marker.exercise_id}' is already shown at "
                                               f"{first.page}:{first.line} (an exercise appears once in the course)"))
            used.setdefault(marker.exercise_id, marker)

    for exercise_id, exercise in exercises.exercises.items():
        path, lines = exercises.files[exercise_id], exercises.lines[exercise_id]
        if exercise_id not in used:
            hint = ignored.get(exercise_id)
            why = (f" (the marker at {hint.page}:{hint.line} is not shown: it sits in code, inside a longer "
                   "HTML comment or within a line of text)") if hint else \
                  f" (add <!-- {exercise.kind}: {exercise_id} --> to a lesson)"
            report.problems.append(Problem(path, lines.get(("id",), 1),
                                           f"{exercise.kind} '{exercise_id}' is not used by any page{why}"))
        if isinstance(exercise, Quiz):
            for index, question in enumerate(exercise.questions):
                problem = _check_section(question.section, pages, report)
                if problem:
                    line = lines.get(("questions", index, "section"), 1)
                    report.problems.append(Problem(path, line, f"question '{question.id}': {problem}"))
    for rel in pages.files:
        report.problems.extend(find_placeholders(pages.text(rel), pages.display(rel)))
    for exercise_file in exercises.paths:
        display = exercise_file.relative_to(root).as_posix()
        text, _ = read_text(exercise_file, display)
        report.problems.extend(find_placeholders(text, display))
    report.problems.extend(pages.problems)
    report.problems = sorted(set(report.problems))
    return report


def _failed_to_load(exercise_id: str, exercises: ExerciseSet) -> bool:
    """Say whether a file that failed to load (or was skipped) may hold this id: its problem is reported already."""
    return any(Path(p.path).name.split(".")[0] == exercise_id for p in exercises.problems)


def _check_section(section: str, pages: Pages, report: ProjectReport) -> str | None:
    """Return what is wrong with a `page.md#anchor` reference, or None (noting the heading's text)."""
    page, _, anchor = section.partition("#")
    if page not in pages.files:
        return f"section '{section}' links to a page that does not exist ({pages.docs_dir}/{page})"
    anchors = pages.scan(page).anchors
    if anchor not in anchors:
        return f"section '{section}' links to a heading that does not exist in {pages.docs_dir}/{page}"
    report.titles[section] = anchors[anchor]
    return None
