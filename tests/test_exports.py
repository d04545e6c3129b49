"""Quiz exports: GIFT read back by an independent parser, CSV by the csv module, the answer key."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from hn.exercises.model import Ordering, Quiz, TrueFalse
from hn.export import CSV_COLUMNS, load_quizzes, to_answer_key, to_csv, to_gift, write_exports
from hn.render import shown_orders

NODE = shutil.which("node")


def parse_gift(text: str, tmp_path: Path) -> list[dict]:
    """Parse GIFT text with gift-pegjs through node."""
    if NODE is None:
        pytest.fail("node is needed for the GIFT parser: run `make test`, which installs it, or install Node.js")
    source = tmp_path / "quizzes.gift"
    source.write_text(text, encoding="utf-8")
    proc = subprocess.run([NODE, str(ROOT / "tests" / "gift_parse.cjs"), str(source)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def quizzes() -> list[Quiz]:
    return [q for q in load_quizzes(ROOT) if not q.id.startswith("demo-")]


def test_gift_round_trip_keeps_every_question_and_option(quizzes, tmp_path):
    parsed = parse_gift(to_gift(quizzes), tmp_path)
    questions = [item for item in parsed if item["type"] != "Category"]
    assert [c["title"] for c in parsed if c["type"] == "Category"] == [f"The Human Network/{q.title}" for q in quizzes]
    expected = [(quiz, q) for quiz in quizzes for q in quiz.questions]
    assert len(questions) == len(expected)
    for item, (_quiz, question) in zip(questions, expected, strict=True):
        assert item["title"].endswith(question.id)
        if isinstance(question, TrueFalse):
            assert item["type"] == "TF"
            assert item["isTrue"] is question.answer
        elif isinstance(question, Ordering):
            assert item["type"] == "Matching"
            assert [m["subquestion"]["text"] for m in item["matchPairs"]] == [i.text for i in question.items]
        else:
            assert item["type"] == "MC"
            assert [c["text"]["text"] for c in item["choices"]] == [o.text for o in question.options]
            assert [c["feedback"]["text"] for c in item["choices"]] == [o.feedback for o in question.options]
            correct = [c["isCorrect"] or (c["weight"] or 0) > 0 for c in item["choices"]]
            assert correct == [o.correct for o in question.options]
        assert item["globalFeedback"]["text"].startswith(question.explanation)


def test_gift_special_characters_survive(tmp_path):
    tricky = "Use ~tilde, =equals, #hash, {braces}, colon: and back\\slash"
    quiz = Quiz.model_validate({
        "id": "tricky", "kind": "quiz", "title": "Tricky: {characters}",
        "questions": [{
            "id": "q", "type": "single", "prompt": tricky, "explanation": "Why: {it} = #1 ~ok",
            "section": "lessons/x.md#y",
            "options": [
                {"text": "A: {1}", "correct": True, "feedback": "Right = #good"},
                {"text": "B ~ 2", "feedback": "No: {bad}"},
            ],
        }],
    })
    item = next(i for i in parse_gift(to_gift([quiz]), tmp_path) if i["type"] != "Category")
    assert item["stem"]["text"] == tricky
    assert [c["text"]["text"] for c in item["choices"]] == ["A: {1}", "B ~ 2"]
    assert [c["feedback"]["text"] for c in item["choices"]] == ["Right = #good", "No: {bad}"]
    assert item["globalFeedback"]["text"] == "Why: {it} = #1 ~ok"


def test_csv_has_one_row_per_option(quizzes):
    rows = list(csv.DictReader(io.StringIO(to_csv(quizzes))))
    assert rows and list(rows[0].keys()) == CSV_COLUMNS
    expected = sum(
        2 if isinstance(q, TrueFalse) else len(q.items) if isinstance(q, Ordering) else len(q.options)
        for quiz in quizzes for q in quiz.questions
    )
    assert len(rows) == expected
    assert {r["quiz_id"] for r in rows} == {q.id for q in quizzes}
    single = next(r for r in rows if r["type"] == "single" and r["correct"] == "yes")
    assert single["feedback"]


def test_csv_gives_each_option_its_place_on_the_page(quizzes):
    rows = list(csv.DictReader(io.StringIO(to_csv(quizzes))))
    for quiz in quizzes:
        shown = shown_orders(quiz)
        for q in quiz.questions:
            mine = [r for r in rows if r["quiz_id"] == quiz.id and r["question_id"] == q.id]
            by_place = sorted(mine, key=lambda r: int(r["shown_number"]))
            assert [int(r["option_number"]) - 1 for r in by_place] == shown[q.id], (quiz.id, q.id)
    keys_first = [r for r in rows if r["select"] == "single" and r["type"] != "true-false" and r["correct"] == "yes"]
    assert {r["shown_number"] for r in keys_first} != {"1"}, "keys are not all shown first"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_answer_key_lists_every_quiz_and_answer(quizzes):
    html = to_answer_key(quizzes)
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.text)
    for quiz in quizzes:
        assert quiz.title in text
        for question in quiz.questions:
            assert question.explanation in text
    assert "visible to anyone" in text


def test_answer_key_marks_the_key_where_learners_see_it(quizzes):
    soup = BeautifulSoup(to_answer_key(quizzes), "html.parser")
    questions = soup.select("li.q")
    expected = [(quiz, q) for quiz in quizzes for q in quiz.questions]
    assert len(questions) == len(expected)
    for item, (quiz, q) in zip(questions, expected, strict=True):
        if isinstance(q, TrueFalse | Ordering):
            continue
        options = item.select("ol.options > li")
        order = shown_orders(quiz)[q.id]
        assert [li.get_text(" ", strip=True).removesuffix(" (answer)") for li in options] == [
            q.options[i].text for i in order]
        assert ["key" in (li.get("class") or []) for li in options] == [q.options[i].correct for i in order]


def test_build_publishes_the_exports(site_dir, tmp_path):
    downloads = site_dir / "downloads"
    written = write_exports(ROOT, tmp_path, course="The Human Network")
    for path in written:
        assert (downloads / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_cli_writes_the_files(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "hn.export", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["answer-key.css", "answer-key.html", "quizzes.csv", "quizzes.gift"]
