"""The exercise checker against fixture projects: each valid one passes, each invalid one fails exactly.

A case is a folder under tests/fixtures/exercises/{valid,invalid}/ holding a tiny project
(docs/ and exercises/). An invalid case's `expected.txt` lists, in order, the exact
`path:line: message` lines the checker must report, paths relative to the case folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hn.exercises import check_project
from hn.exercises.check import find_markers, page_anchors
from hn.exercises.load import load_exercises, load_file

FIXTURES = Path(__file__).parent / "fixtures" / "exercises"
VALID = sorted(path for path in (FIXTURES / "valid").glob("*") if path.is_dir())
INVALID = sorted(path for path in (FIXTURES / "invalid").glob("*") if path.is_dir())

#: The problems the issue asks the checker to catch: each needs an invalid case of this name.
REQUIRED_INVALID = {
    "yaml-syntax-error", "unknown-key", "missing-key", "wrong-type", "single-choice-two-correct",
    "multiple-choice-no-correct", "ordering-too-few-items", "duplicate-exercise-id", "duplicate-question-id",
    "marker-unknown-exercise", "exercise-not-used", "section-missing-heading", "section-missing-page",
    "empty-feedback", "unknown-question-type", "marker-wrong-kind", "rating-bands-gap", "rating-bands-overlap",
    "duplicate-yaml-key", "not-utf8", "empty-file", "top-level-list",
    # Bad input (tests/test_exercise_bad_input.py): crashes, silent passes, messages that did not help.
    "control-character", "too-deeply-nested", "marker-in-comment", "tab-indentation", "colon-in-text",
    "no-break-space-after-colon", "lookalike-characters", "stray-file-extension",
    # Draft rules: ranges, unknown rules (with did you mean), phrases that could never match.
    "draft-rules",
}


def expected_lines(case: Path) -> list[str]:
    """Read a case's expected `path:line: message` lines."""
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_every_required_case_exists():
    assert REQUIRED_INVALID <= {case.name for case in INVALID}
    assert {"every-question-kind", "every-worksheet-kind", "heading-ids", "fenced-markers", "markup-in-text",
            "odd-files", "pages-as-mkdocs-reads-them"} <= {c.name for c in VALID}


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_has_no_problems(case: Path):
    report = check_project(case)
    assert [str(problem) for problem in report.problems] == []
    assert report.ok
    assert report.exercises.exercises, "a valid case should hold at least one exercise"
    assert not (case / "expected.txt").exists()


@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case_reports_exactly_the_expected_problems(case: Path):
    report = check_project(case)
    assert [str(problem) for problem in report.problems] == expected_lines(case)
    assert not report.ok


@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_every_problem_names_a_real_file_and_line(case: Path):
    for problem in check_project(case).problems:
        path = case / problem.path
        assert path.is_file(), problem
        assert 1 <= problem.line <= max(1, path.read_bytes().count(b"\n") + 1), problem
        assert "\n" not in problem.message and problem.message.strip() == problem.message


def test_every_question_and_section_kind_is_covered_by_the_valid_cases():
    question_types, section_types, scenario_selects = set(), set(), set()
    for case in VALID:
        for exercise in check_project(case).exercises.exercises.values():
            for question in getattr(exercise, "questions", []):
                question_types.add(question.type)
                if question.type == "scenario":
                    scenario_selects.add(question.select)
            section_types.update(section.type for section in getattr(exercise, "sections", []))
    assert question_types == {"single", "multiple", "scenario", "true-false", "ordering"}
    assert scenario_selects == {"single", "multiple"}
    assert section_types == {"rating", "reflection", "checklist", "plan", "draft"}


def test_markers_in_fenced_code_are_ignored():
    text = (FIXTURES / "valid" / "fenced-markers" / "docs" / "index.md").read_text(encoding="utf-8")
    markers = find_markers(text, "docs/index.md")
    assert [(m.line, m.kind, m.exercise_id) for m in markers] == [(26, "quiz", "real-quiz")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("```\n<!-- quiz: a -->\n```\n<!-- quiz: b -->", ["b"]),
        ("~~~\n<!-- quiz: a -->\n```\n<!-- quiz: a -->\n~~~\n<!-- quiz: b -->", ["b"]),
        ("````\n```\n<!-- quiz: a -->\n```\n````\n<!-- quiz: b -->", ["b"]),
        ("``` `inline` not a fence\n<!-- quiz: b -->", ["b"]),
        ("  <!-- quiz: b -->  ", ["b"]),
        ("Text <!-- quiz: a --> in a sentence", []),
    ],
    ids=["backticks", "tildes-hold-backticks", "longer-fence", "inline-code", "indented", "inline"],
)
def test_find_markers(text: str, expected: list[str]):
    assert [m.exercise_id for m in find_markers(text, "page.md")] == expected


def test_page_anchors_match_python_markdown_toc():
    text = (FIXTURES / "valid" / "heading-ids" / "docs" / "page.md").read_text(encoding="utf-8")
    anchors = page_anchors(text)
    assert list(anchors) == [
        "heading-ids", "custom-id", "slugified-its-this-one", "repeated", "repeated_1", "closing-hashes",
        "attr-heading", "para-id",
    ]
    assert anchors["custom-id"] == "Explicit id"
    assert anchors["closing-hashes"] == "Closing hashes"


SCENARIO = """\
id: a-quiz
kind: quiz
title: A quiz
questions:
  - id: the-question
    type: scenario
    scenario: Sam meets someone.
    explanation: Because.
    section: page.md#heading
    options:
      - {text: One, correct: true, feedback: Yes.}
      - {text: Two, feedback: No.}
"""

RATING = """\
id: a-worksheet
kind: worksheet
title: A worksheet
sections:
  - id: habits
    type: rating
    title: Habits
    statements:
      - {id: s1, text: One.}
      - {id: s1, text: Two.}
    bands:
      - {min: 2, max: 10, label: All, interpretation: Fine.}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A question's `type` (here `scenario`) is also a key: it must not swallow the location.
        (SCENARIO, ["x.yml:5: question 'the-question': missing key 'prompt'"]),
        (RATING, ["x.yml:10: section 'habits': duplicate statement id 's1' (first used on line 9)"]),
        (RATING.replace("{id: s1, text: Two.}", "{id: s2, text: Two.}").replace("max: 10", "max: 9"),
         ["x.yml:12: section 'habits': bands must end at 10, the highest possible total (they end at 9)"]),
        (RATING.replace("{id: s1, text: Two.}", "{id: s2, text: Two.}").replace("min: 2", "min: 1"),
         ["x.yml:12: section 'habits': bands must start at 2, the lowest possible total (they start at 1)"]),
        ("id: a\nkind: quiz\nquestions: &q [*q]\n",
         ["x.yml:3: question 1: must be a mapping of keys, not a list", "x.yml:1: missing key 'title'"]),
        ("id: a\nkind: quiz\n\ntitle: b\x00c\n", ["x.yml:4: YAML syntax error: character U+0000 NULL is not allowed"]),
        ("id: a\n---\nid: b\n",
         ["x.yml:2: YAML syntax error: expected a single document in the stream, but found another document"]),
        ("id: a\n\tkind: quiz\n",
         ["x.yml:2: YAML syntax error: a tab in the indentation: YAML indents with spaces only, so replace the tab "
          "with spaces"]),
        ("just words\n",
         ["x.yml:1: an exercise file must be a mapping of keys (id, kind, title, ...), not a single value "
          "('just words')"]),
        ("# only a comment\n", ["x.yml:1: the file is empty: it should hold one quiz or worksheet"]),
        ("id: a\nkind: worksheet\ntitle: yes\nsections: [{id: p, type: plan, title: Plan}]\n",
         ["x.yml:3: 'title' must be text, not true (put it in quotes)"]),
        ("id: a\nkind: worksheet\ntitle:\nsections: [{id: p, type: plan, title: Plan, rows: 0}]\n",
         ["x.yml:3: 'title' must not be empty", "x.yml:4: section 'p': 'rows' must be at least 1, not 0"]),
    ],
    ids=["tag-named-like-a-key", "duplicate-statement", "bands-end-short", "bands-start-low", "self-containing-list",
         "nul-character", "two-documents", "tab", "scalar-file", "comment-only", "bool-for-text", "empty-value"],
)
def test_loader_messages(tmp_path: Path, text: str, expected: list[str]):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    model, problems, _ = load_file(path, "x.yml")
    assert model is None
    assert sorted(str(problem) for problem in problems) == sorted(expected)


def test_committed_json_schema_matches_the_models():
    """exercises/schema.json is what `python -m hn.exercises.schema` writes today."""
    import json

    from hn.exercises.schema import schema

    committed = json.loads((Path(__file__).parents[1] / "exercises" / "schema.json").read_text(encoding="utf-8"))
    assert committed == schema(), "run: .venv/bin/python -m hn.exercises.schema"


def test_a_misspelt_key_gets_a_did_you_mean(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "typo-quiz.yml").write_text(
        "id: typo-quiz\nkind: quiz\ntitle: Typos\npass_mark: 70\nquestions:\n"
        "  - id: one\n    type: true-false\n    prompt: A statement.\n    answer: true\n"
        "    feedback_true: Right.\n    feedback_false: Wrong.\n    explantion: Why.\n"
        "    section: lessons/a.md#b\n    colour: blue\n", encoding="utf-8")
    problems = [str(p) for p in load_exercises(folder, tmp_path).problems]
    assert "exercises/typo-quiz.yml:12: question 'one': unknown key 'explantion': did you mean 'explanation'?" \
        in problems
    assert "exercises/typo-quiz.yml:14: question 'one': unknown key 'colour'" in problems  # nothing close: no guess
