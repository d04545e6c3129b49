"""Budgets, and the report as a terminal table, Markdown and JSON.

The budgets are the course's promises about speed (docs/authoring/performance.md explains
each). Every figure is checked here, once, so the table, the Markdown and the JSON agree.
"""

from __future__ import annotations

import json
from pathlib import Path

# name, limit as written in the docs
BUDGETS = {
    "course-assets": "course's own JS, CSS and images <= 12% of the theme's gzip weight (bundle, CSS, search worker) "
                     "on a reading page, <= 25% on a page with exercises or progress tools; all in cacheable files, "
                     "nothing inline",
    "page-spread": "no page over 3x the median page",
    "lighthouse": "Lighthouse mobile, every measured page: performance >= stock Material's for the same page - 2 "
                  "(median of 5 interleaved runs), never below 90; accessibility, best practices, SEO = 100",
    "build": "build <= 1.3x the stock Material build of the same Markdown (minimum of the runs, both sides)",
    "validator": "whole course validated in under 1 s",
}
SHARE_LIMITS = {"reading": 0.12, "tools": 0.25}  # course files / theme files, by kind of page
LIGHTHOUSE_MARGIN = 2  # points below stock Material's score on the same page
LIGHTHOUSE_FLOOR = 90
BUILD_LIMIT = 1.3


def kb(size: float) -> str:
    """Bytes as KB with one decimal."""
    return f"{size / 1000:.1f} KB"


def lighthouse_rows(lh: dict) -> list[dict]:
    """Pair each course page with stock Material's score for the same page; say whether it holds.

    A page holds when its performance score is at least stock's minus LIGHTHOUSE_MARGIN and at
    least LIGHTHOUSE_FLOOR, and the other three categories score 100. Without a stock figure (the
    quick mode measures the course only) the floor alone is checked.
    """
    stock = {s["page"]: s for s in lh.get("stock", [])}
    rows = []
    for score in lh.get("course", []):
        perf = score["scores"]["performance"]
        other = stock.get(score["page"])
        floor = LIGHTHOUSE_FLOOR if other is None else max(LIGHTHOUSE_FLOOR,
                                                           other["scores"]["performance"] - LIGHTHOUSE_MARGIN)
        rest = all(v == 100 for k, v in score["scores"].items() if k != "performance")
        rows.append({"page": score["page"], "course": perf,
                     "stock": None if other is None else other["scores"]["performance"],
                     "needed": floor, "met": perf >= floor and rest, "other_100": rest})
    return rows


def budgets(results: dict) -> list[dict]:
    """Check every budget against the figures; return one row each (met, value, note)."""
    rows = []
    weight = results["weight"]["course"]
    inline = weight["inline_scripts"] + weight["inline_styles"]
    shares = weight.get("course_share_by_kind", {})
    parts, met = [], inline == 0
    for kind, limit in SHARE_LIMITS.items():
        if kind in shares:
            share = shares[kind]
            met = met and share["share"] <= limit
            parts.append(f"{kind} {share['share']:.0%} of {limit:.0%} ({kb(share['course_bytes'])} of "
                         f"{kb(share['theme_bytes'])}, {share['page']})")
    rows.append(_row("course-assets", met, "; ".join(parts) + f"; inline blocks: {inline}"))
    spread = weight["heaviest"]["times_median"]
    rows.append(_row("page-spread", spread <= 3, f"{spread}x ({weight['heaviest']['page']})"))
    pages = lighthouse_rows(results["lighthouse"])
    if pages:
        value = "; ".join(f"{p['page'].split(' ')[0]} {p['course']}"
                          + (f" vs stock {p['stock']}" if p["stock"] is not None else "")
                          + f" (needs {p['needed']}{'' if p['other_100'] else '; a category under 100'})"
                          for p in pages)
        rows.append(_row("lighthouse", all(p["met"] for p in pages), value))
    else:
        rows.append(_row("lighthouse", False, "not measured"))
    ratio = results["build"]["ratio"]
    rows.append(_row("build", max(ratio["cold"], ratio["warm"]) <= BUILD_LIMIT,
                     f"cold {ratio['cold']}x, warm {ratio['warm']}x (CPU time, minimum of "
                     f"{results['build']['runs']} runs)"))
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
           f"{build['runs']} runs of each, interleaved; CPU time is the build's own work, wall time includes "
           "waiting for a busy machine. The budget reads the minimum of the runs on both sides.", ""]
    out += _table(["build", "course CPU (min / median)", "stock CPU (min / median)", "ratio (min)",
                   "ratio (median)", "course wall (min)", "stock wall (min)"],
                  [[kind, f"{build['course'][kind]['cpu_min']:.2f} / {build['course'][kind]['cpu']:.2f} s",
                    f"{build['stock'][kind]['cpu_min']:.2f} / {build['stock'][kind]['cpu']:.2f} s",
                    f"{build['ratio'][kind]}x", f"{build['ratio_median'][kind]}x",
                    f"{build['course'][kind]['wall_min']:.2f} s", f"{build['stock'][kind]['wall_min']:.2f} s"]
                   for kind in ("cold", "warm")])
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
        *[[f"course CSS + JS + images, {kind} page ({share['page']})",
           f"{kb(share['course_bytes'])} ({share['share']:.0%} of the theme's {kb(share['theme_bytes'])}; "
           f"budget {SHARE_LIMITS[kind]:.0%})", "0"]
          for kind, share in course.get("course_share_by_kind", {}).items()],
        ["inline script / style blocks (all pages)", f"{course['inline_scripts']} / {course['inline_styles']}",
         f"{stock['inline_scripts']} / {stock['inline_styles']}"],
    ])
    out += ["", "Course files (gzip): " + _listed(course["course_files"]) + "."]
    out += ["", "Theme files (gzip): " + _listed(course["theme_files"]) + "."]
    if course.get("data_files"):
        out += ["", "Also fetched by the theme on a first visit, not counted above (the site's text): "
                    + _listed(course["data_files"]) + "; stock Material, whose pages have no exercises to "
                    "index: " + _listed(stock.get("data_files") or {}) + "."]
    printed = results.get("print") or {}
    if printed:
        out += ["", "## The print book", "",
                "The course's print page against the same chapters (the lessons, the glossary, the references) "
                "built by stock Material with mkdocs-print-site-plugin, whose pages have no exercises.", ""]
        out += _table(["figure", *printed], [
            ["page", *(v["page"] for v in printed.values())],
            ["first visit (gzip)", *(kb(v["total"]) for v in printed.values())],
            ["HTML (gzip)", *(kb(v["html"]) for v in printed.values())],
            ["elements", *(f"{v['elements']:,}" for v in printed.values())]])
    profiles = results.get("profile") or {}
    if profiles:
        out += ["", "## What runs on a page (Chromium, CPU slowed 4x)", "",
                "Blocking time of long tasks from the first paint (as Lighthouse counts it), and the CPU time "
                "the profiler saw in the theme's scripts, the course's, and outside any script (style, layout, "
                "parsing); median of the loads.", ""]
        rows = []
        for name, sides in profiles.items():
            for side, f in sides.items():
                rows.append([f"{name}: {side}", f"{f['elements']:,}", f"{f['tbt_ms']:.0f} ms",
                             f"{f['cpu_ms']['theme']:.0f} ms", f"{f['cpu_ms']['course']:.0f} ms",
                             f"{f['cpu_ms']['other']:.0f} ms", f['loads']])
        out += _table(["page", "elements", "blocking time", "theme scripts", "course scripts", "other", "loads"],
                      rows)
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
    grown = results.get("scale")
    if grown:
        out += ["", "## The course at more lessons", "",
                "Every lesson copied with its quiz and worksheet; each size built once, cold. Search index: gzip, "
                "divided by the number of lessons.", ""]
        out += _table(["lessons", "side", "build (CPU)", "per page", "heaviest page",
                       "print book: parts, heaviest (elements)", "search index per lesson"],
                      [[r["lessons"], r["side"], f"{r['cpu']:.1f} s", f"{r['ms_per_page']:.0f} ms",
                        f"{kb(r['heaviest']['bytes'])} {r['heaviest']['page']}",
                        f"{r['print'].get('parts', 1)}, {kb(r['print']['bytes'])} ({r['print']['elements']:,})"
                        if r.get("print") else "-",
                        kb(r["search_index_per_lesson"])] for r in grown["rows"]])
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
