"""Markdown as the course's authors write it: the syntax to skip, and the units a citation covers.

`units` splits a page body into what one citation covers: a paragraph, a top-level list item,
a table row, a heading or a whole callout. Each unit holds segments, the runs of text that end a
sentence where they end. The prose report measures the segments' plain text (`clean_inline`);
the claims check looks for a citation anywhere in a claim's unit. Neither reads front matter
(split off by `hn.pages`), HTML comments such as exercise markers, fenced code, abbreviation
lists, snippet lines, table rules or `{ #id }` lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(?P<marker>```|~~~)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SKIP_LINE = re.compile(
    r"^(?:\*\[[^\]]+\]:.*"  # abbreviation definitions
    r"|-{1,3}8<-{1,3}"  # snippet includes
    r"|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$"  # table rules
    r"|\{:?\s*[#.][^}]*\})$"  # attr_list on its own line
)
ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:"(?P<title>[^"]*)")?\s*$')
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*$")
INLINE = [  # (pattern, replacement) applied in order to each block
    (re.compile(r"`[^`]*`"), " "),  # inline code
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[\^[^\]]+\]"), " "),  # footnote references
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),  # links: keep the text only
    (re.compile(r"\{:?\s*[#.][^}]*\}"), " "),  # attr_list braces
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),  # HTML tags and autolinks
    (re.compile(r"\*\*|__|~~|(?<!\w)[*_]|[*_](?!\w)"), ""),  # emphasis
]
# A list item (or a definition) as it starts a line, with at most three spaces before its marker.
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)]|:)(?: +(?:\[[ xX]\] +)?|$)")
_QUOTE_MARKERS = re.compile(r"^(?P<indent>\s*)(?:>\s?)+")
_CALLOUT_INDENT = 4  # Python-Markdown's admonition bodies are indented by four spaces


def clean_inline(text: str) -> str:
    """Turn one block of Markdown into the plain text a reader sees, on one line."""
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(html.unescape(text).split())


def plain_lines(text: str) -> str:
    """Turn Markdown into the plain text a reader sees, keeping its line breaks where they were."""
    for pattern, replacement in INLINE:
        text = pattern.sub(lambda m, r=replacement: _keep_breaks(m, r), text)
    return "\n".join(" ".join(html.unescape(line).split()) for line in text.split("\n"))


def _keep_breaks(match: re.Match[str], replacement: str) -> str:
    """Return the replacement for `match`, with as many line breaks as the text it replaces."""
    new = match.expand(replacement)
    return new + "\n" * (match[0].count("\n") - new.count("\n"))


def strip_comments(markdown: str) -> str:
    """Remove HTML comments (exercise and team markers among them), keeping the line count."""
    return COMMENT.sub(lambda m: "\n" * m[0].count("\n"), markdown)


def without_code(markdown: str) -> str:
    """Return Markdown with comments, fenced code and inline code blanked, keeping the line count."""
    lines, fence = strip_comments(markdown).split("\n"), None
    for index, line in enumerate(lines):
        if (match := FENCE.match(line)) is not None and (fence is None or match["marker"] == fence):
            fence = match["marker"] if fence is None else None
            lines[index] = ""
        elif fence is not None:
            lines[index] = ""
    return INLINE[0][0].sub(lambda m: _keep_breaks(m, " "), "\n".join(lines))


@dataclass(frozen=True)
class Segment:
    """Lines of Markdown that end a sentence where they end: a paragraph, heading, title or cell."""

    lines: tuple[tuple[int, str], ...]  # (line in the file, text with the block syntax removed)

    @property
    def line(self) -> int:
        """Return the line in the file the segment starts on."""
        return self.lines[0][0]

    @property
    def markdown(self) -> str:
        """Return the segment's Markdown, one line of text per line of the file."""
        return "\n".join(text for _, text in self.lines)


@dataclass(frozen=True)
class Unit:
    """What one citation covers: a paragraph, a top-level list item, a table row, a heading or a callout.

    A list item takes in its nested lists; a callout takes in its title and everything indented
    under it (paragraphs, lists, nested callouts).
    """

    kind: str  # "paragraph", "item", "row", "heading" or "callout"
    line: int
    segments: tuple[Segment, ...]

    @property
    def markdown(self) -> str:
        """Return the unit's Markdown, segment after segment."""
        return "\n".join(segment.markdown for segment in self.segments)


def units(body: str, first_line: int = 1) -> list[Unit]:
    """Split a page body into the units a citation covers, each with the file line it starts on."""
    lines = [
        (number, _QUOTE_MARKERS.sub(r"\g<indent>", raw.expandtabs(4)))  # a quote reads as what it quotes
        for number, raw in enumerate(strip_comments(body).split("\n"), start=first_line)
    ]
    return list(_parse(lines))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _starts_block(text: str) -> bool:
    """Tell whether a line starts a block of its own, so it cannot continue a paragraph."""
    stripped = text.strip()
    return bool(
        FENCE.match(text)
        or SKIP_LINE.match(stripped)
        or HEADING.match(stripped)
        or ADMONITION.match(stripped)
        or stripped.startswith("|")
        or _LIST_ITEM.match(text)
    )


def _parse(lines: list[tuple[int, str]]) -> Iterator[Unit]:
    """Yield the units in `lines`, which are dedented to the level of their container."""
    index = 0
    while index < len(lines):
        number, text = lines[index]
        stripped = text.strip()
        if not stripped or SKIP_LINE.match(stripped):
            index += 1
        elif (fence := FENCE.match(text)) is not None:
            index = _after_fence(lines, index + 1, fence["marker"])
        elif (callout := ADMONITION.match(stripped)) is not None:
            body, index = _indented(lines, index + 1, _indent(text) + _CALLOUT_INDENT)
            title = [Segment(((number, callout["title"]),))] if callout["title"] else []
            yield Unit("callout", number, (*title, *(s for unit in _parse(body) for s in unit.segments)))
        elif (heading := HEADING.match(stripped)) is not None:
            yield Unit("heading", number, (Segment(((number, heading["text"]),)),))
            index += 1
        elif stripped.startswith("|"):
            cells = (Segment(((number, cell),)) for cell in stripped.strip("|").split("|") if cell.strip())
            yield Unit("row", number, tuple(cells))
            index += 1
        elif (item := _LIST_ITEM.match(text)) is not None:
            body, index = _list_item(lines, index, item.end())
            yield Unit("item", number, tuple(s for unit in _parse(body) for s in unit.segments))
        else:
            paragraph = [(number, stripped)]
            index += 1
            while index < len(lines) and lines[index][1].strip() and not _starts_block(lines[index][1]):
                paragraph.append((lines[index][0], lines[index][1].strip()))
                index += 1
            yield Unit("paragraph", number, (Segment(tuple(paragraph)),))


def _after_fence(lines: list[tuple[int, str]], index: int, marker: str) -> int:
    """Return the index just after the fence that closes a code block (or the end)."""
    while index < len(lines):
        closing = FENCE.match(lines[index][1])
        index += 1
        if closing is not None and closing["marker"] == marker:
            break
    return index


def _indented(lines: list[tuple[int, str]], index: int, indent: int) -> tuple[list[tuple[int, str]], int]:
    """Collect the block indented by at least `indent` spaces from `index`; return it dedented and the next index."""
    body: list[tuple[int, str]] = []
    while index < len(lines):
        number, text = lines[index]
        if text.strip() and _indent(text) < indent:
            break
        body.append((number, text[indent:]))
        index += 1
    return body, index


def _list_item(lines: list[tuple[int, str]], index: int, content: int) -> tuple[list[tuple[int, str]], int]:
    """Collect one list item, its continuation lines and nested blocks; return them dedented and the next index."""
    number, text = lines[index]
    content = min(content, len(text)) if text[content:].strip() else _indent(text) + 2
    body = [(number, text[content:])]
    index += 1
    while index < len(lines):
        number, text = lines[index]
        if not text.strip():
            following = next((t for _, t in lines[index + 1 :] if t.strip()), None)
            if following is None or _indent(following) < min(content, _CALLOUT_INDENT):
                break
            body.append((number, ""))
        elif _indent(text) >= min(content, _CALLOUT_INDENT):
            body.append((number, text[min(content, _indent(text)) :]))
        elif body[-1][1].strip() and not _starts_block(text):  # a lazy continuation line
            body.append((number, text.strip()))
        else:
            break
        index += 1
    return body, index
