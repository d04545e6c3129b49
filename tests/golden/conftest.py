"""The `--update-golden` option: rewrite tests/golden/*.html from what the renderer produces now.

pytest reads options only from conftest files it loads before parsing the command line, so
name this folder on the command line when updating:

    .venv/bin/python -m pytest tests/golden tests/test_exercise_golden.py --update-golden

Review the diff of the .html files before committing them.
"""

from __future__ import annotations


def pytest_addoption(parser) -> None:
    """Add --update-golden."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.html instead of comparing with them")
