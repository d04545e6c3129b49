"""Benchmark the course against stock Material and mkdocs-quiz: `make bench` (or `python -m hn.bench`).

Builds the real course and the same Markdown with stock Material, side by side, then measures
build time, page weight, Lighthouse, quiz start-up and validator scale, checks the budgets
and writes bench/results/bench.md and bench.json. `--quick` runs every part briefly (for the
tests); its figures are not worth quoting.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from hn.bench import lighthouse, profile, quiz, report, scale, validator, weight
from hn.bench.browser import find_chromium
from hn.bench.project import (
    ROOT,
    STOCK_PRINT_PAGE,
    check_build,
    compile_code,
    copy_project,
    load_config,
    stock_config,
    timed_build,
    write_config,
)
from hn.bench.server import gzip_bytes, host_headers, serve
from hn.pages import lesson_uris, nav_paths

INLINE = re.compile(r"<(script|style)\b(?![^>]*\bsrc=)[^>]*>.*?</\1>", re.DOTALL)


def lighthouse_pages(project: Path) -> list[tuple[str, str]]:
    """Return the pages Lighthouse measures, from the nav: home, first lesson, progress page, first notebook."""
    nav = load_config(project).get("nav")
    paths = nav_paths(nav)
    wanted = [("home", "index.md"), ("lesson", next(iter(lesson_uris(nav)), "")),
              ("progress", "progress.md" if "progress.md" in paths or (project / "docs/progress.md").is_file() else ""),
              ("notebook", next((p for p in paths if p.endswith(".ipynb")), "")),
              ("print", "print.md" if "print.md" in paths else "")]
    return [(name, src) for name, src in wanted]


def side_url(side: str, src: str) -> str:
    """Return a page's URL path on one side: stock Material's print book is mkdocs-print-site-plugin's page."""
    return STOCK_PRINT_PAGE if side == "stock" and src == "print.md" else page_url(src)


def page_url(src: str) -> str:
    """Return the built URL path of a source page (use_directory_urls)."""
    stem = src.rsplit(".", 1)[0]
    return "" if stem == "index" else (stem.removesuffix("/index") + "/")


def measure_builds(project: Path, sites: dict[str, Path], urls: dict[str, str], runs: int) -> dict:
    """Time cold and warm builds of the course and of stock Material, interleaved."""
    times: dict[str, dict[str, list]] = {side: {"cold": [], "warm": []} for side in sites}
    compile_code(project)  # as a checkout's first build leaves it; stock's code is compiled already
    for _ in range(runs):
        for side, config in (("course", "mkdocs.yml"), ("stock", "stock.yml")):
            for kind in ("cold", "warm"):
                run = timed_build(project, sites[side], config=config, cold=kind == "cold",
                                  env={"SITE_URL": urls[side]})
                times[side][kind].append(check_build(run, f"the {side} build"))
    return build_summary(times, runs)


def build_summary(times: dict[str, dict[str, list]], runs: int) -> dict:
    """Return the median and the minimum of each side's builds, and the ratios the budget reads.

    The budget compares the minimum of the runs on both sides: the run least slowed by
    whatever else the machine was doing. The median ratio is reported beside it.
    """
    result: dict = {"runs": runs}
    for side in ("course", "stock"):
        result[side] = {kind: {"wall": round(statistics.median(r.seconds for r in runs_), 2),
                               "cpu": round(statistics.median(r.cpu_seconds for r in runs_), 2),
                               "cpu_min": round(min(r.cpu_seconds for r in runs_), 2),
                               "wall_min": round(min(r.seconds for r in runs_), 2)}
                        for kind, runs_ in times[side].items()}
    kinds = ("cold", "warm")
    result["ratio"] = {kind: round(result["course"][kind]["cpu_min"] / result["stock"][kind]["cpu_min"], 2)
                       for kind in kinds}
    result["ratio_median"] = {kind: round(result["course"][kind]["cpu"] / result["stock"][kind]["cpu"], 2)
                              for kind in kinds}
    result["ratio_wall"] = {kind: round(result["course"][kind]["wall_min"] / result["stock"][kind]["wall_min"], 2)
                            for kind in kinds}
    return result


def served_headers(side: str) -> dict[str, str]:
    """Return the headers a side is served with: docs/_headers, less the CSP for stock Material.

    Stock Material writes inline scripts (the helpers its bundle needs, the palette, the
    content tabs) that the course's policy (`script-src 'self'`) forbids; the course moves them
    into files. Served under that policy, the stock bundle stops at its first error
    (`__md_get is not defined`), skips most of its work and flatters the stock figures.
    """
    headers = host_headers(ROOT / "docs" / "_headers")
    if side == "stock":
        headers.pop("Content-Security-Policy", None)
    return headers


def measure_lighthouse(project: Path, sites: dict[str, Path], urls: dict[str, str], chromium: str | None,
                       quick: bool, runs: int) -> dict:
    """Lighthouse on the course's pages (and the same pages of the stock build)."""
    result: dict = {"course": [], "stock": [], "skipped": []}
    pages = lighthouse_pages(project)
    for name, src in pages[:1] if quick else pages:
        if not src or not (sites["course"] / page_url(src) / "index.html").is_file():
            result["skipped"].append(f"{name} page ({src or 'not in the nav'}: not built yet)")
            continue
        sides = ("course",) if quick else ("course", "stock")
        page_urls = {side: urls[side] + side_url(side, src) for side in sides}
        scores = lighthouse.measure_side_by_side(f"{name} ({src})", page_urls, chromium, runs)
        for side, score in scores.items():
            result[side].append(score.__dict__)
    return result


def element_count(html_path: Path) -> int:
    """Return how many elements a built page has (what the theme's script and the browser work through)."""
    return sum(1 for _ in lxml_html.parse(str(html_path)).getroot().iter(etree.Element))


def measure_print(project: Path, sites: dict[str, Path]) -> dict:
    """Weigh the print book and count its elements, against stock Material's with mkdocs-print-site-plugin."""
    result = {}
    for side, site in sites.items():
        path = site / side_url(side, "print.md") / "index.html"
        if not path.is_file():
            continue
        page = weight.page_weight(site, path, project / "docs")
        result[side] = {"page": page.page, "total": page.total, "html": page.html, "course": page.course,
                        "theme": page.theme, "elements": element_count(path)}
    return result


def measure_profiles(project: Path, sites: dict[str, Path], urls: dict[str, str], chromium: str | None,
                     quick: bool) -> dict:
    """Profile the first lesson and the print book, both sides, with the CPU slowed 4x."""
    pages = dict(lighthouse_pages(project))
    result: dict = {}
    for name in ("lesson",) if quick else ("lesson", "print"):
        src = pages.get(name)
        if not src:
            continue
        result[name] = {side: profile.measure(urls[side] + side_url(side, src), chromium, loads=1 if quick else 3)
                        for side in sites}
    return result


def quiz_weights(course_site: Path, course_docs: Path, peer_site: Path | None) -> dict:
    """Page weight of the course's quiz page vs the same quiz with mkdocs-quiz."""
    ours = weight.page_weight(course_site, course_site / "index.html", course_docs)
    if peer_site is None:
        return {"course": ours}
    theirs = weight.page_weight(peer_site, peer_site / "index.html", peer_site / "no-docs")
    html = (peer_site / "index.html").read_text(encoding="utf-8")
    inline = len(INLINE.findall(html))
    inline_bytes = theirs.html - len(gzip_bytes(INLINE.sub("", html).encode()))
    course = {"total": ours.total, "html": ours.html, "additions": ours.course}
    peer = {"total": theirs.total, "html": theirs.html, "additions": inline_bytes, "inline_blocks": inline}
    return {"course": course, "peer": peer,
            "ratio": {key: round(course[key] / peer[key], 2) for key in ("total", "html", "additions")}}


def measure_quiz(work: Path, chromium: str | None, quick: bool) -> dict:
    """Quiz start-up in Chromium, the script size, and the mkdocs-quiz comparison."""
    questions = quiz.course_questions(30)
    site = quiz.build_course_quiz(work, questions)
    url, server = serve(site, served_headers("course"))
    try:
        loads = 3 if quick else 9
        fast = quiz.mount_times(url, chromium, loads)
        slow = quiz.mount_times(url, chromium, loads, cpu_slowdown=4)
    finally:
        server.shutdown()
    page = weight.page_weight(site, site / "index.html", work / "course-quiz" / "docs")
    scripts = {rel: size for rel, (who, size) in page.files.items() if who == "course" and rel.endswith(".js")}
    result = {"questions": len(questions), "loads": loads, "mount_ms": quiz.median_ms(fast),
              "mount_ms_slow": quiz.median_ms(slow),
              "quiz_script_bytes": sum(size for rel, size in scripts.items()
                                       if rel.endswith(("quiz.js", "storage.js"))),
              "course_script_bytes": sum(scripts.values())}
    cache = ROOT / ".cache" / "bench"
    if quick and not (cache / "mkdocs-quiz-venv" / f".installed-{quiz.PEER}").exists():
        result["peer"] = {"skipped": "quick mode does not install mkdocs-quiz (run `make bench` once)"}
        return result
    try:
        peer_site = quiz.build_peer_quiz(work, cache, questions)
    except (subprocess.CalledProcessError, RuntimeError) as exc:  # e.g. no network to PyPI
        result["peer"] = {"skipped": f"mkdocs-quiz could not be installed or built ({str(exc).splitlines()[0]})"}
        return result
    result["peer"] = {"version": quiz.PEER, **quiz_weights(site, work / "course-quiz" / "docs", peer_site)}
    return result


def git_commit() -> str:
    """Return the commit measured (read only), marked + when the tree has changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+" if git("status", "--porcelain", "--untracked-files=no") else "")


def run(quick: bool, out: Path) -> dict:
    """Run every measurement and return the results (budgets included)."""
    started = time.perf_counter()
    chromium = find_chromium()
    results: dict = {"meta": {"date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                              "commit": git_commit(), "quick": quick, "cpus": os.cpu_count(),
                              "load": round(os.getloadavg()[0], 1), "python": sys.version.split()[0]}}
    cache = ROOT / ".cache" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=cache))
    servers = []
    try:
        project = copy_project(work / "project")
        sites = {"course": work / "site-course", "stock": work / "site-stock"}
        urls = {}
        for side, site in sites.items():
            site.mkdir()
            url, server = serve(site, served_headers(side))
            urls[side] = url
            servers.append(server)
        stock = stock_config(load_config(project))
        stock["site_url"] = urls["stock"]
        write_config(project, stock, "stock.yml")
        step("build", started)
        results["build"] = measure_builds(project, sites, urls, runs=1 if quick else 5)
        step("page weight", started)
        results["weight"] = {side: weight.summary(weight.site_weights(site, project / "docs"))
                             for side, site in sites.items()}
        results["print"] = measure_print(project, sites)
        step("what runs on the lesson and the print book (Chromium, CPU slowed 4x)", started)
        results["profile"] = measure_profiles(project, sites, urls, chromium, quick)
        step("lighthouse", started)
        results["lighthouse"] = measure_lighthouse(project, sites, urls, chromium, quick, runs=1 if quick else 5)
        step("quiz", started)
        results["quiz"] = measure_quiz(work, chromium, quick)
        step("validator", started)
        results["validator"] = validator.scale(work, (20, 40, 80) if quick else (250, 500, 1000))
        step("the course at more lessons", started)
        results["scale"] = scale.scale(work, (1, 2) if quick else (1, 5, 10))
    finally:
        for server in servers:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    results["meta"]["runtime_seconds"] = round(time.perf_counter() - started, 1)
    results["budgets"] = report.budgets(results)
    return results


def step(name: str, started: float) -> None:
    """Say what runs now, on stderr, so a long run shows progress."""
    print(f"[bench {time.perf_counter() - started:5.0f} s] {name}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 0 whether or not budgets are met (the report says which)."""
    parser = argparse.ArgumentParser(prog="python -m hn.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="run every part briefly (for the tests)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results", help="folder for bench.md and .json")
    args = parser.parse_args(argv)
    results = run(args.quick, args.out)
    md, js = report.write(results, args.out)
    print(md.read_text(encoding="utf-8"))
    print(f"Wrote {md} and {js}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
