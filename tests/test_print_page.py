"""The print page: built from every lesson in course order, quizzes as paper worksheets, in print media."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browser_audit import COLOUR_RULES, axe_findings
from conftest import ROOT
from hn.pages import lesson_uris, load_config
from hn.printbook import Book, Chapter, relative_url
from learner import LESSON_1, fill_worksheet, saved_keys

PRINT = "print/"
APPENDICES = ["glossary.md", "references.md"]
LESSONS = lesson_uris(load_config(ROOT)["nav"])


@pytest.fixture(scope="module")
def soup(site_dir):
    return BeautifulSoup((site_dir / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- The built page ---------------------------------------------------------------------------


def test_print_page_holds_every_lesson_in_nav_order_then_the_appendices(soup):
    chapters = [section["data-hn-chapter"] for section in soup.select("section.hn-book__chapter")]
    assert chapters == [*LESSONS, *APPENDICES]
    titles = [h.get_text(" ", strip=True) for h in soup.select("section.hn-book__chapter > .hn-book__chapter-title")]
    numbers = [title.split(":")[0] for title in titles[:len(LESSONS)]]
    assert numbers == [f"Lesson {n}" for n in range(1, len(LESSONS) + 1)]


def test_print_page_leaves_out_every_quiz_answer(soup):
    quizzes = soup.select("section.hn-quiz")
    assert len(quizzes) == len(LESSONS) + 1  # a quiz per lesson and the final check
    assert all("hn-quiz--print" in quiz["class"] and not quiz.has_attr("data-hn-quiz") for quiz in quizzes)
    assert soup.select("[data-hn-answer], [data-hn-correct], .hn-answer__verdict") == []
    assert "(correct)" not in soup.get_text()
    assert soup.select(".hn-quiz input") == [], "quiz options print as boxes, not controls"
    assert len(soup.select(".hn-quiz li.hn-option[data-hn-box]")) > 50


def test_print_page_prints_worksheets_as_paper_with_a_place_for_every_entry(soup, site_dir):
    sheets = soup.select("[data-hn-paper]")
    assert len(sheets) == len(LESSONS)
    assert soup.select("[data-hn-worksheet], .hn-worksheet input, .hn-worksheet textarea, .hn-worksheet button, "
                       ".hn-worksheet details, .hn-worksheet [role=status]") == []
    for sheet in sheets:
        lesson = BeautifulSoup(
            (site_dir / "lessons" / sheet["data-hn-paper"].removesuffix("-worksheet") / "index.html").read_text(
                encoding="utf-8"), "html.parser")
        keys = [place["data-hn-key"] for place in sheet.select("[data-hn-key]")]
        assert len(keys) == len(set(keys))
        assert set(keys) == saved_keys(lesson.select_one("[data-hn-worksheet]")), sheet["data-hn-paper"]
    kinds = Counter(place["data-hn-fill"] for place in soup.select("[data-hn-paper] [data-hn-key]"))
    assert set(kinds) == {"text", "rating", "check"}


def test_a_paper_worksheet_has_under_a_third_of_the_elements_of_the_lessons(soup, site_dir):
    # The paper worksheet keeps every prompt and drops the controls: far lighter to lay out.
    sheet = soup.select_one("[data-hn-paper='what-networking-is-worksheet']")
    lesson = BeautifulSoup((site_dir / "lessons" / "what-networking-is" / "index.html").read_text(encoding="utf-8"),
                           "html.parser").select_one("[data-hn-worksheet]")
    assert 3 * len(sheet.find_all(True)) < len(lesson.find_all(True))
    for statement in lesson.select("[data-hn-statement] legend"):
        assert statement.get_text(strip=True) in sheet.get_text()


def test_print_page_ids_are_unique_and_every_internal_link_has_a_target(soup):
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [name for name, count in ids.items() if count > 1] == []
    content = soup.select_one(".md-content")
    missing = {a["href"] for a in content.find_all("a", href=re.compile("^#.")) if a["href"][1:] not in ids}
    assert missing == set()


def test_links_between_lessons_stay_inside_the_print_page(soup):
    chapter = soup.select_one("section[data-hn-chapter='lessons/what-networking-is.md']")
    for meta in chapter.select(".hn-quiz__meta"):
        meta.decompose()  # "check yours on the lesson page" links out on purpose
    hrefs = [a["href"] for a in chapter.find_all("a", href=True)]
    assert "#the-giving-mindset" in hrefs  # "The lesson on the giving mindset"
    assert not [h for h in hrefs if "lessons/" in h and not h.startswith("#")], "a lesson link leaves the page"
    assert any(h.startswith("#references--") for h in hrefs), "citations point at the references appendix"


def test_print_page_leaves_out_what_only_the_screen_uses(soup, site_dir):
    # The theme's script works on every permalink and every element with a title (a tooltip each);
    # a printout shows neither. Each glossary term keeps its explanation on its first use.
    content = soup.select_one(".md-content")
    assert content.select("section.hn-book__chapter a.headerlink") == []
    titled = [abbr.get_text().strip().lower() for abbr in content.select("abbr[title]")]
    assert titled and len(titled) == len(set(titled))
    assert len(content.select("abbr")) > 2 * len(titled)
    config = json.loads(soup.select_one("#__config").string)
    lesson = BeautifulSoup((site_dir / "lessons" / "what-networking-is" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    features = json.loads(lesson.select_one("#__config").string)["features"]
    assert "content.tooltips" in features and "toc.follow" in features
    assert config["features"] == [f for f in features if f not in ("content.tooltips", "navigation.tracking",
                                                                     "toc.follow")]


# --- hn.printbook, on small pages ---------------------------------------------------------------

PAGE_A = """<h1 id="alpha">Alpha <a class="headerlink" href="#alpha">¶</a></h1>
<p>See <a href="../beta/#deep">deep</a>, <a href="../../glossary/#term">a term</a>,
<a href="https://example.org/">out</a> and <a href="#fn:1">a note</a>.</p>
<h2 id="more">More</h2><img src="../../assets/images/x.png" alt="An x">
<div class="footnote"><ol><li id="fn:1">Note.</li></ol></div>
<section class="hn-quiz" id="hn-q" data-hn-quiz="q" data-hn-pass="70" aria-labelledby="hn-q-title">
<p class="hn-quiz__title" id="hn-q-title">Quiz</p><p class="hn-quiz__meta">1 question.</p>
<ol><li data-hn-question="one" data-hn-type="single"><fieldset><legend>Pick</legend><ul class="hn-options">
<li class="hn-option"><input type="radio" name="hn-q-one" id="hn-q-one-0" value="0" />
<label for="hn-q-one-0">Yes</label></li>
</ul></fieldset><div data-hn-actions=""></div><div data-hn-status=""></div>
<details class="hn-answer" data-hn-answer=""><summary>Answer</summary><p>Yes is right.</p></details></li></ol>
<div class="hn-quiz__footer"></div></section>"""
PAGE_B = '<h1 id="beta">Beta</h1><h2 id="deep">Deep</h2><p>Back to <a href="../alpha/">alpha</a>.</p>'


def book(print_url: str = "print/") -> str:
    chapters = [Chapter("lessons/alpha.md", "lessons/alpha/", "Alpha", PAGE_A, "Lesson 1"),
                Chapter("lessons/beta.md", "lessons/beta/", "Beta", PAGE_B, "Lesson 2")]
    return Book(chapters, print_url, "downloads/answer-key.html").html()


def test_book_prefixes_ids_and_rewrites_links():
    html = BeautifulSoup(book(), "html.parser")
    alpha = html.select_one("section#alpha")
    assert alpha.select_one("h2").get_text(" ", strip=True).startswith("Lesson 1: Alpha")
    assert alpha.select_one("h3")["id"] == "alpha--more"
    hrefs = [a["href"] for a in alpha.select("p a")]
    assert hrefs[:4] == ["#beta--deep", "../glossary/#term", "https://example.org/", "#alpha--fn:1"]
    assert alpha.select_one("li#alpha--fn\\:1") is not None
    assert alpha.select_one("img")["src"] == "../assets/images/x.png"
    assert html.select_one("section#beta a")["href"] == "#alpha"
    assert [a["href"] for a in html.select("nav.hn-book__contents a")] == ["#alpha", "#beta"]


def test_book_turns_a_quiz_into_a_paper_worksheet():
    quiz = BeautifulSoup(book(), "html.parser").select_one("section.hn-quiz")
    assert not quiz.has_attr("data-hn-quiz")
    assert quiz["aria-labelledby"] == "hn-q-title" and quiz.select_one("#hn-q-title")  # exercise ids are kept
    assert quiz.select("details, input, [data-hn-actions], [data-hn-status], .hn-quiz__footer") == []
    option = quiz.select_one("li.hn-option")
    assert option["data-hn-box"] == "radio" and option.get_text() == "Yes" and not option.find(True)
    links = {a.get_text(): a["href"] for a in quiz.select(".hn-quiz__meta a")}
    assert links == {"lesson page": "../lessons/alpha/", "answer key for facilitators": "../downloads/answer-key.html"}


def test_book_follows_urls_without_directories():
    chapters = [Chapter("lessons/alpha.md", "lessons/alpha.html", "Alpha", PAGE_A.replace("../beta/", "beta.html")
                        .replace("../../glossary/", "../glossary.html"), "Lesson 1")]
    alpha = BeautifulSoup(Book(chapters, "print.html", "downloads/answer-key.html").html(), "html.parser")
    assert [a["href"] for a in alpha.select("p a")][:2] == ["lessons/beta.html#deep", "glossary.html#term"]


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("", "print/", "../"), ("glossary/", "print/", "../glossary/"), ("lessons/a/", "print/", "../lessons/a/"),
    ("glossary.html", "print.html", "glossary.html"), ("downloads/k.html", "print.html", "downloads/k.html"),
])
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected


def test_a_link_to_a_chapter_printed_in_another_part_goes_to_that_part():
    alpha = Chapter("lessons/alpha.md", "lessons/alpha/", "Alpha", PAGE_A, "Lesson 1")
    beta = Chapter("lessons/beta.md", "lessons/beta/", "Beta", PAGE_B, "Lesson 2")
    first = BeautifulSoup(Book([alpha], "print/", "k.html", {"print/2/": [beta]}).html(), "html.parser")
    assert first.find("a", string="deep")["href"] == "2/#beta--deep"
    second = BeautifulSoup(Book([beta], "print/2/", "k.html", {"print/": [alpha]}).html(), "html.parser")
    assert second.find("a", string="alpha")["href"] == "../#alpha"


def test_a_long_course_prints_in_parts_that_link_to_each_other(long_course):
    site, lessons = long_course
    first = BeautifulSoup((site / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
    second = BeautifulSoup((site / "print" / "2" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not (site / "print" / "3").exists()
    chapters = [[c["data-hn-chapter"] for c in part.select("section.hn-book__chapter")] for part in (first, second)]
    assert chapters == [lessons[:15], [*lessons[15:], *APPENDICES]]
    assert [a["href"] for a in first.select(".hn-book__parts a")] == ["2/"]
    assert [a["href"] for a in second.select(".hn-book__parts a")] == ["../"]
    assert second.title.string.startswith("The whole course to print, part 2 of 2")
    ids = {"": {tag["id"] for tag in first.find_all(id=True)}, "2/": {tag["id"] for tag in second.find_all(id=True)}}
    crossing = 0
    for here, part in (("", first), ("2/", second)):
        for a in part.select(".md-content a[href*='#']"):
            page, _, anchor = (here + a["href"]).replace("2/../", "").partition("#")
            if page in ids:
                assert anchor in ids[page], f"part {here or '1'}: {a['href']} has no target"
                crossing += page != here
    assert crossing > 10, "citations in part 1 point at the references in part 2"
    assert len(second.select("[data-hn-paper]")) == len(lessons) - 15


# --- In Chromium, as printed --------------------------------------------------------------------


@pytest.mark.browser
def test_print_media_shows_the_course_without_navigation_or_answers(page, site_url, console_errors):
    page.goto(site_url + LESSON_1)
    fill_worksheet(page.locator("[data-hn-worksheet]").first)
    page.goto(site_url + PRINT)
    expect(page.locator("[data-hn-paper]").first).to_have_attribute("data-hn-mounted", "true")
    page.emulate_media(media="print")

    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]:
        expect(page.locator(chrome).first).to_be_hidden()
    visible_buttons = page.locator("button").evaluate_all("bs => bs.filter(b => b.checkVisibility()).length")
    assert visible_buttons == 0, "interactive chrome prints"

    chapters = page.locator("section.hn-book__chapter")
    assert chapters.evaluate_all("cs => cs.map(c => c.dataset.hnChapter)") == [*LESSONS, *APPENDICES]
    assert chapters.evaluate_all(
        "cs => cs.every(c => c.checkVisibility() && getComputedStyle(c).breakBefore === 'page')")

    assert page.locator(".hn-answer, [data-hn-answer]").count() == 0
    assert "(correct)" not in page.locator(".md-content").inner_text()
    expect(page.locator(".hn-quiz--print").first).to_be_visible()
    expect(page.locator("[data-hn-quiz]")).to_have_count(0)

    sheet = page.locator("[data-hn-paper='what-networking-is-worksheet']")
    entry = sheet.locator("[data-hn-fill=text]").first
    expect(entry).to_be_visible()
    expect(entry).to_have_text("Ask Sam from the data team for coffee.")
    expect(sheet.locator("[data-hn-fill=rating]").first).to_have_text("Your rating: 4 (Mostly like me)")
    expect(sheet.locator("[data-hn-fill=rating]").nth(1)).to_have_text("1  2  3  4  5")  # blank, for a pen
    expect(sheet.locator("[data-hn-total]")).to_be_hidden()  # a total only once every statement is rated
    expect(sheet.locator("[data-hn-fill=check]").first).to_have_attribute("data-hn-done", "")
    expect(sheet.locator("[data-hn-fill=check]").nth(1)).not_to_have_attribute("data-hn-done", "")
    assert console_errors == []


# On screen, a chapter is laid out only when it nears the view; until then it is as tall as
# print-book.js estimates. The height of every chapter, as the page has it now.
HEIGHTS = "cs => cs.map(c => c.getBoundingClientRect().height)"
DRAW_ALL = "document.querySelectorAll('.hn-book__chapter').forEach(c => c.style.contentVisibility = 'visible')"
ESTIMATED = "[...document.querySelectorAll('.hn-book__chapter')].every(c => c.style.containIntrinsicSize)"


@pytest.mark.browser
def test_a_chapter_not_yet_drawn_is_about_as_tall_as_it_will_be_at_any_width(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + PRINT)
    page.wait_for_function(ESTIMATED)
    chapters = page.locator("section.hn-book__chapter")
    wide = chapters.evaluate_all(HEIGHTS)
    page.set_viewport_size({"width": 360, "height": 740})  # estimated again for the new width
    page.wait_for_function(f"(wide) => ({HEIGHTS})([...document.querySelectorAll('.hn-book__chapter')])"
                           ".some((h, i) => i > 0 && h !== wide[i])", arg=wide)
    narrow = chapters.evaluate_all(HEIGHTS)

    page.evaluate(DRAW_ALL)
    drawn_narrow = chapters.evaluate_all(HEIGHTS)
    page.set_viewport_size({"width": 1280, "height": 800})
    drawn_wide = chapters.evaluate_all(HEIGHTS)
    names = chapters.evaluate_all("cs => cs.map(c => c.dataset.hnChapter)")
    for estimates, real in ((wide, drawn_wide), (narrow, drawn_narrow)):
        # Never shorter (an element would sit outside its chapter's box), at most a third taller.
        ratios = {name: round(estimate / height, 2)
                  for name, estimate, height in zip(names, estimates, real, strict=True)}
        assert all(1 <= ratio <= 1.33 for ratio in ratios.values()), ratios


@pytest.mark.browser
def test_the_contrast_check_reads_chapters_not_yet_drawn_against_their_own_page(page, site_url):
    # Lighthouse's contrast check runs on the page as it loads: an element of a chapter not yet
    # drawn is read against whatever is drawn where it would be (a code block, the footer) when
    # the chapter's estimated height is too short for it.
    page.set_viewport_size({"width": 412, "height": 823})  # Lighthouse's phone
    page.goto(site_url + PRINT)
    page.wait_for_function(ESTIMATED)
    assert axe_findings(page, COLOUR_RULES) == []


@pytest.mark.browser
def test_the_print_page_shows_a_ratings_total_and_follows_changes_made_in_another_tab(page, site_url):
    page.goto(site_url + LESSON_1)
    sheet = page.locator("[data-hn-worksheet]").first
    expect(sheet).to_have_attribute("data-hn-mounted", "true")
    for statement in sheet.locator("fieldset[data-hn-statement]").all():
        statement.locator("input[value='3']").check()
    paper = page.context.new_page()
    paper.goto(site_url + PRINT)
    views = paper.locator("[data-hn-paper='what-networking-is-worksheet'] [data-hn-section=views]")
    statements = views.locator("[data-hn-fill=rating]")
    expect(statements.first).to_have_text("Your rating: 3 (Somewhat like me)")
    total = 3 * statements.count()
    bands = views.locator("dt").evaluate_all(
        "ds => ds.map(d => [+d.dataset.hnBandMin, +d.dataset.hnBandMax, d.textContent.trim()])")
    band = [text for low, high, text in bands if low <= total <= high]
    expect(views.locator("[data-hn-total]")).to_have_text(f"Your total: {total}. {band[0]}.")

    page.bring_to_front()
    sheet.locator("fieldset[data-hn-statement]").first.locator("input[value='5']").check()
    expect(statements.first).to_have_text("Your rating: 5 (Very like me)")  # redrawn from the other tab's change


# --- The print book's cache and writer (hn.printbook) -----------------------------------------

def _book(text: str = "Hello") -> Book:
    html = f'<h1 id="a">A</h1><p>{text} <a href="../b/">b</a></p>'
    chapter = Chapter("lessons/a.md", "lessons/a/", "A", html, "Lesson 1")
    return Book([chapter], "print/", "downloads/answer-key.html")


def test_the_print_book_is_reused_from_the_cache_until_a_chapter_changes(tmp_path, monkeypatch):
    from hn import printbook

    made = []
    real = Book.html
    monkeypatch.setattr(Book, "html", lambda self: made.append(1) or real(self))
    first = printbook.cached_html(_book(), tmp_path)
    assert first == real(_book()) and len(made) == 1
    assert printbook.cached_html(_book(), tmp_path) == first and len(made) == 1  # read back, not made again
    changed = printbook.cached_html(_book("Changed"), tmp_path)
    assert "Changed" in changed and len(made) == 2
    assert len(list(tmp_path.glob("book-*.html"))) == 1  # only the latest copy is kept


def test_the_print_book_is_still_made_when_its_cache_cannot_be_written(tmp_path):
    from hn import printbook

    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert printbook.cached_html(_book(), blocked / "cache") == _book().html()


@pytest.mark.parametrize("html", [
    '<p class="a  b" title="say &quot;hi&quot; &amp; go">x &lt; y &gt; z &amp; w</p>',
    "<p title='it&#39;s &quot;so&quot; &lt;here&gt;'>quotes</p>",
    "<div><br/><hr><input checked disabled type=checkbox><textarea>\n\nTwo lines down</textarea></div>",
    "<script>if (a < b && c) {}</script><style>p > a { color: red }</style>",
    "<!-- a comment --><p>caf\u00e9 \u2013 na\u00efve \u2615 &para;&nbsp;</p>",
    "<pre><code>a &lt;b&gt;\n  indented &amp; kept</code></pre>",
    "Text before the first element, <em>then</em> an element, and text after it.",
    "<table><tr><td>1 &amp; 2</td></tr></table><details open><summary>More</summary><p>Hidden</p></details>",
])
def test_the_print_book_writes_each_chapter_as_the_page_had_it(html):
    written = Book([Chapter("lessons/a.md", "lessons/a/", "A", html, "Lesson 1")], "print/", "k.html").html()
    section = BeautifulSoup(written, "html.parser").select_one("section#a")
    section.select_one(".hn-book__chapter-title").decompose()  # the one part added (no heading to title it)
    assert section.decode_contents() == str(BeautifulSoup(html, "html.parser"))


def test_text_after_a_part_taken_out_of_a_quiz_stays():
    page = (PAGE_A.replace('aria-labelledby="hn-q-title">', 'aria-labelledby="hn-q-title"><div data-hn-status=""></div>'
                           "Read each question.")
            .replace('<div data-hn-actions=""></div>', '<div data-hn-actions=""></div>Then think. ')
            .replace("</details></li>", "</details>And decide.</li>"))
    chapters = [Chapter("lessons/alpha.md", "lessons/alpha/", "Alpha", page, "Lesson 1")]
    quiz = BeautifulSoup(Book(chapters, "print/", "k.html").html(), "html.parser").select_one("section.hn-quiz")
    assert quiz.select("[data-hn-status], [data-hn-actions], details") == []
    assert quiz.get_text(" ", strip=True).startswith("Read each question. Quiz")
    assert " ".join(quiz.select_one("li[data-hn-question]").get_text(" ").split()).endswith(
        "Yes Then think. And decide.")


def test_an_ordering_question_prints_a_box_before_each_item():
    quiz = """<section class="hn-quiz" data-hn-quiz="q"><p class="hn-quiz__meta">1 question.</p><ol>
<li class="hn-question hn-question--ordering" data-hn-question="o"><p class="hn-question__hint">Drag them.</p>
<ol class="hn-order"><li class="hn-order__item">Listen <em>first</em>, then</li>
<li class="hn-order__item"><span>Offer</span> help</li></ol>
</li></ol></section>"""
    html = Book([Chapter("lessons/a.md", "lessons/a/", "A", quiz, "Lesson 1")], "print/", "k.html").html()
    items = BeautifulSoup(html, "html.parser").select(".hn-order__item")
    assert [str(item) for item in items] == [
        '<li class="hn-order__item"><span aria-hidden="true" class="hn-box hn-box--number"></span>'
        "Listen <em>first</em>, then</li>",
        '<li class="hn-order__item"><span aria-hidden="true" class="hn-box hn-box--number"></span>'
        "<span>Offer</span> help</li>"]
    hint = BeautifulSoup(html, "html.parser").select_one(".hn-question__hint").get_text()
    assert hint == "Number these in the order that works best, 1 first."
