"""MkDocs hook: apply a fork's team.yml (name, logo, colours, links, its own lessons).

With no team.yml nothing changes, and `<!-- team: TOPIC -->` markers render nothing.
Team pages live in docs/team/ and are added to the nav here, so no upstream file is edited.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hn.pages import COURSE_KEY, lesson_uris, read_page
from hn.team import TOPICS, TeamSettings, TeamSettingsError, callout, course_pages, load_team_settings, theme_css

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*team:\s*(?P<topic>[a-z_]+)\s*-->[ \t]*$", re.MULTILINE)
CSS_PATH = "assets/css/team.css"
UPSTREAM_URL = "https://the-human-network.github.io/course/"
_settings: TeamSettings | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read team.yml and apply the site name, logo, colours and the team's own pages."""
    global _settings
    root = Path(config.config_file_path).resolve().parent
    try:
        _settings = load_team_settings(root / "team.yml")
    except TeamSettingsError as exc:
        raise PluginError(f"team.yml has problems:\n{exc}") from None
    if _settings is None:
        return config
    org = _settings.organisation
    if _settings.site_name:
        config.site_name = _settings.site_name
    site = _settings.site
    # Only replace the upstream default: `mkdocs serve` and SITE_URL set their own address.
    if site.url and config.site_url == UPSTREAM_URL:
        config.site_url = str(site.url)
    if site.repo_url:
        config.repo_url = str(site.repo_url)
        config.repo_name = site.repo_name or config.repo_name
    if site.edit_uri:
        config.edit_uri = site.edit_uri
    if org.logo:
        config.theme["logo"] = org.logo
        config.extra["logo_alt"] = f"{org.name} logo"
    if theme_css(_settings):
        config.extra_css.append(CSS_PATH)
    team_pages = sorted(p.relative_to(config.docs_dir).as_posix()
                        for p in (Path(config.docs_dir) / "team").glob("*.md"))
    if config.nav is not None:
        _apply_course(config, team_pages)
    return config


def on_serve(server, *, config: MkDocsConfig, builder):
    """Rebuild on edits to team.yml, which may not exist when `make serve` starts.

    The project folder is watched without its subfolders: MkDocs ignores folder events, so only
    files beside mkdocs.yml (team.yml among them) trigger a rebuild.
    """
    server.watch(str(Path(config.config_file_path).resolve().parent), recursive=False)
    return server


def _apply_course(config: MkDocsConfig, team_pages: list[str]) -> None:
    """Make the team's course the one the progress page, print book and status line follow.

    With `course:` in team.yml the nav's Lessons section lists exactly those pages, in that
    order; upstream lessons left out are still built (other lessons link to them) but are not
    in the nav. Team pages outside the course, or all of them without `course:`, get their
    own nav section.
    """
    upstream = lesson_uris(config.nav)
    try:
        team_yml = Path(config.config_file_path).resolve().parent / "team.yml"
        course = course_pages(_settings, upstream, team_pages, text=team_yml.read_text(encoding="utf-8"))
    except TeamSettingsError as exc:
        raise PluginError(f"team.yml has problems:\n{exc}") from None
    config.extra[COURSE_KEY] = course
    if _settings.course is not None:
        for index, item in enumerate(config.nav):
            if isinstance(item, dict) and "Lessons" in item:
                config.nav[index] = {"Lessons": _numbered(course, item["Lessons"], config.docs_dir)}
        left_out = [page for page in upstream if page not in course]
        if left_out:
            from pathspec.gitignore import GitIgnoreSpec  # MkDocs' own dependency, as for not_in_nav
            lines = [f"/{page}" for page in left_out]
            if config.not_in_nav is not None:
                lines += [str(pattern.pattern) for pattern in config.not_in_nav.patterns]
            config.not_in_nav = GitIgnoreSpec.from_lines(lines)
    extra_pages = [page for page in team_pages if page not in course or _settings.course is None]
    if extra_pages:
        title = _settings.lessons_title or f"At {_settings.organisation.name}"
        config.nav.insert(_after_lessons(config.nav), {title: extra_pages})


def _numbered(course: list[str], section: list, docs_dir: str) -> list:
    """Return the Lessons section for `course`: "N. Title" entries, then the section's other pages."""
    titles, others = {}, []
    for entry in section:
        (title, page), = entry.items() if isinstance(entry, dict) else ((None, entry),)
        if isinstance(page, str) and page in lesson_uris([page]):
            titles[page] = re.sub(r"^\d+\.\s*", "", title or "")
        else:
            others.append(entry)
    docs = Path(docs_dir)
    entries = [{f"{number}. {titles.get(page) or read_page(docs / page, docs).title}": page}
               for number, page in enumerate(course, start=1)]
    return entries + others


def _after_lessons(nav: list) -> int:
    """Index just after the Lessons section, or the end of the nav."""
    for index, item in enumerate(nav):
        if isinstance(item, dict) and "Lessons" in item:
            return index + 1
    return len(nav)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated colour stylesheet."""
    if _settings is not None and (css := theme_css(_settings)):
        files.append(File.generated(config, CSS_PATH, content=css))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace team markers with the team's callouts (or nothing)."""
    if "<!--" not in markdown or "team:" not in markdown:
        return markdown
    for match in MARKER.finditer(markdown):
        if match["topic"] not in TOPICS:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(TOPICS)
            raise PluginError(f"docs/{page.file.src_uri}:{line}: unknown team topic '{match['topic']}' ({known})")
    return MARKER.sub(lambda m: callout(_settings, m["topic"], m["indent"]), markdown)
