"""Prose report: words, reading time, readability and citations for every lesson, in nav order.

Usage: python -m hn.prose [--root DIR] [--docs-dir DIR]
Exit codes: 0 every lesson and the references page pass, 1 something breaks a rule, 2 bad usage.

The rules (CONTRIBUTING.md explains them to authors):

- words of prose between WORDS_MIN and WORDS_MAX;
- Flesch reading ease at least FLESCH_FLOOR (the target is FLESCH_TARGET or more);
- front-matter `minutes` within MINUTES_MARGIN of ceil(words / WORDS_PER_MINUTE) plus
  MINUTES_PER_EXERCISE for each quiz or worksheet marker;
- every sentence that states a statistic or reports research is cited in its paragraph,
  list item, table row or callout (`hn.claims`; team pages in docs/team/ too);
- every entry on the references page has a rating from the page's rubric and is cited from
  another page (`hn.evidence`).

Prose is what a reader reads: front matter, HTML comments (exercise markers), code, link
targets, images, attr_list braces and admonition syntax are left out; headings, callout
titles, list items, table cells and link text are kept, and each one ends a sentence.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hn.check import github_annotation
from hn.claims import uncited_claims
from hn.evidence import ReferencesReport, check_references
from hn.exercises.check import Problem, find_markers
from hn.markdown_text import clean_inline, units
from hn.pages import Page, lessons, read_page
from hn.readability import WORD, Readability, measure

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
WORDS_MIN, WORDS_MAX = 1200, 2500
FLESCH_FLOOR, FLESCH_TARGET = 55.0, 60.0
WORDS_PER_MINUTE, MINUTES_PER_EXERCISE, MINUTES_MARGIN = 200, 5, 5


@dataclass(frozen=True)
class Block:
    """One run of prose that ends a sentence: a paragraph, heading, list item or table cell."""

    line: int
    text: str


def prose_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Return the prose blocks of a Markdown body, each with the file line it starts on."""
    segments = (segment for unit in units(body, first_line) for segment in unit.segments)
    return [Block(segment.line, text) for segment in segments if WORD.search(text := clean_inline(segment.markdown))]


@dataclass
class LessonReport:
    """What the prose report found for one lesson."""

    number: int
    page: Page
    path: str
    prose: Readability
    exercises: int
    problems: list[Problem] = field(default_factory=list)
    uncited: int = 0  # sentences stating a statistic or research with no citation in their unit

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
    claims = uncited_claims(page.body, page.body_line, path)
    report.uncited = len(claims)
    report.problems.extend(claims)
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
    return reports, [p for report in reports for p in report.problems] + problems + check_team_pages(root, docs_dir)


def check_team_pages(root: Path, docs_dir: str = "docs") -> list[Problem]:
    """Return the uncited claims in a fork's own lessons (docs/team/*.md); the other rules are upstream's."""
    docs = root / docs_dir
    pages = (read_page(path, docs) for path in sorted((docs / TEAM_DIR).glob("*.md")))
    return [p for page in pages for p in uncited_claims(page.body, page.body_line, f"{docs_dir}/{page.src_uri}")]


TEAM_DIR = "team"
COLUMNS = ("#", "lesson", "words", "read", "ex", "expect", "front", "minutes", "flesch", "cites", "uncited", "result")


def table_rows(reports: list[LessonReport]) -> Iterator[tuple[str, ...]]:
    """Yield one row of report cells per lesson."""
    for r in reports:
        yield (
            str(r.number), r.page.slug, f"{r.prose.words:,}", str(r.reading_minutes), str(r.exercise_minutes),
            str(r.expected_minutes), "-" if r.stated_minutes is None else str(r.stated_minutes),
            "ok" if r.minutes_ok else "off", f"{r.prose.flesch:.1f}", str(r.citations), str(r.uncited),
            "pass" if not r.problems else "FAIL",
        )  # fmt: skip


def format_table(reports: list[LessonReport]) -> str:
    """Return the report as an aligned plain-text table."""
    return aligned([COLUMNS, *table_rows(reports)], left=1)


def references_table(report: ReferencesReport) -> str:
    """Return one row for the references page: entries, how many carry each rating, how many are cited."""
    other = len(report.entries) - sum(report.ratings[word] for word in report.rubric)
    header = ("references", "entries", *report.rubric, "other", "cited", "result")
    row = (
        report.path, str(len(report.entries)), *(str(report.ratings[word]) for word in report.rubric), str(other),
        str(report.cited), "pass" if not report.problems else "FAIL",
    )  # fmt: skip
    return aligned([header, row], left=0)


def aligned(rows: list[tuple[str, ...]], left: int) -> str:
    """Return rows as a plain-text table: column `left` (a name) left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def cell(index: int, text: str) -> str:
        return text.ljust(widths[index]) if index == left else text.rjust(widths[index])

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
    if (references := check_references(args.root, args.docs_dir)) is not None:
        print()
        print(references_table(references))
        problems += references.problems
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in problems:
        print(item)
        if in_actions:
            print(github_annotation(item.path, item.line, item.message))
    rules = (
        f"rules: {WORDS_MIN:,}-{WORDS_MAX:,} words, Flesch >= {FLESCH_FLOOR:g} (target {FLESCH_TARGET:g}+), "
        f"minutes within {MINUTES_MARGIN} of ceil(words/{WORDS_PER_MINUTE}) + {MINUTES_PER_EXERCISE} per exercise, "
        "every statistic and research claim cited in its paragraph, list item or callout, "
        "every reference rated on the rubric and cited"
    )
    if problems:
        print(f"{len(problems)} problem(s) in {len(reports)} lesson(s) and the references; {rules}.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{len(reports)} lessons checked: no problems; {rules}.", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
