"""A fork's own settings (team.yml): organisation, branding and links shown in lessons.

Upstream never ships team.yml, so a fork that adds one never conflicts with our updates.
`team.example.yml` documents every key. Lessons mark where team links belong with
`<!-- team: TOPIC -->`; a topic the fork has not configured renders nothing.
"""

from __future__ import annotations

import difflib
import re
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
    course: list[Annotated[str, StringConstraints(pattern=r"^(lessons|team)/[\w.-]+\.md$")]] | None = Field(
        None, description="the lessons that make up the course, in order, e.g. team/first-week.md, "
                          "lessons/what-networking-is.md (default: every upstream lesson, then docs/team/ pages)")


class TeamSettingsError(Exception):
    """team.yml has problems; the message lists each as `path:line: message`."""

    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{path}:{line}: {message}" for path, line, message in problems))


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
        raise TeamSettingsError([(display, line, f"YAML syntax error: {exc.problem}")]) from None
    if data is None:
        return None
    problems = [(display, line, message) for line, message in _hidden_by_comments(node, text)]
    try:
        settings = TeamSettings.model_validate(data)
    except ValidationError as exc:
        settings = None
        for error in exc.errors():
            error["loc"] = _data_loc(data, error["loc"])
            problem = (display, _line(node, error["loc"]), _explain(error))
            if not _is_hidden_value(error, problems) and problem not in problems:
                problems.append(problem)
    if problems:
        raise TeamSettingsError(problems)
    return settings


def _data_loc(data: object, loc: tuple) -> tuple:
    """Keep the parts of a pydantic location that are keys or indexes in the data itself.

    A union such as a link's url adds the names of its alternatives (`constrained-str`), which
    mean nothing to the person who wrote team.yml.
    """
    kept: list = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and len(kept) == len(loc) - 1:
            pass  # an unknown key: keep it so the message can name it
        else:
            break
        kept.append(part)
    return tuple(kept)


_HEX_COMMENT = re.compile(r":[ \t]+(#[0-9a-fA-F]{3,8})\b")


def _hidden_by_comments(node: yaml.Node | None, text: str) -> list[tuple[int, str]]:
    """Find keys left empty because YAML read their value as a comment (`primary: #1a237e`)."""
    found = []
    source = text.splitlines()

    def walk(item: yaml.Node | None, path: tuple[str, ...]) -> None:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and value.value == "":
                    line = source[key.start_mark.line]
                    if match := _HEX_COMMENT.search(line, key.end_mark.column):
                        found.append((key.start_mark.line + 1,
                                      f"{'.'.join((*path, key.value))}: YAML reads '{match[1]}' as a comment, so "
                                      f"the value is empty. Put the colour in quotes: {key.value}: \"{match[1]}\""))
                walk(value, (*path, str(key.value)))
        elif isinstance(item, yaml.SequenceNode):
            for index, child in enumerate(item.value):
                walk(child, (*path, str(index)))

    walk(node, ())
    return found


def _is_hidden_value(error: dict, problems: list[tuple[str, int, str]]) -> bool:
    """Tell whether `error` is about a value already reported as hidden by a comment."""
    where = ".".join(map(str, error["loc"]))
    return any(message.startswith(f"{where}: YAML reads") for _, _, message in problems)


def _explain(error: dict) -> str:
    """Say what is wrong in a team lead's words, with the fix."""
    loc = error["loc"]
    where = ".".join(map(str, loc))
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else (f" Known keys here: {', '.join(known)}." if known else "")
        parent = f" in {'.'.join(map(str, loc[:-1]))}" if len(loc) > 1 else ""
        return f"unknown key '{loc[-1]}'{parent}.{hint}"
    if kind == "string_pattern_mismatch" and loc[-1] in ("primary", "accent"):
        return f"{where}: '{value}' is not a colour. Write # and six hex digits, in quotes: {loc[-1]}: \"#1a237e\""
    if kind == "missing":
        return f"{where}: this key is required."
    if loc and loc[-1] == "url" and (kind.startswith("url") or kind == "string_pattern_mismatch"):
        return (f"{where}: '{value}' is not a link. Write a full address (https://...), "
                "a site path (/..., ./...) or mailto:...")
    return f"{where}: {error['msg']}"


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """Return the settings model that holds the keys at `loc` (list indexes skipped)."""
    model: type[BaseModel] | None = TeamSettings
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return model


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


def course_pages(settings: TeamSettings, upstream: list[str], team: list[str],
                 display: str = "team.yml", text: str = "") -> list[str]:
    """Return the pages that make up the team's course, in order; check that each exists.

    `upstream` is the upstream lessons in nav order and `team` the pages in docs/team/. With no
    `course:` key the course is every upstream lesson, then every team page.
    """
    if settings.course is None:
        return upstream + team
    known = upstream + team
    source = text.splitlines()

    def line_of(page: str) -> int:
        return next((number for number, line in enumerate(source, start=1) if page in line), 1)

    problems, seen = [], set()
    for page in settings.course:
        if page in seen:
            problems.append((display, line_of(page), f"course: '{page}' is listed twice"))
        elif page not in known:
            close = difflib.get_close_matches(page, known, n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else " Lessons are docs/lessons/*.md and docs/team/*.md."
            problems.append((display, line_of(page), f"course: no page '{page}'.{hint}"))
        seen.add(page)
    if not settings.course:
        problems.append((display, line_of("course:"),
                         "course: list at least one lesson, or leave the key out for the whole course"))
    if problems:
        raise TeamSettingsError(problems)
    return list(settings.course)


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
