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
from hn.render import Link, environment, render_quiz, render_worksheet

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
                     "rating", "reflection", "checklist", "plan"}


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
    texts = [label.text for label in root.iter("label")]
    assert texts == ["<script>alert(1)</script>", '"quotes" & ampersands']
    assert not list(root.iter("script"))


def test_ordering_is_shuffled_stably_and_never_shown_solved():
    quiz = load(GOLDEN / "quiz-ordering.yml")
    first, second = render(quiz), render(quiz)
    assert first == second
    root = etree.fromstring(first)
    shown = [int(item.get("data-hn-item")) for item in root.iter("li") if item.get("data-hn-item") is not None]
    assert sorted(shown) == list(range(4))
    assert shown != sorted(shown)
