"""A fork's team.yml brands the site and adds its links and lessons, with no upstream file edited."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build

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
