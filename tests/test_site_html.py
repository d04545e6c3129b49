"""The built HTML is valid, accessible in its markup, private and free of inline code.

Valid by the Nu Html Checker; images with alt text; no skipped heading levels; nothing loaded
from another origin; nothing a strict CSP blocks. Each rule also fails on a planted fault, so
a check that silently stopped working would show.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, strict_headers
from hn import site_check, vnu
from hn.pages import read_page

IGNORE = ROOT / "tests" / "vnu-ignore.txt"
SOURCE_PAGE = "lessons/what-networking-is/index.html"


@pytest.fixture(scope="session")
def vnu_jar():
    """Install Java if missing and the pinned vnu.jar (npm registry only), as `make check` does."""
    java = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-java.sh")], capture_output=True, text=True)
    if java.returncode != 0:
        pytest.fail(java.stderr)
    try:
        return vnu.ensure_jar()
    except vnu.VnuUnavailable as err:
        pytest.fail(str(err))


def test_every_built_page_is_valid_html(site_dir, vnu_jar):
    problems = vnu.check([site_dir], IGNORE, site_dir, vnu_jar)
    assert [str(p) for p in problems] == []


def test_built_pages_pass_the_static_checks(site_dir):
    assert [str(p) for p in site_check.check_site(site_dir)] == []


def test_every_ignore_entry_has_a_reason():
    entries, problems = vnu.load_ignores(IGNORE)
    assert problems == []
    assert 0 < len(entries) <= 10  # small on purpose


def _planted(site_dir, tmp_path, html: str, head: str = ""):
    """Copy one built page with `html` added to its article (and `head` to its head)."""
    text = (site_dir / SOURCE_PAGE).read_text(encoding="utf-8")
    text = text.replace('<article class="md-content__inner md-typeset">',
                        '<article class="md-content__inner md-typeset">' + html, 1)
    text = text.replace("</head>", head + "</head>", 1)
    page = tmp_path / "site" / "planted.html"
    page.parent.mkdir()
    page.write_text(text, encoding="utf-8")
    return page


def test_vnu_reports_an_invalid_element(site_dir, tmp_path, vnu_jar):
    page = _planted(site_dir, tmp_path, "<p><div>a block inside a paragraph</div></p><blink>old</blink>")
    problems = [str(p) for p in vnu.check([page], IGNORE, page.parent, vnu_jar) if p.path.endswith("planted.html")]
    assert any("blink" in p for p in problems), problems
    # The theme's own errors in the same page stay covered by the ignore file.
    assert not any("md-toggle" in p or "md-nav__link" in p for p in problems), problems


@pytest.mark.parametrize(
    ("html", "head", "expected"),
    [
        ('<p><img src="../../assets/images/favicon.png"></p>', "", "alt: image"),
        ('<p><img src="../../assets/images/favicon.png" alt=" "></p>', "", "alt: image"),
        ("<h4>Too deep</h4>", "", "heading: <h4> follows the start of the page"),
        ('<p><img src="https://images.example.com/p.png" alt="x"></p>', "", "privacy: <img src>"),
        ("", '<link rel="stylesheet" href="//fonts.example.com/css">', "privacy: <link href>"),
        ("<script>alert(1)</script>", "", "csp: inline <script>"),
        ('<p><a href="#" onclick="go()">x</a></p>', "", "csp: inline event handler onclick="),
        ('<p><a href="javascript:go()">x</a></p>', "", "csp: javascript: URL"),
        ('<p style="color: red">x</p>', "", "csp: style attribute"),
        ("", "<style>p { color: red }</style>", "csp: <style> element"),
    ],
    ids=["no-alt", "blank-alt", "skipped-heading", "external-image", "external-stylesheet", "inline-script",
         "event-handler", "javascript-url", "style-attribute", "style-element"],
)
def test_static_checks_report_a_planted_fault(site_dir, tmp_path, html, head, expected):
    problems = [str(p) for p in site_check.check_page(_planted(site_dir, tmp_path, html, head))]
    assert len(problems) == 1 and expected in problems[0], problems


def test_static_checks_accept_decorative_images_and_json_scripts(site_dir, tmp_path):
    html = ('<p><img src="../../assets/images/favicon.png" alt="" role="presentation"></p>'
            '<script type="application/json">{"a": 1}</script><script src="../../assets/js/quiz.js"></script>')
    assert site_check.check_page(_planted(site_dir, tmp_path, html)) == []


def test_stylesheets_may_not_load_from_another_origin(tmp_path):
    sheet = tmp_path / "a.css"
    sheet.write_text("p { color: red }\n@import url('https://fonts.example.com/x.css');\n")
    assert [str(p) for p in site_check.check_stylesheet(sheet, "a.css")] == [
        "a.css:2: privacy: stylesheet loads https://fonts.example.com/x.css from another origin"
    ]


def test_site_check_cli_prints_path_line_message_and_exit_codes(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!doctype html><html lang="en"><title>t</title><h1>x</h1><h2>y</h2></html>')
    assert site_check.main([str(site)]) == site_check.EXIT_OK
    (site / "bad.html").write_text('<!doctype html><html lang="en"><title>t</title><h1>x</h1><h3>y</h3></html>')
    assert site_check.main([str(site)]) == site_check.EXIT_PROBLEMS
    assert re.search(r"bad\.html:1: heading: <h3> follows h1", capsys.readouterr().out)
    assert site_check.main([str(tmp_path / "nowhere")]) == site_check.EXIT_USAGE


# --- The documented headers are the tested ones ----------------------------------------
def test_headers_file_sets_a_strict_policy():
    policy = dict(
        (directive.split()[0], directive.split()[1:])
        for directive in strict_headers()["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["script-src"]


def test_nginx_example_sends_the_same_headers():
    page = (ROOT / "docs" / "security-headers.md").read_text(encoding="utf-8")
    nginx = re.search(r"```nginx\n(.*?)```", page, re.DOTALL).group(1)
    sent = dict(re.findall(r'add_header (\S+) "([^"]*)" always;', nginx))
    for name, value in strict_headers().items():
        assert sent.get(name) == value, name
    assert '--8<-- "docs/_headers"' in page  # the Netlify / Cloudflare example is the file itself


def test_precommit_runs_what_make_check_runs():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert {repo["repo"] for repo in hooks} == {"local"}  # nothing fetched from GitHub at run time
    entries = {hook["entry"] for repo in hooks for hook in repo["hooks"]}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^check:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    commands = [line.strip().replace("$(BIN)/", ".venv/bin/").replace("$(MAKE) --no-print-directory", "make")
                for line in recipe.splitlines()]
    assert set(commands) == entries


def test_search_finds_quiz_questions_but_not_their_answers(site_dir):
    import json

    from bs4 import BeautifulSoup

    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    # The lesson's own entries: another page may well quote the same finding in its text.
    index = " ".join(doc["text"] for doc in docs if doc["location"].startswith("lessons/why-it-matters/"))
    index = re.sub(r"\s+", " ", index)
    page = BeautifulSoup((site_dir / "lessons" / "why-it-matters" / "index.html").read_text(), "html.parser")
    question = page.select_one("[data-hn-quiz] [data-hn-question] legend")
    feedback = page.select_one("[data-hn-quiz] [data-hn-answer] [data-hn-feedback-for]")
    assert question is not None and feedback is not None
    prompt = re.sub(r"\s+", " ", question.get_text()).removeprefix("Question 1.").strip()
    assert prompt[:40] in index  # questions stay findable
    answer = re.sub(r"\s+", " ", feedback.get_text()).strip()
    assert answer[-60:] not in index  # data-search-exclude on the answer box (scripts/hn/templates/quiz.html)


def test_every_page_description_survives_quotes_and_ampersands(site_dir):
    """Material writes the front matter's description into an attribute unescaped; hooks/page_meta.py escapes it."""
    docs = ROOT / "docs"
    quoted = 0
    for source in sorted((docs / "lessons").glob("*.md")):
        page = read_page(source, docs)
        built = site_dir / source.relative_to(docs).with_suffix("") / "index.html"
        meta = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select('meta[name="description"]')
        assert [tag.get("content") for tag in meta] == [page.meta["description"]], source.name
        quoted += '"' in page.meta["description"]
    assert quoted, "no lesson description has a quotation mark, so this test proves nothing"


def test_search_leaves_out_the_pages_for_maintainers(site_dir):
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert not [loc for loc in locations if loc.startswith("authoring/")]
    assert "lessons/why-it-matters/" in locations and "glossary/" in locations


def test_a_glossary_term_explains_itself_on_its_first_use_in_a_page(site_dir):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site_dir / "lessons" / "what-networking-is" / "index.html").read_text(), "html.parser")
    terms = page.select("article abbr")
    titled = [term.get_text().strip().lower() for term in terms if term.has_attr("title")]
    assert titled and len(titled) == len(set(titled)), "one tooltip per term"
    assert len(terms) > len(titled), "later uses stay marked, without a tooltip of their own"
    first = {}
    for term in terms:
        first.setdefault(term.get_text().strip().lower(), term)
    assert all(term.has_attr("title") for term in first.values())
