"""A fork's first CI run on GitHub: the workflow relies on the runner's browser, Java and Node.js."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT

CI = ROOT / ".github" / "workflows" / "ci.yml"


def steps() -> list[dict]:
    return yaml.safe_load(CI.read_text(encoding="utf-8"))["jobs"]["test"]["steps"]


def test_ci_installs_no_browser_with_apt_and_finds_one_before_make_test():
    runs = [step.get("run", "") for step in steps()]
    assert not any("apt-get" in run or "snap" in run for run in runs)
    find = next(i for i, run in enumerate(runs) if "scripts/ensure-chromium.sh" in run)
    assert find < runs.index("make test")
    assert "scripts/ensure-java.sh" in runs[find] and "scripts/ensure-node.sh" in runs[find]


def fake_tool(folder: Path, name: str, output: str) -> Path:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{output}'\n", encoding="utf-8")
    tool.chmod(0o755)
    return tool


def test_ensure_chromium_takes_the_runners_google_chrome(tmp_path):
    """With no chromium on PATH (as on GitHub's runner), the script picks google-chrome and installs nothing."""
    chrome = fake_tool(tmp_path, "google-chrome", "Google Chrome 150.0")
    # A snap stub for chromium-browser that fails, as on Ubuntu without snapd.
    stub = tmp_path / "chromium-browser"
    stub.write_text("#!/bin/sh\necho 'requires the chromium snap' >&2\nexit 1\n", encoding="utf-8")
    stub.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin/env-free", "HOME": str(tmp_path)}
    found = subprocess.run(["/bin/bash", str(ROOT / "scripts" / "ensure-chromium.sh")], env=env,
                           capture_output=True, text=True, check=False)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(chrome)
    assert "Installing" not in found.stderr


def test_ensure_scripts_accept_the_runners_java_and_node(tmp_path):
    for name in ("java", "node", "npm"):
        fake_tool(tmp_path, name, f"{name} 1.0")
    env = {**{k: v for k, v in os.environ.items() if k != "PATH"}, "PATH": f"{tmp_path}:/usr/bin:/bin"}
    for script in ("ensure-java.sh", "ensure-node.sh"):
        done = subprocess.run(["/bin/bash", str(ROOT / "scripts" / script)], env=env, capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0 and "Installing" not in done.stderr, done.stderr
