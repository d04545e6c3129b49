"""Prose report: words, reading time, readability and citations for every lesson, in nav order.

Usage: python -m hn.prose [--root DIR] [--docs-dir DIR]
Exit codes: 0 every lesson passes, 1 a lesson breaks a rule, 2 bad usage.

The rules (CONTRIBUTING.md explains them to authors):

- words of prose between WORDS_MIN and WORDS_MAX;
- Flesch reading ease at least FLESCH_FLOOR (the target is FLESCH_TARGET or more);
- front-matter `minutes` within MINUTES_MARGIN of ceil(words / WORDS_PER_MINUTE) plus
  MINUTES_PER_EXERCISE for each quiz or worksheet marker.

Prose is what a reader reads: front matter, HTML comments (exercise markers), code, link
targets, images, attr_list braces and admonition syntax are left out; headings, callout
titles, list items, table cells and link text are kept, and each one ends a sentence.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hn.check import github_annotation
from hn.exercises.check import Problem, find_markers
from hn.pages import Page, lessons
from hn.readability import WORD, Readability, measure

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
WORDS_MIN, WORDS_MAX = 1200, 2500
FLESCH_FLOOR, FLESCH_TARGET = 55.0, 60.0
WORDS_PER_MINUTE, MINUTES_PER_EXERCISE, MINUTES_MARGIN = 200, 5, 5

_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SKIP_LINE = re.compile(
    r"^(?:\*\[[^\]]+\]:.*"  # abbreviation definitions
    r"|-{1,3}8<-{1,3}"  # snippet includes
    r"|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$"  # table rules
    r"|\{:?\s*[#.][^}]*\})$"  # attr_list on its own line
)
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:"(?P<title>[^"]*)")?\s*$')
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)]|:)\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^(?:>\s?)+")
_INLINE = [  # (pattern, replacement) applied in order to each block
    (re.compile(r"`[^`]*`"), " "),  # inline code
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[\^[^\]]+\]"), " "),  # footnote references
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),  # links: keep the text only
    (re.compile(r"\{:?\s*[#.][^}]*\}"), " "),  # attr_list braces
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),  # HTML tags and autolinks
    (re.compile(r"\*\*|__|~~|(?<!\w)[*_]|[*_](?!\w)"), ""),  # emphasis
]


@dataclass(frozen=True)
class Block:
    """One run of prose that ends a sentence: a paragraph, heading, list item or table cell."""

    line: int
    text: str


def clean_inline(text: str) -> str:
    """Turn one block of Markdown into the plain text a reader sees."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(html.unescape(text).split())


def prose_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Return the prose blocks of a Markdown body, each with the file line it starts on."""
    body = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body)
    blocks: list[Block] = []
    lines: list[str] = []
    start, fenced = first_line, False

    def add(line: int, text: str) -> None:
        if WORD.search(text := clean_inline(text)):
            blocks.append(Block(line, text))

    def flush() -> None:
        if lines:
            add(start, " ".join(lines))
            lines.clear()

    for number, raw in enumerate(body.splitlines(), start=first_line):
        if _FENCE.match(raw):
            flush()
            fenced = not fenced
            continue
        line = _QUOTE.sub("", raw.strip()).strip()
        if fenced or _SKIP_LINE.match(line):
            continue
        if not line:
            flush()
        elif (match := _ADMONITION.match(line) or _HEADING.match(line)) is not None:
            flush()
            add(number, match.groupdict().get("title") or match.groupdict().get("text") or "")
        elif line.startswith("|"):
            flush()
            for cell in line.strip("|").split("|"):
                add(number, cell)
        else:
            if (item := _ITEM.match(line)) is not None:
                flush()
                line = line[item.end() :]
            if not lines:
                start = number
            lines.append(line)
    flush()
    return blocks


@dataclass
class LessonReport:
    """What the prose report found for one lesson."""

    number: int
    page: Page
    path: str
    prose: Readability
    exercises: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def reading_minutes(self) -> int:
        """Return the minutes needed to read the prose, rounded up."""
        return math.ceil(self.prose.words / WORDS_PER_MINUTE)

    @property
    def exercise_minutes(self) -> int:
        """Return the minutes allowed for the lesson's quizzes and worksheets."""
        return self.exercises * MINUTES_PER_EXERCISE

    @property
    def expected_minutes(self) -> int:
        """Return the minutes the lesson should state in its front matter."""
        return self.reading_minutes + self.exercise_minutes

    @property
    def stated_minutes(self) -> int | None:
        """Return the front-matter `minutes`, or None when it is missing or not a whole number."""
        value = self.page.meta.get("minutes")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def citations(self) -> int:
        """Return the number of links to the references page."""
        return len(self.page.citations)

    @property
    def minutes_ok(self) -> bool:
        """True when the stated minutes are within the margin of the expected minutes."""
        stated = self.stated_minutes
        return stated is not None and abs(stated - self.expected_minutes) <= MINUTES_MARGIN


def check_lesson(number: int, page: Page, path: str) -> LessonReport:
    """Measure one lesson and collect every rule it breaks."""
    blocks = prose_blocks(page.body, page.body_line)
    exercises = len(find_markers(page.body, path))
    report = LessonReport(number, page, path, measure(b.text for b in blocks), exercises)
    words, flesch = report.prose.words, report.prose.flesch
    title_line = blocks[0].line if blocks else page.body_line
    minutes_line = page.meta_lines.get("minutes", 1)

    def problem(line: int, message: str) -> None:
        report.problems.append(Problem(path, line, message))

    if not WORDS_MIN <= words <= WORDS_MAX:
        problem(title_line, f"{words:,} words of prose; a lesson needs {WORDS_MIN:,} to {WORDS_MAX:,}")
    if flesch < FLESCH_FLOOR:
        problem(
            title_line,
            f"Flesch reading ease {flesch:.1f} is under the floor of {FLESCH_FLOOR:g} "
            f"(aim for {FLESCH_TARGET:g}+): use shorter sentences and plainer words",
        )
    if report.stated_minutes is None:
        problem(minutes_line, f"front matter needs `minutes:` as a whole number (expected {report.expected_minutes})")
    elif not report.minutes_ok:
        problem(
            minutes_line,
            f"minutes: {report.stated_minutes} is more than {MINUTES_MARGIN} away from "
            f"{report.expected_minutes} ({report.reading_minutes} reading + {report.exercise_minutes} exercises)",
        )
    return report


def check_lessons(root: Path, docs_dir: str = "docs") -> tuple[list[LessonReport], list[Problem]]:
    """Check every lesson in nav order; return the reports and every problem found."""
    ordered, missing = lessons(root, docs_dir)
    reports = [check_lesson(number, page, f"{docs_dir}/{page.src_uri}") for number, page in enumerate(ordered, start=1)]
    problems = [Problem(f"{docs_dir}/{page.src_uri}", 1, "lesson is not in the nav of mkdocs.yml") for page in missing]
    return reports, [p for report in reports for p in report.problems] + problems


COLUMNS = ("#", "lesson", "words", "read", "ex", "expect", "front", "minutes", "flesch", "cites", "result")


def table_rows(reports: list[LessonReport]) -> Iterator[tuple[str, ...]]:
    """Yield one row of report cells per lesson."""
    for r in reports:
        yield (
            str(r.number), r.page.slug, f"{r.prose.words:,}", str(r.reading_minutes), str(r.exercise_minutes),
            str(r.expected_minutes), "-" if r.stated_minutes is None else str(r.stated_minutes),
            "ok" if r.minutes_ok else "off", f"{r.prose.flesch:.1f}", str(r.citations),
            "pass" if not r.problems else "FAIL",
        )  # fmt: skip


def format_table(reports: list[LessonReport]) -> str:
    """Return the report as an aligned plain-text table."""
    rows = [COLUMNS, *table_rows(reports)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]

    def cell(index: int, text: str) -> str:
        # The lesson name reads best left-aligned, the numbers right-aligned.
        return text.ljust(widths[index]) if index == 1 else text.rjust(widths[index])

    return "\n".join("  ".join(cell(i, text) for i, text in enumerate(row)).rstrip() for row in rows)


def main(argv: list[str] | None = None) -> int:
    """Print the prose report and return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m hn.prose", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("--docs-dir", default="docs", help="pages folder, relative to the root")
    args = parser.parse_args(argv)
    if not (args.root / "mkdocs.yml").is_file() or not (args.root / args.docs_dir / "lessons").is_dir():
        parser.print_usage(sys.stderr)
        print(f"error: no mkdocs.yml and {args.docs_dir}/lessons/ under {args.root}", file=sys.stderr)
        return EXIT_USAGE
    reports, problems = check_lessons(args.root, args.docs_dir)
    print(format_table(reports))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in problems:
        print(item)
        if in_actions:
            print(github_annotation(item.path, item.line, item.message))
    rules = (
        f"rules: {WORDS_MIN:,}-{WORDS_MAX:,} words, Flesch >= {FLESCH_FLOOR:g} (target {FLESCH_TARGET:g}+), "
        f"minutes within {MINUTES_MARGIN} of ceil(words/{WORDS_PER_MINUTE}) + {MINUTES_PER_EXERCISE} per exercise"
    )
    if problems:
        print(f"{len(problems)} problem(s) in {len(reports)} lesson(s); {rules}.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{len(reports)} lessons checked: no problems; {rules}.", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
