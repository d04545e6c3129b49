"""A fork's team.yml brands the site and adds its links and lessons, with no upstream file edited."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs_build
from hn.pages import lesson_uris, load_config

FORK = ROOT / "tests" / "fixtures" / "fork"


def overlay(project: Path, fixture: Path) -> None:
    """Copy a fork's own files (team.yml, docs/team/, exercises/team/) onto a project copy."""
    for path in fixture.rglob("*"):
        if path.is_file():
            target = project / path.relative_to(fixture)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


@pytest.fixture(scope="module")
def fork_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    overlay(project, FORK)
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return project, build


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_fork_builds_strictly_with_its_values_where_configured(fork_build):
    _, build = fork_build
    assert "WARNING" not in build.output
    events = read(build.site, "lessons/where-to-meet-people")
    assert "At Acme Cloud: events" in events
    assert "https://intranet.example.com/events" in events
    assert "Women in Engineering at Acme" in events
    assert "#newcomers channel" in read(build.site, "lessons/everyday-networking")
    reaching_out = read(build.site, "lessons/reaching-out-and-following-up")
    assert "Mentoring programme" in reaching_out and "Sam Rivera" in reaching_out
    home = read(build.site, ".")
    assert "<title>Welcome - The Human Network at Acme Cloud</title>" in home
    assert '<link rel="canonical" href="https://acme-cloud.github.io/networking-course/">' in home
    assert 'href="https://github.com/acme-cloud/networking-course"' in events
    assert "edit/main/docs/lessons/where-to-meet-people.md" in events
    css = (build.site / "assets" / "css" / "team.css").read_text(encoding="utf-8")
    assert "#004d40" in css
    assert '<img src="../../team/logo.svg" alt="Acme Cloud logo">' in events


def test_fork_lesson_is_in_the_nav_with_its_quiz(fork_build):
    _, build = fork_build
    page = read(build.site, "team/first-week-at-acme")
    assert 'data-hn-quiz="first-week-quiz"' in page
    assert "At Acme Cloud" in read(build.site, ".") or "At Acme Cloud" in page


def test_fork_leaves_every_upstream_lesson_untouched(fork_build):
    project, _ = fork_build
    lessons = sorted(p.name for p in (ROOT / "docs" / "lessons").glob("*.md"))
    match, mismatch, errors = filecmp.cmpfiles(ROOT / "docs" / "lessons", project / "docs" / "lessons",
                                               lessons, shallow=False)
    assert mismatch == [] and errors == []
    assert sorted(match) == lessons


def test_upstream_site_shows_no_team_callouts(site_dir):
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="admonition team"' not in html, page
        assert "<!-- team:" not in html, page
    assert not (site_dir / "assets" / "css" / "team.css").exists()


def test_a_mistake_in_team_yml_stops_the_build_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "team.yml").write_text("organisation:\n  name: Acme\n  colours:\n    primary: teal\n")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "team.yml:4: organisation.colours.primary" in build.output


def test_an_unknown_team_topic_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- team: parties -->\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "unknown team topic 'parties'" in build.output



def test_team_lessons_count_in_the_course_by_default(fork_build):
    _, build = fork_build
    manifest = json.loads((build.site / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    srcs = [lesson["src"] for lesson in manifest["lessons"]]
    upstream = lesson_uris(load_config(ROOT)["nav"])
    assert srcs == [*upstream, "team/first-week-at-acme.md"]
    assert manifest["lessons"][-1]["quizzes"][0]["id"] == "first-week-quiz"
    count = len(upstream) + 1
    assert f"Lesson {count} of {count}." in read(build.site, "team/first-week-at-acme")
    chapters = BeautifulSoup(read(build.site, "print"), "html.parser").select("section.hn-book__chapter")
    assert "team/first-week-at-acme.md" in [c["data-hn-chapter"] for c in chapters]


COURSE = ["team/first-week-at-acme.md", "lessons/what-networking-is.md", "lessons/reaching-out-and-following-up.md"]


@pytest.fixture(scope="module")
def course_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("course") / "project")
    overlay(project, FORK)
    settings = project / "team.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "course:\n" +
                        "".join(f"  - {page}\n" for page in COURSE), encoding="utf-8")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def test_a_team_chooses_its_lessons_and_their_order(course_build):
    site = course_build.site
    manifest = json.loads((site / "assets" / "course-manifest.json").read_text(encoding="utf-8"))
    assert [lesson["src"] for lesson in manifest["lessons"]] == COURSE
    assert "Lesson 1 of 3." in read(site, "team/first-week-at-acme")
    assert "Lesson 3 of 3." in read(site, "lessons/reaching-out-and-following-up")
    left_out = read(site, "lessons/why-it-matters")  # still built, for the links to it
    assert "data-hn-lesson-status" not in left_out
    chapters = BeautifulSoup(read(site, "print"), "html.parser").select("section.hn-book__chapter")
    assert [c["data-hn-chapter"] for c in chapters][:3] == COURSE
    gift = (site / "downloads" / "quizzes.gift").read_text(encoding="utf-8")
    assert gift.index("first-week-quiz") < gift.index("what-networking-is-quiz") < gift.index("why-it-matters-quiz")
    nav = BeautifulSoup(read(site, "."), "html.parser").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.select("a.md-nav__link[href]")]
    assert not any("why-it-matters" in href for href in links)
    assert "WARNING" not in course_build.output


def test_a_course_entry_that_is_not_a_page_stops_the_build_with_a_suggestion(tmp_path):
    project = copy_project(tmp_path / "project")
    overlay(project, FORK)
    settings = project / "team.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "course:\n  - team/first-week-at-acme.md\n"
                        "  - lessons/what-networking-iss.md\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    lines = settings.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - lessons/what-networking-iss.md") + 1
    assert (f"team.yml:{line}: course: no page 'lessons/what-networking-iss.md'. "
            "Did you mean 'lessons/what-networking-is.md'?") in build.output


# --- Taking upstream updates: a fork and a "Use this template" copy ---------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
UPSTREAM_FILES = ("Makefile", "scripts/update-from-upstream.sh", "docs/lessons/what-networking-is.md",
                  "exercises/what-networking-is-quiz.yml", "docs/index.md")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=check)


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def change_upstream(upstream: Path, mark: str) -> None:
    """Upstream edits a lesson and its quiz after the team made its copy."""
    for name in ("docs/lessons/what-networking-is.md", "exercises/what-networking-is-quiz.yml"):
        path = upstream / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n# {mark}\n", encoding="utf-8")
    commit_all(upstream, f"Upstream: {mark}")


def team_changes(copy: Path) -> None:
    """Add the team's own files (settings and a lesson) and edit nothing of ours."""
    (copy / "team.yml").write_text("organisation:\n  name: Acme\n", encoding="utf-8")
    (copy / "docs" / "team").mkdir(parents=True)
    (copy / "docs" / "team" / "first-week.md").write_text("# Your first week\n", encoding="utf-8")
    commit_all(copy, "Acme: our settings and first lesson")


@pytest.fixture
def upstream(tmp_path):
    repo = tmp_path / "upstream"
    for name in UPSTREAM_FILES:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "Upstream: the course")
    change_upstream(repo, "an update before the copy")
    return repo


def template_copy(upstream: Path, dest: Path) -> Path:
    """Copy `upstream` as "Use this template" does: the same files, one new commit, no shared history."""
    shutil.copytree(upstream, dest, ignore=shutil.ignore_patterns(".git"))
    git(dest, "init", "-q", "-b", "main")
    commit_all(dest, "Initial commit")
    return dest


def make_update(copy: Path, upstream: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "update"], cwd=copy, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV, "UPSTREAM": str(upstream)}, check=False)


def assert_updated(copy: Path, upstream: Path) -> None:
    for name in ("docs/lessons/what-networking-is.md", "exercises/what-networking-is-quiz.yml"):
        assert (copy / name).read_text(encoding="utf-8") == (upstream / name).read_text(encoding="utf-8"), name
    assert (copy / "team.yml").is_file() and (copy / "docs" / "team" / "first-week.md").is_file()
    assert git(copy, "status", "--porcelain").stdout == ""


def test_a_template_copy_takes_upstream_updates_without_conflicts(upstream, tmp_path):
    copy = template_copy(upstream, tmp_path / "acme")
    team_changes(copy)
    change_upstream(upstream, "a lesson and quiz fix after the copy")
    # What the guide used to say fails: no merge base, so add/add conflicts in files Acme never touched.
    git(copy, "remote", "add", "upstream", str(upstream))
    git(copy, "fetch", "-q", "upstream")
    naive = git(copy, "merge", "--no-edit", "--allow-unrelated-histories", "upstream/main", check=False)
    assert naive.returncode != 0 and "CONFLICT (add/add)" in naive.stdout
    git(copy, "merge", "--abort")

    first = make_update(copy, upstream)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "joining our history" in first.stdout
    assert_updated(copy, upstream)

    change_upstream(upstream, "a second update")
    second = make_update(copy, upstream)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "joining" not in second.stdout
    assert_updated(copy, upstream)


def test_a_fork_takes_upstream_updates_without_conflicts(upstream, tmp_path):
    fork = tmp_path / "acme-fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))
    git(fork, "remote", "rename", "origin", "upstream")
    team_changes(fork)
    change_upstream(upstream, "a lesson and quiz fix after the fork")
    done = make_update(fork, upstream)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "joining" not in done.stdout
    assert_updated(fork, upstream)


def test_update_refuses_with_uncommitted_changes_and_changes_nothing(upstream, tmp_path):
    copy = template_copy(upstream, tmp_path / "acme")
    (copy / "docs" / "index.md").write_text("half-written\n", encoding="utf-8")
    head = git(copy, "rev-parse", "HEAD").stdout
    done = make_update(copy, upstream)
    assert done.returncode != 0 and "uncommitted changes" in done.stderr
    assert git(copy, "rev-parse", "HEAD").stdout == head
    assert (copy / "docs" / "index.md").read_text(encoding="utf-8") == "half-written\n"
