"""Your data in Chromium: export, reset and import round trip; refused files; merge, replace, undo."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from learner import (
    LESSON_1,
    LESSON_2,
    LESSON_3,
    LESSON_COUNT,
    answer_quiz,
    complete_lesson,
    fill_worksheet,
    lesson_quiz,
    record,
)

pytestmark = pytest.mark.browser

PROGRESS = "progress/"
EMPTY = {"format": "the-human-network/progress", "version": 2, "quizzes": {}, "worksheets": {}, "pages": {},
         "last": None, "review": {}}


def export(page: Page, folder: Path) -> dict:
    """Press Export on the progress page; return the downloaded file's data."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Export your progress").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def choose_file(page: Page, folder: Path, content: str | dict, name: str = "progress.json") -> None:
    """Pick a file in the import control."""
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    page.set_input_files("#hn-data-file", str(path))


def message(page: Page):
    return page.locator("[data-hn-data-status]")


def learner_with_history(page: Page, site_url: str) -> dict:
    """Lesson 1 complete, lesson 2 partly done, a name on the record; return the saved record."""
    complete_lesson(page, site_url, LESSON_1)
    page.goto(site_url + LESSON_2)
    answer_quiz(lesson_quiz(page), wrong=2)
    page.locator("[data-hn-worksheet] textarea").first.fill("Ask Priya how she moved into data.")
    page.wait_for_timeout(600)
    page.goto(site_url + "completion/")
    page.get_by_label("Your name, as it should appear on the record").fill("Ada Lovelace")
    page.wait_for_timeout(600)
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-data]")).to_have_attribute("data-hn-mounted", "true")
    return record(page)


@pytest.fixture(scope="module")
def history(browser, site_url) -> dict:
    """Make a learner's record once through the pages; the tests below start from a copy of it."""
    context = browser.new_context()
    try:
        return learner_with_history(context.new_page(), site_url)
    finally:
        context.close()


def seeded(page: Page, site_url: str, saved: dict) -> dict:
    """Open the progress page in a fresh browser holding `saved`; return the record as stored."""
    page.goto(site_url + PROGRESS)
    page.evaluate("r => HN.store.replace(r)", saved)
    page.reload()
    expect(page.locator("[data-hn-data]")).to_have_attribute("data-hn-mounted", "true")
    return record(page)


def test_export_reset_import_restores_everything(page, site_url, tmp_path, console_errors):
    before = learner_with_history(page, site_url)
    assert before["worksheets"]["hn-completion-record"]["values"]["learner/name"] == "Ada Lovelace"

    data = export(page, tmp_path)
    assert data["format"] == "the-human-network/progress" and data["version"] == 2
    assert data["site"] == site_url and data["exported"].endswith("Z")
    assert data["state"] == before
    expect(message(page)).to_contain_text("Exported")

    marks = page.evaluate("HN.navmarks.key")  # the nav marks' copy, for reading pages
    assert page.evaluate("k => localStorage.getItem(k)", marks) is not None
    page.get_by_role("button", name="Reset everything…").click()
    assert record(page) == before, "nothing changes before the learner confirms"
    page.get_by_role("button", name="Delete everything").click()
    expect(message(page)).to_contain_text("was deleted")
    assert record(page) == EMPTY
    assert page.evaluate("k => localStorage.getItem(k)", marks) is None, "Reset leaves no copy of the marks"
    expect(page.locator("[data-hn-progress] tbody tr[data-hn-status='not-started']")).to_have_count(LESSON_COUNT)

    choose_file(page, tmp_path, data)
    expect(page.get_by_role("button", name="Replace")).to_be_visible()
    assert record(page) == EMPTY, "nothing changes before the learner chooses"
    page.get_by_role("button", name="Replace").click()
    expect(message(page)).to_contain_text("Replaced")
    assert record(page) == before
    expect(page.locator("[data-hn-progress] tr[data-hn-lesson='what-networking-is']")).to_have_attribute(
        "data-hn-status", "complete")

    page.goto(site_url + LESSON_2)
    expect(page.locator("[data-hn-worksheet] textarea").first).to_have_value("Ask Priya how she moved into data.")
    expect(lesson_quiz(page).locator(".hn-question--correct")).to_have_count(
        len(before["quizzes"]["why-it-matters-quiz"]["results"]) - 2)
    page.goto(site_url + "completion/")
    expect(page.get_by_label("Your name, as it should appear on the record")).to_have_value("Ada Lovelace")
    assert console_errors == []


def _future(data):
    data["version"] = 3
    return "newer version of the course"


def _older(data):
    data["version"] = 0
    return "older format"


def _foreign_site(data):
    data["site"] = "https://example.org/another-course/"
    return "comes from another site"


def _foreign_format(data):
    data["format"] = "some-other-app/backup"
    return "not a progress file from this course"


def _damaged_state(data):
    data["state"]["version"] = "1"  # a wrong value deeper down is left out instead (test_learner_data_browser.py)
    return "damaged"


def _no_state(data):
    del data["state"]
    return "damaged"


@pytest.mark.parametrize("spoil", [_future, _older, _foreign_site, _foreign_format, _damaged_state, _no_state],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_bad_file_is_refused_and_the_state_is_kept(page, site_url, tmp_path, history, spoil):
    before = seeded(page, site_url, history)
    data = copy.deepcopy(page.evaluate("HN.data.exportData()"))
    data["state"]["quizzes"] = {}  # a file that, if imported, would visibly change the record
    expected = spoil(data)
    choose_file(page, tmp_path, data)
    expect(message(page)).to_contain_text(expected)
    expect(message(page)).to_contain_text("Your progress in this browser has not changed.")
    expect(page.get_by_role("button", name="Replace")).to_be_hidden()
    assert record(page) == before


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2, 3]", '"just a string"'],
                         ids=["broken-json", "empty", "a-list", "a-string"])
def test_a_malformed_file_is_refused_and_the_state_is_kept(page, site_url, tmp_path, content):
    page.goto(site_url + LESSON_3)
    fill_worksheet(page.locator("[data-hn-worksheet]").first)
    page.goto(site_url + PROGRESS)
    before = record(page)
    choose_file(page, tmp_path, content, "broken.json")
    expect(message(page)).to_contain_text("not a progress file")
    assert record(page) == before


def test_merge_keeps_the_newer_of_each_quiz_and_worksheet(page, site_url, tmp_path, history):
    before = seeded(page, site_url, history)
    incoming = copy.deepcopy(before)
    # An older attempt at lesson 1's quiz (must not win), and a worksheet this browser lacks.
    incoming["quizzes"]["what-networking-is-quiz"]["results"] = {}
    incoming["quizzes"]["what-networking-is-quiz"]["updated"] = "2020-01-01T00:00:00.000Z"
    incoming["worksheets"]["the-giving-mindset-worksheet"] = {
        "values": {"reflect/p1": "Offer to review a colleague's pull request."}, "updated": "2030-01-01T00:00:00.000Z"}
    incoming["pages"]["the-giving-mindset"] = {"title": "The giving mindset", "first": "2030-01-01T00:00:00.000Z",
                                               "last": "2030-01-01T00:00:00.000Z"}
    incoming["last"] = {"page": "the-giving-mindset", "title": "The giving mindset", "time": "2030-01-01T00:00:00.000Z"}
    choose_file(page, tmp_path, {"format": "the-human-network/progress", "version": 1, "site": site_url,
                                 "exported": "2030-01-01T00:00:00.000Z", "state": incoming})
    page.get_by_role("button", name="Merge").click()
    expect(message(page)).to_contain_text("Merged")
    merged = record(page)
    assert merged["quizzes"]["what-networking-is-quiz"] == before["quizzes"]["what-networking-is-quiz"]
    assert merged["worksheets"]["the-giving-mindset-worksheet"]["values"]["reflect/p1"].startswith("Offer to review")
    assert merged["worksheets"]["why-it-matters-worksheet"] == before["worksheets"]["why-it-matters-worksheet"]
    assert set(merged["pages"]) == set(before["pages"]) | {"the-giving-mindset"}
    assert merged["last"]["page"] == "the-giving-mindset"
    expect(page.locator("section.hn-continue")).to_contain_text("Lesson 3: The giving mindset")

    page.get_by_role("button", name="Undo").click()
    expect(message(page)).to_contain_text("Undone")
    assert record(page) == before


def test_cancel_and_reset_cancel_change_nothing(page, site_url, tmp_path, history):
    before = seeded(page, site_url, history)
    choose_file(page, tmp_path, page.evaluate("HN.data.exportData()"))
    page.get_by_role("button", name="Cancel").click()
    expect(message(page)).to_contain_text("Import cancelled. Nothing changed.")
    page.get_by_role("button", name="Reset everything…").click()
    page.locator(".hn-data__choice").get_by_role("button", name="Cancel").click()
    expect(message(page)).to_contain_text("Reset cancelled. Nothing changed.")
    assert record(page) == before


def test_reset_can_be_undone_until_the_page_is_left(page, site_url, history):
    before = seeded(page, site_url, history)
    page.get_by_role("button", name="Reset everything…").click()
    confirm = page.locator(".hn-data__choice:not([hidden])")
    queued = sum(len(questions) for questions in before["review"].values())
    assert queued > 0, "answering the quizzes put their questions in the review queue"
    expect(confirm).to_contain_text(
        f"2 quizzes, 2 worksheets, 2 lessons opened and {queued} questions in the review queue")
    page.get_by_role("button", name="Delete everything").click()
    assert record(page) == EMPTY
    page.get_by_role("button", name="Undo").click()
    assert record(page) == before
