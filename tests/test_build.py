"""The real site builds strictly, and strict mode really fails on broken links and anchors."""

from __future__ import annotations

import gc
import re

import pytest
import yaml

from conftest import ROOT, copy_project, load_hook, mkdocs_build


def test_real_site_builds_strictly_without_warnings(site_build):
    assert site_build.returncode == 0, site_build.output
    problems = [line for line in site_build.output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert problems == []
    assert (site_build.site / "index.html").is_file()
    assert (site_build.site / "404.html").is_file()


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("[gone](no-such-page.md)", "no-such-page.md"),
        ("[gone](about.md#no-such-anchor)", "no-such-anchor"),
    ],
    ids=["missing-page", "missing-anchor"],
)
def test_strict_build_fails_on_a_broken_link(tmp_path, link, expected):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contributing.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nSee {link}.\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert expected in build.output


def test_config_keeps_the_promised_settings():
    # `!!python/name` tags are only resolvable by MkDocs, so read the file leniently.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    theme = config["theme"]
    assert theme["font"] is False
    assert config["extra"]["generator"] is False
    for feature in ("navigation.instant", "navigation.tracking", "navigation.sections",
                    "navigation.top", "search.suggest", "search.highlight"):
        assert feature in theme["features"]
    assert set(config["validation"]) >= {"omitted_files", "absolute_links", "unrecognized_links", "anchors"}
    assert config["site_url"].startswith("https://")
    schemes = {p.get("scheme") for p in theme["palette"]}
    assert {"default", "slate"} <= schemes


def test_compiled_templates_are_kept_and_an_edited_template_is_used(tmp_path):
    project = copy_project(tmp_path / "project")
    first = mkdocs_build(project, tmp_path / "site")
    assert first.returncode == 0, first.output
    cached = list((project / ".cache" / "jinja").glob("__jinja2_*.cache"))
    assert len(cached) > 20  # Material's templates and the course's overrides
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta name="referrer" content="no-referrer">',
        '<meta name="referrer" content="no-referrer"><meta name="hn-edited" content="yes">'), encoding="utf-8")
    second = mkdocs_build(project, tmp_path / "site")
    assert second.returncode == 0, second.output
    assert '<meta name="hn-edited" content="yes">' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_collector_hook_freezes_what_is_loaded_and_hands_it_back_when_the_build_ends():
    hook = load_hook("collector")
    try:
        hook.on_config(None)
        assert gc.get_freeze_count() > 1000  # pytest, MkDocs, ...: everything loaded so far
        hook.on_post_build(config=None)
        assert gc.get_freeze_count() == 0
        hook.on_config(None)
        hook.on_build_error(error=RuntimeError("a failed build"))
        assert gc.get_freeze_count() == 0  # `mkdocs serve` builds again: nothing stays frozen
    finally:
        gc.unfreeze()


def test_the_collector_hook_runs_before_every_other_hook():
    hooks = re.findall(r"^  - (hooks/\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert hooks[0] == "hooks/collector.py", hooks
