"""Throw-away copies of the course for the benchmark, their configs, and timed builds.

Every build runs in a copy under .cache/bench/, never in the working tree, so a benchmark
can run while someone edits and never leaves files behind. The stock comparison keeps the
same Markdown, theme, features, palette and plugins, and drops only what the course adds:
its Markdown extension, hooks, extra CSS and JS and theme overrides (markers then stay as
plain HTML comments).
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from hn.pages import course_uris, nav_paths

ROOT = Path(__file__).resolve().parents[3]
PROJECT_PARTS = ("mkdocs.yml", "team.yml", "docs", "overrides", "includes", "exercises", "scripts", "hooks")
COURSE_EXTENSION = "hn.markdown_ext"
APPENDICES = ("glossary.md", "references.md")  # as hooks/print_page.py: after the lessons
STOCK_PRINT_PAGE = "print_page/"  # mkdocs-print-site-plugin's page


@dataclass
class BuildRun:
    """One timed `mkdocs build`: wall-clock and CPU seconds (the CPU figure shrugs off a busy machine)."""

    seconds: float
    cpu_seconds: float
    returncode: int
    output: str


def copy_project(dest: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """Copy what a build needs into `dest` (no .cache, no site/), like a fresh clone."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in parts:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


def load_config(project: Path) -> dict:
    """Read a project's mkdocs.yml the way MkDocs does (tags resolved)."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml_load(handle)


def write_config(project: Path, config: dict, name: str = "mkdocs.yml") -> Path:
    """Write a config back; `!!python/name:` values survive through PyYAML's full dumper."""
    path = project / name
    path.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def stock_config(config: dict) -> dict:
    """Return the same site as stock Material: no course extension, hooks, extra CSS/JS or overrides.

    The course's print book (hooks/print_page.py) has its stock counterpart in
    mkdocs-print-site-plugin, set to hold the same chapters: the lessons, then the appendices.
    """
    stock = dict(config)
    stock["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    stock["markdown_extensions"] = [ext for ext in config["markdown_extensions"] if _ext_name(ext) != COURSE_EXTENSION]
    for key in ("hooks", "extra_css", "extra_javascript"):
        stock.pop(key, None)
    stock["plugins"] = [*config.get("plugins", []), {"print-site": print_site_options(config)}]
    return stock


def print_site_options(config: dict) -> dict:
    """Options for mkdocs-print-site-plugin: the course's chapters only, not in the nav."""
    chapters = [*course_uris(config), *APPENDICES]
    others = [src for src in nav_paths(config.get("nav")) if src not in chapters]
    return {"add_to_navigation": False, "print_page_title": "The whole course", "add_cover_page": False,
            "exclude": others}


def _ext_name(ext: str | dict) -> str:
    return ext if isinstance(ext, str) else next(iter(ext))


def mkdocs_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a build: the course package importable, the end-of-life banner off."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    return env


def compile_code(project: Path) -> None:
    """Compile the course's own Python to bytecode once: the copy's hooks and the `hn` package builds import.

    Stock Material's code was compiled when it was installed (`make install`), and a build
    compiles the course's own files on its first run and keeps them, unless
    PYTHONDONTWRITEBYTECODE is set (as on some machines, this benchmark's among them). Then
    every timed build would compile about 35 files again (0.035 s), which no second build of a
    real checkout does.
    """
    for folder in (project / "hooks", ROOT / "scripts" / "hn"):
        compileall.compile_dir(folder, quiet=1)


def timed_build(project: Path, site: Path, *, config: str = "mkdocs.yml", cold: bool,
                python: str = sys.executable, env: dict[str, str] | None = None) -> BuildRun:
    """Run `mkdocs build` in `project` and time it from start to exit (Python start-up included).

    Cold: no site folder and no .cache (mkdocs-jupyter keeps converted notebooks there).
    Warm: whatever the previous build left.
    """
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    command = [python, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=project, env=mkdocs_env(env), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildRun(wall, cpu, proc.returncode, proc.stdout + proc.stderr)


def check_build(run: BuildRun, what: str) -> BuildRun:
    """Stop the benchmark with MkDocs' own output when a build fails."""
    if run.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run
