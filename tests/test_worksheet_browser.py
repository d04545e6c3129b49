"""Worksheets in Chromium: rating bands and chart, saving as you type, download, print, clear."""

from __future__ import annotations

import datetime
import json
import re

import icalendar
import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_audit import COLOUR_RULES, SETTLE, axe_findings

pytestmark = pytest.mark.browser

AUTHORING = "authoring/writing-exercises/"
SHEET = "[data-hn-worksheet=demo-worksheet]"
QUIZ_ON_PAGE = "[data-hn-quiz=demo-quiz]"
# The demo's ratings: "avoid" is reversed, so 4 + 5 + (6 - 2) = 13, in "Ready to write" (12 to 15).
RATINGS = {"yaml": "4", "feedback": "5", "avoid": "2"}
NOTES = "[data-hn-section=notes] textarea"


def open_sheet(page: Page, site_url: str) -> Locator:
    page.goto(site_url + AUTHORING)
    sheet = page.locator(SHEET)
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    return sheet


def rate(sheet: Locator, ratings: dict[str, str]) -> None:
    for statement, value in ratings.items():
        sheet.locator(f"[data-hn-statement='{statement}'] input[value='{value}']").check()


def fill_everything(sheet: Locator) -> None:
    rate(sheet, RATINGS)
    sheet.locator(NOTES).fill("Asking for an insider chat.\nWith a second line.")
    sheet.get_by_label("I ran make check and it passed.").check()
    sheet.get_by_label("Goal 1", exact=True).fill("Write a quiz | for lesson 3")
    sheet.get_by_label("First step for goal 1").fill("Read the lesson")
    sheet.get_by_label("Date for goal 1").fill("2030-01-31")


def stored(page: Page) -> dict:
    key = page.evaluate("HN.store.key")
    return json.loads(page.evaluate("k => localStorage.getItem(k)", key) or "null")


def test_rating_scores_reverse_items_into_a_band_with_a_chart(page, site_url, console_errors):
    sheet = open_sheet(page, site_url)
    result = sheet.locator("[data-hn-result]")
    rate(sheet, {"yaml": "4"})
    expect(result).to_have_text("You have rated 1 of 3 statements. Rate them all to see your total.")
    expect(sheet.locator("figure")).to_have_count(0)
    rate(sheet, RATINGS)
    expect(result).to_contain_text("Your total: 13 of 15. Ready to write.")
    expect(result).to_contain_text("You are ready. Pick a lesson and draft its quiz.")
    figure = sheet.locator("figure.hn-gauge")
    expect(figure.locator("svg")).to_have_attribute("aria-hidden", "true")
    expect(figure.locator("figcaption")).to_have_text(
        "Chart: your total of 13 on the scale from 3 to 15. "
        "Bands: 3 to 7 Getting started; 8 to 11 On your way; 12 to 15 Ready to write."
    )
    rate(sheet, {"avoid": "5"})  # reversed: counts as 1
    expect(result).to_contain_text("Your total: 10 of 15. On your way.")
    expect(figure).to_have_count(1)
    assert console_errors == []


def test_entries_are_saved_as_you_type_and_restored(page, site_url):
    sheet = open_sheet(page, site_url)
    fill_everything(sheet)
    # Text is saved after a short pause in typing.
    page.wait_for_function("() => ((HN.store.read().worksheets['demo-worksheet'] || {}).values || {})['goals/step-1']")
    values = stored(page)["worksheets"]["demo-worksheet"]["values"]
    assert values == {
        "confidence/yaml": "4",
        "confidence/feedback": "5",
        "confidence/avoid": "2",
        "notes/question-idea": "Asking for an insider chat.\nWith a second line.",
        "steps/check": "true",
        "goals/goal-1": "Write a quiz | for lesson 3",
        "goals/step-1": "Read the lesson",
        "goals/date-1": "2030-01-31",
    }
    page.reload()
    sheet = page.locator(SHEET)
    expect(sheet.locator(NOTES)).to_have_value("Asking for an insider chat.\nWith a second line.")
    expect(sheet.get_by_label("I ran make check and it passed.")).to_be_checked()
    expect(sheet.get_by_label("I looked at the page with make serve.")).not_to_be_checked()
    expect(sheet.get_by_label("Date for goal 1")).to_have_value("2030-01-31")
    expect(sheet.locator("[data-hn-statement=avoid] input[value='2']")).to_be_checked()
    expect(sheet.locator("[data-hn-result]")).to_contain_text("Your total: 13 of 15.")


def test_text_typed_just_before_instant_navigation_is_kept(page, site_url):
    sheet = open_sheet(page, site_url)
    page.evaluate("window.__hnMarker = 1")
    sheet.locator(NOTES).press_sequentially("typed fast")
    page.locator(".md-nav__link", has_text="Why it matters").first.click()  # before the save delay ends
    expect(page).to_have_url(re.compile(r"lessons/why-it-matters/(#.*)?$"))
    # Material's anchor tracking may add a history entry for a heading on either page.
    # On a busy machine the URL can change a moment after go_back returns, so wait for it
    # before deciding to step back again.
    for _ in range(4):
        page.go_back()
        try:
            page.wait_for_url(re.compile(re.escape(AUTHORING)), timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    sheet = page.locator(SHEET)
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    assert page.evaluate("window.__hnMarker") == 1
    expect(sheet.locator(NOTES)).to_have_value("typed fast")
    expect(sheet.get_by_role("button", name="Download as Markdown")).to_have_count(1)


def test_the_file_code_is_fetched_only_when_a_learner_asks_and_a_failure_is_said(page, site_url):
    # worksheet-files.js makes the Markdown and calendar files: a lesson does not download it up front.
    fetched, blocked = [], [True]
    page.on("request", lambda request: fetched.append(request.url))

    def route(route):
        if blocked[0]:
            route.abort()
        else:
            route.continue_()

    page.route("**/worksheet-files.js", route)
    sheet = open_sheet(page, site_url)
    fill_everything(sheet)
    assert not [url for url in fetched if url.endswith("/worksheet-files.js")]
    sheet.get_by_role("button", name="Download as Markdown").click()  # the file cannot be fetched
    expect(sheet.locator("[data-hn-status]")).to_contain_text("The file could not be made")
    expect(sheet.locator(NOTES)).to_have_value("Asking for an insider chat.\nWith a second line.")
    blocked[0] = False  # back online: the next press fetches it again and works
    with page.expect_download() as info:
        sheet.get_by_role("button", name="Download as Markdown").click()
    assert info.value.suggested_filename == "demo-worksheet.md"
    expect(sheet.locator("[data-hn-status]")).to_contain_text("Downloaded demo-worksheet.md")


def test_download_is_markdown_with_the_entries_and_the_band(page, site_url):
    sheet = open_sheet(page, site_url)
    fill_everything(sheet)
    with page.expect_download() as info:
        sheet.get_by_role("button", name="Download as Markdown").click()
    download = info.value
    assert download.suggested_filename == "demo-worksheet.md"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("# Demo worksheet: every section kind\n")
    assert "- I would rather not write quiz questions at all. (reversed: counts as 6 minus the rating): 2" in text
    assert "**Total: 13** (from 3 to 15). **Ready to write.** You are ready." in text
    assert "Asking for an insider chat.\nWith a second line." in text
    assert "- [x] I ran make check and it passed." in text
    assert "- [ ] I looked at the page with make serve." in text
    assert "| Write a quiz \\| for lesson 3 | Read the lesson | 2030-01-31 |" in text
    expect(sheet.locator("[data-hn-status]")).to_contain_text("Downloaded demo-worksheet.md")


def test_print_shows_the_entries_and_hides_the_chrome(page, site_url):
    page.add_init_script("window.print = () => { window.__hnPrinted = (window.__hnPrinted || 0) + 1; }")
    sheet = open_sheet(page, site_url)
    fill_everything(sheet)
    sheet.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__hnPrinted") == 1
    page.emulate_media(media="print")
    expect(sheet.locator(NOTES)).to_be_hidden()
    expect(sheet.locator(f"{NOTES} + .hn-print-copy")).to_have_text("Asking for an insider chat.\nWith a second line.")
    expect(sheet.locator(f"{NOTES} + .hn-print-copy")).to_be_visible()
    expect(sheet.get_by_label("Goal 1", exact=True)).to_have_value("Write a quiz | for lesson 3")
    expect(sheet.get_by_label("Goal 1", exact=True)).to_be_visible()
    expect(sheet.locator(".hn-worksheet__actions")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    # "Print" on a worksheet prints that worksheet, not the whole page.
    expect(page.locator(QUIZ_ON_PAGE)).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator(QUIZ_ON_PAGE)).to_be_visible()


def test_clear_asks_first_then_empties_the_worksheet(page, site_url):
    sheet = open_sheet(page, site_url)
    fill_everything(sheet)
    page.wait_for_function("() => HN.store.read().worksheets['demo-worksheet']")
    page.once("dialog", lambda dialog: dialog.dismiss())
    sheet.get_by_role("button", name="Clear worksheet").click()
    expect(sheet.locator(NOTES)).not_to_have_value("")
    messages: list[str] = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    sheet.get_by_role("button", name="Clear worksheet").click()
    assert messages and "Demo worksheet: every section kind" in messages[0]
    expect(sheet.locator(NOTES)).to_have_value("")
    expect(sheet.locator("input:checked")).to_have_count(0)
    expect(sheet.get_by_label("Goal 1", exact=True)).to_have_value("")
    expect(sheet.locator("[data-hn-result]")).to_be_empty()
    expect(sheet.locator("figure")).to_have_count(0)
    expect(sheet.locator("[data-hn-status]")).to_have_text("Your entries were cleared.")
    expect(sheet.locator("input").first).to_be_focused()
    assert "demo-worksheet" not in stored(page)["worksheets"]
    page.reload()
    expect(page.locator(SHEET).locator(NOTES)).to_have_value("")


# --- Drafts: a message checked against the author's rules ---------------------------------

def draft_checks(sheet: Locator) -> dict[str, str]:
    """Each rule of the demo draft with its mark as the page shows it ("" before any text)."""
    items = sheet.locator("[data-hn-section=message] [data-hn-rule]")
    return {item.locator(".hn-draft__rule").inner_text(): item.locator(".hn-draft__mark").inner_text()
            for item in items.all()}


def test_draft_checklist_follows_the_writing_and_is_announced_once_typing_pauses(page, site_url, console_errors):
    sheet = open_sheet(page, site_url)
    draft = sheet.get_by_label("Your message")
    live = sheet.locator("[data-hn-section=message] [data-hn-draft-result]")
    expect(live).to_have_attribute("aria-live", "polite")
    assert set(draft_checks(sheet).values()) == {""}  # nothing written: no marks yet
    draft.focus()
    page.keyboard.type("Hi Sam, I need this urgent")
    expect(sheet.locator("[data-hn-rule=words] .hn-draft__note")).to_have_text(" You have 6 words.")
    assert draft_checks(sheet) == {"Keep it to 10 to 60 words.": "To do", "Say what you wrote.": "To do",
                                   "No deadline pressure.": "To do", "Ask one clear question.": "To do"}
    # The advice shows for the rules not met, and the word "Urgent" is named as found.
    expect(sheet.locator("[data-hn-rule=avoids] .hn-draft__note")).to_have_text(" Found \u201curgent\u201d.")
    expect(sheet.locator("[data-hn-rule=avoids] .hn-draft__feedback")).to_be_visible()
    assert ("No deadline pressure. Found \u201curgent\u201d.\nA polite request"  # what was found, then the advice
            in sheet.locator("[data-hn-rule=avoids]").inner_text())
    # Announced once, after the pause, not on every keystroke.
    expect(live).to_have_text(
        "Your draft passes 0 of 4 checks. Still to do: Keep it to 10 to 60 words; Say what you wrote; "
        "No deadline pressure; Ask one clear question.")
    announced = []
    page.expose_function("hnSaid", lambda text: announced.append(text))
    live.evaluate("el => new MutationObserver(() => window.hnSaid(el.textContent)).observe(el, "
                  "{childList: true, subtree: true, characterData: true})")
    draft.fill("")
    draft.focus()
    page.keyboard.type("Hi Sam, I wrote my first Questions for the demo. Could you try them this week? "
                       "Thanks, Ada", delay=20)
    expect(live).to_have_text("Your draft passes all 4 checks.")
    assert announced == ["Your draft passes all 4 checks."]
    assert set(draft_checks(sheet).values()) == {"Done"}
    expect(sheet.locator("[data-hn-rule=avoids] .hn-draft__feedback")).to_be_hidden()
    # A second question fails "one clear question".
    page.keyboard.type(" Is Friday OK?")
    expect(sheet.locator("[data-hn-rule=question]")).to_contain_text("To do")
    expect(sheet.locator("[data-hn-rule=question] .hn-draft__note")).to_have_text(" You ask 2 questions.")
    expect(live).to_have_text("Your draft passes 3 of 4 checks. Still to do: Ask one clear question.")
    # Saved like any entry, restored with its checklist, and downloaded with it.
    page.wait_for_function("() => ((HN.store.read().worksheets['demo-worksheet'] || {}).values || {})['message/text']")
    assert stored(page)["worksheets"]["demo-worksheet"]["values"]["message/text"].endswith("Is Friday OK?")
    page.reload()
    sheet = page.locator(SHEET)
    expect(sheet.locator("[data-hn-rule=question]")).to_contain_text("To do")
    expect(sheet.locator("[data-hn-rule=words]")).to_contain_text("Done")
    expect(live).to_be_empty()  # restoring is not news
    with page.expect_download() as info:
        sheet.get_by_role("button", name="Download as Markdown").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "## Draft a message\n\nHi Sam, I wrote my first Questions" in text
    assert "- [x] Keep it to 10 to 60 words. You have 21 words." in text
    assert "- [ ] Ask one clear question. You ask 2 questions." in text
    # axe, in both palettes, with the marks and the summary on the page.
    page.evaluate(SETTLE)
    assert axe_findings(page) == []
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.evaluate(SETTLE)
    assert axe_findings(page, COLOUR_RULES) == []
    # Printed with its checklist and marks.
    page.emulate_media(media="print")
    expect(sheet.locator("[data-hn-section=message] .hn-print-copy")).to_contain_text("Is Friday OK?")
    expect(sheet.locator("[data-hn-rule=question] .hn-draft__mark")).to_be_visible()
    assert console_errors == []


def test_draft_rules_are_a_static_checklist_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + AUTHORING)
    section = page.locator(f"{SHEET} [data-hn-section=message]")
    expect(section.get_by_label("Your message")).to_be_editable()
    expect(section.locator("li")).to_have_text([
        "Keep it to 10 to 60 words. A reviewer reads a short note first. Say what you wrote and what you need.",
        "Say what you wrote. Name the quiz or its questions, so they know what to look at.",
        "No deadline pressure. A polite request gets a better review than a rushed one.",
        "Ask one clear question. End with one question they can answer, such as \"Could you try it this week?\"",
    ])
    context.close()


# --- Add to calendar: the plan's dated rows as an iCalendar file --------------------------

PLAN_LESSON = "lessons/your-networking-plan/"
PLAN = "[data-hn-section=thirty-day-plan]"
# A summary with every character RFC 5545 escapes or folds: commas, semicolons, a backslash,
# non-ASCII letters and an emoji, long enough to fold across several lines.
GOALS = {
    1: ("Coffee with Zoë, Ana; Kofi \\ the data team \u2615 and a very long goal that runs well past the limit "
        "of seventy-five octets on one line, with \u00e9\u00e8 accents", "Message Zoë on Slack, today", "2030-01-06"),
    2: ("Meetup: Python Lagos", "", "2030-01-13"),
    3: ("No date yet", "so no event", ""),
}


def fill_plan(section: Locator) -> None:
    for row, (goal, step, day) in GOALS.items():
        section.get_by_label(f"Goal {row}", exact=True).fill(goal)
        section.get_by_label(f"First step for goal {row}").fill(step)
        section.get_by_label(f"Date for goal {row}").fill(day)


def download_calendar(page: Page, section: Locator, name: str) -> bytes:
    with page.expect_download() as info:
        section.get_by_role("button", name="Add to calendar").click()
    assert info.value.suggested_filename == name
    return open(info.value.path(), "rb").read()


def test_plan_downloads_an_icalendar_file_of_its_dated_steps(page, site_url, console_errors):
    page.goto(site_url + PLAN_LESSON)
    sheet = page.locator("[data-hn-worksheet=your-networking-plan-worksheet]")
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    section = sheet.locator(PLAN)
    section.get_by_role("button", name="Add to calendar").click()
    expect(sheet.locator("[data-hn-status]")).to_have_text(
        "Add a date to at least one row, then add the plan to your calendar.")
    fill_plan(section)
    # All-day events, from the keyboard (tests/test_keyboard.py checks the tab order).
    section.get_by_role("button", name="Add to calendar").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "your-networking-plan-worksheet-thirty-day-plan.ics"
    raw = open(info.value.path(), "rb").read()
    expect(sheet.locator("[data-hn-status]")).to_contain_text("with 2 dated steps")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line ends only
    assert all(len(line) <= 75 for line in lines), "a line longer than 75 octets is not folded"
    assert any(line.startswith(b" ") for line in lines), "the long summary should be folded"
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    assert b"SUMMARY:Coffee with Zo\xc3\xab\\, Ana\\; Kofi \\\\ the data team" in raw.replace(b"\r\n ", b"")
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [GOALS[1][0], GOALS[2][0]]
    assert [e["DTSTART"].dt for e in events] == [datetime.date(2030, 1, 6), datetime.date(2030, 1, 13)]
    assert [e["DTEND"].dt for e in events] == [datetime.date(2030, 1, 7), datetime.date(2030, 1, 14)]
    assert str(events[0]["DESCRIPTION"]).startswith("First step: Message Zoë on Slack, today\nFrom your worksheet")
    assert len({str(e["UID"]) for e in events}) == 2
    for event in events:
        assert isinstance(event["DTSTAMP"].dt, datetime.datetime) and event["DTSTAMP"].dt.tzinfo is not None
        alarm = event.walk("VALARM")[0]
        assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == -datetime.timedelta(hours=15)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    # Timed events at the learner's chosen time, with a reminder an hour before.
    section.get_by_label("Time of day (optional: leave empty for all-day events)").fill("18:30")
    timed = icalendar.Calendar.from_ical(
        download_calendar(page, section, "your-networking-plan-worksheet-thirty-day-plan.ics")).walk("VEVENT")
    assert [e["DTSTART"].dt for e in timed] == [datetime.datetime(2030, 1, 6, 18, 30),
                                                 datetime.datetime(2030, 1, 13, 18, 30)]
    assert all(e["DURATION"].dt == datetime.timedelta(minutes=30) for e in timed)
    assert all(e.walk("VALARM")[0]["TRIGGER"].dt == -datetime.timedelta(hours=1) for e in timed)
    assert [str(e["UID"]) for e in timed] == [str(e["UID"]) for e in events]  # the same steps, updated
    # axe, in both palettes, with the calendar controls on the page.
    page.evaluate(SETTLE)
    assert axe_findings(page) == []
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.evaluate(SETTLE)
    assert axe_findings(page, COLOUR_RULES) == []
    assert console_errors == []


def test_contact_rhythm_goes_to_the_calendar_too(page, site_url):
    page.goto(site_url + "lessons/keeping-your-network-alive/")
    section = page.locator("[data-hn-section=contact-rhythm]")
    section.get_by_label("Goal 1", exact=True).fill("Check in with Chiara")
    section.get_by_label("Date for goal 1").fill("2030-03-02")
    raw = download_calendar(page, section, "keeping-your-network-alive-worksheet-contact-rhythm.ics")
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert (str(event["SUMMARY"]), event["DTSTART"].dt) == ("Check in with Chiara", datetime.date(2030, 3, 2))
    assert event.walk("VALARM")
