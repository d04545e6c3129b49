"""Cold-read papers (hn.papers): no answers on the paper, the site's option order, a key that scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hn.exercises.load import load_exercises
from hn.exercises.model import Ordering, Quiz, TrueFalse
from hn.papers import normalise, score, write
from hn.render import shown_orders


@pytest.fixture(scope="module")
def course() -> dict[str, Quiz]:
    loaded = load_exercises(ROOT / "exercises", ROOT)
    return {qid: ex for qid, ex in loaded.exercises.items() if isinstance(ex, Quiz) and not qid.startswith("demo-")}


@pytest.fixture(scope="module")
def written(tmp_path_factory, course) -> tuple[Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("papers")
    return out, write(ROOT, out)


def test_every_quiz_gets_a_paper_and_every_question_a_key(written, course):
    out, key = written
    assert sorted(p.stem for p in (out / "papers").glob("*.md")) == sorted(course)
    assert len(key) == sum(len(q.questions) for q in course.values())
    assert json.loads((out / "key.json").read_text()) == key


def test_a_paper_gives_nothing_away(written, course):
    out, _ = written
    for qid, quiz in course.items():
        text = (out / "papers" / f"{qid}.md").read_text()
        for question in quiz.questions:
            assert question.id not in text, f"{qid}: the paper names question {question.id}"
            said = [question.explanation, getattr(question, "feedback_true", ""),
                    getattr(question, "feedback_false", ""),
                    *(option.feedback for option in getattr(question, "options", []))]
            for words in filter(None, said):
                assert " ".join(words.split()) not in text, f"{qid}/{question.id}: feedback on the paper"


def test_the_key_marks_the_right_options_in_the_order_the_site_shows(written, course):
    out, key = written
    letters = "ABCDEFGH"
    for qid, quiz in course.items():
        orders = shown_orders(quiz)
        lines = (out / "papers" / f"{qid}.md").read_text().splitlines()
        for number, question in enumerate(quiz.questions, start=1):
            expected = key[f"{qid}/Q{number}"]
            if isinstance(question, TrueFalse):
                assert expected == ("TRUE" if question.answer else "FALSE")
                continue
            shown = [line for line in lines[lines.index(f"## Q{number} ({question.type})"):]
                     if len(line) > 3 and line[0] in letters and line[1:3] == ". "]
            if isinstance(question, Ordering):
                texts = [" ".join(question.items[i].text.split()) for i in orders[question.id]]
                assert [line[3:] for line in shown[:len(texts)]] == texts
                steps = [texts.index(" ".join(item.text.split())) for item in question.items]
                assert expected == ",".join(letters[i] for i in steps)
            else:
                texts = [" ".join(question.options[i].text.split()) for i in orders[question.id]]
                assert [line[3:] for line in shown[:len(texts)]] == texts
                right = [letters[i] for i, o in enumerate(orders[question.id]) if question.options[o].correct]
                assert expected == ",".join(right)


def test_scoring_reads_answers_as_a_taker_writes_them(written):
    _, key = written
    per, missed = score(key, dict(key))
    assert missed == [] and all(right == asked for right, asked in per.values())
    wrong = {name: "Z" for name in key}
    per, missed = score(key, wrong)
    assert sorted(missed) == sorted(key) and all(right == 0 for right, _ in per.values())
    one_quiz = {name: answer for name, answer in key.items() if name.startswith("referrals-quiz/")}
    per, missed = score(key, one_quiz)  # takers can split the quizzes: only those answered count
    assert list(per) == ["referrals-quiz"] and missed == []
    assert normalise(" c, a ", "A,C") == "A,C"  # "choose all": any order, any case
    assert normalise("a,c", "C,A") == "A,C" != "C,A"  # an ordering keeps its order: this one is wrong
    assert normalise("true", "TRUE") == "TRUE"


def test_the_command_line_writes_and_scores(tmp_path):
    env = {"PYTHONPATH": str(ROOT / "scripts")}
    run = subprocess.run([sys.executable, "-m", "hn.papers", "write", str(tmp_path), "--quiz", "referrals-quiz",
                          "--root", str(ROOT)], capture_output=True, text=True, env=env, check=True)
    assert "papers in" in run.stdout and [p.name for p in (tmp_path / "papers").iterdir()] == ["referrals-quiz.md"]
    key = json.loads((tmp_path / "key.json").read_text())
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({name: "Z" for name in key} | {"referrals-quiz/Q1": key["referrals-quiz/Q1"]}))
    run = subprocess.run([sys.executable, "-m", "hn.papers", "score", str(tmp_path / "key.json"), str(answers)],
                         capture_output=True, text=True, env=env, check=True)
    assert f"1 of {len(key)}" in run.stdout and "missed: referrals-quiz/Q2" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "hn.papers", "write", str(tmp_path), "--quiz", "no-such-quiz",
                          "--root", str(ROOT)], capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 1 and "no such quiz: no-such-quiz" in bad.stderr
