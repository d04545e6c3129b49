"""The offline copy (`make offline`): one zip that works opened from file://, search and quizzes included."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from hn import offline
from learner import answer_question, record


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    """Build and pack the offline copy exactly as `make offline` does."""
    path = tmp_path_factory.mktemp("offline") / "the-human-network-offline.zip"
    assert offline.main([str(path), "--root", str(ROOT)]) == offline.EXIT_OK
    return path


@pytest.fixture(scope="module")
def unpacked(offline_zip, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / offline.FOLDER


def test_zip_holds_one_folder_and_a_readme(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {offline.FOLDER, "README.txt"}
    for page in ["index.html", "lessons/what-networking-is.html", "progress.html", "print.html",
                 "search/search_index.js", "assets/javascripts/iframe-worker-shim.js", "assets/course-manifest.js"]:
        assert f"{offline.FOLDER}/{page}" in names
    assert not [name for name in names if "scorm" in name]  # the SCORM adapter ships in `make scorm` only


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.refs += [value for name, value in attrs if name in ("href", "src") and value]


def test_every_local_link_resolves_on_disk(unpacked):
    broken = []
    for page in sorted(unpacked.rglob("*.html")):
        if page.name == "404.html":  # served by a web server only, from the site root
            continue
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("#", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not (target / "index.html" if target.is_dir() else target).is_file():
                broken.append(f"{page.relative_to(unpacked)} -> {ref}")
    assert broken == []


def test_notebook_links_are_rebased_for_file_urls(unpacked):
    html = (unpacked / "notebooks" / "map-your-network.html").read_text(encoding="utf-8")
    assert 'href="../downloads/contact-log-template.csv"' in html
    assert "../../downloads/" not in html
    assert 'href="map-your-network.ipynb"' in html  # the download link mkdocs-jupyter writes


def test_nothing_is_fetched_from_another_site(unpacked):
    index = (unpacked / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in index and "navigation.instant" not in index


@pytest.mark.browser
def test_offline_copy_works_from_file(page, unpacked, console_errors):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    page.goto((unpacked / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("The Human Network")

    page.keyboard.press("/")
    page.keyboard.type("granovetter", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")

    page.goto((unpacked / "lessons" / "what-networking-is.html").as_uri())
    quiz = page.locator("[data-hn-quiz]").first
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    answer_question(quiz.locator("[data-hn-question][data-hn-type='single']").first)
    expect(quiz.locator(".hn-question--correct")).to_have_count(1)
    assert record(page)["quizzes"]["what-networking-is-quiz"]["results"]

    page.goto((unpacked / "progress.html").as_uri())
    row = page.locator("[data-hn-progress] tr[data-hn-lesson='what-networking-is']")
    expect(row).to_have_attribute("data-hn-status", "in-progress")
    row.get_by_role("link").click()
    lesson_uri = (unpacked / "lessons" / "what-networking-is.html").as_uri()
    expect(page).to_have_url(re.compile(re.escape(lesson_uri) + "(#.*)?$"))
    assert outside == []
    assert console_errors == []
