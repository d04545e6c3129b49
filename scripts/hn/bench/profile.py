"""What runs on a page, in Chromium with the CPU slowed four times (as Lighthouse does for phones).

For each page: the number of elements, the blocking time of the main thread's long tasks from
the first paint to the end of start-up (Lighthouse's "total blocking time", measured the same
way: the part of each task over 50 ms), and the CPU time the profiler saw in each script (the
theme's bundle, the course's files, the rest as "other": style, layout and the browser's own
work outside any script). Median of `loads` loads. Used by `make bench` for the lesson page and
the print book, and by hand: `python -m hn.bench.profile URL [URL ...]`.
"""

from __future__ import annotations

import statistics
import sys
import time
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from hn.bench.browser import find_chromium, launch_args

SETTLE_MS = 1500  # start-up is over once no long task has started for this long
# Long tasks from the first paint on, as Lighthouse counts them.
_OBSERVE = """
window.__hnTasks = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__hnTasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
"""


def owner(url: str) -> str:
    """Say whose script a profiled function belongs to: 'theme', 'course' or 'other'."""
    path = urlsplit(url).path
    if "/assets/javascripts/" in path or "/assets/js/theme/" in path:
        return "theme"
    if "/assets/js/" in path or "course-manifest" in path or "/assets/manifest/" in path:
        return "course"
    return "other"


def _script_times(profile: dict) -> dict[str, float]:
    """Return CPU milliseconds per owner from a CDP profile (self time of each node, by its script)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    counts: dict[int, int] = {}
    for sample in profile.get("samples", []):
        counts[sample] = counts.get(sample, 0) + 1
    deltas = profile.get("timeDeltas", [])
    per_sample = (sum(deltas) / len(deltas) / 1000) if deltas else 0  # ms per sample
    totals = {"theme": 0.0, "course": 0.0, "other": 0.0}
    for node_id, count in counts.items():
        frame = nodes[node_id]["callFrame"]
        if frame["functionName"] in ("(idle)", "(program)", "(garbage collector)") or not frame["url"]:
            who = "other"
        else:
            who = owner(frame["url"])
        totals[who] += count * per_sample
    return {k: round(v) for k, v in totals.items()}


def measure(url: str, chromium: str | None = None, loads: int = 3, cpu_slowdown: int = 4) -> dict:
    """Load `url` `loads` times, CPU slowed; return the median figures and the elements count."""
    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_args(chromium))
        try:
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True,
                                              service_workers="block")
                context.route("https://**", lambda route: route.abort())
                page = context.new_page()
                page.add_init_script(_OBSERVE)
                session = context.new_cdp_session(page)
                session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
                session.send("Profiler.enable")
                session.send("Profiler.setSamplingInterval", {"interval": 500})
                session.send("Profiler.start")
                page.goto(url, wait_until="load", timeout=120_000)
                _settle(page)
                profile = session.send("Profiler.stop")["profile"]
                figures = page.evaluate("""() => {
                  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                  const start = fcp ? fcp.startTime : 0;
                  let tbt = 0, busy = 0;
                  for (const [t, d] of window.__hnTasks) { busy += d; if (t + d > start) tbt += Math.max(0, d - 50); }
                  return {elements: document.getElementsByTagName('*').length, tbt_ms: Math.round(tbt),
                          long_tasks_ms: Math.round(busy), fcp_ms: Math.round(start),
                          tooltips: document.querySelectorAll('.md-tooltip2, .md-tooltip').length};
                }""")
                figures["cpu_ms"] = _script_times(profile)
                runs.append(figures)
                context.close()
        finally:
            browser.close()
    median = {key: statistics.median(run[key] for run in runs)
              for key in ("elements", "tbt_ms", "long_tasks_ms", "fcp_ms", "tooltips")}
    median["cpu_ms"] = {who: statistics.median(run["cpu_ms"][who] for run in runs) for who in runs[0]["cpu_ms"]}
    median["loads"] = loads
    return median


def _settle(page) -> None:
    """Wait until no long task has started for SETTLE_MS (or 20 s in all)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        idle = page.evaluate("""() => { const t = window.__hnTasks; const last = t.length ? t[t.length - 1] : [0, 0];
                                         return performance.now() - (last[0] + last[1]); }""")
        if idle > SETTLE_MS:
            return


def main(argv: list[str]) -> int:
    """Print the figures for each URL given."""
    chromium = find_chromium()
    for url in argv:
        print(url, measure(url, chromium))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
