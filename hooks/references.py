"""MkDocs hook: list under each entry on the references page the lessons that cite it.

Lessons cite with links such as `[Gee et al., 2017](../references.md#gee-2017)`; the hook reads
every lesson in nav order and adds a "Cited in" paragraph after the matching entry's note.
An entry no lesson cites gets no line. A citation whose entry is missing is not this hook's
business: MkDocs' anchor validation already fails the strict build.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # `mkdocs serve` run by hand, without make
    sys.path.insert(0, str(ROOT / "scripts"))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from hn.pages import ENTRY_ID, REFERENCES, course_uris, split_front_matter  # noqa: E402
from hn.pages import Page as SourcePage  # noqa: E402

CITED_IN_CLASS = "hn-cited-in"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Add the "Cited in" lines to the references page; leave every other page alone."""
    if page.file.src_uri != REFERENCES:
        return None
    return add_cited_in(markdown, citing_lessons(config, files))


def citing_lessons(config: MkDocsConfig, files: Files) -> dict[str, list[tuple[int, str, str]]]:
    """Map each cited id to the lessons citing it, as (number, title, src_uri) in nav order."""
    cited: dict[str, list[tuple[int, str, str]]] = {}
    for number, uri in enumerate(course_uris(config), start=1):
        file = files.get_file_from_path(uri)
        if file is None:
            continue
        meta, _, body, body_line = split_front_matter(file.content_string)
        lesson = SourcePage(Path(file.abs_src_path or uri), uri, meta, body, body_line)
        for ref_id in dict.fromkeys(c.ref_id for c in lesson.citations):
            cited.setdefault(ref_id, []).append((number, lesson.title, uri))
    return cited


def cited_in_line(lessons: list[tuple[int, str, str]]) -> str:
    """Return the Markdown paragraph that lists the citing lessons."""
    links = ", ".join(f"[Lesson {number}: {title}]({uri})" for number, title, uri in lessons)
    return f"Cited in: {links}.\n{{ .{CITED_IN_CLASS} }}"


def add_cited_in(markdown: str, cited: dict[str, list[tuple[int, str, str]]]) -> str:
    """Insert a "Cited in" paragraph after the note of every cited entry."""
    lines = markdown.splitlines()
    inserts: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = ENTRY_ID.match(line)
        if match is None or match["id"] not in cited:
            continue
        inserts[_end_of_note(lines, index)] = cited_in_line(cited[match["id"]])
    out: list[str] = []
    for index, line in enumerate([*lines, ""]):
        if index in inserts:
            out.extend(["", inserts[index], ""])  # blank lines keep it a paragraph of its own
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def _end_of_note(lines: list[str], id_line: int) -> int:
    """Return the index where the entry's note paragraph ends (or the line after the id, if none)."""
    start = id_line + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        if ENTRY_ID.match(lines[end]) or lines[end].lstrip().startswith("#"):
            return id_line + 1  # the next thing is another entry or a heading: no note
        end += 1
    return end
