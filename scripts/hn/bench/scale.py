"""Cost as the course grows: the course at 1x, 5x and 10x its lessons, built by the course and by stock Material.

Each size is a copy of the project in which every lesson of the nav has `factor - 1` copies,
each with its own quiz and worksheet (copies of the lesson's exercise files under new ids),
listed in the nav after the original. Both sides build each size once, cold; the figures are
the build's CPU time per page, the heaviest page, the print book (its heaviest part, when a long
course prints in parts) and the search index per lesson.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import yaml
from lxml import etree
from lxml import html as lxml_html

from hn.bench import weight
from hn.bench.project import (
    STOCK_PRINT_PAGE,
    check_build,
    compile_code,
    copy_project,
    load_config,
    stock_config,
    timed_build,
    write_config,
)
from hn.pages import course_uris

LESSONS_SECTION = "Lessons"
_MARKER = re.compile(r"<!--\s*(quiz|worksheet):\s*([\w-]+)\s*-->")
_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)


def grow(project: Path, factor: int) -> list[str]:
    """Add `factor - 1` copies of every lesson (and its exercises) to `project`; return the course's lessons."""
    config = load_config(project)
    originals = course_uris(config)
    docs, exercises = project / "docs", project / "exercises"
    added: dict[str, list[str]] = {src: [] for src in originals}
    for src in originals:
        stem = Path(src).stem
        text = (docs / src).read_text(encoding="utf-8")
        own = [m.group(2) for m in _MARKER.finditer(text)]  # the page's exercises, by id
        for copy in range(2, factor + 1):
            new_stem = f"{stem}-x{copy}"
            new_src = str(Path(src).with_name(new_stem + ".md"))
            page = _MARKER.sub(lambda m, n=copy: f"<!-- {m.group(1)}: {m.group(2)}-x{n} -->", text)
            page = _TITLE.sub(lambda m, n=copy: f"title: {_copy_title(m.group(1), n)}", page, count=1)
            (docs / new_src).write_text(page, encoding="utf-8")
            for exercise in own:
                body = (exercises / f"{exercise}.yml").read_text(encoding="utf-8")
                body = re.sub(rf"^id: {re.escape(exercise)}\b", f"id: {exercise}-x{copy}", body, count=1,
                              flags=re.MULTILINE)
                (exercises / f"{exercise}-x{copy}.yml").write_text(body.replace(src, new_src), encoding="utf-8")
            added[src].append(new_src)
    config["nav"] = [_grow_nav(item, added) for item in config["nav"]]
    write_config(project, config)
    return [lesson for src in originals for lesson in (src, *added[src])]


def _copy_title(value: str, copy: int) -> str:
    """Return a front-matter title with "(copy n)" added, quoted for YAML."""
    title = yaml.safe_load(value)
    return json.dumps(f"{title} (copy {copy})")


def _grow_nav(item, added: dict[str, list[str]]):
    """Return a nav item with each lesson's copies listed after it."""
    if isinstance(item, dict):
        (title, value), = item.items()
        if isinstance(value, list):
            grown = []
            for child in value:
                grown.append(_grow_nav(child, added))
                src = next(iter(child.values())) if isinstance(child, dict) else child
                if isinstance(src, str) and src in added:
                    grown += [{f"{title_of(child)} (copy {n})": copy} for n, copy in enumerate(added[src], start=2)]
            return {title: grown}
    return item


def title_of(item) -> str:
    """Return a nav entry's title (or its path)."""
    return next(iter(item)) if isinstance(item, dict) else str(item)


def _elements(path: Path) -> int:
    return sum(1 for _ in lxml_html.parse(str(path)).getroot().iter(etree.Element))


def site_figures(site: Path, docs: Path, lessons: int, print_page: str) -> dict:
    """Return the heaviest page, the print book and the search index per lesson of a built site."""
    weights = weight.site_weights(site, docs)
    heaviest = max(weights, key=lambda w: w.total)
    index = site / "search" / "search_index.json"
    index_gzip = len(gzip.compress(index.read_bytes(), 6, mtime=0)) if index.is_file() else 0
    # The course prints a long course in parts (print/, print/2/, ...): the heaviest part counts.
    books = [site / print_page / "index.html", *sorted((site / print_page).glob("[0-9]*/index.html"))]
    parts = [(weight.page_weight(site, book, docs), _elements(book)) for book in books if book.is_file()]
    figures = {"pages": len(weights), "heaviest": {"page": heaviest.page, "bytes": heaviest.total},
               "search_index_bytes": index_gzip, "search_index_per_lesson": round(index_gzip / lessons)}
    if parts:
        page, elements = max(parts, key=lambda part: part[1])
        figures["print"] = {"bytes": page.total, "html": page.html, "elements": elements, "parts": len(parts),
                            "page": page.page}
    return figures


def scale(work: Path, factors: tuple[int, ...]) -> dict:
    """Build the course and stock Material at each size, once each, cold; return a row per size and side."""
    rows = []
    for factor in factors:
        project = copy_project(work / f"scale-{factor}")
        lessons = grow(project, factor)
        write_config(project, stock_config(load_config(project)), "stock.yml")
        compile_code(project)  # as for the other builds the bench times (project.compile_code)
        for side, config, book in (("course", "mkdocs.yml", "print/"), ("stock", "stock.yml", STOCK_PRINT_PAGE)):
            site = work / f"scale-{factor}-{side}"
            run = check_build(timed_build(project, site, config=config, cold=True), f"the {side} build at {factor}x")
            figures = site_figures(site, project / "docs", len(lessons), book)
            rows.append({"factor": factor, "side": side, "lessons": len(lessons), "cpu": round(run.cpu_seconds, 2),
                         "ms_per_page": round(1000 * run.cpu_seconds / figures["pages"], 1), **figures})
            shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project, ignore_errors=True)
    return {"factors": list(factors), "rows": rows}
