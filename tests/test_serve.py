"""`make serve` as a team lead uses it: edits to exercises, includes and team.yml show without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    """Poll `url` until its page contains `text` (a rebuild takes several seconds on two cores)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                             f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(url, "The Human Network", 180), "mkdocs serve did not start"
        yield project, url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_quiz_shows_without_a_restart(served):
    project, url = served
    edit(project / "exercises" / "what-networking-is-quiz.yml", "title: \"", "title: \"Edited while serving - ")
    assert wait_for(url + "lessons/what-networking-is/", "Edited while serving -")


def test_an_edited_include_shows_without_a_restart(served):
    project, url = served
    edit(project / "includes" / "glossary-abbreviations.md", "*[weak tie]: An acquaintance",
         "*[weak tie]: Edited while serving: an acquaintance")
    assert wait_for(url + "lessons/why-it-matters/", "Edited while serving: an acquaintance")


def test_a_new_team_yml_shows_without_a_restart(served):
    project, url = served
    (project / "team.yml").write_text("organisation:\n  name: Served Ltd\nsite_name: Course at Served Ltd\n",
                                      encoding="utf-8")
    assert wait_for(url, "Course at Served Ltd")
