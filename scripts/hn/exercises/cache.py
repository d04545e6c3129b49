"""Check a course once per change of its files, however many parts of one build ask.

One build asks many times: the hook before it starts, the Markdown extension for each page
that places exercises, the manifest, the review page and the exports. A full check reads and
parses every file (and runs the pages that hold markers through Python-Markdown), so its
report is kept until a file it reads changes: the same names, sizes and modification times
give the same report. Comparing them is a walk of the folders with os.scandir, a fraction of
a millisecond for the course (pathlib's rglob took 0.75 ms, about 0.035 s a build).
"""

from __future__ import annotations

import os
from pathlib import Path

from hn.exercises.check import ProjectReport, check_project

_reports: dict[tuple, ProjectReport] = {}


def signature(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises") -> tuple:
    """Names, sizes and modification times of every file a check reads (or reports as unreadable).

    Every entry under the exercises folder and every `*.md` entry under the docs folder, as
    `Path.rglob` lists them (symbolic links to folders are listed, not followed), and mkdocs.yml.
    """
    stamps = [*_walk(str(root / exercises_dir), ""), *_walk(str(root / docs_dir), ".md")]
    if (config := _stamp(str(root / "mkdocs.yml"))) is not None:
        stamps.append(config)
    return tuple(sorted(stamps))


def _walk(top: str, suffix: str) -> list[tuple[str, int, int]]:
    """Stamp every entry under `top` whose name ends with `suffix`, in every folder below it."""
    stamps, folders = [], [top]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
            except OSError:
                pass
            if entry.name.endswith(suffix) and (stamp := _stamp(entry.path)) is not None:
                stamps.append(stamp)
    return stamps


def _stamp(path: str) -> tuple[str, int, int] | None:
    """Return a file's name, size and modification time (a broken link's own), or None if it is gone."""
    for look in (os.stat, os.lstat):
        try:
            stat = look(path)
        except OSError:
            continue
        return path, stat.st_size, stat.st_mtime_ns
    return None


def checked_project(root: Path, docs_dir: str = "docs", exercises_dir: str = "exercises", *,
                    cache_dir: Path | None = None) -> ProjectReport:
    """Return `check_project`'s report, reusing the last one while no file has changed.

    `cache_dir` (the build's) keeps page readings on disk for the next process: it changes
    how long a check takes, never its report.
    """
    root = Path(root).resolve()
    key = (root, docs_dir, exercises_dir, signature(root, docs_dir, exercises_dir))
    if key not in _reports:
        _reports.clear()
        _reports[key] = check_project(root, docs_dir, exercises_dir, cache_dir=cache_dir)
    return _reports[key]
