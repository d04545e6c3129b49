"""A learner in Chromium: open lessons, answer quizzes and fill worksheets through the page.

Shared by the progress, your-data, print and offline tests. Answers are read from the page
(each option's `data-hn-correct` in the answer box), so the helpers follow any quiz.
"""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

from conftest import ROOT
from hn.pages import lesson_uris, load_config

LESSON_1 = "lessons/what-networking-is/"
LESSON_2 = "lessons/why-it-matters/"
LESSON_3 = "lessons/the-giving-mindset/"
LESSON_COUNT = len(lesson_uris(load_config(ROOT)["nav"]))


def lesson_quiz(page: Page) -> Locator:
    """Return the first quiz on the page, once quiz.js has mounted it."""
    quiz = page.locator("[data-hn-quiz]").first
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    return quiz


def answer_question(question: Locator, right: bool = True) -> None:
    """Answer one question right (or wrong) with the mouse, then press Check answer."""
    kind = question.get_attribute("data-hn-type")
    if kind == "ordering":
        order = lambda: question.locator(".hn-order__item").evaluate_all("els => els.map(e => e.dataset.hnItem)")  # noqa: E731
        if right:
            for target in range(len(order())):
                item = question.locator(f".hn-order__item[data-hn-item='{target}']")
                while order().index(str(target)) > target:
                    item.locator(".hn-order__move--up").click()
    else:
        flag = "true" if right else "false"
        values = question.locator(f"[data-hn-correct='{flag}']").evaluate_all(
            "els => els.map(e => e.dataset.hnFeedbackFor)")
        for value in values if right else values[:1]:
            question.locator(f"input[value='{value}']").check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.locator(".hn-verdict")).to_be_visible()


def answer_quiz(quiz: Locator, wrong: int = 0) -> int:
    """Answer every question of a quiz, the first `wrong` of them wrongly; return the question count."""
    questions = quiz.locator("[data-hn-question]").all()
    for index, question in enumerate(questions):
        answer_question(question, right=index >= wrong)
    return len(questions)


def saved_keys(sheet) -> set[str]:
    """Return the keys worksheet.js saves a built worksheet's entries under (its fieldKey).

    `sheet` is the worksheet's element as BeautifulSoup parsed it from a lesson page.
    """
    keys = set()
    for control in sheet.select("input, textarea"):
        section = control.find_parent(attrs={"data-hn-section": True})["data-hn-section"]
        statement = control.find_parent(attrs={"data-hn-statement": True})
        if statement:
            keys.add(f"{section}/{statement['data-hn-statement']}")
        elif control.get("data-hn-prompt") or control.get("data-hn-item"):
            keys.add(f"{section}/{control.get('data-hn-prompt') or control.get('data-hn-item')}")
        else:
            row = control.find_parent(attrs={"data-hn-row": True})["data-hn-row"]
            keys.add(f"{section}/{control['data-hn-field']}-{row}")
    return keys


def fill_worksheet(sheet: Locator) -> None:
    """Put one entry in every section of a worksheet."""
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    for section in sheet.locator("[data-hn-section]").all():
        kind = section.get_attribute("data-hn-type")
        if kind == "rating":
            section.locator("input[type=radio][value='4']").first.check()
        elif kind in ("reflection", "draft"):
            section.locator("textarea").first.fill("Ask Sam from the data team for coffee.")
        elif kind == "checklist":
            section.locator("input[type=checkbox]").first.check()
        else:
            section.locator("input[data-hn-field=goal]").first.fill("Meet two people at the meetup")
    sheet.page.wait_for_timeout(500)  # text is saved after a short pause in typing


def complete_lesson(page: Page, site_url: str, path: str) -> None:
    """Open a lesson, pass its quiz with every answer right and fill in its worksheet."""
    page.goto(site_url + path)
    answer_quiz(lesson_quiz(page))
    fill_worksheet(page.locator("[data-hn-worksheet]").first)


def record(page: Page) -> dict:
    """Return the learner's saved record, straight from localStorage."""
    key = page.evaluate("HN.store.key")
    return json.loads(page.evaluate("k => localStorage.getItem(k)", key) or "null")


def nav_link(page: Page, path: str) -> Locator:
    """Return the primary navigation's link to a page."""
    last = path.rstrip("/").split("/")[-1] + "/"  # links are relative: ../why-it-matters/
    return page.locator(f".md-nav--primary a.md-nav__link[href$='{last}']").first
