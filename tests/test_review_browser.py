"""Spaced review in Chromium: answer, travel in time with Playwright's clock, review, move boxes.

The clock is Playwright's (`page.clock.set_fixed_time`), in a time zone far from UTC, so the
days the queue uses are the learner's own calendar days. Also: the queue is exported and
imported with the rest, a real version 1 export (tests/fixtures/progress-v1.json, made with
the course before the queue existed) imports with a queue derived from its results, a corrupt
queue entry is dropped and nothing else is, the review page works by keyboard, passes axe in
both palettes, and lists the quizzes with JavaScript off.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from browser_audit import COLOUR_RULES, SETTLE, axe_findings
from conftest import serve
from learner import LESSON_1, answer_question, lesson_quiz, record

pytestmark = pytest.mark.browser

ZONE = "Pacific/Auckland"  # 13 hours ahead of UTC in March: the local day is not the UTC day
# 08:00 on a Monday in Auckland, which is still Sunday in UTC.
START = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo(ZONE))
FORMAT = "the-human-network/progress"
QUIZ = "what-networking-is-quiz"
FIXTURE = Path(__file__).parent / "fixtures" / "progress-v1.json"


def day(offset: int) -> str:
    return (START + timedelta(days=offset)).date().isoformat()


@pytest.fixture
def learner(browser):
    """Yield a page in Auckland whose clock stands still at START until a test moves it."""
    context = browser.new_context(timezone_id=ZONE, accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(START)
    yield page
    context.close()


def travel(page: Page, days: int) -> None:
    page.clock.set_fixed_time(START + timedelta(days=days))


def review_count(page: Page):
    return page.locator("[data-hn-review-count]")


def due_questions(page: Page):
    return page.locator("[data-hn-review-bank] [data-hn-question]:visible")


def export(page: Page, folder: Path) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="Export your progress").click()
    path = folder / "export.json"
    download.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def import_file(page: Page, folder: Path, data: dict, choice: str = "Replace") -> None:
    path = folder / "import.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page.set_input_files("#hn-data-file", str(path))
    page.get_by_role("button", name=choice).click()
    expect(page.locator("[data-hn-data-status]")).to_contain_text("Replaced" if choice == "Replace" else "Merged")


def test_answer_travel_review_and_carry_the_queue_to_another_browser(learner, browser, site_url, tmp_path):
    page = learner
    page.goto(site_url + LESSON_1)
    questions = lesson_quiz(page).locator("[data-hn-question]")
    first, second = (questions.nth(i).get_attribute("data-hn-question") for i in (0, 1))
    answer_question(questions.nth(0), right=True)
    answer_question(questions.nth(1), right=False)
    queue = record(page)["review"][QUIZ]
    assert record(page)["version"] == 2
    assert {q: (e["box"], e["due"]) for q, e in queue.items()} == {first: (2, day(3)), second: (1, day(1))}

    page.goto(site_url)  # nothing is due on the day of the quiz
    expect(page.locator("[data-hn-continue]")).to_contain_text("Continue where you left off")
    expect(review_count(page)).to_have_count(0)

    travel(page, 1)  # the missed question is back the next day, on the home and progress pages
    page.goto(site_url)
    expect(review_count(page)).to_have_text("1 question to review: quiz questions from earlier lessons, due today.")
    page.goto(site_url + "progress/")
    expect(review_count(page)).to_have_attribute("data-hn-review-count", "1")
    review_count(page).get_by_role("link").click()
    page.wait_for_url("**/review/")
    # The review page carries every quiz of the course: on a busy machine it takes a while.
    expect(page.locator("[data-hn-review]")).to_have_attribute("data-hn-mounted", "true", timeout=30_000)

    expect(page.locator("[data-hn-review-status]")).to_have_text(
        f"1 question to review today. Answer it below. Next: 1 question on {START + timedelta(days=3):%A %-d %B}.")
    expect(due_questions(page)).to_have_count(1)
    question = due_questions(page).first
    assert question.get_attribute("data-hn-question") == second
    answer_question(question, right=True)
    review_link = question.locator(".hn-answer__review")  # "Review: ..." back in the lesson
    expect(review_link).to_have_attribute("href", re.compile(r"/lessons/what-networking-is/#[\w-]+$"))
    expect(page.locator("[data-hn-review-status]")).to_contain_text("Done for today")
    assert record(page)["review"][QUIZ][second]["box"] == 2 and record(page)["review"][QUIZ][second]["due"] == day(4)
    assert record(page)["quizzes"][QUIZ]["results"][second] == "incorrect", "the lesson's score is kept"

    travel(page, 4)  # both are due: one right moves to box 3 (7 days), one missed to box 1
    page.reload()
    expect(due_questions(page)).to_have_count(2)
    answer_question(due_questions(page).nth(0), right=True)
    answer_question(due_questions(page).nth(1), right=False)
    score = page.locator("[data-hn-review] [data-hn-score]").nth(0)
    expect(score).to_contain_text("Reviewed 2 of 2 questions, 1 right.")
    queue = record(page)["review"][QUIZ]
    assert {q: (e["box"], e["due"]) for q, e in queue.items()} == {first: (3, day(11)), second: (1, day(5))}

    travel(page, 11)  # a week later both are due again; the export carries the queue
    page.goto(site_url + "progress/")
    expect(review_count(page)).to_have_attribute("data-hn-review-count", "2")
    data = export(page, tmp_path)
    assert data["version"] == 2 and data["state"]["review"] == record(page)["review"]

    other = browser.new_context(timezone_id=ZONE)
    fresh = other.new_page()
    fresh.clock.set_fixed_time(START + timedelta(days=11))
    fresh.goto(site_url + "progress/")
    expect(review_count(fresh)).to_have_count(0)
    import_file(fresh, tmp_path, data)
    expect(review_count(fresh)).to_have_attribute("data-hn-review-count", "2")
    assert record(fresh)["review"] == data["state"]["review"]
    other.close()


def test_a_version_1_export_imports_with_a_queue_from_its_results(learner, site_url, tmp_path):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))  # a real export, made before the queue existed
    assert data["version"] == 1 and "review" not in data["state"]
    data["site"] = site_url  # it was exported from the published site
    travel(learner, 1)
    learner.goto(site_url + "progress/")
    import_file(learner, tmp_path, data)
    saved = record(learner)
    results = data["state"]["quizzes"][QUIZ]["results"]
    assert saved["version"] == 2 and saved["quizzes"] == data["state"]["quizzes"]
    assert saved["worksheets"] == data["state"]["worksheets"]
    assert {q: (e["box"], e["due"]) for q, e in saved["review"][QUIZ].items()} == {
        q: (2, day(3)) if result == "correct" else (1, day(1)) for q, result in results.items()}
    expect(review_count(learner)).to_have_attribute("data-hn-review-count", "1")


def test_a_corrupt_queue_entry_is_dropped_and_nothing_else(learner, site_url):
    page = learner
    page.goto(site_url + "progress/")
    questions = page.evaluate("HN.manifest.lessons[0].quizzes[0].questions")
    good = {"box": 2, "due": day(0), "last": "2026-02-27T10:00:00.000Z"}
    planted = {
        "format": FORMAT, "version": 2, "worksheets": {}, "pages": {}, "last": None,
        "quizzes": {QUIZ: {"answers": {questions[0]: ["0"]}, "results": {}, "revealed": {},
                           "updated": "2026-02-27T10:00:00.000Z"}},
        "review": {QUIZ: {questions[0]: good, questions[1]: {"box": 9, "due": "soon"},
                          "no-such-question": good},
                   "bad name!": {questions[0]: good}},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [page.evaluate("HN.store.key"), json.dumps(planted)])
    page.goto(site_url + "progress/")
    saved = record(page)
    assert saved["quizzes"][QUIZ]["answers"] == {questions[0]: ["0"]}, "the quiz answers are kept"
    assert saved["review"] == {QUIZ: {questions[0]: good}}
    notice = page.locator(".hn-data__message--warning")
    expect(notice).to_contain_text(f'question "{questions[1]}" is not a review box from 1 to 4')
    expect(notice).to_contain_text('question "no-such-question" is not in this quiz')
    expect(review_count(page)).to_have_attribute("data-hn-review-count", "1")
    # A queue that is not a list at all is dropped whole; the quiz answers stay.
    result = page.evaluate("data => HN.store.clean(data)", {**planted, "review": "garbage"})
    assert result["state"]["review"] == {} and result["state"]["quizzes"] == saved["quizzes"]
    assert result["dropped"] == ['"review" is not a list of named entries, so it was left out']


def test_the_review_page_works_by_keyboard_and_passes_axe_in_both_palettes(learner, site_url):
    page = learner
    page.goto(site_url + "progress/")
    quiz = page.evaluate("HN.manifest.lessons[1].quizzes[0]")
    planted = {"format": FORMAT, "version": 2, "quizzes": {}, "worksheets": {}, "pages": {}, "last": None,
               "review": {quiz["id"]: {quiz["questions"][0]: {"box": 1, "due": day(0),
                                                               "last": "2026-03-01T09:00:00.000Z"}}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [page.evaluate("HN.store.key"), json.dumps(planted)])
    page.goto(site_url + "review/")
    expect(due_questions(page)).to_have_count(1)
    question = due_questions(page).first
    expect(page.locator(f"[data-hn-quiz='{quiz['id']}'] [data-hn-question]")).to_have_count(len(quiz["questions"]))
    right = question.locator("[data-hn-correct='true']").evaluate_all("els => els.map(e => e.dataset.hnFeedbackFor)")
    for value in right:  # the keyboard only: focus each right option, Space, then Tab to Check answer
        question.locator(f"input[value='{value}']").focus()
        page.keyboard.press("Space")
    for _ in range(12):
        if page.evaluate("document.activeElement.textContent") == "Check answer":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(question.locator(".hn-verdict")).to_have_text(re.compile(r"^Correct\."))
    expect(question.locator("[data-hn-status]")).to_be_focused()
    entry = record(page)["review"][quiz["id"]][quiz["questions"][0]]
    assert (entry["box"], entry["due"]) == (2, day(3))
    page.evaluate(SETTLE)
    assert axe_findings(page) == []
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.evaluate(SETTLE)
    assert axe_findings(page, COLOUR_RULES) == []


def test_without_javascript_the_review_page_lists_the_quizzes(browser, site_url, site_dir):
    manifest = json.loads((site_dir / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    quizzes = [q["id"] for lesson in manifest["lessons"] for q in lesson["quizzes"]] + [
        q["id"] for q in manifest["checks"]]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "review/")
    expect(page.locator("[data-hn-review-status]")).to_contain_text("Spaced review needs JavaScript")
    expect(page.locator("[data-hn-review-bank]")).to_be_hidden()
    links = page.locator("#all-quizzes + ul a")
    expect(links).to_have_count(len(quizzes))
    assert [link.get_attribute("href").rpartition("#hn-")[2] for link in links.all()] == quizzes
    context.close()


def test_a_lesson_knowing_only_its_part_of_the_manifest_loses_no_other_quiz_from_the_queue(learner, site_url,
                                                                                          site_dir):
    """Upgrading a record on a lesson keeps every quiz's queue; a demo quiz's answers stay out of it.

    A lesson loads its own part of the manifest (hooks/assets.py), so it cannot tell another
    lesson's quiz from one the course left out.
    """
    page = learner
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))["state"]
    other = "the-giving-mindset-quiz"  # not the lesson opened below
    manifest = json.loads((site_dir / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    quizzes = [quiz for lesson in manifest["lessons"] for quiz in lesson["quizzes"]]
    first, second = next(quiz for quiz in quizzes if quiz["id"] == other)["questions"][:2]
    data["quizzes"][other] = {**data["quizzes"][QUIZ], "answers": {first: ["0"], second: ["0"]},
                              "results": {first: "correct", second: "incorrect"}}
    page.goto(site_url + "glossary/")
    key = page.evaluate("HN.navmarks.key").removesuffix(":marks")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(data)])
    page.goto(site_url + "lessons/why-it-matters/")
    assert page.evaluate("HN.manifest.partial && HN.manifest.lessons.map(l => l.id)") == ["why-it-matters"]
    lesson_quiz(page)
    page.evaluate("HN.store.update(() => {}, 'test')")  # any save writes the upgraded record
    saved = record(page)
    assert saved["version"] == 2 and set(saved["review"]) == {QUIZ, other}
    assert [e["box"] for e in saved["review"][other].values()] == [2, 1]

    page.goto(site_url + "authoring/writing-exercises/")  # demo exercises, in no lesson: the header alone
    assert page.evaluate("HN.manifest.partial && HN.manifest.lessons.length") == 0
    answer_question(page.locator("[data-hn-quiz=demo-quiz] [data-hn-question]").first)
    saved = record(page)
    assert "demo-quiz" in saved["quizzes"] and "demo-quiz" not in saved["review"]
    travel(page, 1)
    page.goto(site_url + "progress/")  # the next day, the missed question of each quiz is due
    expect(review_count(page)).to_have_attribute("data-hn-review-count", "2")


def test_a_long_course_is_reviewed_in_parts_that_count_each_others_questions(learner, long_course):
    """More than 15 lessons: review/ and review/2/, each with its lessons' quizzes (hooks/review_page.py).

    Every quiz in one page would make the review page the heaviest of the site as the course grows.
    """
    site, lessons = long_course
    manifest = json.loads((site / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    assert [lesson["src"] for lesson in manifest["lessons"]] == lessons
    quizzes = [(lesson["number"], quiz) for lesson in manifest["lessons"] for quiz in lesson["quizzes"]]
    quizzes += [(check["lesson"], check) for check in manifest["checks"]]
    expected = [[q["id"] for n, q in quizzes if n <= 15], [q["id"] for n, q in quizzes if n > 15]]
    assert not (site / "review" / "3").exists()
    for folder, ids in (("review", expected[0]), ("review/2", expected[1])):
        soup = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert [q["data-hn-quiz"] for q in soup.select("[data-hn-review-bank] [data-hn-quiz]")] == ids, folder
        assert [li["data-hn-review-quizzes"].split() for li in soup.select("[data-hn-review-quizzes]")] == expected
        assert len(soup.select("#all-quizzes + ul a")) == len(quizzes)  # the list still has every quiz
    first, second = (BeautifulSoup((site / f / "index.html").read_text(encoding="utf-8"), "html.parser")
                     for f in ("review", "review/2"))
    assert [a["href"] for a in first.select(".hn-review__parts ol a")] == ["2/"]
    assert [a["href"] for a in second.select(".hn-review__parts ol a")] == ["../"]

    # A question due in each part: each page shows its own and counts the other's.
    base, server = serve(site)
    try:
        page = learner
        page.goto(base + "glossary/")
        due = {"box": 1, "due": day(-1), "last": (START - timedelta(days=2)).isoformat()}
        one, two = (next(q for n, q in quizzes if q["id"] == ids[0]) for ids in expected)
        record_ = {"format": FORMAT, "version": 2, "quizzes": {}, "worksheets": {}, "pages": {}, "last": None,
                   "review": {one["id"]: {one["questions"][0]: due}, two["id"]: {two["questions"][0]: due}}}
        key = page.evaluate("HN.navmarks.key").removesuffix(":marks")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(record_)])
        page.goto(base + "review/")
        status = page.locator("[data-hn-review-status]")
        expect(status).to_contain_text("1 question to review today")
        expect(status).to_contain_text("1 question more is due in the other parts of the course")
        expect(due_questions(page)).to_have_count(1)
        expect(page.locator(".hn-review__parts li").nth(1)).to_contain_text("Part 2: lessons 16 to 26: 1 question due")
        page.locator(".hn-review__parts ol a").click()
        expect(page).to_have_url(base + "review/2/")
        expect(due_questions(page)).to_have_count(1)
        expect(page.locator(".hn-review__parts li").nth(0)).to_contain_text("Part 1: lessons 1 to 15: 1 question due")
        answer_question(due_questions(page).first)  # answered here: part 2 has nothing left, part 1 still has one
        expect(status).to_contain_text("Done for today: you reviewed every question that was due on this page.")
        expect(status).to_contain_text("1 question more is due in the other parts")
        page.reload()  # nothing due here now; the other part's question is
        expect(status).to_contain_text("Nothing to review on this page today. 1 question is due in the other parts")
        expect(status).to_contain_text(f"Next: 1 question on {(START + timedelta(days=3)).strftime('%A %-d %B')}.")
    finally:
        server.shutdown()


def test_the_review_link_of_a_long_course_goes_to_the_part_with_the_first_question_due(learner, long_course):
    site, _ = long_course
    manifest = json.loads((site / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    assert manifest["review_parts"] == [{"url": "review/", "first": 1, "last": 15},
                                        {"url": "review/2/", "first": 16, "last": 26}]
    for part in ("_course", manifest["lessons"][19]["id"]):  # pages that list no lessons go without
        assert "review_parts" not in (site / "assets" / "manifest" / f"{part}.js").read_text(encoding="utf-8")
    late = manifest["lessons"][19]["quizzes"][0]  # lesson 20, reviewed in part 2
    due = {"box": 1, "due": day(-1), "last": (START - timedelta(days=2)).isoformat()}
    record_ = {"format": FORMAT, "version": 2, "quizzes": {}, "worksheets": {}, "pages": {}, "last": None,
               "review": {late["id"]: {late["questions"][0]: due}}}
    base, server = serve(site)
    try:
        page = learner
        page.goto(base + "glossary/")
        key = page.evaluate("HN.navmarks.key").removesuffix(":marks")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(record_)])
        for where in ("", "progress/"):  # the home page's "continue" box, and the progress page
            page.goto(base + where)
            expect(review_count(page).locator("a")).to_have_attribute("href", re.compile(r"(^|/)review/2/$"))
        review_count(page).locator("a").click()
        expect(page).to_have_url(base + "review/2/")
        expect(due_questions(page)).to_have_count(1)
    finally:
        server.shutdown()


def test_from_a_lesson_to_the_review_page_without_a_reload(learner, site_url, console_errors):
    # The lesson knows only its part of the manifest; instant navigation brings the whole after
    # the review page's scripts may have run, and the count follows it (storage.js, review.js).
    page = learner
    page.goto(site_url + LESSON_1)
    questions = lesson_quiz(page).locator("[data-hn-question]")
    answer_question(questions.nth(0), right=False)
    travel(page, 1)
    page.goto(site_url + LESSON_1)
    page.wait_for_load_state("networkidle")  # Material sets up instant navigation once it has read sitemap.xml
    page.evaluate("window.__hnSamePage = true")
    page.locator(".md-nav--primary a.md-nav__link[href$='review/']").first.click()
    page.wait_for_url("**/review/")
    expect(page.locator("[data-hn-review-status]")).to_contain_text("1 question to review today. Answer it below.")
    expect(due_questions(page)).to_have_count(1)
    assert page.evaluate("window.__hnSamePage") is True, "the click should have used instant navigation"
    assert page.evaluate("HN.manifest.partial") is None
    assert console_errors == []
