"""Check a course once per change of its files, however many parts of one build ask.

One build asks three times: the hook before it starts, the Markdown extension while pages
render, the exports after it ends. A full check reads and parses every file (about a third of
a second for the course), so its report is kept until a file it reads changes: the same
names, sizes and modification times give the same report.
"""

from __future__ import annotations

from pathlib import Path

from hn.exercises.check import ProjectReport, check_project

_reports: dict[tuple, ProjectReport] = {}


def signature(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> tuple:
    """Names, sizes and modification times of every file a check reads."""
    files = [*(root / exercises_dir).rglob("*.y*ml"), *(root / docs_dir).rglob("*.md")]
    return tuple(sorted((str(p), (stat := p.stat()).st_size, stat.st_mtime_ns) for p in files))


def checked_project(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> ProjectReport:
    """Return `check_project`'s report, reusing the last one while no file has changed."""
    root = Path(root).resolve()
    key = (root, docs_dir, exercises_dir, signature(root, docs_dir, exercises_dir))
    if key not in _reports:
        _reports.clear()
        _reports[key] = check_project(root, docs_dir, exercises_dir)
    return _reports[key]
