"""The exercise engine inside a real `mkdocs build --strict`, and from plain Python-Markdown.

The build, the CLI and the Markdown extension share one check, so a broken exercise must
stop the build with the very `path:line: message` lines `python -m hn.check` prints.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from conftest import ROOT, copy_project, mkdocs_build
from hn import markdown_ext
from hn.exercises import check_project
from hn.markdown_ext import ExerciseError, ExerciseExtension
from test_exercise_model import FIXTURES, INVALID, expected_lines

MKDOCS_YML = """\
site_name: Exercise engine test
theme:
  name: mkdocs
plugins: []
hooks:
  - hooks/exercises.py
markdown_extensions:
  - hn.markdown_ext
  - attr_list
  - fenced_code
  - toc
validation:
  absolute_links: relative_to_docs
  unrecognized_links: warn
  anchors: warn
"""


def tiny_project(case: Path, dest: Path) -> Path:
    """Copy a fixture case into `dest` with its own mkdocs.yml and the course's build hook."""
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expected.txt"))
    (dest / "hooks").mkdir()
    shutil.copy2(ROOT / "hooks" / "exercises.py", dest / "hooks" / "exercises.py")
    (dest / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return dest


@pytest.mark.parametrize("name", ["every-question-kind", "heading-ids", "pages-as-mkdocs-reads-them", "odd-files"])
def test_valid_project_builds_strictly_and_mkdocs_accepts_every_review_link(tmp_path: Path, name: str):
    # MkDocs validates the review links itself (anchors: warn fails --strict), so a clean build
    # proves the checker's idea of a page's heading ids matches Python-Markdown's.
    project = tiny_project(FIXTURES / "valid" / name, tmp_path / "project")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    html = "".join(page.read_text(encoding="utf-8") for page in build.site.rglob("*.html"))
    assert 'data-hn-quiz="' in html
    assert "<!-- quiz:" not in html
    reviews = re.findall(r'class="hn-answer__review" href="([^"]*)"', html)
    assert reviews, "every question links to the section that teaches it"
    assert all("#" in href and not href.startswith("/") for href in reviews), reviews  # made relative


def test_broken_exercise_stops_the_build_with_the_lines_the_cli_prints(tmp_path: Path):
    project = tiny_project(FIXTURES / "valid" / "every-question-kind", tmp_path / "project")
    quiz = project / "exercises" / "every-question-quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("section: lessons/topic.md#follow-up", "section: lessons/topic.md#follow-on", 1),
                    encoding="utf-8")
    cli_lines = [str(problem) for problem in check_project(project).problems]
    assert cli_lines == [
        "exercises/every-question-quiz.yml:46: question 'situation': section 'lessons/topic.md#follow-on' "
        "links to a heading that does not exist in docs/lessons/topic.md"
    ]
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert cli_lines[0] in build.output.splitlines()
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    "case",
    [case for case in INVALID if case.name in {"yaml-syntax-error", "marker-unknown-exercise", "several-problems",
                                               "control-character", "too-deeply-nested"}],
    ids=lambda case: case.name,
)
def test_invalid_fixture_fails_the_build_with_its_expected_lines(tmp_path: Path, case: Path):
    build = mkdocs_build(tiny_project(case, tmp_path / "project"), tmp_path / "site")
    assert build.returncode != 0
    output = build.output.splitlines()
    for line in expected_lines(case):
        assert line in output
    assert "Traceback" not in build.output


def test_broken_exercise_stops_the_real_course_build(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    quiz = project / "exercises" / "why-it-matters-quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("pass_mark: 70", "pass_mark: high", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("pass_mark:"))
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"exercises/why-it-matters-quiz.yml:{line}: 'pass_mark' must be a whole number, not 'high'" in build.output
    assert "Traceback" not in build.output


# --- Plain Python-Markdown, no MkDocs --------------------------------------------------


def test_extension_renders_a_quiz_from_plain_python_markdown():
    case = FIXTURES / "valid" / "every-question-kind"
    page = (case / "docs" / "lessons" / "topic.md").read_text(encoding="utf-8")
    extension = ExerciseExtension(root=str(case), link_format="https://example.org/{page}#{anchor}")
    html = markdown.markdown(page, extensions=[extension, "attr_list"])
    assert "<!-- quiz:" not in html
    quiz = etree.fromstring(f"<body>{html}</body>").find("section")
    assert quiz is not None and quiz.get("data-hn-quiz") == "every-question-quiz"
    questions = quiz.findall("./ol/li")
    assert [q.get("data-hn-type") for q in questions] == [
        "single", "multiple", "scenario", "scenario", "true-false", "ordering",
    ]
    review = quiz.find(".//a[@class='hn-answer__review']")
    assert review.get("href") == "https://example.org/lessons/topic.md#weak-ties"
    assert review.text == "Review: Weak ties"


def test_extension_renders_a_worksheet_and_leaves_fenced_markers_alone():
    case = FIXTURES / "valid" / "fenced-markers"
    page = (case / "docs" / "index.md").read_text(encoding="utf-8")
    html = markdown.markdown(page, extensions=[ExerciseExtension(root=str(case)), "fenced_code"])
    assert html.count('data-hn-quiz="real-quiz"') == 1
    assert "&lt;!-- quiz: not-a-real-quiz --&gt;" in html  # shown as code, not replaced


def test_extension_raises_the_checker_lines_for_a_broken_project():
    case = next(case for case in INVALID if case.name == "several-problems")
    page = (case / "docs" / "lesson.md").read_text(encoding="utf-8")
    with pytest.raises(ExerciseError) as error:
        markdown.markdown(page, extensions=[ExerciseExtension(root=str(case))])
    assert str(error.value).splitlines() == expected_lines(case)


def test_extension_looks_at_the_files_once_a_page_not_once_an_exercise(monkeypatch):
    case = FIXTURES / "valid" / "markup-in-text"
    page = (case / "docs" / "index.md").read_text(encoding="utf-8")
    looks = []
    check = markdown_ext.checked_project
    monkeypatch.setattr(markdown_ext, "checked_project", lambda *args: looks.append(args) or check(*args))
    md = markdown.Markdown(extensions=[ExerciseExtension(root=str(case)), "attr_list"])
    assert md.convert(page).count('class="hn-') > 2 and len(looks) == 1  # a quiz and a worksheet, one look
    md.convert(page)  # the next page looks again: a file may have changed in between (mkdocs serve)
    assert len(looks) == 2
