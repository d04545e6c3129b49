"""`make serve` installs only requirements-site.txt: those pins agree with the full set and build the site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)", re.MULTILINE)
TEST_TOOLS = {"pytest", "playwright", "pytest-playwright", "axe-playwright-python", "hypothesis", "linkchecker",
              "codespell", "ruff", "pandas", "matplotlib"}


def pins(path: Path) -> dict[str, str]:
    return {m["name"].lower(): m["version"] for m in PIN.finditer(path.read_text(encoding="utf-8"))}


def test_site_pins_are_the_same_versions_as_the_full_set():
    site, full = pins(ROOT / "requirements-site.txt"), pins(ROOT / "requirements.txt")
    assert site, "requirements-site.txt pins nothing"
    assert {name: version for name, version in site.items() if full.get(name) != version} == {}


def test_the_site_set_leaves_out_the_test_tools():
    assert TEST_TOOLS & set(pins(ROOT / "requirements-site.txt")) == set()
    assert TEST_TOOLS <= set(pins(ROOT / "requirements.txt"))


def test_the_site_set_alone_builds_the_course_strictly(tmp_path):
    """A venv with only requirements-site.txt (as `make serve` makes it) builds the real site."""
    venv = tmp_path / "venv"
    uv = Path(sys.executable).parent / "uv"
    subprocess.run([str(uv), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(uv), "pip", "sync", "--quiet", "--python", str(python), str(ROOT / "requirements-site.txt")],
                   check=True)
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    build = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                           cwd=project, env=env, capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "site" / "lessons" / "what-networking-is" / "index.html").is_file()
    assert subprocess.run([str(python), "-c", "import pytest"], capture_output=True, check=False).returncode != 0
