"""The validator CLI, run as authors and CI run it: `python -m hn.check --root <project>`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hn.check import github_annotation, main
from test_exercise_model import INVALID, VALID, expected_lines

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run_check(*args: str, github: bool = False, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the CLI in a fresh interpreter and capture what it prints."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "hn.check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """Run `hn.check.main` in this process (fast), returning its exit code, stdout and stderr."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits on bad usage
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def with_annotations(lines: list[str]) -> list[str]:
    """Each `path:line: message` followed by the GitHub Actions annotation for it."""
    result: list[str] = []
    for line in lines:
        path, number, message = line.split(":", 2)
        result += [line, f"::error file={path},line={number}::{message.strip()}"]
    return result


# In-process, over every fixture: exit codes and exact output.


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_exits_0(case: Path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, err = run_main(capsys, "--root", str(case))
    assert (code, out) == (EXIT_OK, "")
    assert "no problems" in err


@pytest.mark.parametrize("github", [False, True], ids=["plain", "github-actions"])
@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case_exits_1_with_exact_lines(case: Path, github: bool, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true") if github else monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, err = run_main(capsys, "--root", str(case))
    expected = expected_lines(case)
    assert code == EXIT_PROBLEMS
    assert out.splitlines() == (with_annotations(expected) if github else expected)
    assert f"{len(expected)} problem(s)" in err


def test_annotation_escapes_newlines_and_percent():
    assert github_annotation("a.yml", 3, "50% done\nnext") == "::error file=a.yml,line=3::50%25 done%0Anext"


# As a real command: `python -m hn.check`, in a fresh interpreter.


@pytest.mark.parametrize("case", [VALID[0], *(c for c in INVALID if c.name in {"several-problems", "not-utf8"})],
                         ids=lambda case: case.name)
def test_command_prints_the_same_lines(case: Path):
    proc = run_check("--root", str(case))
    expected = expected_lines(case) if (case / "expected.txt").exists() else []
    assert proc.returncode == (EXIT_PROBLEMS if expected else EXIT_OK), proc.stderr
    assert proc.stdout.splitlines() == expected
    assert "Traceback" not in proc.stderr


def test_command_in_github_actions_adds_annotations():
    case = next(case for case in INVALID if case.name == "several-problems")
    proc = run_check("--root", str(case), github=True)
    assert proc.returncode == EXIT_PROBLEMS
    assert proc.stdout.splitlines() == with_annotations(expected_lines(case))
    assert "::error file=exercises/basics-quiz.yml,line=11::" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_root_defaults_to_the_current_folder():
    case = next(case for case in INVALID if case.name == "missing-key")
    proc = run_check(cwd=case)
    assert proc.returncode == EXIT_PROBLEMS
    assert proc.stdout.splitlines() == expected_lines(case)


def test_the_real_course_passes():
    proc = run_check("--root", str(ROOT))
    assert proc.returncode == EXIT_OK, proc.stdout + proc.stderr
    assert proc.stdout == ""


USAGE = [
    (["--no-such-flag"], "unrecognized arguments: --no-such-flag"),
    (["--root"], "expected one argument"),
    (["--root", "/no/such/folder"], "no exercise folder at /no/such/folder/exercises"),
    (["--root", str(VALID[0]), "--exercises-dir", "missing"], "no exercise folder at"),
    (["stray-argument"], "unrecognized arguments: stray-argument"),
]
USAGE_IDS = ["unknown-flag", "flag-without-value", "missing-root", "missing-exercises-dir", "positional"]


@pytest.mark.parametrize(("args", "complaint"), USAGE, ids=USAGE_IDS)
def test_bad_usage_exits_2_with_a_usage_line(args: list[str], complaint: str, capsys):
    code, out, err = run_main(capsys, *args)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith("usage: python -m hn.check")
    assert complaint in err


@pytest.mark.parametrize(("args", "complaint"), USAGE[::2], ids=USAGE_IDS[::2])
def test_command_bad_usage_exits_2_without_a_traceback(args: list[str], complaint: str):
    proc = run_check(*args)
    assert proc.returncode == EXIT_USAGE
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: python -m hn.check")
    assert complaint in proc.stderr
    assert "Traceback" not in proc.stderr


def test_help_exits_0(capsys):
    code, out, _ = run_main(capsys, "--help")
    assert code == EXIT_OK
    assert "--root" in out and "--exercises-dir" in out
