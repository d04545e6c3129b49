"""linkchecker crawls the built site over HTTP, anchors included, and finds nothing broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, serve


def run_linkchecker(url: str) -> subprocess.CompletedProcess:
    """Crawl `url` with the project's linkchecker settings."""
    exe = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or "linkchecker"
    return subprocess.run(
        [exe, "--config", str(ROOT / "tests" / "linkcheckerrc"), "--no-status", "--output", "text", url],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,  # the whole site with anchors takes minutes on a busy 2-core machine
    )


def test_built_site_has_no_broken_links_or_anchors(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout or "no errors" in result.stdout.lower(), result.stdout


def test_linkchecker_reports_a_broken_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><a href="other.html#missing">x</a></html>'
    )
    (tmp_path / "other.html").write_text('<!doctype html><html lang="en"><title>o</title><h1 id="here">o</h1></html>')
    url, server = serve(tmp_path)
    try:
        result = run_linkchecker(url)
    finally:
        server.shutdown()
    assert result.returncode != 0
    assert "missing" in result.stdout


def test_linkchecker_reports_a_missing_page(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><a href="nowhere.html">x</a></html>'
    )
    url, server = serve(tmp_path)
    try:
        result = run_linkchecker(url)
    finally:
        server.shutdown()
    assert result.returncode != 0
    assert "nowhere.html" in result.stdout
