"""Export the course's quizzes for learning platforms: Moodle GIFT, CSV and an answer key.

Usage: python -m hn.export [--root DIR] [--out DIR] [gift|csv|key|all]
Writes quizzes.gift, quizzes.csv and answer-key.html with its stylesheet (default: all, into site/downloads).
The exports read the same models as the build and the validator, so they cannot disagree.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from hn.exercises.cache import checked_project
from hn.exercises.model import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice, TrueFalse
from hn.render import TEMPLATES, environment, shown_orders
from hn.site import nav_pages

CSV_COLUMNS = [
    "quiz_id", "quiz_title", "question_number", "question_id", "type", "select", "scenario", "prompt",
    "option_number", "shown_number", "option_text", "correct", "feedback", "explanation", "section",
]
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and backslash) and keep line breaks."""
    return _GIFT_SPECIAL.sub(r"\\\1", text.strip()).replace("\n", r"\n")


def _weight(value: float) -> str:
    """Format a Moodle answer weight (e.g. 33.33333, -50)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _choice_answers(question: SingleChoice | MultipleChoice | Scenario, select: str) -> list[str]:
    """GIFT answers for a choice question: = / ~ for one answer, weights for several."""
    lines = []
    if select == "single":
        for option in question.options:
            mark = "=" if option.correct else "~"
            lines.append(f"\t{mark}{gift_escape(option.text)}#{gift_escape(option.feedback)}")
        return lines
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    for option in question.options:
        weight = 100 / right if option.correct else -100 / max(wrong, 1)
        lines.append(f"\t~%{_weight(weight)}%{gift_escape(option.text)}#{gift_escape(option.feedback)}")
    return lines


def gift_question(quiz: Quiz, number: int, question) -> str:
    """One question in GIFT; ordering becomes a matching question (item -> position)."""
    title = gift_escape(f"{quiz.id} {number}: {question.id}")
    text = gift_escape(question.prompt)
    if isinstance(question, Scenario):
        text = gift_escape(f"Scenario: {question.scenario}\n\n{question.prompt}")
    general = f"\t####{gift_escape(question.explanation)}"
    if isinstance(question, TrueFalse):
        # GIFT: {TRUE#feedback when wrong#feedback when right}
        wrong_fb, right_fb = (question.feedback_false, question.feedback_true)
        if not question.answer:
            wrong_fb, right_fb = question.feedback_true, question.feedback_false
        key = "TRUE" if question.answer else "FALSE"
        return f"::{title}::{text}{{{key}#{gift_escape(wrong_fb)}#{gift_escape(right_fb)}\n{general}\n}}"
    if isinstance(question, Ordering):
        explanation = question.explanation + " " + " ".join(
            f"{i}. {item.text}: {item.feedback}" for i, item in enumerate(question.items, start=1)
        )
        pairs = [f"\t={gift_escape(item.text)} -> {i}" for i, item in enumerate(question.items, start=1)]
        body = "\n".join(pairs)
        text = gift_escape(question.prompt + " Match each step to its place in the order (1 = first).")
        return f"::{title}::{text}{{\n{body}\n\t####{gift_escape(explanation)}\n}}"
    select = question.select if isinstance(question, Scenario) else (
        "multiple" if isinstance(question, MultipleChoice) else "single")
    body = "\n".join(_choice_answers(question, select))
    return f"::{title}::{text}{{\n{body}\n{general}\n}}"


def to_gift(quizzes: list[Quiz]) -> str:
    """All quizzes as one GIFT file, a category per quiz."""
    parts = ["// The Human Network: self-check quizzes exported for Moodle (GIFT format).",
             "// Generated from exercises/ by `python -m hn.export gift`. Do not edit by hand.", ""]
    for quiz in quizzes:
        parts.append(f"$CATEGORY: The Human Network/{quiz.title.replace('/', '-')}")
        parts.append("")
        for number, question in enumerate(quiz.questions, start=1):
            parts.append(gift_question(quiz, number, question))
            parts.append("")
    return "\n".join(parts)


def csv_rows(quizzes: list[Quiz]) -> list[dict[str, str]]:
    """One row per option (true/false: two rows; ordering: one row per item, correct = position).

    `option_number` counts options as written (1 = first); `shown_number` is the option's place
    on the page and in the print book, where options are not shown in the written order.
    """
    rows = []
    for quiz in quizzes:
        shown = shown_orders(quiz)
        for number, q in enumerate(quiz.questions, start=1):
            place = {index: str(at) for at, index in enumerate(shown[q.id], start=1)}
            select = q.select if isinstance(q, Scenario) else ("multiple" if q.type == "multiple" else "single")
            base = {"quiz_id": quiz.id, "quiz_title": quiz.title, "question_number": str(number),
                    "question_id": q.id, "type": q.type, "select": select,
                    "scenario": getattr(q, "scenario", ""), "prompt": q.prompt,
                    "explanation": q.explanation, "section": q.section}
            if isinstance(q, TrueFalse):
                options = [("True", q.answer, q.feedback_true), ("False", not q.answer, q.feedback_false)]
            elif isinstance(q, Ordering):
                options = [(item.text, i, item.feedback) for i, item in enumerate(q.items, start=1)]
            else:
                options = [(o.text, o.correct, o.feedback) for o in q.options]
            for index, (text, correct, feedback) in enumerate(options, start=1):
                value = str(correct) if isinstance(correct, int) and not isinstance(correct, bool) else (
                    "yes" if correct else "no")
                rows.append({**base, "option_number": str(index), "shown_number": place[index - 1],
                             "option_text": text, "correct": value, "feedback": feedback})
    return rows


def to_csv(quizzes: list[Quiz]) -> str:
    """All quiz options as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(quizzes))
    return buffer.getvalue()


def to_answer_key(quizzes: list[Quiz], course: str = "The Human Network", cache_dir: Path | None = None) -> str:
    """Render the printable HTML answer key for facilitators: options in the order learners see them.

    `cache_dir` keeps the compiled template for the next run (`hn.render.environment`).
    """
    orders = {quiz.id: shown_orders(quiz) for quiz in quizzes}
    template = environment((), cache_dir).get_template("answer_key.html")
    return template.render(quizzes=quizzes, course=course, orders=orders)


def load_quizzes(root: Path, course: list[str] | None = None) -> list[Quiz]:
    """Load every quiz, in the order the pages use them; stop with the problems if any.

    `course` (a fork's lessons, in its order) comes first; then the rest of the nav.
    """
    report = checked_project(root)  # the build has usually checked already: reuse its report
    if report.problems:
        raise SystemExit("\n".join(str(p) for p in report.problems))
    pages = {page: i for i, page in enumerate(dict.fromkeys([*(course or []), *nav_pages(root)]))}
    markers = sorted(report.markers, key=lambda m: (pages.get(m.page.partition("/")[2], len(pages)), m.line))
    order = {m.exercise_id: i for i, m in enumerate(markers)}
    quizzes = [e for e in report.exercises.exercises.values() if isinstance(e, Quiz)]
    return sorted(quizzes, key=lambda quiz: order.get(quiz.id, len(order)))


def write_exports(root: Path, out: Path, which: str = "all", course: str = "The Human Network",
                  lessons: list[str] | None = None, cache_dir: Path | None = None) -> list[Path]:
    """Write the chosen exports into `out` (quizzes in the order of `lessons`) and return their paths.

    `cache_dir` (the build's) keeps the answer key's compiled template between runs.
    """
    quizzes = [q for q in load_quizzes(root, lessons) if not q.id.startswith("demo-")]
    out.mkdir(parents=True, exist_ok=True)
    makers = {"gift": ("quizzes.gift", to_gift), "csv": ("quizzes.csv", to_csv),
              "key": ("answer-key.html", lambda qs: to_answer_key(qs, course, cache_dir)),
              "key-css": ("answer-key.css", lambda qs: (TEMPLATES / "answer-key.css").read_text(encoding="utf-8"))}
    written = []
    for name in makers if which == "all" else [which, "key-css"] if which == "key" else [which]:
        filename, make = makers[name]
        (out / filename).write_text(make(quizzes), encoding="utf-8")
        written.append(out / filename)
    return written


def main(argv: list[str] | None = None) -> int:
    """Run the exporter from the command line."""
    parser = argparse.ArgumentParser(prog="python -m hn.export", description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", default="all", choices=["gift", "csv", "key", "all"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("--out", type=Path, default=Path("site/downloads"), help="output folder")
    args = parser.parse_args(argv)
    for path in write_exports(args.root, args.out, args.which):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
