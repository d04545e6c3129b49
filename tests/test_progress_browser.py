"""Progress in Chromium: lesson states across pages and instant navigation, continue, nav marks, axe."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from browser_audit import COLOUR_RULES, SETTLE, axe_findings
from learner import (
    LESSON_1,
    LESSON_2,
    LESSON_3,
    answer_quiz,
    complete_lesson,
    fill_worksheet,
    lesson_quiz,
    nav_link,
    record,
)
from learner import LESSON_COUNT as COUNT

pytestmark = pytest.mark.browser

PROGRESS = "progress/"
COMPLETION = "completion/"


def row(page: Page, lesson_id: str):
    return page.locator(f"[data-hn-progress] tr[data-hn-lesson='{lesson_id}']")


def test_progress_follows_the_learner_across_pages_and_instant_navigation(page, site_url, console_errors):
    complete_lesson(page, site_url, LESSON_1)
    first = lesson_quiz(page).locator("[data-hn-question]").count()
    page.evaluate("window.__hnSamePage = true")  # survives instant navigation, not a full load
    status = page.locator("[data-hn-lesson-status]")
    expect(status).to_contain_text(f"Lesson 1 of {COUNT}. Complete.")

    nav_link(page, LESSON_2).click()
    expect(page).to_have_url(re.compile(re.escape(site_url + LESSON_2) + "(#.*)?$"))
    questions = answer_quiz(lesson_quiz(page), wrong=3)
    expect(page.locator("[data-hn-lesson-status]")).to_contain_text(f"Lesson 2 of {COUNT}. In progress.")
    expect(page.locator("[data-hn-lesson-status]")).to_contain_text(f"{questions - 3} of {questions} right")
    expect(nav_link(page, LESSON_1).locator(".hn-navmark--complete")).to_contain_text("(complete)")
    expect(nav_link(page, LESSON_2).locator(".hn-navmark--in-progress")).to_contain_text("(in progress)")
    expect(nav_link(page, LESSON_3).locator("[data-hn-navmark]")).to_have_count(0)

    nav_link(page, PROGRESS).click()
    expect(page).to_have_url(re.compile(re.escape(site_url + PROGRESS) + "(#.*)?$"))
    expect(row(page, "what-networking-is")).to_have_attribute("data-hn-status", "complete")
    expect(row(page, "what-networking-is")).to_contain_text(f"{first} of {first} right (100%), passed")
    expect(row(page, "what-networking-is")).to_contain_text("Done, every section filled in")
    expect(row(page, "why-it-matters")).to_have_attribute("data-hn-status", "in-progress")
    expect(row(page, "why-it-matters")).to_contain_text(f"{questions - 3} of {questions} right")
    expect(row(page, "the-giving-mindset")).to_contain_text("Not started")
    expect(page.locator("#hn-progress-bar")).to_have_attribute("value", "1")
    expect(page.locator("[data-hn-progress]")).to_contain_text(f"1 of {COUNT} lessons complete ({round(100 / COUNT)}%)")
    expect(page.locator("[data-hn-progress]")).to_contain_text(f"Quizzes passed: 1 of {COUNT}.")
    assert page.evaluate("window.__hnSamePage") is True, "the clicks should have used instant navigation"
    assert console_errors == []


def test_a_lesson_knows_only_its_part_of_the_manifest_and_keeps_the_rest(page, site_url, console_errors):
    """A lesson loads its own lesson's part of the manifest (hooks/assets.py), not the whole.

    What it cannot judge (another lesson's saved work, a visit to a lesson it does not know) it
    keeps as it is, and the others' marks come from the copy; the whole manifest, on the
    progress page, still drops what the course lacks, keeping a copy first.
    """
    complete_lesson(page, site_url, LESSON_3)
    lesson_3 = record(page)
    key = page.evaluate("HN.store.key")
    gone = {"title": "A lesson this course no longer has", "first": "2026-01-05T10:00:00.000Z",
            "last": "2026-01-05T10:00:00.000Z"}
    page.evaluate("([k, visit]) => { const r = JSON.parse(localStorage.getItem(k)); r.pages['gone-lesson'] = visit; "
                  "localStorage.setItem(k, JSON.stringify(r)); }", [key, gone])

    page.goto(site_url + LESSON_1)
    assert page.evaluate("HN.manifest.partial && HN.manifest.lessons.map(l => l.id)") == ["what-networking-is"]
    expect(page.locator("[data-hn-lesson-status]")).to_contain_text(f"Lesson 1 of {COUNT}. In progress.")
    answer_quiz(lesson_quiz(page), wrong=3)  # below the pass mark: in progress
    expect(nav_link(page, LESSON_3).locator(".hn-navmark--complete")).to_contain_text("(complete)")  # from the copy
    saved = record(page)
    for part in ("quizzes", "worksheets", "review"):
        assert {k: v for k, v in saved[part].items() if k.startswith("the-giving-mindset")} == lesson_3[part]
    assert saved["pages"]["gone-lesson"] == gone and saved["pages"]["the-giving-mindset"]
    assert page.evaluate("HN.store.backups().length") == 0

    page.goto(site_url + "glossary/")  # the copy a reading page shows has both lessons' marks
    expect(nav_link(page, LESSON_3).locator(".hn-navmark--complete")).to_contain_text("(complete)")
    expect(nav_link(page, LESSON_1).locator(".hn-navmark--in-progress")).to_contain_text("(in progress)")

    page.goto(site_url + LESSON_1)
    page.evaluate("window.__hnSamePage = true")
    nav_link(page, PROGRESS).click()  # instant navigation brings the whole manifest after the lesson's part
    expect(row(page, "the-giving-mindset")).to_have_attribute("data-hn-status", "complete")
    expect(row(page, "what-networking-is")).to_have_attribute("data-hn-status", "in-progress")
    expect(page.locator("[data-hn-progress] tr[data-hn-lesson]")).to_have_count(COUNT)
    assert page.evaluate("window.__hnSamePage") is True, "the click should have used instant navigation"
    assert page.evaluate("HN.manifest.partial") is None
    expect(page.get_by_text("A lesson this course no longer has")).to_have_count(0)
    assert "gone-lesson" not in record(page)["pages"]
    kept = page.evaluate("HN.store.backups().map(b => HN.store.backup(b.key))")
    assert len(kept) == 1 and json.loads(kept[0])["pages"]["gone-lesson"] == gone
    assert console_errors == []


def test_progress_page_updates_when_another_tab_saves(page, site_url):
    page.goto(site_url + PROGRESS)
    expect(row(page, "the-giving-mindset")).to_have_attribute("data-hn-status", "not-started")
    other = page.context.new_page()
    other.goto(site_url + LESSON_3)
    fill_worksheet(other.locator("[data-hn-worksheet]").first)
    expect(row(page, "the-giving-mindset")).to_have_attribute("data-hn-status", "worksheet-done")
    expect(row(page, "the-giving-mindset")).to_contain_text("Worksheet done")


def test_continue_where_you_left_off(page, site_url):
    page.goto(site_url + LESSON_1)
    page.goto(site_url + LESSON_3)
    page.goto(site_url + PROGRESS)
    resume = page.locator("section.hn-continue")
    expect(resume).to_contain_text("You last opened Lesson 3: The giving mindset")
    expect(resume).to_contain_text("Next lesson to finish: Lesson 1:")
    saved = record(page)
    assert saved["last"]["page"] == "the-giving-mindset"
    assert set(saved["pages"]) == {"what-networking-is", "the-giving-mindset"}

    page.goto(site_url)
    home = page.locator("[data-hn-continue]")
    expect(home).to_contain_text("Continue where you left off: Lesson 3: The giving mindset")
    home.get_by_role("link", name="Lesson 3: The giving mindset").click()
    expect(page).to_have_url(re.compile(re.escape(site_url + LESSON_3) + "(#.*)?$"))

    nav_link(page, PROGRESS).click()
    page.get_by_role("link", name="Continue: lesson 3").click()
    expect(page).to_have_url(re.compile(re.escape(site_url + LESSON_3) + "(#.*)?$"))

    # To the home page without a reload, from a freshly loaded lesson, which does not load
    # progress-page.js: instant navigation runs it from the home page's article.
    page.goto(site_url + LESSON_3)
    page.evaluate("window.__hnSamePage = true")
    page.locator(".md-header a.md-logo").click()
    expect(page).to_have_url(site_url)
    expect(home).to_contain_text("Continue where you left off: Lesson 3: The giving mindset")
    assert page.evaluate("window.__hnSamePage") is True, "the click should have used instant navigation"


def test_reading_pages_show_the_marks_without_the_saved_progress_scripts(page, site_url, console_errors):
    """A reading page loads navmarks.js, not the manifest, storage.js and progress.js.

    It shows the marks progress.js last kept, and follows another tab's changes.
    """
    complete_lesson(page, site_url, LESSON_1)
    page.goto(site_url + "glossary/")
    assert page.evaluate("typeof window.HN.store + typeof window.HN.manifest") == "undefinedundefined"
    expect(nav_link(page, LESSON_1).locator(".hn-navmark--complete")).to_contain_text("(complete)")
    expect(nav_link(page, LESSON_2).locator("[data-hn-navmark]")).to_have_count(0)

    other = page.context.new_page()  # another tab opens lesson 2: its visit puts it in progress
    other.goto(site_url + LESSON_2)
    expect(other.locator("[data-hn-lesson-status]")).to_contain_text("In progress.")
    expect(nav_link(page, LESSON_2).locator(".hn-navmark--in-progress")).to_contain_text("(in progress)")
    other.close()

    # The copy is only a display: damaged, it shows no marks and breaks nothing; the record is untouched.
    key = page.evaluate("HN.navmarks.key")
    saved = page.evaluate(f"localStorage.getItem({json.dumps(key.removesuffix(':marks'))})")
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, '{{not json')")
    page.reload()
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("[data-hn-navmark]")).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem({json.dumps(key.removesuffix(':marks'))})") == saved
    nav_link(page, LESSON_1).click()  # a lesson redraws the marks from the record, and keeps them again
    expect(nav_link(page, LESSON_1).locator(".hn-navmark--complete")).to_contain_text("(complete)")
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))["v"] == 1
    assert console_errors == []


def test_a_new_learner_is_told_where_to_start(page, site_url):
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-progress]")).to_have_attribute("data-hn-mounted", "true")
    expect(page.locator("section.hn-continue")).to_contain_text("You have not opened a lesson yet. Start with Lesson 1")
    expect(page.locator("[data-hn-progress] tbody tr[data-hn-status='not-started']")).to_have_count(COUNT)
    page.goto(site_url)
    expect(page.locator("[data-hn-continue]")).to_be_empty()
    expect(page.locator("[data-hn-navmark]")).to_have_count(0)


CANON = """([html, selector]) => {
  // Tags, sorted attributes (links as the address they lead to) and text: what a reader gets.
  const canon = (node) => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1) return "";
    const attrs = [...node.attributes].map(a => a.name + "=" + (a.name === "href" ? node.href : a.value)).sort();
    return "<" + node.tagName + " " + attrs.join(" ") + ">" + [...node.childNodes].map(canon).join("") + "</>";
  };
  const built = document.createElement("div");
  built.innerHTML = html;
  document.body.appendChild(built);  // so relative links resolve against this page
  const drawn = document.querySelector(selector);
  const result = [[...built.childNodes].map(canon).join(""), [...drawn.childNodes].map(canon).join("")];
  built.remove();
  return result;
}"""


def test_the_built_progress_page_is_what_progress_js_draws_for_a_new_learner(page, site_url, site_dir):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site_dir / PROGRESS / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("[data-hn-progress] .hn-progress__first")
    assert first is not None, "hooks/progress_page.py wrote no first-visit view"
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-progress]")).to_have_attribute("data-hn-mounted", "true")
    built, drawn = page.evaluate(CANON, [first.decode_contents(), "[data-hn-progress]"])
    assert built == drawn


def test_nothing_moves_when_a_new_learner_opens_the_progress_page(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({type: "layout-shift", buffered: true});""")
    page.goto(site_url + PROGRESS)
    expect(page.locator("[data-hn-progress]")).to_have_attribute("data-hn-mounted", "true")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__shift") < 0.01  # it was 0.56 when progress.js drew the page from nothing
    context.close()


def test_readers_without_javascript_see_the_fallback_not_the_first_visit_view(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PROGRESS)
    expect(page.locator(".hn-progress__fallback")).to_be_visible()
    expect(page.locator(".hn-progress__first")).to_be_hidden()
    context.close()


def test_progress_page_lists_the_lessons_of_the_manifest_in_order(page, site_url, site_dir):
    manifest = json.loads((site_dir / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    page.goto(site_url + PROGRESS)
    rows = page.locator("[data-hn-progress] tbody tr")
    expect(rows).to_have_count(len(manifest["lessons"]))
    shown = rows.evaluate_all("rs => rs.map(r => r.dataset.hnLesson)")
    assert shown == [lesson["id"] for lesson in manifest["lessons"]]
    assert page.evaluate("HN.manifest") == manifest


@pytest.mark.parametrize("path", [PROGRESS, COMPLETION])
def test_axe_finds_nothing_on_the_learner_pages_in_light_and_dark(browser, site_url, path, tmp_path):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    try:
        complete_lesson(page, site_url, LESSON_1)
        page.goto(site_url + LESSON_2)
        answer_quiz(lesson_quiz(page), wrong=2)
        page.goto(site_url + path)
        if path == PROGRESS:
            # Show everything the page can show: a pending import's choices, then a refusal.
            page.get_by_role("button", name="Reset everything…").click()
            expect(page.get_by_role("button", name="Delete everything")).to_be_visible()
            good = tmp_path / "progress.json"
            good.write_text(json.dumps(page.evaluate("HN.data.exportData()")), encoding="utf-8")
            page.set_input_files("#hn-data-file", str(good))
            expect(page.get_by_role("button", name="Merge")).to_be_visible()
        else:
            page.get_by_label("Your name, as it should appear on the record").fill("Ada Lovelace")
            expect(page.locator("[data-hn-record]")).to_contain_text("Ada Lovelace")
        page.evaluate(SETTLE)
        light = axe_findings(page)
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.evaluate(SETTLE)
        dark = axe_findings(page, COLOUR_RULES)
    finally:
        context.close()
    assert light == [], "\n".join(light)
    assert dark == [], "\n".join(dark)


def test_a_first_visit_fills_in_the_lesson_status_without_moving_the_lesson(browser, site_url):
    """The line under the title changes on a first visit; the text below it must not jump (CLS)."""
    tops = {}
    for scripts in (False, True):
        context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(site_url + LESSON_1)
        status = page.locator("[data-hn-lesson-status]")
        if scripts:
            expect(status).to_contain_text(f"Lesson 1 of {COUNT}. In progress.")
        else:
            expect(status).to_contain_text(f"Lesson 1 of {COUNT}. Not started.")
        tops[scripts] = page.locator(".md-content__inner h2").first.bounding_box()["y"]
        context.close()
    assert tops[True] == tops[False], "the status line grew on a first visit and pushed the lesson down"
