"""Quiz papers for a cold read: try the quizzes on people who have not read the lessons.

A quiz measures learning only if someone who has not read the lesson fails it and someone who
has passes it. To find out, give each kind of taker the questions without the answers:

    python -m hn.papers write OUT [--quiz ID ...]
        OUT/papers/<quiz id>.md  each quiz as a paper: prompts and options in the order the site
                                 shows them, lettered, with no question ids (an id can name the
                                 answer), no feedback and no explanations
        OUT/key.json             the answers, keyed "<quiz id>/Q<n>": keep it away from the takers
    python -m hn.papers score KEY ANSWERS.json [ANSWERS.json ...]
        each taker's score, per quiz and in all, and the questions they missed

An answers file is a JSON object with the same keys as the key: a letter for a single answer,
letters joined by commas for "choose all that apply" (any order), TRUE or FALSE, and for an
ordering question the letters in order. docs/authoring/writing-exercises.md#cold-read says how
to run a trial.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from pathlib import Path

from hn.exercises.load import load_exercises
from hn.exercises.model import Ordering, Quiz, TrueFalse
from hn.items import is_single
from hn.render import shown_orders

LETTERS = string.ascii_uppercase


def paper(quiz: Quiz) -> tuple[str, dict[str, str]]:
    """Return a quiz as an answer-free paper (Markdown) and its key."""
    orders = shown_orders(quiz)
    lines = [f"# {quiz.title} ({quiz.id})", ""]
    key: dict[str, str] = {}
    for number, question in enumerate(quiz.questions, start=1):
        name = f"{quiz.id}/Q{number}"
        lines.append(f"## Q{number} ({question.type})")
        if getattr(question, "scenario", None):
            lines.append(f"Scenario: {' '.join(question.scenario.split())}")
        lines.append(" ".join(question.prompt.split()))
        if isinstance(question, TrueFalse):
            lines.append("Answer TRUE or FALSE.")
            key[name] = "TRUE" if question.answer else "FALSE"
        else:
            order = orders[question.id]
            shown = question.items if isinstance(question, Ordering) else question.options
            lines += [f"{LETTERS[i]}. {' '.join(shown[n].text.split())}" for i, n in enumerate(order)]
            if isinstance(question, Ordering):
                lines.append("Give the letters in the right order, e.g. C,A,B.")
                key[name] = ",".join(LETTERS[order.index(step)] for step in range(len(order)))
            else:
                several = not is_single(question)
                lines.append("Choose ALL that apply (give every letter)." if several else "Choose ONE letter.")
                key[name] = ",".join(LETTERS[i] for i, n in enumerate(order) if question.options[n].correct)
        lines.append("")
    return "\n".join(lines), key


def write(root: Path, out: Path, only: list[str] | None = None) -> dict[str, str]:
    """Write a paper per quiz (demo quizzes aside) and the key; return the key."""
    loaded = load_exercises(root / "exercises", root)
    if loaded.problems:
        raise SystemExit("\n".join(str(problem) for problem in loaded.problems))
    quizzes = {qid: ex for qid, ex in sorted(loaded.exercises.items())
               if isinstance(ex, Quiz) and not qid.startswith("demo-")}
    unknown = sorted(set(only or []) - set(quizzes))
    if unknown:
        raise SystemExit(f"no such quiz: {', '.join(unknown)} (quizzes: {', '.join(quizzes)})")
    (out / "papers").mkdir(parents=True, exist_ok=True)
    key: dict[str, str] = {}
    for qid, quiz in quizzes.items():
        if only and qid not in only:
            continue
        text, answers = paper(quiz)
        (out / "papers" / f"{qid}.md").write_text(text, encoding="utf-8")
        key.update(answers)
    (out / "key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")
    return key


def normalise(answer: object, expected: str) -> str:
    """Read an answer as the key writes it: upper case, no spaces; letters sorted for "choose all".

    An ordering key is never in alphabetical order (the page never shows the steps solved), so a
    key whose letters are sorted is a choice key, and the answer's letters may come in any order.
    """
    text = str(answer).replace(" ", "").upper()
    letters = expected.split(",")
    if letters == sorted(letters):
        text = ",".join(sorted(text.split(",")))
    return text


def score(key: dict[str, str], answers: dict[str, object]) -> tuple[dict[str, list[int]], list[str]]:
    """Return {quiz: [right, asked]} and the keys of the questions missed (or left out).

    Only the quizzes the taker answered at least one question of count, so takers can split
    the course between them.
    """
    taken = {name.rsplit("/", 1)[0] for name in answers}
    per: dict[str, list[int]] = {}
    missed = []
    for name, expected in key.items():
        quiz = name.rsplit("/", 1)[0]
        if quiz not in taken:
            continue
        right = name in answers and normalise(answers[name], expected) == expected
        tally = per.setdefault(quiz, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            missed.append(name)
    return per, missed


def main(argv: list[str] | None = None) -> int:
    """Write papers or score answers (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m hn.papers", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write answer-free papers and a key")
    w.add_argument("out", type=Path)
    w.add_argument("--quiz", action="append", help="only this quiz (repeat for more)")
    w.add_argument("--root", type=Path, default=Path("."))
    s = sub.add_parser("score", help="score answers files against a key")
    s.add_argument("key", type=Path)
    s.add_argument("answers", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "write":
        key = write(args.root, args.out, args.quiz)
        print(f"{len(key)} questions: papers in {args.out / 'papers'}, key in {args.out / 'key.json'} "
              "(keep the key away from the takers)")
        return 0
    key = json.loads(args.key.read_text(encoding="utf-8"))
    for path in args.answers:
        per, missed = score(key, json.loads(path.read_text(encoding="utf-8")))
        right, asked = sum(t[0] for t in per.values()), sum(t[1] for t in per.values())
        if not asked:
            print(f"{path}: answers no question in the key")
            continue
        print(f"{path}: {right} of {asked} ({100 * right / asked:.0f}%)")
        for quiz, (r, n) in per.items():
            print(f"  {quiz:40} {r}/{n}")
        if missed:
            print("  missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
