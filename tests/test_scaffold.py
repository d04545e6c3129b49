"""`make lesson` stubs are refused by the validator until filled in, then accepted and built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from hn.exercises.check import find_placeholders


def run(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def fill_in(paths: list[Path]) -> None:
    """Play the author: replace every placeholder with real text."""
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")


@pytest.mark.parametrize("team", [False, True], ids=["upstream", "team"])
def test_scaffold_is_refused_until_filled_in(tmp_path, team):
    project = copy_project(tmp_path / "project")
    created = run("hn.scaffold", "Networking across time zones", *(["--team"] if team else []), cwd=project)
    assert created.returncode == 0, created.stderr
    folder = "team" if team else "lessons"
    lesson = project / "docs" / folder / "networking-across-time-zones.md"
    exercises = project / "exercises" / ("team" if team else "")
    files = [lesson, exercises / "networking-across-time-zones-quiz.yml",
             exercises / "networking-across-time-zones-worksheet.yml"]
    assert all(path.is_file() for path in files)
    if not team:
        assert "lessons/networking-across-time-zones.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")

    check = run("hn.check", cwd=project)
    assert check.returncode == 1
    assert f"docs/{folder}/networking-across-time-zones.md:3: unfinished: replace the placeholder" in check.stdout
    quiz = files[1].relative_to(project).as_posix()
    assert f"{quiz}:9: unfinished: replace the placeholder" in check.stdout
    assert "Traceback" not in check.stderr
    refused = mkdocs_build(project, tmp_path / "refused")
    assert refused.returncode != 0
    assert "unfinished: replace the placeholder" in refused.output

    fill_in(files)
    assert run("hn.check", cwd=project).returncode == 0
    if team:
        (project / "team.yml").write_text("organisation:\n  name: Acme\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = (tmp_path / "site" / folder / "networking-across-time-zones" / "index.html").read_text(encoding="utf-8")
    assert 'data-hn-quiz="networking-across-time-zones-quiz"' in page


def test_scaffold_refuses_to_overwrite(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run("hn.scaffold", "Why it matters", cwd=project)
    assert result.returncode == 2
    assert "docs/lessons/why-it-matters.md already exists" in result.stderr


def test_scaffold_keeps_the_title_as_written_in_the_quiz_title(tmp_path):
    project = copy_project(tmp_path / "project")
    created = run("hn.scaffold", "Your first week at Acme Cloud", "--team", cwd=project)
    assert created.returncode == 0, created.stderr
    quiz = (project / "exercises" / "team" / "your-first-week-at-acme-cloud-quiz.yml").read_text(encoding="utf-8")
    assert 'title: "Check yourself: Your first week at Acme Cloud"' in quiz


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("# Title\n\nTODO: write the lesson\n", [3]),
        ("Mention `TODO:` in code\n\n```\nTODO: in a fence\n```\n", []),
        ("T`a`ODO: a code span in the middle still leaves a placeholder\n", [1]),
        ("TO``DO: an empty code span too\n", [1]),
        ("TO`a\nb`DO: a code span does not run across lines\n", []),
        ("No placeholder here, only TODO without a colon\n", []),
    ],
    ids=["plain", "in-code", "split-by-code", "split-by-empty-code", "across-lines", "none"],
)
def test_placeholders_are_found_on_every_line_that_reads_todo_outside_code(text: str, lines: list[int]):
    # Most files are cleared by one search of the whole text; what a line-by-line reading finds must not change.
    assert [problem.line for problem in find_placeholders(text, "page.md")] == lines
