"""Quizzes in Chromium: check, feedback, retry, reveal, score, reset, saving, keyboard, no-JS view.

The answers are read from the page itself (each option's `data-hn-correct` in the answer box),
so the tests follow the demo quiz on the authoring page whatever its wording. The tests of the
option order read the quiz's YAML instead, through the exercise model, and find options by text.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from conftest import ROOT
from hn.exercises.load import load_file
from hn.exercises.model import Quiz
from learner import LESSON_1, answer_question, lesson_quiz

pytestmark = pytest.mark.browser

AUTHORING = "authoring/writing-exercises/"
QUIZ = "[data-hn-quiz=demo-quiz]"
KINDS = ["single", "multiple", "true-false", "scenario", "ordering"]


def open_quiz(page: Page, site_url: str) -> Locator:
    page.goto(site_url + AUTHORING)
    quiz = page.locator(QUIZ)
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    return quiz


def question_of(quiz: Locator, kind: str) -> Locator:
    return quiz.locator(f"[data-hn-question][data-hn-type='{kind}']").first


def values(question: Locator, correct: bool) -> list[str]:
    """Return the right (or wrong) option values, read from the author's answer box."""
    flag = "true" if correct else "false"
    return question.locator(f"[data-hn-correct='{flag}']").evaluate_all("els => els.map(e => e.dataset.hnFeedbackFor)")


def feedback_text(question: Locator, value: str) -> str:
    """Return the author's feedback for one option, without the option text and verdict."""
    item = question.locator(f"[data-hn-feedback-for='{value}']")
    return item.evaluate(
        "li => { const c = li.cloneNode(true);"
        " c.querySelectorAll('.hn-answer__option, .hn-answer__verdict').forEach(n => n.remove());"
        " return c.textContent.replace(/\\s+/g, ' ').trim(); }"
    )


def order(question: Locator) -> list[str]:
    return question.locator(".hn-order__item").evaluate_all("els => els.map(e => e.dataset.hnItem)")


def answer(question: Locator, right: bool) -> str:
    """Give a right or wrong answer with the mouse; return a feedback text the learner should see."""
    if question.get_attribute("data-hn-type") == "ordering":
        if right:
            for target in range(len(order(question))):
                item = question.locator(f".hn-order__item[data-hn-item='{target}']")
                while order(question).index(str(target)) > target:
                    item.locator(".hn-order__move--up").click()
            return feedback_text(question, "0")
        return feedback_text(question, order(question)[0])  # the shown order is never solved
    chosen = values(question, True) if right else values(question, False)[:1]
    for box in question.locator("input[type=checkbox]").all():
        box.set_checked(box.get_attribute("value") in chosen)
    for value in chosen:
        question.locator(f"input[value='{value}']").check()
    return feedback_text(question, chosen[0])


def stored(page: Page) -> dict:
    key = page.evaluate("HN.store.key")
    return json.loads(page.evaluate("k => localStorage.getItem(k)", key) or "null")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_checks_gives_feedback_retries_and_reveals(page, site_url, console_errors, kind):
    quiz = open_quiz(page, site_url)
    q = question_of(quiz, kind)
    status = q.locator("[data-hn-status]")
    details = q.locator("[data-hn-answer]")
    # The answer box is there for no-JS readers, but hidden until revealed.
    expect(details).to_be_hidden()

    wrong = answer(q, right=False)
    q.get_by_role("button", name="Check answer").click()
    expect(status).to_contain_text("Not quite.")
    expect(status).to_contain_text(wrong)
    expect(status).to_be_focused()
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Score: 0 of 5 correct (0%)")
    expect(details).to_be_hidden()

    q.get_by_role("button", name="Try again").click()
    expect(status).to_be_empty()
    expect(q.get_by_role("button", name="Check answer")).to_be_visible()
    right = answer(q, right=True)
    q.get_by_role("button", name="Check answer").click()
    expect(status).to_contain_text("Correct.")
    expect(status).to_contain_text(right)
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Score: 1 of 5 correct (20%)")
    expect(quiz.locator("[data-hn-score]")).to_contain_text("4 questions still to check")

    q.get_by_role("button", name="Reveal answer").click()
    expect(details).to_be_visible()
    expect(details).to_have_attribute("open", "")
    expect(details.locator("[data-hn-explanation]")).to_be_visible()

    saved = stored(page)["quizzes"]["demo-quiz"]
    qid = q.get_attribute("data-hn-question")
    assert saved["results"][qid] == "correct"
    assert saved["revealed"][qid] is True
    assert console_errors == []


def option(question: Locator, value: str) -> Locator:
    """Return the list item holding the option with this value."""
    return question.locator(f".hn-option:has(input[value='{value}'])")


def test_choices_are_tagged_with_words_not_only_colour(page, site_url):
    quiz = open_quiz(page, site_url)
    q = question_of(quiz, "single")
    answer(q, right=False)
    q.get_by_role("button", name="Check answer").click()
    expect(q.locator(".hn-option__tag")).to_have_text(["Your choice: not right"])
    q.get_by_role("button", name="Reveal answer").click()
    expect(q.locator(".hn-option__tag")).to_have_count(2)
    expect(option(q, values(q, True)[0]).locator(".hn-option__tag")).to_have_text("Correct answer")
    expect(option(q, values(q, False)[0]).locator(".hn-option__tag")).to_have_text("Your choice: not right")


def test_score_reports_pass_or_fail_against_the_pass_mark(page, site_url):
    quiz = open_quiz(page, site_url)
    score = quiz.locator("[data-hn-score]")
    for index, kind in enumerate(KINDS):
        q = question_of(quiz, kind)
        answer(q, right=index > 0)  # one wrong: 4 of 5 is 80%, above the demo's pass mark of 60%
        q.get_by_role("button", name="Check answer").click()
    expect(score).to_contain_text("Score: 4 of 5 correct (80%). Pass mark: 60%.")
    expect(score).to_contain_text("Passed.")
    for kind in ("multiple", "true-false"):
        q = question_of(quiz, kind)
        q.get_by_role("button", name="Try again").click()
        answer(q, right=False)
        q.get_by_role("button", name="Check answer").click()
    expect(score).to_contain_text("Score: 2 of 5 correct (40%)")
    expect(score).to_contain_text("Not passed yet.")


def test_check_without_an_answer_asks_for_one(page, site_url):
    quiz = open_quiz(page, site_url)
    q = question_of(quiz, "single")
    q.get_by_role("button", name="Check answer").click()
    expect(q.locator("[data-hn-status]")).to_contain_text("Choose an answer first")
    expect(quiz.locator("[data-hn-score]")).to_be_empty()


def test_reset_clears_everything_and_focuses_the_first_input(page, site_url):
    quiz = open_quiz(page, site_url)
    for kind in ("single", "ordering"):
        q = question_of(quiz, kind)
        answer(q, right=True)
        q.get_by_role("button", name="Check answer").click()
    question_of(quiz, "true-false").get_by_role("button", name="Reveal answer").click()
    quiz.get_by_role("button", name="Reset quiz").click()
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Quiz reset")
    expect(quiz.locator("input").first).to_be_focused()
    expect(quiz.locator("input:checked")).to_have_count(0)
    expect(quiz.locator("[data-hn-answer]:visible")).to_have_count(0)
    expect(quiz.locator(".hn-verdict")).to_have_count(0)
    assert "demo-quiz" not in stored(page)["quizzes"]
    shuffled = order(question_of(quiz, "ordering"))
    assert shuffled != sorted(shuffled)  # back to the order the page was built with


def test_answers_results_and_reveals_survive_reload_and_instant_navigation(page, site_url):
    quiz = open_quiz(page, site_url)
    single = question_of(quiz, "single")
    answer(single, right=True)
    single.get_by_role("button", name="Check answer").click()
    multiple = question_of(quiz, "multiple")
    chosen = values(multiple, False)[0]
    multiple.locator(f"input[value='{chosen}']").check()  # answered, not checked
    question_of(quiz, "true-false").get_by_role("button", name="Reveal answer").click()
    ordering = question_of(quiz, "ordering")
    ordering.locator(".hn-order__move--down").first.click()
    moved = order(ordering)

    def assert_restored(quiz: Locator) -> None:
        expect(question_of(quiz, "single").locator("[data-hn-status]")).to_contain_text("Correct.")
        expect(question_of(quiz, "single").locator("input:checked")).to_have_count(1)
        expect(question_of(quiz, "multiple").locator(f"input[value='{chosen}']")).to_be_checked()
        expect(question_of(quiz, "true-false").locator("[data-hn-answer]")).to_be_visible()
        assert order(question_of(quiz, "ordering")) == moved
        expect(quiz.locator("[data-hn-score]")).to_contain_text("Score: 1 of 5 correct")
        # Mounted once: one set of buttons per question, however often the page was shown.
        expect(quiz.get_by_role("button", name="Check answer")).to_have_count(4)
        expect(quiz.get_by_role("button", name="Reset quiz")).to_have_count(1)

    page.reload()
    assert_restored(page.locator(QUIZ))

    page.evaluate("window.__hnMarker = 1")
    page.locator(".md-nav__link", has_text="Why it matters").first.click()
    expect(page).to_have_url(re.compile(r"lessons/why-it-matters/(#.*)?$"))
    expect(page.locator("[data-hn-quiz]")).to_have_attribute("data-hn-mounted", "true")
    page.go_back()
    expect(page).to_have_url(re.compile(AUTHORING + r"(#.*)?$"))
    quiz = page.locator(QUIZ)
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    assert page.evaluate("window.__hnMarker") == 1  # instant navigation, not a reload
    assert_restored(quiz)


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_answers_every_kind_including_ordering(page, site_url):
    quiz = open_quiz(page, site_url)
    page.locator("h2#try-a-quiz a.headerlink").focus()  # start just above the quiz
    for kind in KINDS:
        q = question_of(quiz, kind)
        qid = q.get_attribute("id")
        if kind == "ordering":
            for target in range(len(order(q))):
                item = f"#{qid} .hn-order__item[data-hn-item='{target}']"
                if order(q).index(str(target)) == target:
                    continue
                tab_to(page, item + " .hn-order__move--up")
                while order(q).index(str(target)) > target:
                    page.keyboard.press("Enter")
                    # Focus stays on the moved item (on "Down" once it reaches the top).
                    expect(page.locator(item + " .hn-order__move:focus")).to_have_count(1)
                status = q.locator("[data-hn-status]")
                expect(status).to_contain_text(f"to position {target + 1} of")
            page.keyboard.press("Shift+Tab")  # back to the start of the question's controls
        else:
            right = values(q, True)
            inputs = q.locator("input").evaluate_all("els => els.map(e => e.value)")
            if q.locator("input").first.get_attribute("type") == "radio":
                tab_to(page, f"#{qid} input")
                for _ in range(inputs.index(right[0])):
                    page.keyboard.press("ArrowDown")
                if inputs.index(right[0]) == 0:
                    page.keyboard.press("Space")
            else:
                for value in right:
                    tab_to(page, f"#{qid} input[value='{value}']")
                    page.keyboard.press("Space")
        tab_to(page, f"#{qid} .hn-question__actions button")
        expect(page.locator(f"#{qid} .hn-question__actions button").first).to_have_text("Check answer")
        page.keyboard.press("Enter")
        expect(q.locator("[data-hn-status]")).to_be_focused()
        expect(q.locator("[data-hn-status]")).to_contain_text("Correct.")
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Score: 5 of 5 correct (100%)")
    tab_to(page, f"{QUIZ} .hn-quiz__reset")
    page.keyboard.press("Enter")
    expect(quiz.locator("input").first).to_be_focused()
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Quiz reset")


def test_move_buttons_have_names_that_say_what_they_move(page, site_url):
    quiz = open_quiz(page, site_url)
    q = question_of(quiz, "ordering")
    first = q.locator(".hn-order__text").first.inner_text().strip()
    expect(q.get_by_role("button", name=f"Move \u2018{first}\u2019 down")).to_be_visible()
    expect(q.get_by_role("button", name=f"Move \u2018{first}\u2019 up")).to_have_attribute("aria-disabled", "true")


def test_without_javascript_every_question_option_and_answer_is_readable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + AUTHORING)
    quiz = page.locator(QUIZ)
    questions = quiz.locator("[data-hn-question]")
    expect(questions).to_have_count(5)
    for index in range(5):
        q = questions.nth(index)
        expect(q.locator("legend")).to_be_visible()
        options = q.locator("input, .hn-order__item")
        assert options.count() >= 2
        for label in q.locator("label").all():
            expect(label).to_be_visible()
        details = q.locator("details[data-hn-answer]")
        expect(details).to_be_visible()
        details.locator("summary").click()
        expect(details.locator("[data-hn-feedback-for]").first).to_be_visible()
        expect(details.locator("[data-hn-explanation]")).to_be_visible()
    expect(quiz.locator("button")).to_have_count(0)
    context.close()


def test_mounting_again_replaces_rather_than_duplicates(page, site_url, console_errors):
    quiz = open_quiz(page, site_url)
    q = question_of(quiz, "single")
    answer(q, right=True)
    q.get_by_role("button", name="Check answer").click()
    page.evaluate("document$.next(document); document$.next(document)")  # what instant navigation emits
    expect(quiz.get_by_role("button", name="Reset quiz")).to_have_count(1)
    expect(q.get_by_role("button")).to_have_count(2)  # Try again, Reveal answer (Check answer is hidden)
    expect(q.locator(".hn-verdict")).to_have_count(1)
    ordering = question_of(quiz, "ordering")
    expect(ordering.get_by_role("button", name=re.compile("^Move"))).to_have_count(2 * len(order(ordering)))
    expect(page.locator("[data-hn-worksheet]").first.get_by_role("button", name="Print")).to_have_count(1)
    assert console_errors == []


def test_quizzes_work_without_materials_javascript(page, site_url):
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    quiz = open_quiz(page, site_url)  # mounted on DOMContentLoaded instead of document$
    assert page.evaluate("typeof window.document$") == "undefined"
    q = question_of(quiz, "true-false")
    answer(q, right=True)
    q.get_by_role("button", name="Check answer").click()
    expect(q.locator("[data-hn-status]")).to_contain_text("Correct.")


# --- Options shown in hn.render's order --------------------------------------------------------


def quiz_model(quiz_id: str) -> Quiz:
    """Load a quiz from its YAML file through the exercise model."""
    model, problems, _ = load_file(ROOT / "exercises" / f"{quiz_id}.yml", f"{quiz_id}.yml")
    assert problems == [] and isinstance(model, Quiz)
    return model


def label_texts(scope: Locator) -> list[str]:
    """Return the option labels under `scope`, in page order, with spaces tidied."""
    return [" ".join(text.split()) for text in scope.locator("label").all_text_contents()]


def test_clicking_the_right_options_wherever_they_are_shown_scores_full_marks(page, site_url):
    page.goto(site_url + LESSON_1)
    quiz = lesson_quiz(page)
    model = quiz_model(quiz.get_attribute("data-hn-quiz"))
    moved = 0
    for spec in model.questions:
        q = quiz.locator(f"[data-hn-question='{spec.id}']")
        if spec.type in {"true-false", "ordering"}:
            answer_question(q)
            continue
        shown = label_texts(q)
        written = [o.text for o in spec.options]
        assert sorted(shown) == sorted(written)
        moved += shown != written
        for choice in spec.options:
            if choice.correct:
                exact = re.compile("^" + re.escape(choice.text) + "$")
                q.locator(".hn-option label").filter(has_text=exact).click()
        q.get_by_role("button", name="Check answer").click()
        expect(q.locator("[data-hn-status]")).to_contain_text("Correct.")
    assert moved > 0, "options are not shown in the written order"
    count = len(model.questions)
    expect(quiz.locator("[data-hn-score]")).to_contain_text(f"Score: {count} of {count} correct (100%)")


def test_answers_saved_before_options_were_reordered_restore_the_same_options(page, site_url):
    """A record from a build that showed options as written: each answer is the option's written index."""
    page.goto(site_url + LESSON_1)
    quiz_id = lesson_quiz(page).get_attribute("data-hn-quiz")
    model = quiz_model(quiz_id)
    choices = [q for q in model.questions if q.type in {"single", "multiple", "scenario"}]
    answers, results, expected = {}, {}, {}
    for number, spec in enumerate(choices):
        key = [i for i, o in enumerate(spec.options) if o.correct]
        wrong = [i for i, o in enumerate(spec.options) if not o.correct]
        chosen = key if number % 2 == 0 else wrong[-1:]  # right and wrong answers, taken in turn
        answers[spec.id] = [str(i) for i in chosen]
        results[spec.id] = "correct" if chosen == key else "incorrect"
        expected[spec.id] = sorted(spec.options[i].text for i in chosen)
    record = {"format": "the-human-network/progress", "version": 1, "worksheets": {}, "pages": {}, "last": None,
              "quizzes": {quiz_id: {"answers": answers, "results": results, "revealed": {},
                                    "updated": "2024-05-01T09:00:00.000Z"}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [page.evaluate("HN.store.key"), json.dumps(record)])
    page.reload()
    quiz = lesson_quiz(page)
    for spec in choices:
        q = quiz.locator(f"[data-hn-question='{spec.id}']")
        checked = sorted(label_texts(q.locator(".hn-option:has(input:checked)")))
        assert checked == expected[spec.id], spec.id
        verdict = "Correct." if results[spec.id] == "correct" else "Not quite."
        expect(q.locator("[data-hn-status]")).to_contain_text(verdict)
    right = sum(r == "correct" for r in results.values())
    expect(quiz.locator("[data-hn-score]")).to_contain_text(f"Score: {right} of {len(model.questions)} correct")
