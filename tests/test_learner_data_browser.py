"""Learner data under attack in Chromium: bad values, full storage, two tabs, undo, `__proto__`.

Also unreadable saved data, forged results, Markdown downloads and reflow on a narrow screen.

Each test is one attack from the review of the learner's data (storage.js and the scripts that
use it); the numbers are the issue's. Saved data is planted straight into localStorage, files
are picked in the progress page's import control, and a full disk is an init script that makes
Storage.setItem throw QuotaExceededError past a size.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from learner import LESSON_1, LESSON_2, answer_question, lesson_quiz, record

pytestmark = pytest.mark.browser

PROGRESS = "progress/"
COMPLETION = "completion/"
FORMAT = "the-human-network/progress"
KEY = "hn:/:v1"  # the site is served from the server's root
BAD = {"toString": 1}  # what broke pages: an object where a string belongs
QUOTA = """limit => {
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    let used = 0;
    for (let i = 0; i < this.length; i++) {
      const k = this.key(i);
      if (k !== key) used += k.length + this.getItem(k).length;
    }
    if (used + key.length + String(value).length > limit) throw new DOMException("full", "QuotaExceededError");
    return set.call(this, key, value);
  };
}"""


def record_of(**parts) -> dict:
    return {"format": FORMAT, "version": 1, "quizzes": {}, "worksheets": {}, "pages": {}, "last": None, **parts}


def plant(page: Page, site_url: str, raw: str, then: str) -> None:
    """Put `raw` where the record is saved, then open `then` (a fresh load reads it)."""
    page.goto(site_url + "privacy/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.goto(site_url + then)


def errors_of(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def pick(page: Page, folder: Path, data: dict | str, name: str = "progress.json") -> None:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    page.set_input_files("#hn-data-file", str(path))


def export_file(site_url: str, state: dict, **extra) -> dict:
    return {"format": FORMAT, "version": 1, "site": site_url, "exported": "2026-01-02T03:04:05.000Z", "state": state,
            **extra}


def status(page: Page):
    return page.locator("[data-hn-data-status]")


def row(page: Page, lesson: str):
    return page.locator(f"[data-hn-progress] tr[data-hn-lesson='{lesson}']")


# 1 and 7: a wrong-typed value in each kind of field, forged results, a rating that is not one, a bad plan date.
SPOILED = record_of(
    quizzes={
        "what-networking-is-quiz": {"answers": {"why-the-word-grates": BAD, "definition-parts": ["0"]},
                                    "results": {"why-the-word-grates": "correct", "definition-parts": BAD},
                                    "revealed": {"acquaintances-news": "yes"}, "updated": BAD},
        # Forged: every question marked correct, none answered.
        "why-it-matters-quiz": {"answers": {}, "results": {q: "correct" for q in (
            "weak-ties-total", "seventy-percent", "tell-people", "referral-findings", "mentoring-effects",
            "insider-questions", "benefits-list", "job-search-order")}, "revealed": {}},
    },
    worksheets={
        "what-networking-is-worksheet": {"values": {
            "views/s1": BAD, "views/s2": "banana", "reflect/p1": 7, "reflect/p2": "kept text",
            "this-week/c1": "maybe"}, "updated": "2026-01-01T00:00:00.000Z"},
        "why-it-matters-worksheet": {"values": {"next-steps/goal-1": "Meet Sam", "next-steps/date-1": "next week"}},
        "hn-completion-record": {"values": {"learner/name": BAD}},
    },
    pages={"what-networking-is": {"title": BAD, "first": "yesterday", "last": 5}},
    last={"page": BAD, "title": "x", "time": "2026-01-01T00:00:00.000Z"},
)


def test_1_7_wrong_typed_values_are_dropped_by_name_and_every_page_still_works(page, site_url):
    errors = errors_of(page)
    plant(page, site_url, json.dumps(SPOILED), PROGRESS)
    expect(page.locator("[data-hn-progress]")).to_have_attribute("data-hn-mounted", "true")
    # The notice names what was left out, and lasts until seen here.
    notice = page.locator("[data-hn-data] .hn-data__message--warning")
    expect(notice).to_contain_text("could not be used")
    expect(notice).to_contain_text('quiz "what-networking-is-quiz", question "why-the-word-grates"')
    # Only real values count: the forged quiz is not passed, "banana" and "maybe" fill nothing.
    expect(row(page, "what-networking-is")).to_have_attribute("data-hn-status", "in-progress")
    expect(row(page, "what-networking-is")).to_contain_text("1 of 3 sections filled in")
    expect(row(page, "why-it-matters")).to_have_attribute("data-hn-status", "in-progress")
    expect(row(page, "why-it-matters")).to_contain_text("Not tried yet")
    saved = record(page)
    assert saved["quizzes"] == {"what-networking-is-quiz": {"answers": {"definition-parts": ["0"]}, "results": {},
                                                            "revealed": {}}}
    assert saved["worksheets"]["what-networking-is-worksheet"]["values"] == {"reflect/p2": "kept text"}
    assert saved["worksheets"]["why-it-matters-worksheet"]["values"] == {"next-steps/goal-1": "Meet Sam"}
    assert saved["pages"] == {"what-networking-is": {"title": ""}} and saved["last"] is None
    # The whole record as it was is kept, so nothing is lost.
    copies = page.evaluate("HN.store.backups().map(b => HN.store.backup(b.key))")
    assert [json.loads(c) for c in copies] == [SPOILED]

    page.goto(site_url + COMPLETION)
    expect(page.locator("[data-hn-completion]")).to_have_attribute("data-hn-mounted", "true")
    expect(page.locator("[data-hn-record] tr[data-hn-lesson='why-it-matters']")).to_contain_text("Not tried")
    expect(page.locator("[data-hn-fact=name]")).to_have_text("Not given")

    page.goto(site_url + LESSON_2)
    expect(lesson_quiz(page).locator(".hn-verdict")).to_have_count(0)
    expect(page.get_by_label("Goal 1", exact=True)).to_have_value("Meet Sam")

    page.goto(site_url + LESSON_1)
    sheet = page.locator("[data-hn-worksheet]").first
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    expect(lesson_quiz(page).locator("[data-hn-question='definition-parts'] input:checked")).to_have_count(1)
    sheet.locator("textarea").nth(2).fill("A new entry")
    page.wait_for_function("() => HN.store.read().worksheets['what-networking-is-worksheet'].values['reflect/p3']")
    assert record(page)["worksheets"]["what-networking-is-worksheet"]["values"] == {
        "reflect/p2": "kept text", "reflect/p3": "A new entry"}, "a keystroke deleted other entries"
    assert errors == []


def test_1_7_bad_file_fields_get_a_message_and_bad_values_are_named_before_merging(page, site_url, tmp_path):
    errors = errors_of(page)
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-data]")).to_have_attribute("data-hn-mounted", "true")
    pick(page, tmp_path, export_file(site_url, record_of(), site=BAD))
    expect(status(page)).to_contain_text("no site given")
    pick(page, tmp_path, export_file(site_url, record_of(), site="https://evil.example/" + "A" * 500 + "\u202e\n"))
    expect(status(page)).to_contain_text("comes from another site")
    text = status(page).inner_text()
    assert len(text) < 400 and "\u202e" not in text and "AAAA\u2026" in text, text

    state = record_of(
        quizzes={"what-networking-is-quiz": {"answers": {"why-the-word-grates": ["0"]}, "results": {}, "revealed": {},
                                             "updated": "9999-01-01T00:00:00.000Z"}},
        worksheets={"why-it-matters-worksheet": {"values": {"reflect/p1": "From the file"}, "updated": BAD}})
    pick(page, tmp_path, export_file(site_url, state, exported=BAD))
    choice = page.locator(".hn-data__choice:not([hidden])")
    expect(choice).to_contain_text("cannot be used as they are, so they will be left out or changed")
    expect(choice).to_contain_text('"updated" is in the future')
    expect(choice).to_contain_text('worksheet "why-it-matters-worksheet" "updated" is not a date')
    page.get_by_role("button", name="Merge").click()
    expect(status(page)).to_contain_text("Merged")
    saved = record(page)
    # 7: a date in the far future is set to now, so it cannot win every later merge.
    assert saved["quizzes"]["what-networking-is-quiz"]["updated"] < "2100"
    assert saved["worksheets"]["why-it-matters-worksheet"] == {"values": {"reflect/p1": "From the file"}}
    assert errors == []


def test_2_a_merge_too_big_for_storage_says_so_and_offers_export(page, site_url, tmp_path):
    page.add_init_script(f"({QUOTA})(60000)")
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-data]")).to_have_attribute("data-hn-mounted", "true")
    before = page.evaluate("k => localStorage.getItem(k)", KEY)
    big = {f"reflect/p{n}": "x" * 19000 for n in (1, 2, 3, 4)}
    pick(page, tmp_path, export_file(site_url, record_of(
        worksheets={"what-networking-is-worksheet": {"values": big}})))
    page.get_by_role("button", name="Merge").click()
    expect(status(page)).to_contain_text("could not be saved")
    expect(status(page)).not_to_contain_text("Merged: you now have")
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == before
    with page.expect_download() as download:
        status(page).get_by_role("button", name="Export your progress").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["state"]["worksheets"]["what-networking-is-worksheet"]["values"] == big
    status(page).get_by_role("button", name="Undo").click()
    expect(status(page)).to_contain_text("Undone: your progress is back as it was.")


def test_2_the_completion_record_warns_when_the_name_cannot_be_saved(page, site_url):
    page.add_init_script(f"({QUOTA})(0)")  # storage blocked: every save fails
    page.goto(site_url + COMPLETION)
    name = page.get_by_label("Your name, as it should appear on the record")
    name.fill("Ada Lovelace")
    name.press("Tab")
    warning = page.locator("[data-hn-completion] [role=status]")
    expect(warning).to_contain_text("can\u2019t be saved")
    with page.expect_download() as download:
        warning.get_by_role("button", name="Export your progress").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["state"]["worksheets"]["hn-completion-record"]["values"]["learner/name"] == "Ada Lovelace"


def test_3_two_tabs_on_one_worksheet_and_quiz_keep_both_tabs_entries(page, site_url):
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(site_url + LESSON_1)
        expect(tab.locator("[data-hn-worksheet]").first).to_have_attribute("data-hn-mounted", "true")
    boxes = [tab.locator("[data-hn-worksheet] textarea") for tab in (page, other)]
    boxes[0].nth(0).fill("Typed in the first tab")
    boxes[1].nth(1).fill("Typed in the second tab")  # within the first tab's save delay
    expect(boxes[0].nth(1)).to_have_value("Typed in the second tab")
    expect(boxes[1].nth(0)).to_have_value("Typed in the first tab")
    assert record(page)["worksheets"]["what-networking-is-worksheet"]["values"] == {
        "reflect/p1": "Typed in the first tab", "reflect/p2": "Typed in the second tab"}

    # Both tabs save at the same instant: the second tab's save is made from a record without
    # the first tab's answer. The first tab puts its answer back, and both tabs show both.
    stale = record(other)
    answer_question(lesson_quiz(page).locator("[data-hn-question='why-the-word-grates']"))
    stale["quizzes"]["what-networking-is-quiz"] = {"answers": {"definition-parts": ["0"]},
                                                  "results": {"definition-parts": "incorrect"}, "revealed": {}}
    other.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(stale)])
    for tab in (page, other):
        for qid in ("why-the-word-grates", "definition-parts"):
            expect(tab.locator(f"[data-hn-question='{qid}'] .hn-verdict")).to_be_visible()
    results = record(page)["quizzes"]["what-networking-is-quiz"]["results"]
    assert set(results) == {"why-the-word-grates", "definition-parts"}
    values = {sheet: data["values"] for sheet, data in record(page)["worksheets"].items()}
    assert values == {sheet: data["values"] for sheet, data in stale["worksheets"].items()}


def test_4_undo_refuses_to_revert_an_edit_made_in_another_tab(page, site_url, tmp_path):
    page.goto(site_url + PROGRESS)
    pick(page, tmp_path, export_file(site_url, record_of(
        worksheets={"why-it-matters-worksheet": {"values": {"reflect/p1": "From the file"}}})))
    page.get_by_role("button", name="Replace").click()
    expect(status(page)).to_contain_text("Replaced")
    other = page.context.new_page()
    other.goto(site_url + LESSON_1)
    answer_question(lesson_quiz(other).locator("[data-hn-question]").first)
    expect(row(page, "what-networking-is")).to_have_attribute("data-hn-status", "in-progress")
    status(page).get_by_role("button", name="Undo").click()
    expect(status(page)).to_contain_text("Not undone: your progress changed since then")
    saved = record(page)
    assert saved["quizzes"]["what-networking-is-quiz"]["results"], "the other tab's answer was reverted"
    assert saved["worksheets"]["why-it-matters-worksheet"]["values"] == {"reflect/p1": "From the file"}


def test_5_a_proto_file_pollutes_nothing(page, site_url, tmp_path):
    errors = errors_of(page)
    page.goto(site_url + PROGRESS)
    poison = '{"polluted": "yes", "title": "x", "first": "2026-01-01T00:00:00.000Z"}'
    text = json.dumps(export_file(site_url, record_of(
        worksheets={"why-it-matters-worksheet": {"values": {"reflect/p1": "Kept"}}})))
    text = text.replace('"pages": {}', f'"pages": {{"__proto__": {poison}}}').replace(
        '"quizzes": {}', f'"quizzes": {{"__proto__": {poison}, "constructor": {{"answers": {{"q": ["0"]}}}}}}')
    pick(page, tmp_path, text, "proto.json")
    choice = page.locator(".hn-data__choice:not([hidden])")
    expect(choice).to_contain_text("the name \u201c__proto__\u201d is not a valid name")
    page.get_by_role("button", name="Merge").click()
    expect(status(page)).to_contain_text("Merged")
    # The old merge wrote the visit's "first", "last" and "title" onto Object.prototype.
    assert page.evaluate("['polluted', 'first', 'last', 'title'].every(k => !(k in {}))")
    assert page.evaluate("Object.getPrototypeOf(HN.store.read().quizzes) === null")
    saved = record(page)
    assert "__proto__" not in saved["pages"] and set(saved["quizzes"]) == {"constructor"}
    page.reload()
    expect(row(page, "what-networking-is")).to_have_attribute("data-hn-status", "not-started")
    assert errors == []


def test_6_unreadable_data_too_big_to_copy_can_be_downloaded_and_reset(page, site_url):
    page.add_init_script(f"({QUOTA})(300000)")
    junk = "{" + "x" * 200000  # not JSON, and two copies of it do not fit
    plant(page, site_url, junk, LESSON_1)
    quiz = lesson_quiz(page)
    expect(quiz.locator(".hn-note")).to_contain_text("no room to keep a copy")
    answer_question(quiz.locator("[data-hn-question]").first)
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == junk, "the unreadable data was overwritten"

    page.goto(site_url + PROGRESS)
    recover = page.locator(".hn-data__group", has=page.locator("#hn-data-recover"))
    expect(recover).to_contain_text("could not be read")
    with page.expect_download() as download:
        recover.get_by_role("button", name="Download the copy").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == junk
    page.get_by_role("button", name="Reset everything…").click()
    page.get_by_role("button", name="Delete everything").click()
    expect(status(page)).to_contain_text("was deleted")
    expect(recover).to_be_hidden()
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))["quizzes"] == {}

    page.goto(site_url + LESSON_1)
    expect(lesson_quiz(page).locator(".hn-note")).to_have_count(0)
    answer_question(lesson_quiz(page).locator("[data-hn-question]").first)
    assert record(page)["quizzes"]["what-networking-is-quiz"]["results"]


def test_6_the_recovery_notice_lasts_until_seen_and_the_copy_can_be_discarded(page, site_url):
    plant(page, site_url, "{not json", LESSON_1)
    for path in (LESSON_1, LESSON_2):  # not only on the first load after the damage
        page.goto(site_url + path)
        expect(lesson_quiz(page).locator(".hn-note")).to_contain_text("could not be read")
    page.goto(site_url + PROGRESS)
    recover = page.locator(".hn-data__group", has=page.locator("#hn-data-recover"))
    expect(recover).to_contain_text("A copy was kept in this browser")
    with page.expect_download() as download:
        recover.get_by_role("button", name="Download the copy").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == "{not json"
    page.goto(site_url + LESSON_1)
    expect(lesson_quiz(page).locator(".hn-note")).to_have_count(0)  # seen on the progress page
    page.goto(site_url + PROGRESS)
    recover.get_by_role("button", name="Discard the copy").click()
    expect(status(page)).to_contain_text("The copy was discarded.")
    expect(recover).to_be_hidden()
    assert page.evaluate("HN.store.backups().length") == 0


def test_6_reset_does_not_say_deleted_when_storage_is_blocked(page, site_url):
    page.goto(site_url + LESSON_1)
    answer_question(lesson_quiz(page).locator("[data-hn-question]").first)
    page.add_init_script(f"({QUOTA})(0)")
    page.goto(site_url + PROGRESS)
    page.get_by_role("button", name="Reset everything…").click()
    page.get_by_role("button", name="Delete everything").click()
    expect(status(page)).to_contain_text("storage could not be changed")
    expect(status(page)).not_to_contain_text("was deleted")


def test_7_markdown_download_escapes_learner_html_and_links(page, site_url):
    page.goto(site_url + LESSON_1)
    sheet = page.locator("[data-hn-worksheet]").first
    sheet.locator("textarea").first.fill("<img src=x onerror=alert(1)> [click](javascript:alert(1))")
    with page.expect_download() as download:
        sheet.get_by_role("button", name="Download as Markdown").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))" in text
    assert "<img" not in text.replace("\\<img", "")


def test_7_long_names_wrap_on_a_360px_screen(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_url + COMPLETION)
        page.get_by_label("Your name, as it should appear on the record").fill("Ada" * 100)
        expect(page.locator("[data-hn-fact=name]")).to_contain_text("AdaAda")
        widths = [page.evaluate("document.documentElement.scrollWidth")]
        page.goto(site_url + PROGRESS)
        pick(page, tmp_path, export_file(site_url, record_of()), "progress-" + "b" * 150 + ".json")
        expect(page.get_by_role("button", name="Merge")).to_be_visible()
        widths.append(page.evaluate("document.documentElement.scrollWidth"))
    finally:
        context.close()
    assert widths == [360, 360]
