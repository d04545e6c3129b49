"""Lighthouse (mobile) on a few pages of a served site, with the system Chromium.

Lighthouse comes from package.json (npm ci); Chromium is the one the browser tests use.
Each page is measured `runs` times and the median run (by performance score) is kept, as
Lighthouse's own docs advise: single runs vary with whatever else the machine is doing. The
course and stock Material take turns on each page, so both meet the same machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hn.bench.project import ROOT

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")

BLOCKED = "https://*"  # the sites are served over http on 127.0.0.1


@dataclass
class Score:
    """One page's Lighthouse result."""

    page: str
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    benchmark_index: float
    runs: int
    failed: list[str]  # audits that cost points outside performance, e.g. "best-practices: errors-in-console"


def lighthouse_bin() -> Path:
    """Return the Lighthouse CLI installed from package.json."""
    path = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not path.exists():
        raise RuntimeError("Lighthouse is not installed: run `make install` (npm ci) first")
    return path


def run_once(url: str, chromium: str | None, attempts: int = 3) -> dict:
    """Run Lighthouse once on `url` and return its JSON report.

    Lighthouse sometimes loses the trace on a busy machine (NO_NAVSTART, NO_FCP) and asks to be
    run again: so it is, up to `attempts` times in all.
    """
    for attempt in range(1, attempts + 1):
        try:
            return _run(url, chromium)
        except RuntimeError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _run(url: str, chromium: str | None) -> dict:
    """One Lighthouse process; RuntimeError with its message if it fails."""
    with tempfile.TemporaryDirectory(prefix="hn-lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
                   "--form-factor=mobile", f"--only-categories={','.join(CATEGORIES)}",
                   f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile",
                   # Nothing leaves 127.0.0.1, online or not: stock Material asks api.github.com
                   # for the repository's facts (the course's CSP forbids it), and a network
                   # that hangs instead of failing must not change the figures.
                   f"--blocked-url-patterns={BLOCKED}"]
        env = {**os.environ, **({"CHROME_PATH": chromium} if chromium else {})}  # else Lighthouse finds one
        proc = subprocess.run(command, env=env,
                              capture_output=True, text=True, check=False, timeout=300)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _failed_audits(report: dict) -> list[str]:
    """Audits with weight that lost points, outside performance (whose metrics are listed anyway)."""
    failed = []
    for name, category in report["categories"].items():
        if name == "performance":
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{name}: {ref['id']}")
    return failed


def measure_side_by_side(page: str, urls: dict[str, str], chromium: str | None, runs: int) -> dict[str, Score]:
    """Return each side's median run on the same page, the sides taking turns run by run.

    A machine that gets busier or quieter during the runs then weighs on every side alike.
    """
    reports: dict[str, list[dict]] = {side: [] for side in urls}
    for _ in range(runs):
        for side, url in urls.items():
            reports[side].append(run_once(url, chromium))
    return {side: summarize(page, side_reports) for side, side_reports in reports.items()}


def summarize(page: str, reports: list[dict]) -> Score:
    """Return the median of a page's reports (by performance score), with every run's lost audits."""
    reports = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
    median = reports[len(reports) // 2]
    scores = {name: round((median["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    return Score(page, scores,
                 lcp_ms=round(median["audits"]["largest-contentful-paint"]["numericValue"]),
                 tbt_ms=round(median["audits"]["total-blocking-time"]["numericValue"]),
                 benchmark_index=round(statistics.median(r["environment"]["benchmarkIndex"] for r in reports)),
                 runs=len(reports), failed=sorted({f for r in reports for f in _failed_audits(r)}))
