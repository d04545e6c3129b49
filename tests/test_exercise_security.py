"""Exercises under hostile conditions: strict CSP, corrupt or refused storage, XSS, forks, axe."""

from __future__ import annotations

import json
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from conftest import serve

pytestmark = pytest.mark.browser

AUTHORING = "authoring/writing-exercises/"
LESSON = "lessons/why-it-matters/"
QUIZ = "[data-hn-quiz=demo-quiz]"
SHEET = "[data-hn-worksheet=demo-worksheet]"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'"
)
XSS = "<img src=x onerror=alert(1)>"


def watch(page: Page) -> list[str]:
    """Collect uncaught errors, console errors and any dialog the page opens."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return problems


def check_first_question(root: Locator) -> None:
    """Answer the first question of a quiz correctly and check it."""
    q = root.locator("[data-hn-question]").first
    for value in q.locator("[data-hn-correct='true']").evaluate_all("els => els.map(e => e.dataset.hnFeedbackFor)"):
        q.locator(f"input[value='{value}']").check()
    q.get_by_role("button", name="Check answer").click()
    expect(q.locator("[data-hn-status]")).to_contain_text("Correct.")


@pytest.fixture(scope="module")
def csp_url(site_dir):
    url, server = serve(site_dir, headers={"Content-Security-Policy": CSP})
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", [AUTHORING, LESSON])
def test_strict_csp_blocks_nothing_and_the_exercises_work(page, csp_url, path):
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    problems = watch(page)
    response = page.goto(csp_url + path)
    assert response.headers["content-security-policy"] == CSP
    quiz = page.locator("[data-hn-quiz]").first
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    check_first_question(quiz)
    sheet = page.locator("[data-hn-worksheet]").first
    for group in sheet.locator("[data-hn-statement]").all():
        group.locator("input[value='3']").check()
    expect(sheet.locator("[data-hn-result]")).to_contain_text("Your total:")
    expect(sheet.locator("figure svg")).to_be_visible()
    with page.expect_download() as info:
        sheet.get_by_role("button", name="Download as Markdown").click()
    assert info.value.suggested_filename.endswith(".md")
    # Material's own scripts: the theme helpers, search (a worker) and the palette toggle.
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("mentor", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    page.keyboard.press("Escape")
    for _ in range(3):  # auto -> light -> dark
        if page.locator("body").get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")  # restored by palette.js
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert problems == []


def test_built_pages_have_no_inline_scripts_or_handlers(site_dir):
    offenders = []
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{html.relative_to(site_dir)}: {tag}")
        offenders += [f"{html.relative_to(site_dir)}: {m}" for m in re.findall(r"<[a-z]+\s[^>]*\son[a-z]+=", text)]
    assert offenders == []


def test_corrupt_saved_data_is_kept_aside_and_the_page_starts_fresh(page, site_url):
    problems = watch(page)
    page.goto(site_url + AUTHORING)
    key = page.evaluate("HN.store.key")
    page.evaluate("k => localStorage.setItem(k, '{\"format\": broken')", key)
    page.reload()
    quiz = page.locator(QUIZ)
    expect(quiz.locator(".hn-note")).to_contain_text(
        "Your saved progress could not be read (it is not valid JSON). A copy was kept")
    expect(page.locator(SHEET).locator(".hn-note")).to_be_visible()
    backups = page.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':corrupt-')).map(n => localStorage.getItem(n))",
        key,
    )
    assert backups == ['{"format": broken']
    check_first_question(quiz)
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert saved["format"] == "the-human-network/progress"
    assert saved["version"] == 2
    assert list(saved["quizzes"]["demo-quiz"]["results"].values()) == ["correct"]
    assert problems == []


BLOCKED = """Object.defineProperty(window, "localStorage", {
  configurable: true, get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""


@pytest.mark.parametrize("script", [BLOCKED, FULL], ids=["blocked", "full"])
def test_storage_that_throws_leaves_a_working_page_with_a_note(page, site_url, script):
    page.add_init_script(script)
    problems = watch(page)
    page.goto(site_url + AUTHORING)
    quiz = page.locator(QUIZ)
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    check_first_question(quiz)
    expect(quiz.locator(".hn-note")).to_contain_text("Your answers can't be saved in this browser")
    expect(quiz.locator("[data-hn-score]")).to_contain_text("Score: 1 of")
    sheet = page.locator(SHEET)
    sheet.locator("[data-hn-section=notes] textarea").fill("kept for this visit")
    sheet.get_by_label("I ran make check and it passed.").check()
    expect(sheet.locator(".hn-note")).to_be_visible()
    assert page.evaluate("HN.store.status") == "memory"
    assert page.evaluate("HN.store.read().worksheets['demo-worksheet'].values['steps/check']") == "true"
    assert problems == []


def test_a_script_typed_into_a_reflection_stays_text(page, site_url):
    problems = watch(page)
    page.goto(site_url + AUTHORING)
    sheet = page.locator(SHEET)
    sheet.locator("[data-hn-section=notes] textarea").fill(XSS)
    page.wait_for_function("x => JSON.stringify(HN.store.read()).includes(x)", arg=XSS)
    page.reload()
    sheet = page.locator(SHEET)
    expect(sheet.locator("[data-hn-section=notes] textarea")).to_have_value(XSS)
    expect(sheet.locator(".hn-print-copy").first).to_have_text(XSS)
    assert page.locator("img[src=x]").count() == 0
    with page.expect_download() as info:
        sheet.get_by_role("button", name="Download as Markdown").click()
    written = open(info.value.path(), encoding="utf-8").read()
    assert r"\<img src=x onerror=alert(1)\>" in written  # escaped, so a Markdown viewer shows it as text
    assert XSS not in written
    assert problems == []


def test_two_forks_on_one_domain_keep_separate_progress(page, site_dir, tmp_path):
    for fork in ("fork-a", "fork-b"):
        os.symlink(site_dir, tmp_path / fork)
    url, server = serve(tmp_path)
    try:
        page.goto(url + "fork-a/" + AUTHORING)
        assert page.evaluate("HN.store.key") == "hn:/fork-a/:v1"
        check_first_question(page.locator(QUIZ))
        page.goto(url + "fork-b/" + AUTHORING)
        assert page.evaluate("HN.store.key") == "hn:/fork-b/:v1"
        expect(page.locator(QUIZ).locator(".hn-verdict")).to_have_count(0)
        assert page.evaluate("HN.store.read().quizzes") == {}
    finally:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_authoring_page(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + AUTHORING)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    # Show every state a learner can reach: right, wrong, revealed, a moved step, a score, a chart.
    quiz = page.locator(QUIZ)
    check_first_question(quiz)
    second = quiz.locator("[data-hn-question]").nth(1)
    wrong = second.locator("[data-hn-correct='false']").first.get_attribute("data-hn-feedback-for")
    second.locator(f"input[value='{wrong}']").check()
    second.get_by_role("button", name="Check answer").click()
    quiz.locator("[data-hn-question]").nth(2).get_by_role("button", name="Reveal answer").click()
    quiz.locator(".hn-order__move--down").first.click()
    sheet = page.locator(SHEET)
    for group in sheet.locator("[data-hn-statement]").all():
        group.locator("input[value='4']").check()
    expect(sheet.locator("figure svg")).to_be_visible()
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_saved_answers_from_an_older_quiz_do_not_break_it(page, site_url):
    problems = watch(page)
    page.goto(site_url + AUTHORING)
    page.evaluate(
        """() => HN.store.update(s => { s.quizzes['demo-quiz'] = {
             answers: {'single-choice': ['9'], 'multiple-choice': 'not a list', 'ordering-question': ['0', '1']},
             results: {'single-choice': 'correct', 'multiple-choice': 'correct', 'ordering-question': 'correct'},
             revealed: {'gone-question': true}, updated: 'yesterday' }; })"""
    )
    page.reload()
    quiz = page.locator(QUIZ)
    expect(quiz).to_have_attribute("data-hn-mounted", "true")
    expect(quiz.locator(".hn-verdict")).to_have_count(0)  # nothing usable, so nothing marked
    expect(quiz.locator("[data-hn-score]")).to_be_empty()
    check_first_question(quiz)
    assert problems == []


def test_store_api_validates_imports_and_tells_subscribers(page, site_url):
    page.goto(site_url + AUTHORING)
    result = page.evaluate(
        """() => {
          const seen = [];
          const stop = HN.store.subscribe((state, origin) => seen.push(origin));
          document.addEventListener('hn:store', e => seen.push('event:' + e.detail.origin));
          HN.store.update(s => {
            s.pages['what-networking-is'] = {title: 'Lesson 1', first: '2026-01-02T03:04:05.000Z'}; }, 'test');
          let refused = null;
          try { HN.store.replace({format: 'someone-else', quizzes: []}); } catch (e) { refused = e.message; }
          const before = HN.store.read();
          HN.store.replace({format: 'the-human-network/progress', version: 1,
                            quizzes: {q: {answers: {}, results: {}, revealed: {}}}, worksheets: {}});
          stop();
          HN.store.clearQuiz('q');
          return {seen, refused, before, after: HN.store.read(), status: HN.store.status};
        }"""
    )
    assert result["seen"] == ["test", "event:test", "replace", "event:replace", "event:clear"]
    assert "Not a progress record for this course" in result["refused"]
    assert list(result["before"]["pages"]) == ["what-networking-is"]  # a refused import changes nothing
    assert result["before"]["pages"]["what-networking-is"]["first"] == "2026-01-02T03:04:05.000Z"
    empty = {"quizzes": {}, "worksheets": {}, "pages": {}, "last": None, "review": {}}
    # A version 1 record is upgraded to version 2 as it is read (storage.js).
    assert result["after"] == {"format": "the-human-network/progress", "version": 2, **empty}
    assert result["status"] == "ok"
