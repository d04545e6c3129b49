"""One Chromium visit per page records every browser-side quality gate at once.

`audit_page` loads a page once and returns what the accessibility, privacy, security and
small-screen tests assert on: axe-core findings in the light palette and, for the rules that
depend on colour (the rest cannot change), in the dark palette; requests
to other origins (blocked, never sent), Content-Security-Policy violations, console errors
and horizontal overflow at 360 px. `tab_through` drives the keyboard test. `plant_page`
copies a built page with a fault added, for the tests that prove each gate can fail.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
# Let CSS transitions (Material fades colours when the palette changes) finish before measuring,
# or axe reads colours halfway between two palettes.
SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 1500)),
])"""
# Chromium skips rendering a box with `content-visibility: auto` (the print book's chapters)
# until it nears the viewport, and axe then cannot work out its colours. A reader scrolls each
# chapter into view, so the audit renders them all first. Set through the CSSOM, which the
# Content-Security-Policy allows, unlike an injected <style>.
RENDER_SKIPPED = """() => {
  for (const el of document.querySelectorAll("body *"))
    if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
}"""
RECORD_CSP = """
window.__hnCsp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__hnCsp.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, where: `${e.sourceFile || "page"}:${e.lineNumber}`}));
"""
# Only these axe rules depend on colour, so only they run again in the dark palette.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                "resultTypes": ["violations"]}
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
  const outermost = wide.filter((el) => !wide.includes(el.parentElement));
  return {scrollWidth: document.documentElement.scrollWidth, width,
          culprits: outermost.slice(0, 5).map((el) => el.tagName.toLowerCase()
            + (el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""))};
}"""
_AXE = Axe()


@dataclass
class PageReport:
    """Everything one visit to one page found."""

    url: str
    axe: dict[str, list[str]] = field(default_factory=dict)  # palette -> findings
    outside_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    overflow: dict = field(default_factory=dict)


def _notebook_globs() -> list[str]:
    """Return the `include` patterns of the mkdocs-jupyter plugin in mkdocs.yml (none if it is off)."""
    for plugin in _config().get("plugins", []):
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            return (plugin["mkdocs-jupyter"] or {}).get("include", ["*.ipynb"])
    return []


def _config() -> dict:
    """mkdocs.yml, read without MkDocs (`!ENV` takes its default, Python tags become None)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def built_pages() -> list[str]:
    """Every page the build writes, as paths under the site root.

    Markdown pages, notebooks and the facilitators' answer key (a download, but a page a person
    reads in the browser).
    """
    docs = ROOT / "docs"
    sources = sorted(docs.rglob("*.md"))
    sources += [nb for nb in sorted(docs.rglob("*.ipynb"))
                if any(fnmatch(nb.relative_to(docs).as_posix(), glob) for glob in _notebook_globs())]
    pages = ["404.html", "downloads/answer-key.html"]
    for source in sources:
        rel = source.relative_to(docs).with_suffix("")
        parts = rel.parts[:-1] if rel.name in ("index", "README") else rel.parts
        pages.append("".join(f"{part}/" for part in parts))
    return pages


def axe_findings(page, options: dict | None = None) -> list[str]:
    """Run axe-core on the page as it is now; one line per rule that failed, naming the elements."""
    results = _AXE.run(page, options=options or {"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- "
        + ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                    for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def audit_page(browser, url: str) -> PageReport:
    """Visit `url` once in a fresh context and record every gate's findings."""
    report = PageReport(url)
    context = browser.new_context(viewport=WIDE, color_scheme="light")
    site = _origin(url)

    def leaves_site(request_url: str) -> bool:
        return urlsplit(request_url).scheme in ("http", "https", "ws", "wss") and _origin(request_url) != site

    def block(route) -> None:
        report.outside_requests.append(route.request.url)
        route.abort("blockedbyclient")  # recorded, never sent

    context.route(leaves_site, block)
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    page.on("console", lambda msg: report.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: report.console_errors.append(f"uncaught: {exc}"))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate(RENDER_SKIPPED)
        page.evaluate(SETTLE)
        report.axe["light"] = axe_findings(page)
        # The dark palette exactly as Material's toggle sets it.
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.evaluate(SETTLE)
        report.axe["dark"] = axe_findings(page, COLOUR_RULES)
        page.set_viewport_size(NARROW)
        page.evaluate(SETTLE)
        report.overflow = page.evaluate(OVERFLOW)
        violations = page.evaluate("window.__hnCsp")
    finally:
        context.close()
    report.csp_violations = [f"{v['directive']} blocked {v['blocked'] or 'inline code'} ({v['where']})"
                             for v in violations]
    # The policy blocks a request to another origin before it is sent; it still counts as one.
    report.outside_requests += [v["blocked"] for v in violations if leaves_site(v["blocked"] or "")]
    return report


# --- Keyboard ------------------------------------------------------------------------
KEYBOARD_SETUP = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    + "[tabindex], [contenteditable]";
  const reachable = (el) => el.tabIndex >= 0 && !el.disabled && !el.closest("[inert], [hidden]")
    && el.checkVisibility({visibilityProperty: true});
  // What a focus style may change besides the outline. Text colour alone does not count, nor
  // the colour of a border that is not drawn (it follows the text colour).
  const look = (el) => { const s = getComputedStyle(el);
    const border = (side) => (parseFloat(s[`border${side}Width`]) > 0 ? s[`border${side}Color`] : "");
    return [s.boxShadow, s.backgroundColor, border("Top"), border("Bottom")].join("|"); };
  // A visually hidden input shows its focus on its label (or the label right after it, as in
  // Material's palette switch); a search box on the form around it.
  const labels = (el) => [...(el.labels || []),
    ...(el.nextElementSibling && el.nextElementSibling.tagName === "LABEL" ? [el.nextElementSibling] : [])];
  const candidates = [...document.querySelectorAll(selector)].filter(reachable);
  const baseline = new Map();
  for (const el of candidates) for (const x of [el, ...labels(el), el.parentElement]) baseline.set(x, look(x));
  const ring = (el) => { const s = getComputedStyle(el);
    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !/rgba\\(.*, 0\\)$/.test(s.outlineColor); };
  const changed = (x) => baseline.has(x) && baseline.get(x) !== look(x);
  const shows = (el) => [el, ...labels(el)].some(ring) || [el, ...labels(el), el.parentElement].some(changed);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "")
    + ((el.textContent || "").trim() ? ` "${el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40)}"` : "")
    + (el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : "") + (el.name ? `[name=${el.name}]` : "");
  // Tab stops once in a group of radio buttons (arrow keys move inside it).
  const group = (el) => (el.type === "radio" && el.name ? `${candidates.indexOf(el.form)}:${el.name}` : null);
  const seen = [];
  window.__hnKeyboard = {
    step() {
      const el = document.activeElement;
      if (!el || el === document.body) return {done: true};
      let index = seen.indexOf(el);
      if (index < 0) { seen.push(el); index = seen.length - 1; }
      const previous = seen[seen.length - 2];
      return {done: false, index, name: name(el), visible: shows(el),
              backwards: index === seen.length - 1 && !!previous
                && !(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)};
    },
    missed() {
      const groups = new Set(seen.map(group).filter(Boolean));
      return candidates.filter((el) => !seen.includes(el) && !(group(el) && groups.has(group(el)))).map(name);
    },
  };
  return candidates.length;
}"""


@dataclass
class KeyboardReport:
    """What pressing Tab through a page reached, in what order, and with what focus indicator."""

    stops: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    no_focus_ring: list[str] = field(default_factory=list)


def tab_through(page, url: str) -> KeyboardReport:
    """Press Tab from the top of `url` until focus leaves the page; report what it found."""
    page.set_viewport_size(WIDE)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLE)
    candidates = page.evaluate(KEYBOARD_SETUP)
    report = KeyboardReport()
    visible: dict[int, bool] = {}
    for _ in range(candidates * 3 + 20):
        page.keyboard.press("Tab")
        page.evaluate(SETTLE)  # focus styles may fade in
        stop = page.evaluate("window.__hnKeyboard.step()")
        if stop["done"] or (stop["index"] == 0 and report.stops):
            break
        if stop["index"] == len(report.stops):
            report.stops.append(stop["name"])
        if stop["backwards"]:
            report.out_of_order.append(stop["name"])
        # An element with several tab stops (a date field's parts) needs a visible ring on one.
        visible[stop["index"]] = visible.get(stop["index"], False) or stop["visible"]
    report.missed = page.evaluate("window.__hnKeyboard.missed()")
    report.no_focus_ring = [report.stops[i] for i, shown in sorted(visible.items()) if not shown]
    return report


# --- Planted faults --------------------------------------------------------------------
def copy_site(site_dir: Path, dest: Path) -> Path:
    """Copy the built site, so a test can add a broken page without touching the shared one."""
    shutil.copytree(site_dir, dest)
    return dest


def plant_page(site: Path, name: str, html: str, css: str = "", source: str = "lessons/what-networking-is/") -> str:
    """Add a copy of a built page, with `html` at the start of its article and `css` in its styles.

    The copy sits at the same depth as its source, so its relative links still work. Returns
    its path under the site root.
    """
    text = (site / source / "index.html").read_text(encoding="utf-8")
    text, count = re.subn(r'<article class="md-content__inner md-typeset">', lambda m: m.group(0) + html, text, count=1)
    assert count == 1, "no article in the source page"
    if css:
        sheet = site / "assets" / "css" / "planted.css"
        sheet.write_text(sheet.read_text(encoding="utf-8") + css if sheet.exists() else css, encoding="utf-8")
        text = text.replace("</head>", '<link rel="stylesheet" href="../../assets/css/planted.css"></head>', 1)
    target = Path(source).parent / name
    (site / target).mkdir(parents=True)
    (site / target / "index.html").write_text(text, encoding="utf-8")
    return f"{target.as_posix()}/"
