"""Find and start Chromium the way the browser tests do (see tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess

from hn.bench.project import ROOT

# Flags that work on a closed network and as root (design/architecture.md).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def find_chromium() -> str | None:
    """Return a Chromium path: HN_CHROMIUM, scripts/ensure-chromium.sh, or None (Playwright's own)."""
    if os.environ.get("HN_CHROMIUM"):
        return os.environ["HN_CHROMIUM"]
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-chromium.sh")],
                          capture_output=True, text=True, check=False)
    if proc.returncode == 0 and proc.stdout.strip():
        return proc.stdout.strip()
    return shutil.which("chromium")


def launch_args(chromium: str | None) -> dict:
    """Playwright launch arguments for that Chromium."""
    args: dict = {"args": CHROMIUM_ARGS}
    if chromium:
        args["executable_path"] = chromium
    return args
