"""Shared fixtures: the real site built strictly once, served on 127.0.0.1, and Chromium."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Chromium flags that work on a closed network and as root (see design/architecture.md).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class Build:
    """The result of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path


def load_hook(name: str):
    """Import hooks/<name>.py the way MkDocs does: by its path (hooks/ is a folder, not a package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mkdocs_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> Build:
    """Build `project` strictly into `site` and capture everything MkDocs printed."""
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    run_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), run_env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        env=run_env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(dest: Path) -> Path:
    """Copy what a build needs into `dest`, so a test can break it without touching the repo."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "includes", "exercises", "scripts", "hooks"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that adds configured headers and stays quiet."""

    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for key, value in self.extra_headers.items():
            self.send_header(key, value)
        super().end_headers()

    def log_message(self, format, *args) -> None:
        pass


def serve(directory: Path, headers: dict[str, str] | None = None):
    """Serve `directory` on a free 127.0.0.1 port in a thread; return (base_url, server)."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def strict_headers() -> dict[str, str]:
    """Return the security headers in docs/_headers (its `/*` block), as Netlify would send them."""
    headers: dict[str, str] = {}
    in_block = False
    for line in (ROOT / "docs" / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_block = line.strip() == "/*"
        elif in_block:
            key, _, value = line.strip().partition(":")
            headers[key.strip()] = value.strip()
    return headers


@pytest.fixture(scope="session")
def long_course(tmp_path_factory) -> tuple[Path, list[str]]:
    """Build a course of 26 lessons (every lesson and a copy): more than one printed or review page holds.

    Return the built site and the lessons' source paths in course order.
    """
    from hn.bench.project import copy_project as copy_for_bench  # the bench's copy: what grow() expects
    from hn.bench.scale import grow

    project = copy_for_bench(tmp_path_factory.mktemp("long-course"))
    lessons = grow(project, 2)
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return project / "site", lessons


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """Start the server first, so the site can be built for the address it is served from.

    It sends the security headers from docs/_headers, so every browser test runs under the
    strict Content-Security-Policy a fork's host would send.
    """
    site = tmp_path_factory.mktemp("site") / "site"
    site.mkdir()
    url, server = serve(site, strict_headers())
    yield url, site
    server.shutdown()


@pytest.fixture(scope="session")
def site_build(_site_server) -> Build:
    """Build the real course once per test session with `mkdocs build --strict`."""
    url, site = _site_server
    # SITE_URL makes the sitemap match the test server, which instant navigation needs.
    return mkdocs_build(ROOT, site, env={"SITE_URL": url})


@pytest.fixture(scope="session")
def site_dir(site_build: Build) -> Path:
    """Return the built site's folder, failing every dependent test if the strict build failed."""
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.output}")
    return site_build.site


@pytest.fixture(scope="session")
def site_url(_site_server, site_dir: Path) -> str:
    """Return the base URL of the built site, served over HTTP on 127.0.0.1."""
    return _site_server[0]


def _find_chromium() -> str | None:
    """Return a Chromium path from HN_CHROMIUM or scripts/ensure-chromium.sh (None: Playwright's own)."""
    path = os.environ.get("HN_CHROMIUM")
    if path:
        return path
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-chromium.sh")], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        pytest.exit(proc.stderr.strip() or "no Chromium for the browser tests", returncode=3)
    return proc.stdout.strip() or None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive the system (or Playwright-managed) Chromium with flags that suit a closed network."""
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    exe = _find_chromium()
    if exe:
        args["executable_path"] = exe
    return args


@pytest.fixture
def console_errors(page):
    """Collect console errors and uncaught page errors for the test's page."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors
