"""The course content, read from the strictly built site and from the sources authors write.

Each lesson states objectives and minutes, ends with key points, a quiz and a worksheet, and
cites the references page; the glossary, the references page and the lessons agree.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, copy_project, load_hook, mkdocs_build
from hn.pages import REFERENCES, lessons, reference_ids

DOCS = ROOT / "docs"
LESSONS, UNLISTED = lessons(ROOT)
GLOSSARY_TERMS = re.findall(
    r"^\*\[(?P<term>[^\]]+)\]:", (ROOT / "includes" / "glossary-abbreviations.md").read_text(encoding="utf-8"), re.M
)
REFERENCE_IDS = reference_ids((DOCS / REFERENCES).read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\bTODO\b|\bTBD\b|lorem ipsum", re.IGNORECASE)
BASE = "https://course.test/"


def page_url(src_uri: str) -> str:
    """Return the address MkDocs gives a page (directory URLs), on a made-up base."""
    stem = src_uri.removesuffix(".md")
    path = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return BASE + path


@cache
def built(site_dir: Path, src_uri: str) -> BeautifulSoup:
    """Return the parsed built page for a source page."""
    html_path = site_dir / urlsplit(page_url(src_uri)).path.lstrip("/") / "index.html"
    assert html_path.is_file(), f"{src_uri}: not built (looked for {html_path})"
    return BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")


def article(site_dir: Path, src_uri: str) -> Tag:
    """Return the page's main content (Material's `article`)."""
    soup = built(site_dir, src_uri)
    return soup.select_one("article") or soup


def text_of(tag: Tag) -> str:
    """Return the visible text of a tag, without permalink markers."""
    return " ".join(tag.get_text(" ", strip=True).replace("¶", "").split())


def citation_targets(site_dir: Path, src_uri: str) -> list[str]:
    """Return the reference ids a built page links to."""
    targets = []
    for link in article(site_dir, src_uri).select("a[href]"):
        url = urlsplit(urljoin(page_url(src_uri), link["href"]))
        if url.path == urlsplit(page_url(REFERENCES)).path and url.fragment:
            targets.append(url.fragment)
    return targets


def section_after(heading: Tag, selector: str) -> Tag | None:
    """Return the first element matching `selector` between `heading` and the next h2."""
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            return None
        if sibling.css.match(selector):
            return sibling
        if (inner := sibling.select_one(selector)) is not None:
            return inner
    return None


lesson_params = pytest.mark.parametrize("lesson", LESSONS, ids=[page.slug for page in LESSONS])


# --- every lesson ----------------------------------------------------------------------------


def test_the_course_has_thirteen_lessons_all_in_the_nav():
    assert [page.src_uri for page in UNLISTED] == [], "lesson files missing from the nav of mkdocs.yml"
    assert len(LESSONS) == 13, f"expected 13 lessons in the nav, found {[p.src_uri for p in LESSONS]}"
    assert LESSONS[-1].src_uri == "lessons/your-networking-plan.md", "the plan, with the final check, comes last"


@lesson_params
def test_lesson_states_three_to_five_objectives(site_dir, lesson):
    box = article(site_dir, lesson.src_uri).select_one("div.admonition.objectives")
    assert box is not None, f"{lesson.src_uri}: no objectives callout (!!! objectives)"
    items = box.select("li")
    assert 3 <= len(items) <= 5, f"{lesson.src_uri}: the objectives callout has {len(items)} items, not 3 to 5"


@lesson_params
def test_lesson_states_its_minutes(site_dir, lesson):
    minutes = lesson.meta.get("minutes")
    shown = article(site_dir, lesson.src_uri).select_one("[data-hn-minutes], .hn-minutes")
    assert (isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0) or shown, (
        f"{lesson.src_uri}: no minutes: add `minutes:` (a whole number) to the front matter"
    )


@lesson_params
def test_lesson_ends_with_key_points(site_dir, lesson):
    heading = article(site_dir, lesson.src_uri).select_one("h2#key-points")
    assert heading is not None, f"{lesson.src_uri}: no 'Key points' section (## Key points {{#key-points}})"
    points = section_after(heading, "ul")
    count = len(points.select("li")) if points else 0
    assert 4 <= count <= 7, f"{lesson.src_uri}: the Key points section has {count} bullet points, not 4 to 7"


@lesson_params
def test_lesson_has_a_quiz_with_six_questions_of_three_kinds(site_dir, lesson):
    quizzes = article(site_dir, lesson.src_uri).select("section.hn-quiz")
    assert quizzes, f"{lesson.src_uri}: no quiz (section.hn-quiz); add <!-- quiz: ... -->"
    for quiz in quizzes:
        questions = quiz.select("[data-hn-question]")
        kinds = {question.get("data-hn-type") for question in questions}
        name = quiz.get("data-hn-quiz")
        assert len(questions) >= 6, f"{lesson.src_uri}: quiz {name} has {len(questions)} questions, not 6 or more"
        assert len(kinds) >= 3, f"{lesson.src_uri}: quiz {name} uses {sorted(kinds)}, not 3 or more kinds"


@lesson_params
def test_lesson_has_a_worksheet(site_dir, lesson):
    assert article(site_dir, lesson.src_uri).select_one("section.hn-worksheet") is not None, (
        f"{lesson.src_uri}: no worksheet (section.hn-worksheet); add <!-- worksheet: ... -->"
    )


@lesson_params
def test_lesson_cites_entries_that_exist_on_the_references_page(site_dir, lesson):
    targets = citation_targets(site_dir, lesson.src_uri)
    assert targets, f"{lesson.src_uri}: cites nothing; link at least one claim to {REFERENCES}#<id>"
    ids = {tag["id"] for tag in built(site_dir, REFERENCES).select("[id]")}
    missing = sorted(set(targets) - ids)
    assert not missing, f"{lesson.src_uri}: cites ids with no element on the references page: {missing}"


def test_last_lesson_has_the_final_check_with_fifteen_questions(site_dir):
    last = LESSONS[-1]
    heading = article(site_dir, last.src_uri).select_one("h2#final-check")
    assert heading is not None, f"{last.src_uri}: no 'Final check' section (## Final check {{#final-check}})"
    quiz = section_after(heading, "section.hn-quiz")
    assert quiz is not None, f"{last.src_uri}: the Final check section has no quiz"
    count = len(quiz.select("[data-hn-question]"))
    assert count >= 15, f"{last.src_uri}: the final check has {count} questions, not 15 or more"


# --- glossary ------------------------------------------------------------------------------


def test_glossary_terms_are_found():
    assert len(GLOSSARY_TERMS) >= 10, "includes/glossary-abbreviations.md: expected the glossary terms"


def test_every_glossary_term_is_used_in_a_lesson(site_dir):
    used = {text_of(abbr).lower() for page in LESSONS for abbr in article(site_dir, page.src_uri).select("abbr")}
    unused = [term for term in GLOSSARY_TERMS if term.lower() not in used]
    assert not unused, f"glossary terms no lesson page uses (as an <abbr>): {unused}"


def test_every_glossary_term_is_on_the_glossary_page(site_dir):
    headings = {text_of(tag).lower() for tag in article(site_dir, "glossary.md").select("h2, h3, h4, dt")}
    missing = [term for term in GLOSSARY_TERMS if term.lower() not in headings]
    assert not missing, f"glossary.md: no heading or definition for {missing}"


# --- every page ----------------------------------------------------------------------------


def test_no_page_has_placeholder_text(site_dir):
    found = []
    for html_path in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
        # Code is exempt: the authoring pages show the scaffold's `TODO:` marker as a literal.
        for tag in soup(["script", "style", "code", "pre"]):
            tag.decompose()
        text = text_of(soup)
        for match in PLACEHOLDER.finditer(text):
            snippet = text[max(0, match.start() - 40) : match.end() + 40]
            found.append(f"{html_path.relative_to(site_dir)}: {match[0]!r} in '...{snippet}...'")
    assert not found, "placeholder text on built pages:\n" + "\n".join(found)


# --- references ----------------------------------------------------------------------------


def test_every_reference_entry_is_cited_by_a_lesson():
    assert REFERENCE_IDS, f"{REFERENCES}: no entries found (an entry ends with a line like {{ #surname-2020 }})"
    cited = {citation.ref_id for page in LESSONS for citation in page.citations}
    uncited = [ref_id for ref_id in REFERENCE_IDS if ref_id not in cited]
    assert not uncited, f"{REFERENCES}: entries no lesson cites: {uncited}"


def test_every_lesson_citation_has_an_entry():
    wrong = [
        f"docs/{page.src_uri}:{citation.line}: cites {citation.ref_id}, which has no entry on {REFERENCES}"
        for page in LESSONS
        for citation in page.citations
        if citation.ref_id not in REFERENCE_IDS
    ]
    assert not wrong, "\n".join(wrong)


def expected_cited_in(ref_id: str) -> list[tuple[str, str]]:
    """Return the (link text, lesson page path) pairs the references page should list for an entry."""
    return [
        (f"Lesson {number}: {page.title}", urlsplit(page_url(page.src_uri)).path)
        for number, page in enumerate(LESSONS, start=1)
        if ref_id in {c.ref_id for c in page.citations}
    ]


def cited_in_of(entry: Tag) -> Tag | None:
    """Return the "Cited in" paragraph that follows an entry's note, if any."""
    for sibling in entry.find_next_siblings():
        if sibling.name != "p" or sibling.get("id"):
            return None
        if "hn-cited-in" in (sibling.get("class") or []):
            return sibling
    return None


@pytest.mark.parametrize("ref_id", REFERENCE_IDS)
def test_references_page_lists_the_lessons_that_cite_each_entry(site_dir, ref_id):
    entry = article(site_dir, REFERENCES).find(id=ref_id)
    assert entry is not None, f"{REFERENCES}: no element with id {ref_id} on the built page"
    cited_in = cited_in_of(entry)
    assert cited_in is not None, f"{REFERENCES}: entry {ref_id} has no 'Cited in' line"
    assert text_of(cited_in).startswith("Cited in:")
    listed = [
        (text_of(link), urlsplit(urljoin(page_url(REFERENCES), link["href"])).path)
        for link in cited_in.select("a[href]")
    ]
    assert listed == expected_cited_in(ref_id), f"{REFERENCES}: entry {ref_id} lists the wrong lessons"


def load_references_hook():
    """Import hooks/references.py the way MkDocs does (it is a file, not a package)."""
    return load_hook("references")


def test_hook_places_cited_in_after_each_note_and_skips_uncited_entries():
    hook = load_references_hook()
    source = (
        "# References\n\n## Group {#group}\n\n"
        "Alpha, A. (2001). A title.\n{ #alpha-2001 }\n\nWhat it found.\nMore of the note.\n\n"
        "Beta, B. (2002). No note follows.\n{ #beta-2002 }\n\n"
        "Gamma, G. (2003). Not cited.\n{ #gamma-2003 }\n\nA note.\n\n## Next {#next}\n\n"
        "Delta, D. (2004). Last entry.\n{ #delta-2004 }\n"
    )
    cited = {
        "alpha-2001": [(1, "One", "lessons/one.md"), (3, "Three", "lessons/three.md")],
        "beta-2002": [(2, "Two", "lessons/two.md")],
        "delta-2004": [(1, "One", "lessons/one.md")],
    }
    result = hook.add_cited_in(source, cited)
    alpha = "Cited in: [Lesson 1: One](lessons/one.md), [Lesson 3: Three](lessons/three.md).\n{ .hn-cited-in }"
    assert "More of the note.\n\n" + alpha + "\n\n" in result
    assert "{ #beta-2002 }\n\nCited in: [Lesson 2: Two](lessons/two.md).\n{ .hn-cited-in }\n\n" in result
    assert result.count("Cited in:") == 3
    assert result.rstrip().endswith("{ #delta-2004 }\n\nCited in: [Lesson 1: One](lessons/one.md).\n{ .hn-cited-in }")


def test_hook_works_with_real_mkdocs_objects_and_skips_other_pages():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    hook = load_references_hook()
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    references = files.get_file_from_path(REFERENCES)
    other = files.get_file_from_path(LESSONS[0].src_uri)
    markdown = references.content_string
    result = hook.on_page_markdown(markdown, page=Page(None, references, config), config=config, files=files)
    cited = {citation.ref_id for page in LESSONS for citation in page.citations}
    assert result.count("{ .hn-cited-in }") == len(cited & set(REFERENCE_IDS)) > 0
    assert hook.on_page_markdown("x", page=Page(None, other, config), config=config, files=files) is None


def test_citing_an_entry_that_does_not_exist_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    lesson = project / "docs" / LESSONS[0].src_uri
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\n\nA claim ([Nobody, 2099](../references.md#nobody-2099)).\n",
        encoding="utf-8",
    )
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "nobody-2099" in build.output


# --- coverage map ------------------------------------------------------------------------------

COVERAGE = DOCS / "authoring" / "coverage.md"
COVERAGE_ROW = re.compile(r"^\|\s*(?P<number>\d+)\s*\|(?P<idea>[^|]+)\|(?P<where>[^|]*)\|\s*$")
LESSON_LINK = re.compile(r"\]\(\.\./lessons/(?P<slug>[\w-]+)\.md#(?P<anchor>[\w-]+)\)")


def test_coverage_map_summary_matches_its_tables():
    text = COVERAGE.read_text(encoding="utf-8")
    rows = [m for line in text.splitlines() if (m := COVERAGE_ROW.match(line))]
    taught = [row for row in rows if LESSON_LINK.search(row["where"])]
    summary = re.search(r"\*\*(?P<ideas>\d+) ideas identified, (?P<taught>\d+) taught\.\*\*", text)
    assert summary is not None, f"{COVERAGE.relative_to(ROOT)}: no '**N ideas identified, N taught.**' line"
    assert (int(summary["ideas"]), int(summary["taught"])) == (len(rows), len(taught)), (
        f"{COVERAGE.relative_to(ROOT)}: the summary line does not match the {len(rows)} rows "
        f"({len(taught)} with a lesson link)"
    )
    stray = [row["where"].strip() for row in rows if row["where"].strip() and not LESSON_LINK.search(row["where"])]
    assert not stray, f"{COVERAGE.relative_to(ROOT)}: 'Taught in' cells without a lesson section link: {stray}"
