"""The benchmark (`make bench`): its parts on small inputs, and a quick run end to end.

No timing is asserted here: `make bench` reports the budgets; these tests prove it runs.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import urllib.request

import pytest

from conftest import ROOT, mkdocs_build
from hn.bench import lighthouse, quiz, report, validator, weight
from hn.bench.__main__ import lighthouse_pages, page_url, served_headers
from hn.bench.project import compile_code, copy_project, load_config, stock_config, write_config
from hn.bench.server import serve
from hn.exercises import check_project

SECTIONS = ["## Build time", "## Page weight", "## The print book", "## What runs on a page", "## Lighthouse",
            "## Quiz start-up", "## Against mkdocs-quiz", "## Validator", "## The course at more lessons", "## Budgets"]


def test_stock_config_drops_only_what_the_course_adds():
    config = load_config(ROOT)
    stock = stock_config(config)
    assert "hooks" not in stock and "extra_css" not in stock and "extra_javascript" not in stock
    assert "custom_dir" not in stock["theme"]
    assert stock["theme"]["features"] == config["theme"]["features"]
    assert stock["theme"]["palette"] == config["theme"]["palette"]
    assert stock["plugins"][:-1] == config["plugins"]
    [print_site] = [p["print-site"] for p in stock["plugins"][-1:]]  # the stock print book: the same chapters
    assert "lessons/what-networking-is.md" not in print_site["exclude"] and "index.md" in print_site["exclude"]
    assert "glossary.md" not in print_site["exclude"]
    names = [ext if isinstance(ext, str) else next(iter(ext)) for ext in stock["markdown_extensions"]]
    assert "hn.markdown_ext" not in names and "pymdownx.emoji" in names


@pytest.fixture(scope="module")
def stock_site(tmp_path_factory):
    """Build the stock Material version of the course's Markdown, as `make bench` does."""
    tmp = tmp_path_factory.mktemp("stock")
    project = copy_project(tmp / "project")
    write_config(project, stock_config(load_config(project)), "stock.yml")
    build = mkdocs_build(project, tmp / "site", "--config-file", "stock.yml")
    assert build.returncode == 0, build.output
    return tmp / "site"


def test_the_course_code_is_compiled_once_before_builds_are_timed(tmp_path):
    project = copy_project(tmp_path / "project", parts=("hooks",))
    assert not (project / "hooks" / "__pycache__").exists()  # copied like a fresh clone
    compile_code(project)
    compiled = {path.name.split(".")[0] for path in (project / "hooks" / "__pycache__").glob("*.pyc")}
    assert compiled == {path.stem for path in (project / "hooks").glob("*.py")}
    assert list((ROOT / "scripts" / "hn" / "__pycache__").glob("manifest.*.pyc"))


def test_stock_build_of_the_same_markdown_passes_strict(stock_site):
    lesson = (stock_site / "lessons" / "what-networking-is" / "index.html").read_text(encoding="utf-8")
    assert "data-hn-quiz" not in lesson  # no course extension: the marker stays an HTML comment


@pytest.mark.browser
@pytest.mark.parametrize("headers", ["course", "stock"])
def test_stock_material_is_served_so_that_its_scripts_run(stock_site, page, console_errors, headers):
    # Stock Material writes inline scripts the course's CSP forbids: under the course's headers
    # its bundle stops at once, and the bench would time a page that does almost nothing.
    page.route(re.compile(r"^https://"), lambda route: route.abort())  # Material asks api.github.com
    url, server = serve(stock_site, served_headers(headers))
    try:
        page.goto(url + "lessons/what-networking-is/")
        page.wait_for_load_state("networkidle")
    finally:
        server.shutdown()
    errors = [e for e in console_errors if "Failed to load resource" not in e]  # the aborted requests
    if headers == "course":
        assert any("Content Security Policy" in e for e in errors), errors
        assert any("__md_get is not defined" in e for e in errors), errors
    else:
        assert errors == []
        assert page.evaluate("typeof __md_get") == "function"


def test_only_the_stock_side_is_served_without_the_csp():
    assert "script-src 'self'" in served_headers("course")["Content-Security-Policy"]
    stock = served_headers("stock")
    assert "Content-Security-Policy" not in stock
    assert stock == {k: v for k, v in served_headers("course").items() if k != "Content-Security-Policy"}


def test_server_gzips_text_and_sets_cache_headers(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>" * 100, encoding="utf-8")
    (tmp_path / "main.57a0d79d.min.css").write_text("p{color:red}" * 100, encoding="utf-8")
    url, server = serve(tmp_path, {"X-Test": "yes"})
    try:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["X-Test"] == "yes"
            assert response.headers["Cache-Control"] == "public, max-age=600"
            assert gzip.decompress(response.read()) == ("<p>hello</p>" * 100).encode()
        with urllib.request.urlopen(url + "main.57a0d79d.min.css") as response:
            assert "immutable" in response.headers["Cache-Control"]
            assert "Content-Encoding" not in response.headers  # not asked for gzip
    finally:
        server.shutdown()


def test_page_weight_sorts_files_by_owner_and_counts_inline_blocks(tmp_path):
    site, docs = tmp_path / "site", tmp_path / "docs"
    (docs / "assets" / "js").mkdir(parents=True)
    (docs / "assets" / "js" / "quiz.js").write_text("var a = 1;", encoding="utf-8")
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "js" / "quiz.js").write_text("var a = 1;", encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.12345678.min.js").write_text("var b = 2;" * 50, encoding="utf-8")
    (site / "lesson").mkdir()
    (site / "lesson" / "index.html").write_text(
        '<script src="../assets/javascripts/bundle.12345678.min.js"></script>'
        '<script src="../assets/js/quiz.js"></script><script>alert(1)</script>'
        '<script type="application/json">{}</script><style>p{}</style>', encoding="utf-8")
    [page] = weight.site_weights(site, docs)
    assert page.page == "/lesson/"
    assert page.course > 0 and page.theme > 0 and page.plugin == 0
    assert (page.inline_scripts, page.inline_styles) == (1, 1)
    summary = weight.summary([page])
    assert summary["course_share_of_theme"] == round(page.course / page.theme, 3)


def test_page_weight_counts_what_the_theme_fetches_at_start_up(tmp_path):
    site, docs = tmp_path / "site", tmp_path / "docs"
    docs.mkdir()
    for rel, text in (("assets/javascripts/workers/search.1234abcd.min.js", "w" * 300),
                      ("search/search_index.json", '{"docs": []}'), ("sitemap.xml", "<urlset/>"),
                      ("lesson/index.html", '<script id="__config" type="application/json">{"base": "..", '
                                            '"features": ["navigation.instant"], '
                                            '"search": "assets/javascripts/workers/search.1234abcd.min.js"}'
                                            "</script>")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    [page] = weight.site_weights(site, docs)
    assert page.files["assets/javascripts/workers/search.1234abcd.min.js"][0] == "theme"
    assert page.files["search/search_index.json"][0] == page.files["sitemap.xml"][0] == "data"
    assert page.total == page.html + page.theme  # the index and sitemap are reported apart
    assert (page.inline_scripts, page.inline_styles) == (0, 0)  # #__config is JSON, not a script


@pytest.mark.parametrize("path", ["", "lessons/what-networking-is/", "progress/", "notebooks/map-your-network/"])
def test_page_weight_lists_exactly_what_chromium_fetches(page, site_url, site_dir, path):
    fetched = set()
    page.on("requestfinished", lambda request: fetched.add(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.endsWith('search_index.json') && e.responseEnd > 0)")
    counted = {site_url + rel for rel in weight.page_weight(site_dir, site_dir / path / "index.html",
                                                            ROOT / "docs").files}
    assert fetched - {site_url + path} == counted


def test_lighthouse_pages_come_from_the_nav(tmp_path):
    project = copy_project(tmp_path / "project", ("mkdocs.yml", "docs"))
    pages = dict(lighthouse_pages(project))
    assert pages["home"] == "index.md"
    assert pages["lesson"].startswith("lessons/")
    assert pages["notebook"].endswith(".ipynb")
    assert page_url("index.md") == "" and page_url("lessons/a-b.md") == "lessons/a-b/"
    assert page_url("notebooks/map.ipynb") == "notebooks/map/"
    assert ("progress.md" == pages["progress"]) == (project / "docs" / "progress.md").is_file()


def _report(score: float, lcp: float = 1500) -> dict:
    """Return a Lighthouse report cut down to what the bench reads."""
    categories = {name: {"score": 1.0, "auditRefs": []} for name in lighthouse.CATEGORIES}
    categories["performance"]["score"] = score
    return {"categories": categories, "environment": {"benchmarkIndex": 2000},
            "audits": {"largest-contentful-paint": {"numericValue": lcp}, "total-blocking-time": {"numericValue": 10}}}


def test_lighthouse_sides_take_turns_and_keep_their_median_run(monkeypatch):
    calls = []
    scores = iter([0.90, 0.80, 0.99, 0.97, 0.95, 0.60])  # course, stock, course, stock, ...
    monkeypatch.setattr(lighthouse, "run_once", lambda url, chromium: calls.append(url) or _report(
        next(scores), lcp=len(calls) * 100))
    result = lighthouse.measure_side_by_side("home", {"course": "c/", "stock": "s/"}, None, runs=3)
    assert calls == ["c/", "s/", "c/", "s/", "c/", "s/"]
    assert result["course"].scores["performance"] == 95 and result["course"].lcp_ms == 500
    assert result["stock"].scores["performance"] == 80 and result["stock"].lcp_ms == 200
    assert result["course"].runs == result["stock"].runs == 3


def test_course_questions_convert_to_mkdocs_quiz_syntax():
    questions = quiz.course_questions(30)
    assert len(questions) == 30 and len({q["id"] for q in questions}) == 30
    for question in questions:
        block = quiz.to_mkdocs_quiz(question)
        assert block.startswith("<quiz>\n") and block.rstrip().endswith("</quiz>")
        answers = re.findall(r"^- \[( |x)\] ", block, re.MULTILINE)
        assert "x" in answers and len(answers) >= 2
        assert len(re.findall(r"^> ", block, re.MULTILINE)) == len(answers)  # feedback for each answer


def test_generated_exercises_pass_the_validator(tmp_path):
    project = validator.generate(tmp_path, 12)
    result = check_project(project)
    assert result.problems == []
    assert len(result.exercises.exercises) == 12


def test_budgets_cover_every_promise():
    assert set(report.BUDGETS) == {"course-assets", "page-spread", "lighthouse", "build", "validator"}


@pytest.mark.browser
def test_quick_bench_writes_every_section(tmp_path):
    """`python -m hn.bench --quick` runs every measurement briefly and writes both reports."""
    proc = subprocess.run([sys.executable, "-m", "hn.bench", "--quick", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    md = (tmp_path / "bench.md").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in md
    results = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert results["meta"]["quick"] is True
    assert {"build", "weight", "lighthouse", "quiz", "validator", "budgets"} <= set(results)
    assert {row["budget"] for row in results["budgets"]} == set(report.BUDGETS)
    assert results["build"]["ratio"]["cold"] > 0 and results["build"]["ratio"]["warm"] > 0
    # stock Material has one page more: mkdocs-print-site-plugin's print page
    assert results["weight"]["course"]["pages"] + 1 == results["weight"]["stock"]["pages"] > 10
    assert results["print"]["course"]["elements"] > 0 and results["print"]["stock"]["page"] == "/print_page/"
    assert results["profile"]["lesson"]["course"]["elements"] > results["profile"]["lesson"]["stock"]["elements"]
    rows = {(row["factor"], row["side"]): row for row in results["scale"]["rows"]}
    assert rows[(2, "course")]["lessons"] == 2 * rows[(1, "course")]["lessons"]
    # 26 lessons print in two parts, the first of PART_LESSONS lessons; stock prints one page
    assert (rows[(1, "course")]["print"]["parts"], rows[(2, "course")]["print"]["parts"]) == (1, 2)
    assert rows[(2, "stock")]["print"]["elements"] > rows[(1, "stock")]["print"]["elements"]
    assert results["lighthouse"]["course"], "Lighthouse measured no page"
    assert set(results["lighthouse"]["course"][0]["scores"]) == {"performance", "accessibility", "best-practices",
                                                                 "seo"}
    assert results["quiz"]["questions"] == 30 and results["quiz"]["mount_ms"] > 0
    assert [row["files"] for row in results["validator"]["generated"]] == [20, 40, 80]


def test_lighthouse_budget_is_relative_to_stock_with_a_floor():
    def score(page, perf, a11y=100):
        return {"page": page, "scores": {"performance": perf, "accessibility": a11y, "best-practices": 100, "seo": 100}}
    lh = {"course": [score("home", 96), score("lesson", 95), score("print", 89), score("notebook", 99, a11y=98)],
          "stock": [score("home", 98), score("lesson", 98), score("print", 80), score("notebook", 90)]}
    rows = {row["page"]: row for row in report.lighthouse_rows(lh)}
    assert rows["home"]["met"] and rows["home"]["needed"] == 96  # stock 98 - 2
    assert not rows["lesson"]["met"]  # 95 < 96
    assert not rows["print"]["met"] and rows["print"]["needed"] == 90  # never below 90, however stock does
    assert not rows["notebook"]["met"]  # accessibility under 100
    assert report.lighthouse_rows({"course": [score("home", 91)]})[0]["met"]  # quick mode: the floor alone


def test_build_budget_reads_the_minimum_of_the_runs():
    from hn.bench.__main__ import build_summary
    from hn.bench.project import BuildRun

    def runs(*cpu):
        return [BuildRun(c + 1, c, 0, "") for c in cpu]
    times = {"course": {"cold": runs(5.0, 3.9, 4.4), "warm": runs(3, 3, 3)},
             "stock": {"cold": runs(3.0, 4.0, 3.5), "warm": runs(2.5, 2.6, 2.7)}}
    result = build_summary(times, 3)
    assert result["ratio"]["cold"] == round(3.9 / 3.0, 2)
    assert result["ratio_median"]["cold"] == round(4.4 / 3.5, 2)
    assert result["course"]["cold"]["cpu_min"] == 3.9


def test_course_share_is_judged_by_kind_of_page(tmp_path):
    pages = [weight.PageWeight("/read/", 100, theme=1000, course=110,
                               files={"assets/js/progress.js": ("course", 110)}),
             weight.PageWeight("/lesson/", 100, theme=1000, course=240,
                               files={"assets/js/quiz.js": ("course", 240)})]
    shares = weight.summary(pages)["course_share_by_kind"]
    assert shares["reading"]["page"] == "/read/" and shares["reading"]["share"] == 0.11
    assert shares["tools"]["page"] == "/lesson/" and shares["tools"]["share"] == 0.24


def test_a_grown_course_has_each_lesson_and_its_exercises_copied(tmp_path):
    from hn.bench.scale import grow

    project = copy_project(tmp_path / "project")
    lessons = grow(project, 3)
    originals = [src for src in lessons if "-x" not in src]
    assert len(lessons) == 3 * len(originals)
    assert lessons[:3] == [originals[0], originals[0].replace(".md", "-x2.md"), originals[0].replace(".md", "-x3.md")]
    assert check_project(project).problems == []  # every copy's markers find their own exercise files
