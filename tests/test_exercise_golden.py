"""Golden HTML: each exercise in tests/golden/<case>.yml renders exactly as <case>.html.

Rendering uses hn.render alone (Jinja, no MkDocs). After an intended template change, rewrite
the .html files and review their diff:

    .venv/bin/python -m pytest tests/golden tests/test_exercise_golden.py --update-golden
"""

from __future__ import annotations

import difflib
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from hn.exercises.load import load_file
from hn.exercises.model import Quiz, Worksheet
from hn.render import Link, environment, option_orders, render_quiz, render_worksheet

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


def load(case: Path) -> Quiz | Worksheet:
    """Load a golden case through the real loader (so it is a valid exercise)."""
    model, problems, _ = load_file(case, case.name)
    assert problems == [], "\n".join(map(str, problems))
    return model


def render(exercise: Quiz | Worksheet) -> str:
    """Render as the extension does, with review links written in the default format."""
    env = environment()
    if isinstance(exercise, Worksheet):
        return render_worksheet(env, exercise)
    links = {}
    for question in exercise.questions:
        page, _, anchor = question.section.partition("#")
        links[question.id] = Link(f"/{page}#{anchor}", anchor.replace("-", " ").capitalize())
    return render_quiz(env, exercise, links)


@pytest.fixture
def update_golden(request) -> bool:
    """Whether --update-golden was given (False when tests/golden/conftest.py was not loaded early)."""
    return bool(request.config.getoption("--update-golden", default=False))


def test_every_kind_has_a_golden_case():
    kinds = set()
    for case in CASES:
        exercise = load(case)
        if isinstance(exercise, Quiz):
            kinds |= {q.type if q.type != "scenario" else f"scenario-{q.select}" for q in exercise.questions}
        else:
            kinds |= {section.type for section in exercise.sections}
    assert kinds >= {"single", "multiple", "scenario-single", "scenario-multiple", "true-false", "ordering",
                     "rating", "reflection", "checklist", "plan", "draft"}


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_renders_as_the_golden_html(case: Path, update_golden: bool):
    html = render(load(case)) + "\n"
    golden = case.with_suffix(".html")
    if update_golden or not golden.exists():
        golden.write_text(html, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote the missing {golden.name}; review it and run again")
        return
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True), golden.name, "rendered"))
    assert html == expected, f"rendered HTML differs (rerun with --update-golden if intended):\n{diff}"


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_rendered_html_is_well_formed_xml(case: Path):
    # The Markdown extension parses the HTML with ElementTree, so it must be well-formed.
    root = etree.fromstring(render(load(case)))
    assert root.tag == "section"
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "ids in one exercise must be unique"
    for label in root.iter("label"):
        assert root.find(f".//*[@id='{label.get('for')}']") is not None, label.get("for")


def test_text_from_yaml_is_escaped():
    html = render(load(GOLDEN / "quiz-escaping.yml"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;quotes&#34; &amp; ampersands" in html
    assert "&#39;single quotes&#39; and &lt;angle brackets&gt;" in html
    assert "Escaping &lt;b&gt;markup&lt;/b&gt; &amp; &#34;quotes&#34;" in html
    root = etree.fromstring(html)  # and still parses, with the text intact
    texts = sorted(label.text for label in root.iter("label"))  # shown in hn.render's order, not as written
    assert texts == ['"quotes" & ampersands', "<script>alert(1)</script>"]
    assert not list(root.iter("script"))


def test_ordering_is_shuffled_stably_and_never_shown_solved():
    quiz = load(GOLDEN / "quiz-ordering.yml")
    first, second = render(quiz), render(quiz)
    assert first == second
    root = etree.fromstring(first)
    shown = [int(item.get("data-hn-item")) for item in root.iter("li") if item.get("data-hn-item") is not None]
    assert sorted(shown) == list(range(4))
    assert shown != sorted(shown)


def _shown(html: str) -> dict[str, list[str]]:
    """Return each question's option values in the order the rendered HTML shows them."""
    root = etree.fromstring(html)
    return {q.get("data-hn-question"): [i.get("value") for i in q.iter("input")]
            for q in root.iter("li") if q.get("data-hn-question")}


def test_options_are_shown_in_a_fixed_order_that_is_not_the_written_one():
    quiz = load(GOLDEN / "quiz-single.yml")
    first, second = render(quiz), render(quiz)
    assert first == second
    shown = _shown(first)["weak-ties"]
    assert sorted(shown) == ["0", "1", "2"]  # each input keeps its authoring index as its value
    assert shown[0] != "0", "the key, written first, is not shown first"
    answer = etree.fromstring(first).find(".//ul[@class='hn-answer__feedback']")
    assert [li.get("data-hn-feedback-for") for li in answer] == shown  # the answer box follows the same order


def _single_quiz(count: int, options: int, key: int = 0) -> Quiz:
    """Return a quiz of `count` single-choice questions, each with its key written at index `key`."""
    return Quiz.model_validate({"id": "balance", "kind": "quiz", "title": "Balance", "questions": [
        {"id": f"q{n}", "type": "single", "prompt": f"Question {n}?", "explanation": "Because.",
         "section": "lessons/a.md#b",
         "options": [{"text": f"Option {i}", "correct": i == key, "feedback": "Why."} for i in range(options)]}
        for n in range(count)]})


@pytest.mark.parametrize(("count", "options", "key"), [(12, 3, 0), (8, 4, 0), (9, 3, 2), (5, 2, 1)])
def test_keys_spread_evenly_over_the_places(count, options, key):
    orders = option_orders(_single_quiz(count, options, key))
    places = [order.index(key) for order in orders.values()]
    per_place = [places.count(p) for p in range(options)]
    assert max(per_place) - min(per_place) <= 1, per_place


def test_multiple_answer_options_are_never_shown_as_written():
    quiz = Quiz.model_validate({"id": "many", "kind": "quiz", "title": "Many", "questions": [
        {"id": f"q{n}", "type": "multiple", "prompt": f"Which {n}?", "explanation": "Because.",
         "section": "lessons/a.md#b",
         "options": [{"text": f"Option {i}", "correct": i < 2, "feedback": "Why."} for i in range(3)]}
        for n in range(30)]})
    orders = option_orders(quiz)
    assert all(sorted(order) == [0, 1, 2] and order != [0, 1, 2] for order in orders.values())
    assert len({tuple(order) for order in orders.values()}) > 2  # shuffled, not one fixed rotation
