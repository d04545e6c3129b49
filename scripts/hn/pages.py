"""Read the course's pages as authors write them: front matter, nav order and citation links.

The prose report, the references hook and the content tests all use these helpers, so they
agree on which files are lessons, in what order, and what counts as a citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from hn.yaml_depth import TooDeep, check_depth

LESSONS_DIR = "lessons/"
REFERENCES = "references.md"
# A citation is a Markdown link to an entry on the references page, from any folder depth:
# `[Granovetter, 1973](../references.md#granovetter-1973)`.
CITATION = re.compile(r"\]\((?:\.\./)*" + re.escape(REFERENCES) + r"#(?P<id>[\w-]+)\)")
# A reference entry is a paragraph whose id sits alone on the line below it: `{ #burt-2004 }`.
ENTRY_ID = re.compile(r"^\{:?\s*#(?P<id>[\w-]+)\s*\}\s*$")
_FRONT_MATTER_FENCE = "---"


class _LenientLoader(yaml.SafeLoader):
    """Load mkdocs.yml without MkDocs: `!ENV` takes its default, `!!python/...` tags become None."""


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_LenientLoader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None,
)


@dataclass(frozen=True)
class Citation:
    """A link from a page to an entry on the references page."""

    ref_id: str
    line: int


@dataclass
class Page:
    """A Markdown page split into front matter and body, with line numbers kept."""

    path: Path
    src_uri: str
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number (1-based) of the body's first line in the file
    meta_lines: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """Return the front-matter title, or the file name when there is none."""
        return str(self.meta.get("title") or self.path.stem)

    @property
    def slug(self) -> str:
        """Return the file name without its extension."""
        return self.path.stem

    @cached_property
    def citations(self) -> list[Citation]:
        """Return every citation link in the body, in order, with its line in the file."""
        found = []
        for offset, line in enumerate(self.body.splitlines()):
            found.extend(Citation(m["id"], self.body_line + offset) for m in CITATION.finditer(line))
        return found


def _front_matter(raw: str) -> dict[str, Any]:
    """Read front matter as MkDocs does (libyaml if present): what it cannot read counts as none.

    Nesting far too deep is refused before composing (hn.yaml_depth), so it cannot exhaust the
    stack; the exercise check reports it with its line, and MkDocs would ignore it too.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        check_depth(raw, loader)
        meta = yaml.load(raw, Loader=loader)
    except (TooDeep, yaml.YAMLError):
        return {}
    return meta if isinstance(meta, dict) else {}


def split_front_matter(text: str) -> tuple[dict[str, Any], dict[str, int], str, int]:
    """Split a page into (meta, line of each top-level key, body, first body line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FRONT_MATTER_FENCE:
        return {}, {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].rstrip() in (_FRONT_MATTER_FENCE, "..."):
            break
    else:
        return {}, {}, text, 1
    raw = "".join(lines[1:end])
    meta = _front_matter(raw)
    key_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        if (match := re.match(r"^([\w-]+)\s*:", line)) is not None:
            key_lines.setdefault(match[1], number)
    return meta, key_lines, "".join(lines[end + 1 :]), end + 2


def read_page(path: Path, docs: Path) -> Page:
    """Read one Markdown page under `docs`."""
    meta, key_lines, body, body_line = split_front_matter(path.read_text(encoding="utf-8"))
    return Page(path, path.relative_to(docs).as_posix(), meta, body, body_line, key_lines)


def load_config(root: Path) -> dict[str, Any]:
    """Read the project's mkdocs.yml leniently (no MkDocs needed)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LenientLoader) or {}


def nav_paths(nav: Any) -> list[str]:
    """Flatten a MkDocs `nav` value into the page paths it lists, in order (links are skipped)."""
    if isinstance(nav, str):
        return [] if "://" in nav else [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return []


def lesson_uris(nav: Any) -> list[str]:
    """Return the lesson pages listed in `nav`, in course order."""
    return [path for path in nav_paths(nav) if path.startswith(LESSONS_DIR) and path.endswith(".md")]


#: Where hooks/team.py keeps a fork's course (team.yml `course:`, or upstream lessons then docs/team/).
COURSE_KEY = "hn_course"


def course_uris(config: Any) -> list[str]:
    """Return the pages that make up the course in order: a fork's own list, or the nav's lessons."""
    course = (config.get("extra") or {}).get(COURSE_KEY)
    return list(course) if course is not None else lesson_uris(config.get("nav"))


#: Lessons one page of a long course holds, printed (hooks/print_page.py) or reviewed
#: (hooks/review_page.py): the 13 of the course with room to spare; see performance.md.
PART_LESSONS = 15


@dataclass(frozen=True)
class PartedPage:
    """A page that a long course splits in parts, such as "print.md".

    `first` holds the first PART_LESSONS lessons, then `<first's name>/2.md`, `/3.md` and on
    the next ones.
    """

    first: str

    def src(self, number: int) -> str:
        """Return the source path of part `number` (1 is `first`)."""
        return self.first if number == 1 else f"{self.first.removesuffix('.md')}/{number}.md"

    def number(self, src_uri: str) -> int | None:
        """Return the part a source path holds, or None for any other page."""
        if src_uri == self.first:
            return 1
        match = re.fullmatch(rf"{re.escape(self.first.removesuffix('.md'))}/(\d+)\.md", src_uri)
        return int(match.group(1)) if match else None

    def count(self, config: Any) -> int:
        """Return how many parts the course in `config` needs."""
        return max(1, -(-len(course_uris(config)) // PART_LESSONS))

    def url(self, number: int, config: Any) -> str:
        """Return the site-relative URL of part `number`'s page, as MkDocs gives it."""
        from mkdocs.structure.files import File

        return File(self.src(number), config.docs_dir, config.site_dir, config.use_directory_urls).url

    def lessons(self, number: int, config: Any) -> tuple[int, int]:
        """Return the numbers of the first and the last lesson part `number` holds."""
        return (number - 1) * PART_LESSONS + 1, min(number * PART_LESSONS, len(course_uris(config)))


def lessons(root: Path, docs_dir: str = "docs") -> tuple[list[Page], list[Page]]:
    """Return (lessons in nav order, lesson files missing from the nav) for a project."""
    docs = root / docs_dir
    in_nav = [uri for uri in lesson_uris(load_config(root).get("nav")) if (docs / uri).is_file()]
    on_disk = sorted(p.relative_to(docs).as_posix() for p in (docs / LESSONS_DIR).glob("*.md"))
    ordered = [read_page(docs / uri, docs) for uri in in_nav]
    missing = [read_page(docs / uri, docs) for uri in on_disk if uri not in in_nav]
    return ordered, missing


def reference_ids(text: str) -> list[str]:
    """Return the ids of the entries on the references page, in page order."""
    return [m["id"] for line in text.splitlines() if (m := ENTRY_ID.match(line))]
