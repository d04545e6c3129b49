"""The references page: every entry rated on the page's own rubric, and cited from another page.

The rubric is the first list on the page whose items start with a bold word and a colon
(`- **Strong**: ...`). An entry is a paragraph followed by its id on a line of its own
(`{ #burt-2004 }`); its note, the paragraph after the id, states the rating in bold:
`**Evidence: Moderate.**`, or with a qualifier: `**Evidence: Strong as theory; the data are Limited.**`.
The rating words are the rating's first word and every other capitalised word outside brackets,
so each of them must be a rubric word ("Strong (a meta-analysis)" passes; "High" does not).
An entry counts as cited when a page in the docs folder, other than the references page, links
to its anchor outside code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hn.exercises.check import Problem
from hn.markdown_text import without_code
from hn.pages import CITATION, ENTRY_ID, REFERENCES, read_page

RUBRIC_ITEM = re.compile(r"^\s*[-*+]\s+\*\*(?P<word>[A-Z][\w-]*)\*\*\s*:")
RATING = re.compile(r"\*\*Evidence:\s*(?P<rating>[^*]*?)\s*\*\*")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*")  # "Strong", "Strong-ish"; not "LinkedIn" or "US"


@dataclass
class Entry:
    """One entry on the references page: its id, the line of the id and its note."""

    ref_id: str
    line: int
    note: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, text)

    def rating(self) -> tuple[int, str] | None:
        """Return (line, rating text) of the entry's `**Evidence: ...**`, or None when it has none."""
        for number, text in self.note:
            if (match := RATING.search(text)) is not None:
                return number, match["rating"].rstrip(".")
        return None


@dataclass
class ReferencesReport:
    """What the references check found on the references page."""

    path: str
    rubric: list[str]
    entries: list[Entry]
    ratings: Counter[str] = field(default_factory=Counter)  # first rating word -> entries
    cited: int = 0
    problems: list[Problem] = field(default_factory=list)


def rubric_words(lines: list[tuple[int, str]]) -> list[str]:
    """Return the words of the first rubric list (`- **Word**: meaning`), in page order."""
    words: list[str] = []
    for _, text in lines:
        if (match := RUBRIC_ITEM.match(text)) is not None:
            words.append(match["word"])
        elif words and text.strip():
            break
    return words


def entries(lines: list[tuple[int, str]]) -> list[Entry]:
    """Return the entries of the references page, each with the note paragraph after its id."""
    found = []
    for index, (number, text) in enumerate(lines):
        if (match := ENTRY_ID.match(text)) is None:
            continue
        entry, start = Entry(match["id"], number), index + 1
        while start < len(lines) and not lines[start][1].strip():
            start += 1
        end = start
        while end < len(lines) and lines[end][1].strip():
            end += 1
        note = lines[start:end]
        # No note when the next paragraph is a heading or another entry's citation.
        if note and not note[0][1].lstrip().startswith("#") and not any(ENTRY_ID.match(t) for _, t in note):
            entry.note = note
        found.append(entry)
    return found


def rating_words(rating: str) -> list[str]:
    """Return the words of a rating that name a level: the first word and every capitalised one."""
    while _BRACKETED.search(rating):
        rating = _BRACKETED.sub(" ", rating)
    words = _WORD.findall(rating)
    return words[:1] + [word for word in words[1:] if _CAPITALISED.fullmatch(word)]


def cited_ids(docs: Path) -> set[str]:
    """Return the reference ids that pages in `docs` other than the references page link to."""
    cited: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        if path.relative_to(docs).as_posix() != REFERENCES:
            cited.update(m["id"] for m in CITATION.finditer(without_code(path.read_text(encoding="utf-8"))))
    return cited


def check_references(root: Path, docs_dir: str = "docs") -> ReferencesReport | None:
    """Check every entry on the references page; return None when the course has no such page."""
    docs = root / docs_dir
    if not (docs / REFERENCES).is_file():
        return None
    page = read_page(docs / REFERENCES, docs)
    lines = list(enumerate(page.body.split("\n"), start=page.body_line))
    path = f"{docs_dir}/{REFERENCES}"
    report = ReferencesReport(path, rubric_words(lines), entries(lines))
    levels = ", ".join(report.rubric)

    def problem(line: int, message: str) -> None:
        report.problems.append(Problem(path, line, message))

    if not report.rubric:
        problem(page.body_line, "no evidence rubric: list the ratings as '- **Word**: meaning' before the entries")
    cited = cited_ids(docs)
    for entry in report.entries:
        if (found := entry.rating()) is None:
            problem(entry.line, f"entry '{entry.ref_id}' has no rating: end its note with **Evidence: <{levels}>.**")
        else:
            line, rating = found
            words = rating_words(rating)
            report.ratings[words[0] if words else "-"] += 1
            outside = [word for word in words if word.capitalize() not in report.rubric]
            if report.rubric and (outside or not words):
                problem(
                    line,
                    f"entry '{entry.ref_id}' is rated '{rating}': "
                    f"{', '.join(repr(w) for w in outside) or 'no word'} is not a rubric rating ({levels})",
                )
        if entry.ref_id in cited:
            report.cited += 1
        else:
            problem(entry.line, f"entry '{entry.ref_id}' is cited by no page: link to {REFERENCES}#{entry.ref_id}")
    report.problems.sort(key=lambda p: p.line)
    return report
