"""The course manifest: generated from the nav and the exercise models, and matching the built pages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs_build
from hn.exercises import Quiz, check_project
from hn.manifest import FORMAT, RESERVED_IDS, build_manifest
from hn.pages import lesson_uris, load_config
from learner import saved_keys

REPORT = check_project(ROOT)
NAV = load_config(ROOT)["nav"]


@pytest.fixture(scope="module")
def manifest(site_dir) -> dict:
    return json.loads((site_dir / "assets" / "course-manifest.json").read_text(encoding="utf-8"))


def test_manifest_lists_the_lessons_in_nav_order_with_their_quizzes(manifest, site_url):
    assert manifest["format"] == FORMAT and manifest["version"] == 1
    assert manifest["site"] == site_url
    assert [lesson["src"] for lesson in manifest["lessons"]] == lesson_uris(NAV)
    assert [lesson["number"] for lesson in manifest["lessons"]] == list(range(1, len(lesson_uris(NAV)) + 1))
    for lesson in manifest["lessons"]:
        assert lesson["url"] == lesson["src"].removesuffix(".md") + "/"
        assert isinstance(lesson["minutes"], int)
        assert len(lesson["quizzes"]) == 1 and len(lesson["worksheets"]) == 1, lesson["src"]
        for entry in lesson["quizzes"]:
            quiz = REPORT.exercises.get(entry["id"])
            assert isinstance(quiz, Quiz)
            assert entry["questions"] == [q.id for q in quiz.questions]
            assert entry["question_count"] == len(quiz.questions)
            assert entry["pass_mark"] == quiz.pass_mark
    assert manifest["pages"] == {"progress": "progress/", "completion": "completion/", "print": "print/",
                                 "review": "review/"}


def test_the_final_check_is_a_course_check_not_a_lesson_quiz(manifest):
    plan = lesson_uris(NAV).index("lessons/your-networking-plan.md") + 1
    assert [(check["id"], check["lesson"]) for check in manifest["checks"]] == [("final-check", plan)]
    assert manifest["checks"][0]["url"] == "lessons/your-networking-plan/#hn-final-check"
    assert manifest["checks"][0]["question_count"] == len(REPORT.exercises.get("final-check").questions)


def test_worksheet_fields_match_the_controls_on_each_lesson_page(manifest, site_dir):
    """The progress page judges "worksheet done" from these fields: they must be the keys worksheet.js saves."""
    for lesson in manifest["lessons"]:
        html = BeautifulSoup((site_dir / lesson["url"] / "index.html").read_text(encoding="utf-8"), "html.parser")
        for sheet in lesson["worksheets"]:
            root = html.select_one(f"[data-hn-worksheet='{sheet['id']}']")
            saved = saved_keys(root)
            listed = {f"{s['id']}/{field}" for s in sheet["sections"] for field in s["fields"]}
            assert listed == saved, sheet["id"]


def script_data(path) -> dict:
    """Return the manifest a generated manifest script hands to the page."""
    script = path.read_text(encoding="utf-8")
    prefix = "window.HN.manifest = m; })("
    return json.loads(script[script.index(prefix) + len(prefix):].rstrip().removesuffix(";").removesuffix(")"))


def test_manifest_script_sets_the_same_data(manifest, site_dir):
    assert script_data(site_dir / "assets" / "course-manifest.js") == manifest


def test_each_lesson_has_its_own_part_of_the_manifest(manifest, site_dir):
    # A lesson page loads only its part (hooks/assets.py): the same header, its lesson, the checks it holds.
    header = {key: value for key, value in manifest.items() if key not in ("lessons", "checks")}
    parts = sorted((site_dir / "assets" / "manifest").glob("*.js"))
    assert [path.stem for path in parts] == sorted(["_course"] + [lesson["id"] for lesson in manifest["lessons"]])
    assert script_data(site_dir / "assets" / "manifest" / "_course.js") == {  # pages that list no lessons
        **header, "partial": True, "lesson_count": len(manifest["lessons"]), "lessons": [], "checks": []}
    held = []
    for lesson in manifest["lessons"]:
        part = script_data(site_dir / "assets" / "manifest" / f"{lesson['id']}.js")
        assert part == {**header, "partial": True, "lesson_count": len(manifest["lessons"]), "lessons": [lesson],
                        "checks": [c for c in manifest["checks"] if c["lesson"] == lesson["number"]]}
        held += part["checks"]
    assert held == manifest["checks"] and held  # the final check is in its lesson's part


def test_manifest_urls_follow_the_site_without_directory_urls():
    manifest = build_manifest(ROOT, "docs", NAV, REPORT, lambda src: src.removesuffix(".md") + ".html")
    assert manifest["lessons"][0]["url"] == "lessons/what-networking-is.html"
    assert manifest["checks"][0]["url"] == "lessons/your-networking-plan.html#hn-final-check"
    assert manifest["pages"]["progress"] == "progress.html"


def test_an_exercise_may_not_use_the_completion_records_id(tmp_path):
    project = copy_project(tmp_path / "project")
    reserved = next(iter(RESERVED_IDS))
    source = project / "exercises" / "what-networking-is-worksheet.yml"
    text = source.read_text(encoding="utf-8").replace("id: what-networking-is-worksheet", f"id: {reserved}", 1)
    source.unlink()
    (project / "exercises" / f"{reserved}.yml").write_text(text, encoding="utf-8")
    lesson = project / "docs" / "lessons" / "what-networking-is.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "<!-- worksheet: what-networking-is-worksheet -->", f"<!-- worksheet: {reserved} -->"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"the id '{reserved}' is reserved for the completion record" in build.output
