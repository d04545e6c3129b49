"""Page weight: what each built page makes a first-time visitor download, gzip-compressed.

Read from the built HTML: the page itself, its stylesheets, scripts, images and icon, and
what the theme's bundle loads as soon as it starts, read from the page's #__config: the
search worker (a script), the search index and, with instant navigation, the sitemap.
tests/test_bench.py checks this list against what Chromium really requests.

Each file is sorted by who ships it: the theme (Material's own assets, and the three small
scripts of Material's that the course moves out of line for its Content-Security-Policy),
the course (files from docs/assets/ and the manifest the build writes), a plugin
(mkdocs-jupyter's notebook stylesheet), or data (the search index and sitemap: the site's
text, the same size with stock Material, so they are reported apart from the budgets).
Inline `<script>` and `<style>` blocks cannot be cached apart from the page, so they are
counted too.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import material

from hn.bench.server import gzip_bytes

THEME_ASSETS = Path(material.__file__).parent / "templates"
# Course files the build writes rather than copies from docs/ (hooks/manifest.py: the manifest
# and each lesson's part of it; the saved-progress scripts joined by hooks/assets.py).
COURSE_GENERATED = ("assets/course-manifest.", "assets/manifest/", "assets/js/learner.js")
# Material's inline scripts (partials/javascripts/*.html), moved into files by the course so a
# strict Content-Security-Policy can forbid inline scripts: the theme's code, not the course's.
THEME_MOVED = ("assets/js/theme/base.js", "assets/js/theme/palette.js", "assets/js/theme/content.js")
# Fetched by the theme's bundle at start-up: the search index (with the search plugin) and the
# sitemap (with navigation.instant, to tell the site's own links from others).
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
# Course files that only pages with exercises or progress tools load (hooks/assets.py): such a
# page has the larger budget (25% of the theme's weight), every other page the reading budget (12%).
TOOL_FILES = ("assets/js/quiz.js", "assets/js/worksheet.js", "assets/js/progress-page.js", "assets/js/your-data.js",
              "assets/js/completion.js", "assets/js/print-book.js")


@dataclass
class PageWeight:
    """Gzip bytes one page needs, by owner."""

    page: str
    html: int
    theme: int = 0
    course: int = 0
    plugin: int = 0
    data: int = 0  # search index and sitemap: not CSS, JS or images, and not in `total`
    inline_scripts: int = 0  # executable inline <script> blocks (JSON data blocks do not count)
    inline_styles: int = 0
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # site path -> (owner, gzip bytes)

    @property
    def kind(self) -> str:
        """Return 'tools' for a page with exercises or progress tools, else 'reading'."""
        return "tools" if any(rel in self.files for rel in TOOL_FILES) else "reading"

    @property
    def total(self) -> int:
        """Everything a first visit downloads."""
        return self.html + self.theme + self.course + self.plugin


class _Refs(HTMLParser):
    """Collect what a page loads: stylesheets, scripts, images, icons; count inline blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self.config: dict = {}
        self._config_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel) and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script":
            self._config_text = [] if a.get("id") == "__config" else None
            if a.get("src"):
                self.urls.append(a["src"])
            elif a.get("type", "text/javascript") in ("text/javascript", "module", "application/javascript"):
                self.inline_scripts += 1
        elif tag == "img" and a.get("src") and not a["src"].startswith("data:"):
            self.urls.append(a["src"])
        elif tag == "style":
            self.inline_styles += 1

    def handle_data(self, data: str) -> None:
        if self._config_text is not None:
            self._config_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._config_text is not None:
            try:
                self.config = json.loads("".join(self._config_text))
            except ValueError:
                self.config = {}
            self._config_text = None

    def runtime_urls(self) -> list[str]:
        """Return what the theme's bundle fetches at start-up, relative to the page (from #__config)."""
        base = str(self.config.get("base", ".")).rstrip("/") + "/"
        urls = []
        if self.config.get("search"):
            urls += [base + self.config["search"], base + SEARCH_INDEX]
        if "navigation.instant" in self.config.get("features", []):
            urls.append(base + SITEMAP)
        return urls


@cache
def _gzip_size(path: Path) -> int:
    return len(gzip_bytes(path.read_bytes()))


def owner(rel: str, docs: Path) -> str:
    """Say who ships a site file: 'theme', 'course', 'plugin' or 'data'."""
    if rel in (SEARCH_INDEX, SITEMAP):
        return "data"
    if rel in THEME_MOVED:
        return "theme"
    if (docs / rel).is_file() or rel.startswith(COURSE_GENERATED):
        return "course"
    if (THEME_ASSETS / rel).is_file() or rel.startswith(("assets/javascripts/", "assets/stylesheets/")):
        return "theme"
    return "plugin"


def page_weight(site: Path, html_path: Path, docs: Path) -> PageWeight:
    """Weigh one built page."""
    page_url = "/" + html_path.relative_to(site).as_posix()
    refs = _Refs()
    text = html_path.read_text(encoding="utf-8")
    refs.feed(text)
    weight = PageWeight(page_url.removesuffix("index.html"), len(gzip_bytes(text.encode())),
                        inline_scripts=refs.inline_scripts, inline_styles=refs.inline_styles)
    for url in dict.fromkeys(refs.urls + refs.runtime_urls()):
        parts = urlsplit(urljoin(page_url, url))
        if parts.scheme or parts.netloc:
            continue  # another origin: the course never loads one (hn.site_check makes sure)
        rel = unquote(parts.path).lstrip("/")
        path = site / rel
        if not path.is_file():
            continue
        size = _gzip_size(path)
        who = owner(rel, docs)
        weight.files[rel] = (who, size)
        setattr(weight, who, getattr(weight, who) + size)
    return weight


def site_weights(site: Path, docs: Path) -> list[PageWeight]:
    """Weigh every page of a built site (the 404 page aside)."""
    pages = sorted(p for p in site.rglob("index.html") if "downloads" not in p.relative_to(site).parts)
    return [page_weight(site, p, docs) for p in pages]


def summary(weights: list[PageWeight]) -> dict:
    """Return the figures the report prints: median, heaviest, course vs theme, inline blocks."""
    totals = [w.total for w in weights]
    median = statistics.median(totals)
    heaviest = max(weights, key=lambda w: w.total)
    worst_course = max(weights, key=lambda w: w.course / w.theme if w.theme else 0)
    course_files = {rel: size for w in weights for rel, (who, size) in w.files.items() if who == "course"}
    theme_files = {rel: size for w in weights for rel, (who, size) in w.files.items() if who == "theme"}
    data_files = {rel: size for w in weights for rel, (who, size) in w.files.items() if who == "data"}
    shares = {}
    for kind in ("reading", "tools"):
        pages = [w for w in weights if w.kind == kind and w.theme]
        if pages:
            worst = max(pages, key=lambda w: w.course / w.theme)
            shares[kind] = {"page": worst.page, "course_bytes": worst.course, "theme_bytes": worst.theme,
                            "share": round(worst.course / worst.theme, 3), "pages": len(pages)}
    return {
        "pages": len(weights),
        "course_share_by_kind": shares,
        "median_bytes": int(median),
        "median_html_bytes": int(statistics.median(w.html for w in weights)),
        "heaviest": {"page": heaviest.page, "bytes": heaviest.total, "times_median": round(heaviest.total / median, 2),
                     "html_bytes": heaviest.html, "plugin_bytes": heaviest.plugin},
        "theme_bytes": worst_course.theme,
        "course_bytes": worst_course.course,
        "course_page": worst_course.page,
        "course_share_of_theme": round(worst_course.course / worst_course.theme, 3) if worst_course.theme else 0.0,
        "course_files": dict(sorted(course_files.items(), key=lambda kv: -kv[1])),
        "theme_files": dict(sorted(theme_files.items(), key=lambda kv: -kv[1])),
        "data_files": dict(sorted(data_files.items(), key=lambda kv: -kv[1])),
        "inline_scripts": sum(w.inline_scripts for w in weights),
        "inline_styles": sum(w.inline_styles for w in weights),
        "per_page": [{"page": w.page, "kind": w.kind, "total": w.total, "html": w.html, "theme": w.theme,
                      "course": w.course, "plugin": w.plugin} for w in weights],
    }

