"""Read pages the way the build does: markers and anchors as Python-Markdown finds them.

A page is run through Python-Markdown with the site's own extensions (mkdocs.yml's list, after
MkDocs's built-in toc, tables and fenced_code), the way MkDocs renders it. So a marker counts
only where the build places an exercise (never in code, never inside a longer comment), and a
page's anchors are the ids MkDocs checks links against: what toc and attr_list make of the
headings, and every other `id` in the page. No second reading with regular expressions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import markdown
import pathspec
from markdown.extensions import Extension
from markdown.htmlparser import htmlparser
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

#: The extensions MkDocs always adds, and what a folder without mkdocs.yml is read with.
BUILTINS = ["toc", "tables", "fenced_code"]
DEFAULT_EXTENSIONS = [*BUILTINS, "attr_list"]
#: Pages MkDocs leaves out of every build (its default `exclude_docs`).
DEFAULT_EXCLUDE = [".*", "/templates/"]
THIS_EXTENSION = "hn.markdown_ext"
SNIPPETS = "pymdownx.snippets"  # the one extension the site uses that reads other files (followed by Includes)

#: A marker is an HTML comment that Python-Markdown keeps as a block of its own. While the
#: validator reads a page, each candidate carries its line number between two U+001F characters.
MARKER = re.compile(r"<!--\s*(?P<kind>quiz|worksheet)\s*:\s*(?P<id>\S+?)\s*(?:\x1f(?P<line>\d+)\x1f)?-->")
#: Text that may hold a marker: only pages holding it (or including snippets) need a reading for markers.
CANDIDATE = re.compile(r"<!--\s*(?:quiz|worksheet)\s*:|--8<--")
_PLACEHOLDER = re.compile(HTML_PLACEHOLDER % r"(\d+)")


@dataclass(frozen=True)
class Marker:
    """An exercise marker found in a page (`line` is 0 when it came from an included file)."""

    page: str
    line: int
    kind: str
    exercise_id: str


@dataclass
class PageScan:
    """What the build will find in one page: markers, marker-like text it ignores, and anchors."""

    markers: list[Marker] = field(default_factory=list)
    ignored: list[Marker] = field(default_factory=list)  # in code, in a longer comment, inline
    anchors: dict[str, str] = field(default_factory=dict)  # id -> heading text ('' if not a heading)
    error: str = ""  # why Python-Markdown could not read the page
    error_line: int = 1


@dataclass
class Includes:
    """What a reading took from files other than the page, for keeping it (`hn.exercises.page_cache`).

    `files` maps each snippet path as written (by the page, an included file or `auto_append`)
    to the file pymdownx.snippets found for it (None: none). `complete` is False when the
    reading may have used something it cannot name: snippets fetched from the web
    (`url_download`), or a snippets extension whose look-ups cannot be followed.
    """

    files: dict[str, str | None] = field(default_factory=dict)
    complete: bool = True


def marker_in(md: markdown.Markdown, element: etree.Element) -> re.Match | None:
    """Return the marker match if `element` is a paragraph holding nothing but a stashed marker comment.

    Python-Markdown stashes an HTML comment that stands as a block of its own and leaves a
    placeholder paragraph; the build swaps exactly those paragraphs for exercises.
    """
    if element.tag != "p" or len(element) or not element.text:
        return None
    placeholder = _PLACEHOLDER.fullmatch(element.text.strip())
    if placeholder is None or int(placeholder[1]) >= len(md.htmlStash.rawHtmlBlocks):
        return None
    return MARKER.fullmatch(str(md.htmlStash.rawHtmlBlocks[int(placeholder[1])]).strip())


# --- The extension the validator reads pages with --------------------------------------


class _LineTags(Preprocessor):
    """Tag each marker-like comment with its line, before any other preprocessor moves lines."""

    def __init__(self, md: markdown.Markdown, scan: ScanExtension) -> None:
        super().__init__(md)
        self.scan = scan

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with U+001F, N, U+001F before the `-->` of every candidate on line N."""

        def tag(match: re.Match, number: int) -> str:
            self.scan.candidates.append(Marker("", number, match["kind"], match["id"]))
            return f"{match[0][:-3]}\x1f{number}\x1f-->"

        for index, line in enumerate(lines):
            if "<!--" in line:
                number = index + self.scan.first_line
                lines[index] = MARKER.sub(lambda match, n=number: tag(match, n), line)
        return lines


class _RawIds(htmlparser.HTMLParser):
    """Collect `id`s (and `<a name>`) from raw HTML, as MkDocs does for anchor validation."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's id."""
        self.ids += [value for key, value in attrs if value and (key == "id" or (key == "name" and tag == "a"))]


class _RawHtmlAnchors(Preprocessor):
    """Read ids in raw HTML blocks (MkDocs's `_RawHTMLPreprocessor`, at the same priority)."""

    def __init__(self, md: markdown.Markdown, scan: ScanExtension) -> None:
        super().__init__(md)
        self.scan = scan

    def run(self, lines: list[str]) -> list[str]:
        """Record the ids and return the lines unchanged."""
        parser = _RawIds()
        parser.feed("\n".join(lines))
        parser.close()
        self.scan.raw_ids = parser.ids
        return lines


class _Markers(Treeprocessor):
    """Find markers where the build's exercise treeprocessor finds them, at the same priority."""

    def __init__(self, md: markdown.Markdown, scan: ScanExtension) -> None:
        super().__init__(md)
        self.scan = scan

    def run(self, root: etree.Element) -> None:
        """Record every marker the build would replace."""
        for element in root.iter():
            if (match := marker_in(self.md, element)) is not None:
                line = int(match["line"] or 0)
                self.scan.result.markers.append(Marker("", line, match["kind"], match["id"]))


class _Anchors(Treeprocessor):
    """Collect the page's ids after toc and attr_list have set them (MkDocs's own priority, 5)."""

    def __init__(self, md: markdown.Markdown, scan: ScanExtension) -> None:
        super().__init__(md)
        self.scan = scan

    def run(self, root: etree.Element) -> None:
        """Record each id with its heading text from toc."""
        titles = dict(_flatten(getattr(self.md, "toc_tokens", [])))
        anchors = self.scan.result.anchors
        for element in root.iter():
            for key in ("id", "name") if element.tag == "a" else ("id",):
                if value := element.get(key):
                    anchors.setdefault(value, titles.get(value, ""))
        for value in self.scan.raw_ids:
            anchors.setdefault(value, "")


def _flatten(tokens: list[dict[str, Any]]):
    """Yield (id, name) for every toc token, children included."""
    for token in tokens:
        yield token["id"], token["name"]
        yield from _flatten(token.get("children", []))


class ScanExtension(Extension):
    """Record markers and anchors instead of rendering exercises (the validator's reading)."""

    def __init__(self, first_line: int = 1, includes: Includes | None = None) -> None:
        super().__init__()
        self.first_line = first_line
        self.includes = includes
        self.result = PageScan()
        self.raw_ids: list[str] = []
        self.candidates: list[Marker] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the readers: line tags first of all, anchors with MkDocs's."""
        md.registerExtension(self)
        md.preprocessors.register(_LineTags(md, self), "hn_line_tags", 100)
        md.preprocessors.register(_RawHtmlAnchors(md, self), "hn_raw_anchors", 21)
        md.treeprocessors.register(_Markers(md, self), "hn_exercises", 15)
        md.treeprocessors.register(_Anchors(md, self), "hn_anchors", 5)
        if self.includes is not None:
            follow_snippets(md, self.includes)

    def reset(self) -> None:
        """Start a new page."""
        self.result, self.raw_ids, self.candidates = PageScan(), [], []


def follow_snippets(md: markdown.Markdown, includes: Includes) -> None:
    """Note in `includes` every file `md`'s pymdownx.snippets looks up (none can be named if it may fetch URLs).

    The site's extensions are registered before the validator's, so the snippets preprocessor
    (if the site uses it) is in place; its look-ups are wrapped on this instance only.
    """
    snippets = next((p for p in md.preprocessors if type(p).__module__ == SNIPPETS), None)
    if snippets is None:
        if any(type(ext).__module__ == SNIPPETS for ext in md.registeredExtensions):
            includes.complete = False  # the extension is there, its preprocessor is not where expected
        return
    find = getattr(snippets, "get_snippet_path", None)
    if find is None or getattr(snippets, "url_download", True):  # another shape, or snippets from the web
        includes.complete = False
        return

    def get_snippet_path(path: str) -> str | None:
        found = find(path)
        includes.files[path] = found
        return found

    snippets.get_snippet_path = get_snippet_path


# --- The site's Markdown, and its pages ----------------------------------------------


@dataclass
class SiteMarkdown:
    """The Markdown extensions a build of the site uses, with their settings and excluded pages."""

    extensions: list = field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
    configs: dict[str, dict] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    problem: str = ""  # why mkdocs.yml could not be read (the defaults are used instead)

    @cached_property
    def _exclude_spec(self) -> pathspec.GitIgnoreSpec:
        return pathspec.GitIgnoreSpec.from_lines(self.exclude)

    def excluded(self, rel: str) -> bool:
        """Say whether MkDocs leaves the docs-relative path `rel` out of the build."""
        return self._exclude_spec.match_file(rel)


def site_markdown(root: Path) -> SiteMarkdown:
    """Read mkdocs.yml's `markdown_extensions` the way MkDocs does (defaults when there is none)."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return SiteMarkdown()
    try:
        from mkdocs.config.config_options import MarkdownExtensions

        config = _read_config(config_file)
        option = MarkdownExtensions(builtins=BUILTINS)
        extensions = option.run_validation(config.get("markdown_extensions") or [])
        exclude = str(config.get("exclude_docs") or "").splitlines()
    except Exception as exc:  # any failure becomes a message, and the defaults stand in
        message = " ".join(str(exc).split())
        return SiteMarkdown(problem=f"could not read markdown_extensions ({message[:200]}); pages were read "
                                    f"with {', '.join(DEFAULT_EXTENSIONS)} only")
    configs = {name: dict(value) for name, value in option.configdata.items()}
    if "pymdownx.snippets" in extensions:  # MkDocs runs from the project folder: snippets are found from there
        snippets = configs.setdefault("pymdownx.snippets", {})
        paths = snippets.get("base_path", ["."])
        snippets["base_path"] = [str(root / path) for path in ([paths] if isinstance(paths, str) else paths)]
    return SiteMarkdown([name for name in extensions if name != THIS_EXTENSION], configs,
                        [*DEFAULT_EXCLUDE, *exclude])


def _read_config(config_file: Path) -> dict:
    """Read mkdocs.yml with MkDocs's loader (its tags, `INHERIT`), parsed by libyaml where PyYAML has it.

    libyaml reads the course's mkdocs.yml in 1 ms, PyYAML's own parser in 12 ms, into the same
    data. A file libyaml refuses is read again by MkDocs's own loader, so its message is MkDocs's.
    """
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with config_file.open("rb") as source:
        if (fast := getattr(yaml, "CLoader", None)) is not None:  # yaml.Loader's classes, libyaml's parser
            try:
                return yaml_load(source, get_yaml_loader(fast))
            except ConfigurationError:
                source.seek(0)
        return yaml_load(source)


def read_body(text: str) -> tuple[str, int]:
    """Split off front matter as MkDocs does; return the Markdown and the line it starts on."""
    from mkdocs.utils.meta import get_data

    body, _ = get_data(text)
    return body, _line_count(text) - _line_count(body) + 1


def _line_count(text: str) -> int:
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n")


def scan_text(site: SiteMarkdown, body: str, first_line: int = 1, includes: Includes | None = None) -> PageScan:
    """Run Markdown (front matter already removed) through the site's extensions; say what the build finds.

    With `includes`, also note there the snippet files the reading used.
    """
    extension = ScanExtension(first_line, includes)
    try:
        md = markdown.Markdown(extensions=[*site.extensions, extension], extension_configs=site.configs)
        md.convert(body)
    except Exception as exc:  # a page the build cannot read is reported, not raised
        message = " ".join(str(exc).split())
        return PageScan(error=f"{type(exc).__name__}{': ' + message[:200] if message else ''}")
    result = extension.result
    placed = {marker.line for marker in result.markers}
    result.ignored = [marker for marker in extension.candidates if marker.line not in placed]
    return result
