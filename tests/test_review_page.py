"""The review page's hook: every quiz of the course, and only those (a team's course list limits them)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, load_hook
from hn.pages import COURSE_KEY, lesson_uris, load_config

review_page = load_hook("review_page")

NAV = load_config(ROOT)["nav"]
PAGE = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")


class Config(dict):
    """Just what the hook reads of MkDocs' config."""

    def __init__(self, course: list[str] | None = None) -> None:
        super().__init__(nav=NAV, extra={COURSE_KEY: course} if course is not None else {})
        self.nav = NAV
        self.mdx_configs = {}
        self.config_file_path = str(ROOT / "mkdocs.yml")


def fill(config: Config, markdown: str = PAGE, src: str = "review.md") -> str | None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src))
    return review_page.on_page_markdown(markdown, page=page, config=config, files=None)


def test_the_review_page_holds_every_quiz_of_the_course_hidden_and_a_list_of_links():
    text = fill(Config())
    markers = re.findall(r"<!-- quiz: ([\w-]+) -->", text)
    assert len(markers) == len(lesson_uris(NAV)) + 1 and markers[-1] == "final-check"
    assert 'data-hn-review-bank hidden markdown' in text
    links = re.findall(r"^- \[Lesson (\d+): [^\]]+\]\((lessons/[\w-]+\.md)#hn-([\w-]+)\)", text, re.MULTILINE)
    assert [quiz for _, _, quiz in links] == markers
    assert fill(Config(), src="progress.md") is None


def test_a_teams_course_list_limits_the_quizzes():
    course = ["lessons/why-it-matters.md", "lessons/referrals.md"]
    text = fill(Config(course))
    assert re.findall(r"<!-- quiz: ([\w-]+) -->", text) == ["why-it-matters-quiz", "referrals-quiz"]
    assert "- [Lesson 2: " in text and "(lessons/referrals.md#hn-referrals-quiz)" in text


def test_a_review_page_without_its_placeholders_stops_the_build():
    with pytest.raises(PluginError, match=r"review\.md: needs the lines <!-- hn-review-bank -->"):
        fill(Config(), markdown="# Review\n")
