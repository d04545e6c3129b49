"""Each page loads only the course files it uses (hooks/assets.py), minified.

They must still work when a page is reached by Material's instant navigation, not a full load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project, load_hook, mkdocs_build
from hn.pages import lesson_uris, load_config

LESSON = lesson_uris(load_config(ROOT)["nav"])[0].removesuffix(".md") + "/"
assets = load_hook("assets")

PAGE_ONLY = {"assets/js/quiz.js", "assets/js/worksheet.js", "assets/js/your-data.js", "assets/js/completion.js",
             "assets/js/progress-page.js", "assets/js/review.js", "assets/js/print-book.js",
             "assets/css/exercises.css", "assets/css/progress.css", "assets/css/notebook.css"}
EVERY_PAGE = {"assets/js/navmarks.js", "assets/js/theme/a11y.js", "assets/css/course.css"}
STORE = {assets.STORE_BUNDLE}  # storage.js and progress.js, joined: pages that change the record
WHOLE = {assets.MANIFEST}  # the course manifest they read, on pages that list the lessons
HEADER = {assets.HEADER}  # its header alone, on other pages that save progress
PART = {"assets/manifest/" + LESSON.rstrip("/").rsplit("/", 1)[-1] + ".js"}  # a lesson's own part of it
LINK = re.compile(r'<(?:script src|link rel="stylesheet" href)="((?:\.\./)*assets/[^"]+)"')


def linked(site_dir: Path, page: str) -> list[str]:
    """Return the course files a built page links, as site paths, in document order."""
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"^(\.\./)+", "", href) for href in LINK.findall(html)]


# --- The hook on its own ------------------------------------------------------------------

class CONFIG:  # a stand-in for MkDocsConfig: the hook reads extra_javascript only
    extra_javascript = ()


def test_markers_are_found_in_tags_not_in_code_samples():
    store = [assets.HEADER, assets.STORE_BUNDLE]
    assert assets.needed('<section class="hn-quiz" data-hn-quiz="q1">') == [*store, "assets/css/exercises.css",
                                                                           "assets/js/quiz.js"]
    assert assets.needed('<div data-hn-worksheet data-x="1"></div><div data-hn-quiz="a">') == [
        *store, "assets/css/exercises.css", "assets/js/quiz.js", "assets/js/worksheet.js"]
    assert assets.needed('<div data-hn-worksheet></div>', store=False) == [
        "assets/css/exercises.css", "assets/js/worksheet.js"]
    assert assets.needed("<code>&lt;section data-hn-quiz=&quot;q1&quot;&gt;</code>") == []
    assert assets.needed('<p class="x">data-hn-quiz is the marker</p>') == []
    assert assets.needed('<div data-hn-quizzes="1">') == []  # a longer name is another attribute


def test_a_lesson_without_exercises_still_gets_the_saved_progress_scripts():
    # progress.js records the visit to every lesson, exercises or not.
    assert assets.needed('<p class="hn-lesson-status" data-hn-lesson-status>Lesson 1</p>',
                         lesson="assets/manifest/a.js") == ["assets/manifest/a.js", assets.STORE_BUNDLE]


def test_only_pages_that_list_the_lessons_load_the_whole_manifest():
    # It grows with the course; a lesson loads its own part, any other page the header alone.
    for marker in assets.WHOLE_MARKERS:
        assert assets.needed(f'<div {marker}></div>', lesson="assets/manifest/a.js")[:2] == [
            assets.MANIFEST, assets.STORE_BUNDLE], marker
    assert assets.needed('<div data-hn-paper></div>')[:2] == [assets.HEADER, assets.STORE_BUNDLE]
    assert assets.needed('<div data-hn-quiz="q"></div>', lesson="assets/manifest/a.js")[0] == "assets/manifest/a.js"
    assert assets.needed('<div data-jp-theme-name="x">') == ["assets/css/notebook.css"]  # a notebook reads


def test_files_go_inside_the_article_where_instant_navigation_finds_them():
    class File:
        src_uri, dest_uri = "lessons/a.md", "lessons/a/index.html"

    class Page:
        file = File()

    html = '<head></head><body><article class="md-content__inner"><h1>A</h1><section data-hn-quiz="q">' \
           '</section></article><script src="x.js"></script></body>'
    store = (f'<script src="../../{assets.HEADER}" defer></script>'
             f'<script src="../../{assets.STORE_BUNDLE}" defer></script>')
    out = assets.on_post_page(html, page=Page(), config=CONFIG)
    assert out == ('<head><link rel="stylesheet" href="../../assets/css/exercises.css"></head>'
                   '<body><article class="md-content__inner">'
                   '<link rel="stylesheet" href="../../assets/css/exercises.css"><h1>A</h1>'
                   '<section data-hn-quiz="q"></section>'
                   f'{store}<script src="../../assets/js/quiz.js" defer></script></article>'
                   '<script src="x.js"></script></body>')

    class Everywhere:  # the SCORM build lists them in extra_javascript
        extra_javascript = (assets.STORE_BUNDLE,)

    assert store not in assets.on_post_page(html, page=Page(), config=Everywhere)
    # A lesson of the course loads its own part of the manifest instead of the whole.
    assets.LESSON_PARTS["lessons/a.md"] = "assets/manifest/a.js"
    try:
        out = assets.on_post_page(html, page=Page(), config=CONFIG)
    finally:
        assets.LESSON_PARTS.clear()
    assert '<script src="../../assets/manifest/a.js" defer></script>' in out and assets.HEADER not in out
    assert assets.on_post_page("<main>no components</main>", page=Page(), config=CONFIG) == \
        "<main>no components</main>"
    with pytest.raises(PluginError, match=r"lessons/a\.md: needs .*quiz\.js.* no <article>"):
        assets.on_post_page('<main><section data-hn-quiz="q"></section></main>', page=Page(), config=CONFIG)


# --- The built site ------------------------------------------------------------------------

def test_pages_without_exercises_load_only_the_every_page_files(site_dir: Path):
    for page in ("about/", "glossary/", "facilitators/"):
        if not (site_dir / page / "index.html").is_file():
            continue
        files = set(linked(site_dir, page))
        assert EVERY_PAGE <= files, page
        extra = files & (PAGE_ONLY | STORE | WHOLE | HEADER)
        assert not extra, f"{page} links {sorted(extra)}"


def test_a_lesson_does_not_load_the_progress_page_script(site_dir: Path):
    # progress.js (every page) records visits and marks the nav; drawing the progress page
    # and the home page's "continue" box is progress-page.js, which only those pages need.
    assert "assets/js/progress-page.js" not in linked(site_dir, LESSON)


def test_each_page_links_the_files_its_components_need(site_dir: Path):
    expected = {
        LESSON: PART | STORE | {"assets/css/exercises.css", "assets/js/quiz.js", "assets/js/worksheet.js"},
        "": WHOLE | STORE | {"assets/js/progress-page.js"},
        "progress/": WHOLE | STORE | {"assets/css/progress.css", "assets/js/progress-page.js",
                                      "assets/js/your-data.js"},
        "completion/": WHOLE | STORE | {"assets/css/progress.css", "assets/js/completion.js"},
        "review/": WHOLE | STORE | {"assets/css/exercises.css", "assets/js/quiz.js", "assets/js/review.js"},
        "authoring/writing-exercises/": HEADER | STORE | {"assets/css/exercises.css", "assets/js/quiz.js",
                                                         "assets/js/worksheet.js"},  # demo exercises
        "print/": HEADER | STORE | {"assets/css/exercises.css", "assets/css/progress.css", "assets/js/print-book.js"},
        "notebooks/map-your-network/": {"assets/css/notebook.css"},
    }
    for page, files in expected.items():
        got = linked(site_dir, page)
        assert files <= set(got), f"{page}: {got}"
        manifests = WHOLE | PART | HEADER
        scripts = [rel for rel in got if rel.endswith(".js") and rel in STORE | manifests | PAGE_ONLY]
        if files & STORE:  # the manifest, then the saved-progress scripts, in the order they must run
            assert scripts[:2] == [next(iter(files & manifests)), assets.STORE_BUNDLE], f"{page}: {scripts}"
            assert len(set(got) & manifests) == 1, f"{page}: {got}"
        else:
            assert not set(got) & (STORE | manifests), f"{page} is a reading page: {got}"
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        head, article = html[:html.index("</head>")], html[html.index("<article"):html.rindex("</article>")]
        for file in files:
            name = file.rsplit("/", 1)[1]
            assert article.count(name) == 1, f"{page}: {file} is not inside the article once"
            # Stylesheets are in the head too, so a full load fetches them before the article.
            assert head.count(name) == (1 if name.endswith(".css") else 0), f"{page}: {file} in the head"


def test_the_theme_bundle_is_deferred_and_runs_before_the_course_scripts(site_dir: Path):
    """overrides/main.html defers Material's bundle so it no longer holds up the first paint."""
    pages = [path for path in sorted(site_dir.rglob("*.html"))
             if 'id="__config"' in path.read_text(encoding="utf-8")]  # theme pages, not the downloads
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        bundle = [i for i, tag in enumerate(scripts) if re.search(r"/javascripts/bundle\.[0-9a-f]+\.min\.js", tag)]
        assert len(bundle) == 1, f"{path}: expected one theme bundle, found {len(bundle)}"
        assert " defer" in scripts[bundle[0]], f"{path}: the theme bundle is not deferred"
        after = [tag for tag in scripts[bundle[0] + 1:] if "assets/js/" in tag or "course-manifest" in tag]
        assert after and all(" defer" in tag for tag in after), f"{path}: course scripts must follow it, deferred"


def test_the_saved_progress_scripts_are_joined_in_the_order_they_run(site_dir: Path):
    # Instant navigation runs a page's scripts as each arrives, so separate files could run out of order.
    bundle = (site_dir / assets.STORE_BUNDLE).read_text(encoding="utf-8")
    parts = [(site_dir / rel).read_text(encoding="utf-8").strip() for rel in assets.STORE_FILES]
    assert bundle == "".join(part + ";\n" for part in parts)
    assert "HN.store" in parts[0] and "HN.progress" in parts[1]


def test_built_course_files_are_minified_and_sources_are_not(site_dir: Path):
    for rel in ("assets/js/quiz.js", "assets/js/storage.js", "assets/css/exercises.css", "assets/css/course.css"):
        source = (ROOT / "docs" / rel).read_text(encoding="utf-8")
        built = (site_dir / rel).read_text(encoding="utf-8")
        assert source.lstrip().startswith("/*"), f"docs/{rel} lost its header comment"
        assert not built.lstrip().startswith("/*"), f"site/{rel} still has comments"
        assert len(built) < 0.8 * len(source), f"site/{rel}: {len(built)} bytes from {len(source)}"


def test_built_scripts_are_shrunk_beyond_whitespace(site_dir: Path):
    # tdewolff-minify renames local names: a whitespace-only minifier would keep "function make(tag".
    built = (site_dir / "assets/js/quiz.js").read_text(encoding="utf-8")
    assert "function make(" in (ROOT / "docs/assets/js/quiz.js").read_text(encoding="utf-8")
    assert "function make(" not in built and "className" in built


def test_a_script_that_cannot_be_minified_stops_the_build_with_its_path(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "assets" / "js" / "broken.js").write_text("function ( {\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/assets/js/broken.js: cannot be minified: expected Identifier" in build.output, build.output[-2000:]


def test_only_pages_with_content_tabs_load_the_tab_script(tmp_path: Path, site_dir: Path):
    pages = site_dir.rglob("index.html")
    with_tabs = [page for page in pages if "theme/content.js" in page.read_text(encoding="utf-8")]
    assert with_tabs == [], "no page of the course has content tabs, so none should load theme/content.js"
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n\n=== "One"\n\n    First tab.\n\n=== "Two"\n\n'
                     "    Second tab.\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "assets/js/theme/content.js" in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "theme/content.js" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


# --- In the browser: instant navigation ------------------------------------------------------

def _go(page: Page, href_end: str) -> None:
    """Follow a link on the page the way a reader does, so Material navigates without a reload.

    Wait for the network first: a click while the last page is still loading makes Material
    fall back to a full load.
    """
    page.wait_for_load_state("networkidle")
    page.locator(f'a[href$="{href_end}"]').first.evaluate("a => a.click()")


@pytest.mark.browser
def test_page_scripts_start_once_when_pages_are_reached_without_a_reload(page: Page, site_url, console_errors):
    lesson = LESSON
    page.goto(site_url + "about/")
    page.wait_for_load_state("networkidle")  # Material sets up instant navigation once it has read sitemap.xml
    page.evaluate("window.__hnMarker = 7")
    assert page.evaluate("typeof window.HN.data") == "undefined"  # your-data.js is not on this page

    for _ in range(2):  # there and back twice: the second visit must not mount twice
        _go(page, lesson)
        expect(page).to_have_url(re.compile(re.escape(lesson) + r"(#[\w-]+)?$"))
        quiz = page.locator("[data-hn-quiz]").first
        expect(quiz).to_have_attribute("data-hn-mounted", "true")
        expect(page.locator("[data-hn-worksheet]").first).to_have_attribute("data-hn-mounted", "true")
        question = quiz.locator("[data-hn-question]").first
        expect(question.get_by_role("button", name="Check answer")).to_have_count(1)
        assert page.evaluate("window.__hnMarker") == 7  # no full reload happened
        _go(page, "about/")
        expect(page).to_have_url(re.compile(r"about/(#[\w-]+)?$"))
        # The address changes before the page is swapped in: wait for the new page, or the
        # next click lands on a link of the old one, which is no longer in the page and so
        # makes the browser load the next page in full.
        expect(page.locator("article h1").first).to_contain_text("About")

    _go(page, "progress/")
    expect(page.locator("[data-hn-data]")).to_have_attribute("data-hn-mounted", "true")
    expect(page.locator("[data-hn-data] button", has_text="Export your progress")).to_have_count(1)
    assert page.evaluate("window.__hnMarker") == 7  # no full reload happened
    assert console_errors == []
