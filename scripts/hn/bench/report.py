"""Budgets, and the report as a terminal table, Markdown and JSON.

The budgets are the course's promises about speed (docs/authoring/performance.md explains
each). Every figure is checked here, once, so the table, the Markdown and the JSON agree.
"""

from __future__ import annotations

import json
from pathlib import Path

# name, limit as written in the docs
BUDGETS = {
    "course-assets": "course's own JS, CSS and images <= 10% of the theme's (gzip), all in cacheable files",
    "page-spread": "no page over 3x the median page",
    "lighthouse": "Lighthouse mobile: performance >= 98; accessibility, best practices, SEO = 100",
    "build": "build <= 1.3x the stock Material build of the same Markdown",
    "validator": "whole course validated in under 1 s",
}


def kb(size: float) -> str:
    """Bytes as KB with one decimal."""
    return f"{size / 1000:.1f} KB"


def budgets(results: dict) -> list[dict]:
    """Check every budget against the figures; return one row each (met, value, note)."""
    rows = []
    weight = results["weight"]["course"]
    inline = weight["inline_scripts"] + weight["inline_styles"]
    share = weight["course_share_of_theme"]
    rows.append(_row("course-assets", share <= 0.10 and inline == 0,
                     f"{share:.0%} ({kb(weight['course_bytes'])} of {kb(weight['theme_bytes'])}); "
                     f"inline blocks: {inline}"))
    spread = weight["heaviest"]["times_median"]
    rows.append(_row("page-spread", spread <= 3, f"{spread}x ({weight['heaviest']['page']})"))
    scores = results["lighthouse"]["course"]
    if scores:
        worst = {k: min(s["scores"][k] for s in scores) for k in scores[0]["scores"]}
        met = worst["performance"] >= 98 and all(worst[k] == 100 for k in worst if k != "performance")
        rows.append(_row("lighthouse", met, ", ".join(f"{k} {v}" for k, v in worst.items()) + " (lowest page)"))
    else:
        rows.append(_row("lighthouse", False, "not measured"))
    ratio = results["build"]["ratio"]
    rows.append(_row("build", max(ratio["cold"], ratio["warm"]) <= 1.3,
                     f"cold {ratio['cold']}x, warm {ratio['warm']}x (CPU time)"))
    seconds = results["validator"]["course_seconds"]
    rows.append(_row("validator", seconds < 1, f"{seconds:.2f} s"))
    return rows


def _row(name: str, met: bool, value: str) -> dict:
    return {"budget": name, "limit": BUDGETS[name], "value": value, "met": bool(met)}


def _listed(files: dict[str, int]) -> str:
    """Return "name size, name size" for a {file: gzip bytes} mapping."""
    return ", ".join(f"{name} {kb(size)}" for name, size in files.items())


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def markdown(results: dict) -> str:
    """Return the whole report as Markdown tables, one section each."""
    meta, build = results["meta"], results["build"]
    out = [f"# Benchmark{' (quick mode)' if meta['quick'] else ''}", "",
           f"{meta['date']}, commit {meta['commit']}, {meta['cpus']} CPUs, load average {meta['load']} at start, "
           f"{meta['runtime_seconds']:.0f} s in all.", "", "## Build time", "",
           f"Median of {build['runs']} runs; CPU time is the build's own work, wall time includes waiting "
           "for a busy machine.", ""]
    out += _table(["build", "course (wall)", "stock (wall)", "course (CPU)", "stock (CPU)", "ratio (CPU)"],
                  [[kind, f"{build['course'][kind]['wall']:.2f} s", f"{build['stock'][kind]['wall']:.2f} s",
                    f"{build['course'][kind]['cpu']:.2f} s", f"{build['stock'][kind]['cpu']:.2f} s",
                    f"{build['ratio'][kind]}x"] for kind in ("cold", "warm")])
    course, stock = results["weight"]["course"], results["weight"]["stock"]
    out += ["", "## Page weight (gzip, first visit: HTML + CSS + JS + images)", ""]
    out += _table(["figure", "course", "stock Material"], [
        ["pages", course["pages"], stock["pages"]],
        ["median page", kb(course["median_bytes"]), kb(stock["median_bytes"])],
        ["median HTML (fetched on every visit)", kb(course["median_html_bytes"]), kb(stock["median_html_bytes"])],
        ["heaviest page", f"{kb(course['heaviest']['bytes'])} {course['heaviest']['page']} "
                          f"({course['heaviest']['times_median']}x median)",
         f"{kb(stock['heaviest']['bytes'])} {stock['heaviest']['page']} ({stock['heaviest']['times_median']}x median)"],
        ["theme CSS + JS + images", kb(course["theme_bytes"]), kb(stock["theme_bytes"])],
        ["course CSS + JS + images", f"{kb(course['course_bytes'])} ({course['course_share_of_theme']:.0%} of theme)",
         "0"],
        ["inline script / style blocks (all pages)", f"{course['inline_scripts']} / {course['inline_styles']}",
         f"{stock['inline_scripts']} / {stock['inline_styles']}"],
    ])
    out += ["", "Course files (gzip): " + _listed(course["course_files"]) + "."]
    out += ["", "Theme files (gzip): " + _listed(course["theme_files"]) + "."]
    if course.get("data_files"):
        out += ["", "Also fetched by the theme on a first visit, not counted above (the site's text): "
                    + _listed(course["data_files"]) + "; stock Material, whose pages have no exercises to "
                    "index: " + _listed(stock.get("data_files") or {}) + "."]
    out += ["", "## Lighthouse (mobile, served gzip-compressed on 127.0.0.1)", ""]
    lh = results["lighthouse"]
    rows = []
    for side in ("course", "stock"):
        for s in lh[side]:
            rows.append([f"{side}: {s['page']}", *s["scores"].values(), f"{s['lcp_ms'] / 1000:.1f} s",
                         f"{s['tbt_ms']} ms", s["runs"], s["benchmark_index"]])
    out += _table(["page", "performance", "accessibility", "best practices", "SEO", "LCP", "TBT", "runs",
                   "CPU index"], rows)
    out += ["", "Both sites are served with the headers in docs/_headers, stock Material without the "
                "Content-Security-Policy (it refuses the theme's inline scripts); requests that would leave "
                "127.0.0.1 are blocked."]
    if lh["skipped"]:
        out += ["", "Not measured: " + "; ".join(lh["skipped"]) + "."]
    lost = sorted({f"{s['page']}: {f}" for s in lh["course"] for f in s["failed"]})
    if lost:
        out += ["", "Audits that lost points: " + "; ".join(lost) + "."]
    quiz = results["quiz"]
    out += ["", f"## Quiz start-up ({quiz['questions']} questions)", ""]
    out += _table(["figure", "value"], [
        ["DOMContentLoaded to quiz mounted", f"{quiz['mount_ms']} ms (median of {quiz['loads']} loads)"],
        ["the same, CPU slowed 4x", f"{quiz['mount_ms_slow']} ms"],
        ["quiz scripts the learner downloads (storage.js + quiz.js)", kb(quiz["quiz_script_bytes"])],
        ["all course scripts on the page", kb(quiz["course_script_bytes"])],
    ])
    peer = quiz["peer"]
    out += ["", "## Against mkdocs-quiz (the same 30 questions, one page)", ""]
    if peer.get("skipped"):
        out += [f"Not measured: {peer['skipped']}."]
    else:
        out += _table(["figure", "course", f"{peer['version']}", "ratio"], [
            [label, kb(peer["course"][key]), kb(peer["peer"][key]), f"{peer['ratio'][key]}x"]
            for label, key in (("page, first visit", "total"), ("HTML, every visit (not cacheable)", "html"),
                               ("quiz CSS + JS beyond the theme", "additions"))])
        out += ["", f"mkdocs-quiz inlines its CSS and JS into every page ({peer['peer']['inline_blocks']} blocks); "
                    "the course's are separate files the browser caches."]
    val = results["validator"]
    out += ["", "## Validator", "", f"The real course: {val['course_seconds']:.2f} s for {val['course_files']} "
                                  "exercise files.", ""]
    out += _table(["generated files", "time", "per file"],
                  [[r["files"], f"{r['seconds']:.2f} s", f"{r['ms_per_file']} ms"] for r in val["generated"]])
    out += ["", f"Time per file at the largest size is {val['growth']}x that at the smallest (1.0 = linear)."]
    out += ["", "## Budgets", ""]
    out += _table(["budget", "limit", "measured", "met"],
                  [[b["budget"], b["limit"], b["value"], "yes" if b["met"] else "**no**"] for b in results["budgets"]])
    return "\n".join(out) + "\n"


def write(results: dict, out: Path) -> tuple[Path, Path]:
    """Write bench.md and bench.json into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "bench.md", out / "bench.json"
    md.write_text(markdown(results), encoding="utf-8")
    js.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return md, js
