"""A fork's own settings (team.yml): organisation, branding and links shown in lessons.

Upstream never ships team.yml, so a fork that adds one never conflicts with our updates.
`team.example.yml` documents every key. Lessons mark where team links belong with
`<!-- team: TOPIC -->`; a topic the fork has not configured renders nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, ValidationError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]

#: The topics lessons can show, with the heading each callout uses.
TOPICS: dict[str, str] = {
    "channels": "Chat channels and forums",
    "employee_networks": "Employee networks and communities",
    "events": "Events",
    "mentoring": "Mentoring",
    "contacts": "People to talk to",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(_Strict):
    """A link to something the team offers, with a line on what it is."""

    title: Text
    url: HttpUrl | Annotated[str, StringConstraints(pattern=r"^(mailto:|/|\./|\.\./)\S+$")]
    description: Text | None = None


class Contact(_Strict):
    """A person new starters can ask, and how to reach them."""

    name: Text
    role: Text
    how: Text = Field(description="how to reach them, e.g. a chat handle or an email address")


class Colours(_Strict):
    """Brand colours (hex). Text on `primary` must stay readable: pick a dark colour."""

    primary: Colour | None = None
    accent: Colour | None = None


class Organisation(_Strict):
    """Who the fork is for."""

    name: Text
    logo: str | None = Field(None, description="docs-relative path to a logo image, e.g. team/logo.svg")
    colours: Colours = Colours()


class Links(_Strict):
    """Links grouped by topic; each topic appears where lessons have a matching marker."""

    channels: list[Link] = []
    employee_networks: list[Link] = []
    events: list[Link] = []
    mentoring: list[Link] = []
    contacts: list[Contact] = []


class Site(_Strict):
    """Where the fork is published and where its source lives (replaces mkdocs.yml's values)."""

    url: HttpUrl | None = Field(None, description="the published address, e.g. https://acme.github.io/course/")
    repo_url: HttpUrl | None = None
    repo_name: Text | None = None
    edit_uri: Text | None = Field(None, description="path of the edit link, e.g. edit/main/docs/")


class TeamSettings(_Strict):
    """Everything a fork can set in team.yml."""

    organisation: Organisation
    site: Site = Site()
    site_name: Text | None = Field(None, description="replaces the site name, e.g. 'The Human Network at Acme'")
    links: Links = Links()
    lessons_title: Text | None = Field(None, description="nav section for docs/team/ pages (default: 'At <name>')")


class TeamSettingsError(Exception):
    """team.yml has problems; the message lists each as `path:line: message`."""


def load_team_settings(path: Path, display: str = "team.yml") -> TeamSettings | None:
    """Read team.yml if it exists; None when the fork has not configured anything."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise TeamSettingsError(f"{display}:{line}: YAML syntax error: {exc.problem}") from None
    if data is None:
        return None
    try:
        return TeamSettings.model_validate(data)
    except ValidationError as exc:
        lines = [f"{display}:{_line(node, error['loc'])}: {'.'.join(map(str, error['loc']))}: {error['msg']}"
                 for error in exc.errors()]
        raise TeamSettingsError("\n".join(lines)) from None


def _line(node: yaml.Node | None, loc: tuple) -> int:
    """Return the line of the deepest YAML node on `loc` (1-based)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def callout(settings: TeamSettings | None, topic: str, indent: str = "") -> str:
    """Return the Markdown for an "At <organisation>" callout, or '' if the topic is empty."""
    if settings is None or topic not in TOPICS:
        return ""
    items = getattr(settings.links, topic)
    if not items:
        return ""
    lines = [f'!!! team "At {_md(settings.organisation.name)}: {TOPICS[topic].lower()}"', ""]
    for item in items:
        if isinstance(item, Contact):
            lines.append(f"    - **{_md(item.name)}**, {_md(item.role)}: {_md(item.how)}")
        else:
            detail = f": {_md(item.description)}" if item.description else ""
            lines.append(f"    - [{_md(item.title)}]({item.url}){detail}")
    return "\n".join(indent + line if line else line for line in lines)


def _md(text: str) -> str:
    """Escape characters that would turn team text into Markdown or HTML."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def theme_css(settings: TeamSettings) -> str:
    """Return CSS that applies the organisation's colours to the theme."""
    colours = settings.organisation.colours
    rules = []
    if colours.primary:
        rules.append(f"  --md-primary-fg-color: {colours.primary};\n  --md-primary-fg-color--dark: {colours.primary};")
    if colours.accent:
        rules.append(f"  --md-accent-fg-color: {colours.accent};")
    if not rules:
        return ""
    body = "\n".join(rules)
    return f"/* Generated from team.yml. */\n:root, [data-md-color-scheme] {{\n{body}\n}}\n"
