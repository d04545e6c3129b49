"""Quiz options on the built site: never in the written order, the key's place no giveaway.

hn.render fixes each question's option order at build time. The built pages are read as they
are served (what a reader without JavaScript gets) and compared with the print book.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from conftest import ROOT
from hn.pages import lesson_uris, load_config

LESSONS = [uri.removesuffix(".md") + "/" for uri in lesson_uris(load_config(ROOT)["nav"])]
#: How far above chance the share of keys shown first may drift, given a quiz's balancing is
#: done per quiz and ties go by hash.
TOLERANCE = 0.05


@pytest.fixture(scope="module")
def quizzes(site_dir) -> list:
    """Every interactive quiz on the built site (the print book's quizzes are not interactive)."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        found += BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("section[data-hn-quiz]")
    return found


def single_answer_questions(quizzes: list) -> list:
    """Return the single-choice and single-answer scenario questions of the quizzes."""
    return [q for quiz in quizzes for q in quiz.select("[data-hn-question][data-hn-select=single]")
            if q["data-hn-type"] in {"single", "scenario"}]


def test_keys_are_shown_first_no_more_often_than_chance(quizzes):
    questions = single_answer_questions(quizzes)
    assert len(questions) >= 20, "the course has single-answer questions to measure"
    first = chance = 0.0
    for q in questions:
        values = [box["value"] for box in q.select("input")]
        key = q.select_one("[data-hn-correct=true]")["data-hn-feedback-for"]
        first += values[0] == key
        chance += 1 / len(values)
    share, expected = first / len(questions), chance / len(questions)
    assert share <= expected + TOLERANCE, f"key shown first in {share:.0%} of questions; chance is {expected:.0%}"


def test_no_quiz_puts_every_key_in_the_same_place(quizzes):
    for quiz in quizzes:
        places = set()
        questions = single_answer_questions([quiz])
        for q in questions:
            values = [box["value"] for box in q.select("input")]
            places.add(values.index(q.select_one("[data-hn-correct=true]")["data-hn-feedback-for"]))
        assert len(questions) < 2 or len(places) > 1, quiz["data-hn-quiz"]


def test_answer_box_lists_options_in_the_order_shown(quizzes):
    for q in (q for quiz in quizzes for q in quiz.select("[data-hn-question]")):
        if q["data-hn-type"] in {"single", "multiple", "scenario"}:
            shown = [box["value"] for box in q.select("input")]
            assert [li["data-hn-feedback-for"] for li in q.select("[data-hn-feedback-for]")] == shown


def shown_options(browser: Browser, url: str, scope: str, option: str) -> dict[tuple[str, str], list[str]]:
    """Open `url` with JavaScript off; return each question's option texts in the order shown."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        shown = {}
        for quiz in page.locator(scope).all():
            quiz_id = quiz.get_attribute("id")
            for question in quiz.locator("[data-hn-question]").all():
                texts = question.locator(f"{option}, .hn-order__text").all_text_contents()
                shown[(quiz_id, question.get_attribute("data-hn-question"))] = [" ".join(t.split()) for t in texts]
        return shown
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_options_are_in_the_print_books_order(browser, site_url):
    on_pages = {}
    for lesson in LESSONS:
        on_pages.update(shown_options(browser, site_url + lesson, "section[data-hn-quiz]", ".hn-option label"))
    printed = shown_options(browser, site_url + "print/", "section.hn-quiz", ".hn-option")
    assert len(on_pages) > 50
    assert printed == on_pages
