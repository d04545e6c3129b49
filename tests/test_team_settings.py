"""team.yml mistakes a team lead makes get a message in their words, with the fix, from `make check` too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from hn.check import main
from hn.team import TeamSettingsError, load_team_settings


def problems(tmp_path: Path, text: str) -> list[str]:
    """Load `text` as team.yml and return the problems it reports, as `team.yml:line: message`."""
    path = tmp_path / "team.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TeamSettingsError) as caught:
        load_team_settings(path)
    return str(caught.value).splitlines()


def test_a_colour_yaml_reads_as_a_comment_is_reported_with_the_quoted_fix(tmp_path):
    found = problems(tmp_path, "organisation:\n  name: Acme\n  colours:\n    primary: #1a237e\n")
    assert found == ['team.yml:4: organisation.colours.primary: YAML reads \'#1a237e\' as a comment, '
                     'so the value is empty. Put the colour in quotes: primary: "#1a237e"']


def test_the_same_colour_in_quotes_loads(tmp_path):
    path = tmp_path / "team.yml"
    path.write_text('organisation:\n  name: Acme\n  colours:\n    primary: "#1a237e"  # dark blue\n')
    assert load_team_settings(path).organisation.colours.primary == "#1a237e"


def test_an_ordinary_comment_after_a_value_is_not_mistaken_for_a_colour(tmp_path):
    path = tmp_path / "team.yml"
    path.write_text("organisation:\n  name: Acme   # #123456 is our old colour\n")
    assert load_team_settings(path).organisation.name == "Acme"


@pytest.mark.parametrize(("text", "expected"), [
    ("orgnisation:\n  name: Acme\norganisation:\n  name: Acme\n",
     "team.yml:1: unknown key 'orgnisation'. Did you mean 'organisation'?"),
    ("organisation:\n  name: Acme\n  colors:\n    primary: '#000000'\n",
     "team.yml:3: unknown key 'colors' in organisation. Did you mean 'colours'?"),
    ("organisation:\n  name: Acme\nlinks:\n  events:\n    - title: Talks\n      url: https://e.example\n"
     "      descripton: monthly\n",
     "team.yml:7: unknown key 'descripton' in links.events.0. Did you mean 'description'?"),
    ("organisation:\n  name: Acme\n  colours:\n    accent: teal\n",
     "team.yml:4: organisation.colours.accent: 'teal' is not a colour. Write # and six hex digits, in quotes: "
     'accent: "#1a237e"'),
    ("organisation:\n  name: Acme\nlinks:\n  events:\n    - title: Talks\n      url: intranet/events\n",
     "team.yml:6: links.events.0.url: 'intranet/events' is not a link. Write a full address (https://...), "
     "a site path (/..., ./...) or mailto:..."),
], ids=["top-level-typo", "nested-typo", "typo-in-a-list", "colour-name", "bad-link"])
def test_mistakes_are_explained_with_the_fix(tmp_path, text, expected):
    assert problems(tmp_path, text) == [expected]


def test_an_unknown_key_with_nothing_close_lists_the_known_keys(tmp_path):
    found = problems(tmp_path, "organisation:\n  name: Acme\n  mascot: owl\n")
    assert found == ["team.yml:3: unknown key 'mascot' in organisation. Known keys here: name, logo, colours."]


def test_make_check_validates_team_yml_before_saying_all_is_well(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "exercises", project / "exercises")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("*.ipynb"))
    (project / "team.yml").write_text("organisation:\n  name: Acme\n  colours:\n    primary: #1a237e\n")
    code = main(["--root", str(project)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith("team.yml:4: organisation.colours.primary: YAML reads '#1a237e' as a comment")
    assert "no problems" not in err and "team.yml" in err
    (project / "team.yml").write_text('organisation:\n  name: Acme\n  colours:\n    primary: "#1a237e"\n')
    assert main(["--root", str(project)]) == 0
    assert "team.yml checked: no problems" in capsys.readouterr().err
