"""Check a course once per change of its files, however many parts of one build ask.

One build asks three times: the hook before it starts, the Markdown extension while pages
render, the exports after it ends. A full check reads and parses every file (and runs the
pages that hold markers through Python-Markdown), so its report is kept until a file it reads
changes: the same names, sizes and modification times give the same report.
"""

from __future__ import annotations

from pathlib import Path

from hn.exercises.check import ProjectReport, check_project

_reports: dict[tuple, ProjectReport] = {}


def signature(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> tuple:
    """Names, sizes and modification times of every file a check reads (or reports as unreadable)."""
    files = [*(root / exercises_dir).rglob("*"), *(root / docs_dir).rglob("*.md"), root / "mkdocs.yml"]
    return tuple(sorted(stamp for path in files if (stamp := _stamp(path))))


def _stamp(path: Path) -> tuple[str, int, int] | None:
    """Return a file's name, size and modification time (a broken link's own), or None if it is gone."""
    for look in (path.stat, path.lstat):
        try:
            stat = look()
        except OSError:
            continue
        return str(path), stat.st_size, stat.st_mtime_ns
    return None


def checked_project(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> ProjectReport:
    """Return `check_project`'s report, reusing the last one while no file has changed."""
    root = Path(root).resolve()
    key = (root, docs_dir, exercises_dir, signature(root, docs_dir, exercises_dir))
    if key not in _reports:
        _reports.clear()
        _reports[key] = check_project(root, docs_dir, exercises_dir)
    return _reports[key]
