"""Item-writing report: the cues that let a learner pass a quiz without reading the lesson.

Usage: python -m hn.items [--root DIR] [--docs-dir DIR] [--exercises-dir DIR]
Exit codes: 0 every rule passes, 1 a quiz breaks a rule, 2 bad usage.

The rules follow Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice
item-writing guidelines for classroom assessment"; docs/authoring/writing-exercises.md
explains each one with a bad and a good example. Lengths are counted in characters.

- longest key: the key of a single-answer question (single, or a scenario with one answer) is
  strictly the longest option in at most LONGEST_KEY_SHARE of them, course-wide. Each such
  question is a warning; a share over the limit fails.
- key length: a key longer than KEY_LENGTH_RATIO times the mean length of the wrong options
  fails (for several keys, their mean length).
- true/false balance: TRUE_SHARE_MIN to TRUE_SHARE_MAX of the course's true/false statements
  are true (once it has TRUE_SHARE_FROM of them), and no quiz has ONE_WAY_FROM or more true/false
  questions all answered the same way.
- specific determiners: a word from DETERMINERS in a wrong option but in no right one fails.
- near duplicates: two questions whose stems are SIMILARITY_LIMIT or more alike fail. A
  question of a review quiz (the final check) may not restate a lesson question: there the
  limit is REVIEW_SIMILARITY_LIMIT. The stem is the scenario and the prompt (an ordering
  question's prompt and steps: its prompt alone is always "put these in order"), less the
  instructions the page gives anyway ("Choose all that apply."); alike is difflib's ratio
  over the two stems' lower-case words, 2 x matching words / all words.
- ordering source: an ordering question's `section` holds a numbered list with at least as
  many steps as the question has.
- answer given elsewhere: a review question (the final check) may not test what a lesson
  question on the same `section` already tests. Its answer (a true/false statement, the right
  options, or the steps) has at least ANSWER_WORDS_FROM content words (STOPWORDS left out), and
  if ANSWER_SHARE_LIMIT or more of them appear in the text of such a lesson question (its
  prompt, options, feedback and explanation), it fails: the two questions ask the same thing
  with different stems, which the near-duplicate rule cannot see.

Demo exercises (ids starting with `demo-`) show the format and are left out, as in the exports.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hn.check import github_annotation, project_arguments
from hn.exercises.check import check_project, section_lines
from hn.exercises.load import read_text
from hn.exercises.model import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice, TrueFalse
from hn.manifest import reviews_other_pages

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
LONGEST_KEY_SHARE = 0.40
KEY_LENGTH_RATIO = 1.5
TRUE_SHARE_MIN, TRUE_SHARE_MAX, TRUE_SHARE_FROM = 0.40, 0.60, 5
ONE_WAY_FROM = 3
SIMILARITY_LIMIT, REVIEW_SIMILARITY_LIMIT = 0.8, 0.6
ANSWER_SHARE_LIMIT, ANSWER_WORDS_FROM = 0.8, 5
STOPWORDS = frozenset(
    "a an and are as at be but by can do for from has have he her his how i if in into is it its me my not of on one "
    "or our she so than that the their them then there they this to up was we what when where which who why will "
    "with you your".split())
DETERMINERS = ("all", "always", "completely", "entirely", "every", "everyone", "everything", "exactly",
               "guarantee", "guaranteed", "guarantees", "must", "never", "no one", "nobody", "none",
               "nothing", "only", "totally")
DEMO_PREFIX = "demo-"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_DETERMINER = re.compile(r"\b(" + "|".join(d.replace(" ", r"\s+") for d in DETERMINERS) + r")\b")
# Instructions the page prints under every prompt; left in, they make unrelated stems look alike.
_INSTRUCTION = re.compile(r"\b(?:choose|select|pick|tick)\s+(?:all|every\w*|each)\s+(?:that|which)\s+appl(?:y|ies)\b\.?"
                          r"|\b(?:choose|pick)\s+one(?:\s+answer)?\b\.?", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<indent>\s*)\d{1,9}[.)](?:\s+|$)")
ChoiceQuestion = SingleChoice | MultipleChoice | Scenario


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a rule found: a failure, or a warning that alone does not fail."""

    path: str
    line: int
    rule: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


@dataclass
class QuizReport:
    """What the rules found in one quiz, and the figures for its row of the table."""

    quiz: Quiz
    path: str
    single: int = 0
    longest: int = 0
    worst_ratio: float = 0.0
    true: int = 0
    false: int = 0
    ordering: int = 0
    ordering_ok: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when a rule fails in this quiz."""
        return any(not f.warning for f in self.findings)


@dataclass
class Item:
    """A question with where it lives, for the rules that compare questions."""

    report: QuizReport
    index: int
    line: int
    words: list[str]
    review: bool


def normalise(text: str) -> str:
    """Collapse spaces and straighten apostrophes, so lengths and words compare fairly."""
    return " ".join(text.replace("\u2019", "'").split())


def words(text: str) -> list[str]:
    """Return the lower-case words of a text."""
    return _WORD.findall(normalise(text).lower())


def determiners(text: str) -> set[str]:
    """Return the specific determiners a text uses."""
    return {" ".join(m.split()) for m in _DETERMINER.findall(normalise(text).lower())}


def is_single(question: ChoiceQuestion) -> bool:
    """Say whether a choice question has one right option."""
    return isinstance(question, SingleChoice) or (isinstance(question, Scenario) and question.select == "single")


def stem(question) -> str:
    """Return the text that says what a question asks: scenario and prompt, or prompt and steps."""
    if isinstance(question, Ordering):
        text = " ".join([question.prompt, *(item.text for item in question.items)])
    else:
        text = " ".join(filter(None, [getattr(question, "scenario", ""), question.prompt]))
    return _INSTRUCTION.sub(" ", text)


def answer_text(question) -> str:
    """Return what a question's answer says: the statement, the right options, or the steps."""
    if isinstance(question, TrueFalse):
        return question.prompt
    if isinstance(question, Ordering):
        return " ".join(item.text for item in question.items)
    return " ".join(option.text for option in question.options if option.correct)


def all_text(question) -> str:
    """Return every text of a question a learner can read: stem, options, feedback, explanation."""
    parts = [getattr(question, "scenario", "") or "", question.prompt, question.explanation or "",
             getattr(question, "feedback_true", "") or "", getattr(question, "feedback_false", "") or ""]
    for option in getattr(question, "options", None) or []:
        parts += [option.text, option.feedback or ""]
    for item in getattr(question, "items", None) or []:
        parts.append(item.text)
    return " ".join(parts)


def content_words(text: str) -> set[str]:
    """Return the distinct words of a text that carry meaning (STOPWORDS left out)."""
    return {word for word in words(text) if word not in STOPWORDS}


def similarity(a: list[str], b: list[str]) -> float:
    """Return difflib's ratio of two word lists: 1.0 the same, 0.0 nothing in common."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def longest_numbered_list(lines: list[tuple[int, str]]) -> int:
    """Return how many items the longest numbered (ordered) list in these Markdown lines has.

    A list goes on over blank lines and indented lines; a line that is not indented past the
    list's own items, after a blank line, ends it. A nested list counts on its own.
    """
    open_lists: list[list[int]] = []  # [indent, items] from the outermost list in
    best, after_blank = 0, False
    for _, line in lines:
        if not line.strip():
            after_blank = True
            continue
        indent = len(line) - len(line.lstrip())
        item = _NUMBERED.match(line)
        while open_lists and (indent < open_lists[-1][0] or (
                after_blank and not item and indent <= open_lists[-1][0])):
            best = max(best, open_lists.pop()[1])
        if item:
            if open_lists and open_lists[-1][0] == indent:
                open_lists[-1][1] += 1
            else:
                open_lists.append([indent, 1])
        after_blank = False
    return max([best, *(items for _, items in open_lists)])


class ItemReport:
    """Run every rule over the quizzes of a course and collect what they find."""

    def __init__(self, root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> None:
        self.root, self.docs_dir = root.resolve(), docs_dir
        project = check_project(self.root, docs_dir, exercises_dir)
        self.exercises = project.exercises
        self.course: list[Finding] = [Finding(p.path, p.line, "load", f"cannot check: {p.message}")
                                      for p in project.exercises.problems]
        pages = {m.exercise_id: m.page.removeprefix(f"{docs_dir}/") for m in project.markers}
        quizzes = sorted(((self.exercises.files[i], e) for i, e in self.exercises.exercises.items()
                          if isinstance(e, Quiz) and not i.startswith(DEMO_PREFIX)), key=lambda pair: pair[0])
        self.quizzes = [QuizReport(quiz, path) for path, quiz in quizzes]
        self.review = {r.quiz.id for r in self.quizzes
                       if r.quiz.id in pages and reviews_other_pages(r.quiz, pages[r.quiz.id])}
        for report in self.quizzes:
            self._check_quiz(report)
        self._check_duplicates()
        self._check_answers_elsewhere()
        self._check_course()

    # --- helpers -------------------------------------------------------------------------

    def _line(self, report: QuizReport, *loc: str | int) -> int:
        """Return the file line of a location in a quiz (the nearest one the YAML has)."""
        lines = self.exercises.lines[report.quiz.id]
        for end in range(len(loc), 0, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return lines.get((), 1)

    def _add(self, report: QuizReport, rule: str, loc: tuple, message: str, warning: bool = False) -> None:
        report.findings.append(Finding(report.path, self._line(report, *loc), rule, message, warning))

    # --- rules over one quiz -------------------------------------------------------------

    def _check_quiz(self, report: QuizReport) -> None:
        """Apply the rules that look at one question at a time, and the quiz's true/false rule."""
        for index, question in enumerate(report.quiz.questions):
            if isinstance(question, ChoiceQuestion):
                self._check_choice(report, index, question)
            elif isinstance(question, TrueFalse):
                report.true += question.answer
                report.false += not question.answer
            elif isinstance(question, Ordering):
                self._check_ordering(report, index, question)
        flags = [q for q in report.quiz.questions if isinstance(q, TrueFalse)]
        if len(flags) >= ONE_WAY_FROM and len({q.answer for q in flags}) == 1:
            first = report.quiz.questions.index(flags[0])
            way = "true" if flags[0].answer else "false"
            self._add(report, "one-way", ("questions", first),
                      f"all {len(flags)} true/false questions of quiz '{report.quiz.id}' are {way}: "
                      f"from {ONE_WAY_FROM}, mix true and false statements")

    def _check_choice(self, report: QuizReport, index: int, question: ChoiceQuestion) -> None:
        """Longest key, key length and specific determiners for one choice question."""
        keys = [i for i, o in enumerate(question.options) if o.correct]
        wrong = [i for i, o in enumerate(question.options) if not o.correct]
        if not wrong:
            return
        length = {i: len(normalise(o.text)) for i, o in enumerate(question.options)}
        key_length = sum(length[i] for i in keys) / len(keys)
        mean_wrong = sum(length[i] for i in wrong) / len(wrong)
        ratio = key_length / mean_wrong
        report.worst_ratio = max(report.worst_ratio, ratio)
        name = f"question '{question.id}'"
        at_key = ("questions", index, "options", keys[0])
        if is_single(question):
            report.single += 1
            if length[keys[0]] > max(length[i] for i in wrong):
                report.longest += 1
                self._add(report, "longest-key", at_key,
                          f"{name}: the key is the longest option ({length[keys[0]]} characters; the longest "
                          f"wrong one has {max(length[i] for i in wrong)})", warning=True)
        if ratio > KEY_LENGTH_RATIO:
            what = "the key is" if len(keys) == 1 else "the keys are on average"
            self._add(report, "key-length", at_key,
                      f"{name}: {what} {ratio:.2f} times as long as the wrong options ({key_length:.0f} "
                      f"characters against {mean_wrong:.0f}; at most {KEY_LENGTH_RATIO:g} times)")
        in_keys = set().union(*(determiners(question.options[i].text) for i in keys))
        cues: dict[str, int] = {}
        for i in wrong:
            for word in sorted(determiners(question.options[i].text) - in_keys):
                cues.setdefault(word, i)
        if cues:
            listed = ", ".join(f'"{word}"' for word in cues)
            self._add(report, "determiner", ("questions", index, "options", min(cues.values())),
                      f"{name}: {listed} only in wrong options; an absolute word marks an option as wrong "
                      "to a learner who has not read the lesson")

    def _check_ordering(self, report: QuizReport, index: int, question: Ordering) -> None:
        """Check that an ordering question's section teaches its order as numbered steps."""
        report.ordering += 1
        page, _, anchor = question.section.partition("#")
        path = self.root / self.docs_dir / page
        text = read_text(path, page)[0] if path.is_file() else ""
        lines = section_lines(text, anchor)
        name = f"question '{question.id}'"
        at = ("questions", index, "section")
        steps = len(question.items)
        if lines is None:
            self._add(report, "ordering-source", at, f"{name}: section '{question.section}' does not exist")
            return
        found = longest_numbered_list(lines)
        if found >= steps:
            report.ordering_ok += 1
        elif found == 0:
            self._add(report, "ordering-source", at,
                      f"{name}: section '{question.section}' has no numbered list; an ordering question needs "
                      f"a section that teaches its {steps} steps in order")
        else:
            self._add(report, "ordering-source", at,
                      f"{name}: the longest numbered list in section '{question.section}' has {found} steps; "
                      f"the question has {steps}")

    # --- rules across quizzes ------------------------------------------------------------

    def _items(self) -> list[Item]:
        """Every question of every quiz, in file order, with its stem's words."""
        return [Item(report, index, self._line(report, "questions", index), words(stem(question)),
                     report.quiz.id in self.review)
                for report in self.quizzes for index, question in enumerate(report.quiz.questions)]

    def _check_duplicates(self) -> None:
        """Near-duplicate stems anywhere, and review questions that restate a lesson question."""
        for first, second in itertools.combinations(self._items(), 2):
            review = first.review != second.review
            limit = REVIEW_SIMILARITY_LIMIT if review else SIMILARITY_LIMIT
            if not first.words or not second.words:
                continue
            score = similarity(first.words, second.words)
            if score < limit:
                continue
            later, earlier = (first, second) if first.review and not second.review else (second, first)
            question = later.report.quiz.questions[later.index]
            other = earlier.report.quiz.questions[earlier.index]
            rule = "final-check" if review else "near-duplicate"
            what = "restates" if review else "repeats"
            limit_text = f"a review question must stay under {limit:g}" if review else f"the limit is {limit:g}"
            self._add(later.report, rule, ("questions", later.index),
                      f"question '{question.id}' {what} question '{other.id}' at {earlier.report.path}:"
                      f"{earlier.line} (similarity {score:.2f}; {limit_text})")

    def _check_answers_elsewhere(self) -> None:
        """Review questions whose answer a lesson question on the same section already holds."""
        lessons: dict[str, list[tuple[QuizReport, int, set[str]]]] = {}
        for report in self.quizzes:
            if report.quiz.id in self.review:
                continue
            for index, question in enumerate(report.quiz.questions):
                lessons.setdefault(question.section, []).append((report, index, content_words(all_text(question))))
        for report in self.quizzes:
            if report.quiz.id not in self.review:
                continue
            for index, question in enumerate(report.quiz.questions):
                answer = content_words(answer_text(question))
                if len(answer) < ANSWER_WORDS_FROM:
                    continue
                for other_report, other_index, text in lessons.get(question.section, []):
                    share = len(answer & text) / len(answer)
                    if share >= ANSWER_SHARE_LIMIT:
                        other = other_report.quiz.questions[other_index]
                        line = self._line(other_report, "questions", other_index)
                        self._add(report, "answer-elsewhere", ("questions", index),
                                  f"question '{question.id}' tests what question '{other.id}' at {other_report.path}:"
                                  f"{line} already tests: {share:.0%} of the words of its answer are in that "
                                  f"question, on the same section (a review question must stay under "
                                  f"{ANSWER_SHARE_LIMIT:.0%}): ask about another part of the lesson")
                        break

    def _check_course(self) -> None:
        """Check the course-wide shares: keys that are the longest option, statements that are true."""
        single, longest = self.single_answer, self.longest_keys
        if single and longest / single > LONGEST_KEY_SHARE:
            self.course.append(Finding(self.exercises_label, 0, "key-share",
                                       f"the key is the longest option in {longest} of {single} single-answer "
                                       f"questions ({longest / single:.0%}); at most {LONGEST_KEY_SHARE:.0%} allowed"))
        flags = self.true_count + self.false_count
        if flags >= TRUE_SHARE_FROM and not TRUE_SHARE_MIN <= self.true_count / flags <= TRUE_SHARE_MAX:
            self.course.append(Finding(self.exercises_label, 0, "true-share",
                                       f"{self.true_count} of {flags} true/false statements are true "
                                       f"({self.true_count / flags:.0%}); keep {TRUE_SHARE_MIN:.0%} to "
                                       f"{TRUE_SHARE_MAX:.0%} true"))

    # --- figures -------------------------------------------------------------------------

    @property
    def exercises_label(self) -> str:
        """Where course-wide findings point: the exercise folder."""
        files = list(self.exercises.files.values())
        return (files[0].rsplit("/", 1)[0] + "/") if files and "/" in files[0] else "exercises/"

    @property
    def single_answer(self) -> int:
        """Single-answer questions in the course."""
        return sum(r.single for r in self.quizzes)

    @property
    def longest_keys(self) -> int:
        """Single-answer questions whose key is strictly the longest option."""
        return sum(r.longest for r in self.quizzes)

    @property
    def true_count(self) -> int:
        """True/false statements that are true."""
        return sum(r.true for r in self.quizzes)

    @property
    def false_count(self) -> int:
        """True/false statements that are false."""
        return sum(r.false for r in self.quizzes)

    @property
    def findings(self) -> list[Finding]:
        """Every finding: the course's first, then each quiz's, by file and line."""
        return [*self.course, *sorted(f for r in self.quizzes for f in r.findings)]

    @property
    def failures(self) -> list[Finding]:
        """The findings that fail the report."""
        return [f for f in self.findings if not f.warning]


COLUMNS = ("quiz", "qs", "1-key", "longest", "ratio", "true", "false", "cues", "dupes", "order", "result")


def table_rows(report: ItemReport):
    """Yield one row of cells per quiz."""
    for r in report.quizzes:
        rules = Counter(f.rule for f in r.findings if not f.warning)
        yield (
            r.quiz.id, str(len(r.quiz.questions)), str(r.single), str(r.longest), f"{r.worst_ratio:.1f}",
            str(r.true), str(r.false), str(rules["determiner"]), str(rules["near-duplicate"] + rules["final-check"]),
            f"{r.ordering_ok}/{r.ordering}", "FAIL" if r.failed else "pass",
        )  # fmt: skip


def format_table(report: ItemReport) -> str:
    """Return the per-quiz table, aligned, the quiz names left and the figures right."""
    rows = [COLUMNS, *table_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(text.ljust(widths[i]) if i == 0 else text.rjust(widths[i])
                               for i, text in enumerate(row)).rstrip() for row in rows)


def summary(report: ItemReport) -> str:
    """Return the course-wide figures and the count of findings per rule."""
    single, longest = report.single_answer, report.longest_keys
    flags = report.true_count + report.false_count
    lines = [
        f"key longest: {longest} of {single} single-answer questions"
        + (f" ({longest / single:.0%}; at most {LONGEST_KEY_SHARE:.0%})" if single else ""),
        f"true/false: {report.true_count} of {flags} statements true"
        + (f" ({report.true_count / flags:.0%}; {TRUE_SHARE_MIN:.0%} to {TRUE_SHARE_MAX:.0%} wanted)" if flags else ""),
    ]
    failed = Counter(f.rule for f in report.failures)
    warned = Counter(f.rule for f in report.findings if f.warning)
    if failed:
        lines.append("problems: " + ", ".join(f"{rule} {count}" for rule, count in sorted(failed.items())))
    if warned:
        lines.append("warnings: " + ", ".join(f"{rule} {count}" for rule, count in sorted(warned.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the item-writing report and return the exit code."""
    args = project_arguments("python -m hn.items", __doc__, argv)
    if args is None:
        return EXIT_USAGE
    report = ItemReport(args.root, args.docs_dir, args.exercises_dir)
    print(format_table(report))
    print(summary(report))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in report.findings:
        print(finding)
        if in_actions:
            annotation = github_annotation(finding.path, finding.line or 1, finding.message)
            print(annotation.replace("::error", "::warning", 1) if finding.warning else annotation)
    rules = (f"rules: key longest in <= {LONGEST_KEY_SHARE:.0%}, key <= {KEY_LENGTH_RATIO:g}x the wrong options, "
             f"{TRUE_SHARE_MIN:.0%}-{TRUE_SHARE_MAX:.0%} true, no determiner only in wrong options, stems < "
             f"{SIMILARITY_LIMIT:g} alike (review < {REVIEW_SIMILARITY_LIMIT:g}; review answers < "
             f"{ANSWER_SHARE_LIMIT:.0%} in a lesson question on their section), ordering from a numbered list")
    count = len(report.quizzes)
    if report.failures:
        print(f"{len(report.failures)} problem(s) in {count} quiz(zes); {rules}.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{count} quizzes checked: no problems; {rules}.", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
