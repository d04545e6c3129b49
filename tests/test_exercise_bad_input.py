"""Bad input never crashes the build, never becomes markup, and valid pages are never refused.

Realistic author mistakes and hostile input, in five classes. Each has fixture cases under
tests/fixtures/exercises/ (valid ones pass and invalid ones print exactly their expected.txt,
through test_exercise_model.py); this file adds what a fixture alone cannot show:

1. Text becomes markup: exercise text rendered with the site's full extension list keeps the
   template's elements and attributes, whatever the text holds.
2. Crashes: 100,000 levels of nesting, folders named like files, editors' lock files (broken
   links), control characters.
3. Silent passes: a marker Python-Markdown does not place is not counted.
4. Valid pages refused: byte-order marks, setext headings, headings with links, example markers
   in code (the strict build agrees with the checker; see test_exercise_build.py).
5. Messages that name what an author cannot see.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT, mkdocs_build
from hn.exercises import check_project
from hn.exercises.cache import checked_project
from hn.exercises.check import find_markers, page_anchors
from hn.exercises.load import MAX_DEPTH, load_file
from hn.exercises.model import Quiz, Worksheet
from hn.exercises.scan import _read_config, site_markdown
from hn.markdown_ext import ExerciseExtension
from hn.render import Link, environment, render_quiz, render_worksheet
from test_exercise_build import tiny_project
from test_exercise_model import FIXTURES, INVALID

GLOSSARY = ROOT / "includes" / "glossary-abbreviations.md"
SITE = site_markdown(ROOT)


def site_html(page: str, extension: ExerciseExtension) -> str:
    """Convert a page with the course's own markdown_extensions (mkdocs.yml) and `extension`."""
    assert not SITE.problem and len(SITE.extensions) > 10, SITE
    md = markdown.Markdown(extensions=[*SITE.extensions, extension], extension_configs=SITE.configs)
    return md.convert(page)


def template_html(exercise: Quiz | Worksheet) -> str:
    """Render an exercise with the templates alone (review links in the extension's default form)."""
    if isinstance(exercise, Worksheet):
        return render_worksheet(environment(), exercise)
    links = {q.id: Link("/{}#{}".format(*q.section.split("#")), "the section that teaches this")
             for q in exercise.questions}
    return render_quiz(environment(), exercise, links)


def skeleton(element) -> tuple[list, str]:
    """Every element (but glossary `<abbr>`s) with its attributes, in order, and all the text.

    Line breaks between elements are left out: Python-Markdown lays out block elements with them.
    """
    elements = [(node.tag, sorted(node.attrib.items())) for node in element.iter() if node.tag != "abbr"]
    return elements, "".join(text for text in element.itertext() if text.strip() or "\n" not in text)


def exercises_in(html: str) -> dict[str, lxml.html.HtmlElement]:
    """Return the rendered exercises in a page, by id."""
    root = lxml.html.fromstring(f"<div>{html}</div>")
    return {node.get("data-hn-quiz") or node.get("data-hn-worksheet"): node
            for node in root.xpath("//section[@data-hn-quiz or @data-hn-worksheet]")}


def glossary_titles(*texts: str) -> set[str]:
    """Return the titles that abbreviation definitions (`*[term]: title`) give."""
    return {line.split("]:", 1)[1].strip() for text in texts for line in text.splitlines() if line.startswith("*[")}


# --- 1. Text never becomes markup --------------------------------------------------------


class GivenExercises(ExerciseExtension):
    """The real extension, rendering exercises handed to it rather than a project's."""

    def __init__(self, *exercises: Quiz | Worksheet) -> None:
        super().__init__()
        self.exercises = {exercise.id: exercise for exercise in exercises}

    def render(self, kind: str, exercise_id: str) -> str:
        return template_html(self.exercises[exercise_id])


def test_markup_in_every_text_field_reaches_the_page_as_text():
    case = FIXTURES / "valid" / "markup-in-text"
    report = check_project(case)
    assert report.ok, report.problems
    page = (case / "docs" / "index.md").read_text(encoding="utf-8")
    html = site_html(page, GivenExercises(*report.exercises.exercises.values()))
    rendered = exercises_in(html)
    assert sorted(rendered) == ["markup-quiz", "markup-worksheet"]
    for exercise_id, element in rendered.items():
        expected = lxml.html.fromstring(template_html(report.exercises.exercises[exercise_id]))
        assert skeleton(element) == skeleton(expected), exercise_id
    whole = lxml.html.fromstring(f"<div>{html}</div>")
    assert [(node.tag, key) for node in whole.iter() for key in node.attrib if key.startswith("on")] == []
    assert whole.xpath("//*[@id='injected-id'] | //img | //section//em | //section//code") == []
    texts = "".join(whole.itertext())
    assert "{: onclick=alert(1) }" in texts and "*emphasis*" in texts and "<img src=x onerror=alert(1)>" in texts


def test_glossary_terms_in_exercise_text_are_still_marked():
    # Kept on purpose: 96 glossary tooltips sit in the course's quizzes and worksheets. They come
    # from the abbr extension's own code, run on the exercise before its text is sealed.
    case = FIXTURES / "valid" / "markup-in-text"
    report = check_project(case)
    page = (case / "docs" / "index.md").read_text(encoding="utf-8")
    html = site_html(page, GivenExercises(*report.exercises.exercises.values()))
    quiz = exercises_in(html)["markup-quiz"]
    terms = quiz.xpath(".//abbr")
    assert [term.text for term in terms] == ["weak tie", "weak tie"]  # in an option, and its answer
    titles = glossary_titles(page, GLOSSARY.read_text(encoding="utf-8"))
    assert all(term.get("title") in titles and not term.getchildren() for term in terms)


HOSTILE = st.lists(
    st.one_of(st.sampled_from(list("{}:#.=*_`<>&[]()!^~|\\\"' \n-+@%;/\t")),
              st.sampled_from(["onclick=alert(1)", "{: #x }", "{ .c }", "weak tie", ":smile:", "==m==", "[^1]",
                               "*[x]: y", "<!--", "-->", "&amp;", "&#60;", "\u00a0", "\u200b", "\n{: .c }"]),
              st.characters(blacklist_categories=("Cc", "Cs"))),
    min_size=1, max_size=12,
).map("".join).filter(str.strip)


@st.composite
def hostile_exercises(draw) -> tuple[Quiz, Worksheet]:
    """Draw the markup fixture's quiz and worksheet with every text field replaced by hostile text."""
    report = check_project(FIXTURES / "valid" / "markup-in-text")
    quiz, sheet = report.exercises.get("markup-quiz"), report.exercises.get("markup-worksheet")
    unique = itertools.count()  # options and items must differ from one another

    def refill(data, key=""):
        if isinstance(data, dict):
            return {name: refill(value, name) for name, value in data.items()}
        if isinstance(data, list):
            return [refill(item, key) for item in data]
        if isinstance(data, str) and key not in KEEP:
            return f"{draw(HOSTILE)} {next(unique)}"
        return data

    return (Quiz.model_validate(refill(quiz.model_dump())), Worksheet.model_validate(refill(sheet.model_dump())))


KEEP = {"id", "kind", "type", "select", "section"}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(pair=hostile_exercises())
def test_any_text_keeps_exactly_the_templates_elements_and_attributes(pair):
    page = "# Page\n\n## Attribute lists\n\n<!-- quiz: markup-quiz -->\n\n<!-- worksheet: markup-worksheet -->\n"
    html = site_html(page, GivenExercises(*pair))
    rendered = exercises_in(html)
    for exercise in pair:
        assert skeleton(rendered[exercise.id]) == skeleton(lxml.html.fromstring(template_html(exercise)))


# --- 2. Nothing crashes --------------------------------------------------------------------


LEVELS = 100_000
QUIZ = (FIXTURES / "valid" / "odd-files" / "exercises" / "odd-files-quiz.yml").read_text(encoding="utf-8")
PAGE = (FIXTURES / "valid" / "odd-files" / "docs" / "index.md").read_text(encoding="utf-8")
DEEP = {
    "flow-in-exercise": ("exercises/odd-files-quiz.yml", QUIZ + "notes: " + "[" * LEVELS + "]" * LEVELS + "\n", 13),
    "block-in-exercise": ("exercises/odd-files-quiz.yml", QUIZ + "notes:\n" + "- " * LEVELS + "x\n", 14),
    "mapping-in-front-matter": ("docs/index.md", "---\nmeta: " + "{a: " * LEVELS + "1" + "}" * LEVELS + "\n---\n"
                                + PAGE, 2),
}


def odd_files_project(dest: Path) -> Path:
    """Copy the odd-files case, to break."""
    shutil.copytree(FIXTURES / "valid" / "odd-files", dest, symlinks=True)
    return dest


@pytest.mark.parametrize("name", DEEP)
def test_nesting_a_hundred_thousand_levels_deep_is_refused_not_crashed(tmp_path: Path, name: str):
    # In a subprocess, so a crash of the interpreter (libyaml's recursive composer) fails this test
    # instead of killing pytest.
    rel, text, line = DEEP[name]
    project = odd_files_project(tmp_path / "project")
    (project / rel).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    proc = subprocess.run([sys.executable, "-m", "hn.check", "--root", str(project)], capture_output=True,
                          text=True, timeout=120, env=env, check=False)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert f"{rel}:{line}: " in proc.stdout and f"more than {MAX_DEPTH} levels deep" in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_page_nested_too_deep_stops_the_build_before_mkdocs_reads_it(tmp_path: Path):
    project = tiny_project(FIXTURES / "valid" / "odd-files", tmp_path / "project")
    rel, text, line = DEEP["mapping-in-front-matter"]
    (project / rel).write_text(text, encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1, build.output[-2000:]  # not a signal: nothing crashed
    assert f"docs/index.md:{line}: the front matter nests more than {MAX_DEPTH} levels deep" in build.output
    assert "Traceback" not in build.output


def test_lock_files_folders_and_broken_links_are_skipped_or_reported(tmp_path: Path):
    project = odd_files_project(tmp_path / "project")
    os.symlink("someone@laptop.4242:1700000000", project / "exercises" / ".#odd-files-quiz.yml")  # Emacs lock
    os.symlink("someone@laptop.4242:1700000000", project / "docs" / ".#index.md")
    (project / "exercises" / "#odd-files-quiz.yml#").write_text("half saved: [", encoding="utf-8")
    (project / "exercises" / "odd-files-quiz.yml~").write_text("old: [", encoding="utf-8")
    assert checked_project(project).problems == []  # the build hook's cached path too
    os.symlink("moved-away.yml", project / "exercises" / "gone.yml")
    os.symlink("moved-away.md", project / "docs" / "gone.md")
    assert [str(problem) for problem in check_project(project).problems] == [
        "docs/gone.md:1: is a link to a file that does not exist",
        "exercises/gone.yml:1: is a link to 'moved-away.yml', which does not exist",
    ]


@pytest.mark.parametrize("escape", ["\\e[1m", "\\a", "\\0", "\\x7f", "\\x85", "\\b", "\\v", "\\uFFFE"])
def test_control_characters_are_refused_by_name_before_they_reach_the_renderer(tmp_path: Path, escape: str):
    path = tmp_path / "quiz.yml"
    path.write_text(QUIZ.replace("prompt: A folder", f'prompt: "A {escape}folder'), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("a file.\n", 'a file."\n', 1), encoding="utf-8")
    model, problems, _ = load_file(path, "quiz.yml")
    assert model is None
    [problem] = problems
    assert problem.line == 7 and "'prompt' holds U+" in problem.message and "a control character" in problem.message


# --- 3. Only markers the build places count ------------------------------------------------


def test_a_marker_the_build_does_not_place_is_not_counted():
    case = next(case for case in INVALID if case.name == "marker-in-comment")
    report = check_project(case)
    assert report.markers == []  # so the manifest and the progress page never list the quiz


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!-- Later:\n\n<!-- quiz: a -->\n", []),  # inside a longer comment
        ("<!--\n<!-- quiz: a -->\n-->\n<!-- quiz: b -->\n", ["b"]),  # the first --> ends the comment
        ("Text\n\n    <!-- quiz: a -->\n\n<!-- quiz: b -->\n", ["b"]),  # indented code
        ("- item\n\n    ```\n    <!-- quiz: a -->\n    ```\n\n<!-- quiz: b -->\n", ["b"]),  # fence in a list
        ("| a |\n| - |\n| <!-- quiz: a --> |\n", []),  # a table cell
        ("!!! note\n\n    <!-- quiz: a -->\n", ["a"]),  # an admonition: the build places it
        ("\ufeff---\ntitle: x\n---\n<!-- quiz: a -->\n", ["a"]),  # byte-order mark and front matter
    ],
    ids=["multi-line-comment", "nested-comment", "indented-code", "list-fence", "table-cell", "admonition", "bom"],
)
def test_markers_are_found_where_python_markdown_places_them(text: str, expected: list[str]):
    assert [marker.exercise_id for marker in find_markers(text, "page.md", ROOT)] == expected


# --- 4. Pages MkDocs reads are never refused -------------------------------------------------


def test_anchors_are_the_ids_mkdocs_sees():
    text = "Title\n=====\n\nSub\n---\n\n## See [the *docs*](x.md)\n\n<p id=\"raw\">Raw</p>\n\nPara\n{: #para }\n"
    assert page_anchors(text, ROOT) == {"title": "Title", "sub": "Sub", "see-the-docs": "See the docs",
                                        "para": "", "raw": ""}


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(tmp_path: Path):
    # libyaml reads it (12 ms less a check), into MkDocs's own data: its tags, !ENV and !!python/name.
    with (ROOT / "mkdocs.yml").open("rb") as source:
        assert _read_config(ROOT / "mkdocs.yml") == yaml_load(source)
    # A file libyaml refuses is read again by MkDocs's loader, so the message is MkDocs's own.
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions: [toc\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as mkdocs_error, (tmp_path / "mkdocs.yml").open("rb") as source:
        yaml_load(source)
    assert " ".join(str(mkdocs_error.value).split())[:200] in site_markdown(tmp_path).problem


# --- Fuzz: any project, any page, never an exception ------------------------------------


PAGE_PARTS = ["<!-- quiz: odd-files-quiz -->", "<!-- worksheet: x -->", "<!--", "-->", "```", "    ", "- ", "> ",
              "!!! note\n", "## Kept\n", "Kept\n----\n", "{: #kept }", "\ufeff", "---\n", "[a](b)", "|", "\t", "\n",
              "\n\n", "*[Kept]: k\n", "<div markdown>\n", "</div>\n", "=== \"A\"\n"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(page=st.lists(st.one_of(st.sampled_from(PAGE_PARTS), st.text(max_size=6)), max_size=25).map("".join))
def test_any_page_is_checked_without_an_exception(tmp_path_factory, page: str):
    project = tmp_path_factory.mktemp("page")
    shutil.copytree(FIXTURES / "valid" / "odd-files", project, dirs_exist_ok=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump({"markdown_extensions": SITE_LIST}), encoding="utf-8")
    (project / "docs" / "index.md").write_text(page, encoding="utf-8", errors="surrogatepass")
    for problem in check_project(project).problems:
        assert (project / problem.path).is_file(), problem
        lines = (project / problem.path).read_bytes().count(b"\n") + 1
        assert 1 <= problem.line <= lines and "\n" not in problem.message, problem


# The course's extensions, less those that need the course's files (snippets) or Python objects (emoji).
SITE_LIST = [name for name in SITE.extensions if name not in {"pymdownx.snippets", "pymdownx.emoji"}]
