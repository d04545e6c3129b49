"""The whole course as one printable page: lessons in course order, then the appendices.

hooks/print_page.py hands in each page's rendered HTML; this module turns them into chapters
of one page. Ids get a per-chapter prefix so they stay unique (exercise ids, `hn-...`, are
unique across the course already and keep theirs), links between chapters become links
inside the page, other links are re-based onto the print page's URL, headings move down one
level under the page's own title, and quizzes become paper worksheets: blank boxes, with the
answers left out (they stay in the facilitators' answer key). Worksheets are left whole, so
worksheet.js fills them with the learner's entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import sys
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import bs4
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import AttributeValueWithCharsetSubstitution, PreformattedString

ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_SITE = "http://site.invalid/"  # a stand-in origin for resolving relative links
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_LINK_ATTRS = {"a": "href", "img": "src", "source": "src"}  # the attribute of each tag that links
_ANSWER_PARTS = ("data-hn-answer", "data-hn-actions", "data-hn-status")  # left out of the paper quiz
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_RAW_TEXT = frozenset({"script", "style"})  # their text is written as it is
# The code that makes the book, for the cache key: read at import, so a process that keeps an older
# copy of this module loaded (`mkdocs serve`) never files its book under the new code's name.
_CODE_VERSION = (hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), bs4.__version__, sys.version)


@dataclass(frozen=True)
class Chapter:
    """One page of the course, as rendered, with where it lives on the site."""

    src: str  # docs-relative source, e.g. lessons/why-it-matters.md
    url: str  # URL relative to the site root, e.g. lessons/why-it-matters/
    title: str
    html: str
    label: str = ""  # e.g. "Lesson 2"; empty for an appendix

    @property
    def anchor(self) -> str:
        """Return the id of the chapter on the print page (the file name, unique in the course)."""
        return posixpath.splitext(posixpath.basename(self.src))[0]

    @property
    def heading(self) -> str:
        """Return the chapter heading text, e.g. "Lesson 2: Why it matters"."""
        return f"{self.label}: {self.title}" if self.label else self.title


def page_key(url: str) -> str:
    """Return a URL path in one spelling, with or without directory URLs (`x/index.html` is `x/`)."""
    return url.removesuffix("index.html")


def relative_url(target: str, page_url: str) -> str:
    """Return the link from the page at `page_url` to `target` (both relative to the site root)."""
    base = posixpath.dirname(page_url) or "."
    rel = posixpath.relpath(target or ".", base)
    if (not target or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel


class Book:
    """Turns chapters into the print page's HTML."""

    def __init__(self, chapters: list[Chapter], print_url: str, answer_key: str) -> None:
        self.chapters = chapters
        self.print_url = print_url
        self.answer_key = answer_key
        self._by_url = {page_key(chapter.url): chapter for chapter in chapters}

    def html(self) -> str:
        """Return the contents list and every chapter, ready to append to the print page."""
        soup = BeautifulSoup("", "html.parser")
        contents = soup.new_tag("nav", attrs={"class": "hn-book__contents", "aria-labelledby": "hn-book-contents"})
        title = soup.new_tag("h2", attrs={"id": "hn-book-contents"})
        title.string = "Contents"
        contents.append(title)
        listing = soup.new_tag("ol")
        for chapter in self.chapters:
            item = soup.new_tag("li")
            link = soup.new_tag("a", attrs={"href": f"#{chapter.anchor}"})
            link.string = chapter.heading
            item.append(link)
            listing.append(item)
        contents.append(listing)
        parts = [_html(contents)]
        parts += [_html(self.chapter(chapter)) for chapter in self.chapters]
        return "\n".join(parts)

    def chapter(self, chapter: Chapter) -> Tag:
        """Return one chapter as a <section>, ready for the print page."""
        # No source line numbers: nothing reads them, and recording them slows the parse by a sixth.
        soup = BeautifulSoup(chapter.html, "html.parser", store_line_numbers=False)
        headings, quizzes = self._rewrite(soup, chapter)
        for quiz in quizzes:
            self._paper_quiz(soup, quiz, chapter)
        title = self._title(soup, chapter, headings)
        section = soup.new_tag("section", attrs={
            "class": "hn-book__chapter", "id": chapter.anchor, "data-hn-chapter": chapter.src,
            "aria-labelledby": title})
        section.extend(list(soup.contents))
        return section

    @staticmethod
    def _local(chapter: Chapter, value: str) -> str:
        """Return the print-page id for an id of `chapter`."""
        return value if value.startswith("hn-") else f"{chapter.anchor}--{value}"

    def _rewrite(self, soup: BeautifulSoup, chapter: Chapter) -> tuple[list[Tag], list[Tag]]:
        """Prefix ids and id references, re-point links, move headings down one level.

        One walk over the chapter does it all, and collects its headings and quizzes on the way.
        (Each `find_all(attr=True)` walks the whole chapter through BeautifulSoup's matching
        machinery: the nine walks this replaces cost about as much as parsing the chapter.)
        Returns the headings and the quizzes, in page order.
        """
        headings: list[Tag] = []
        quizzes: list[Tag] = []
        for tag in soup.descendants:
            if not isinstance(tag, Tag):
                continue
            attrs = tag.attrs
            if "id" in attrs:
                attrs["id"] = self._local(chapter, attrs["id"])
            for name in ID_REFS:
                if name in attrs:
                    attrs[name] = " ".join(self._local(chapter, ref) for ref in str(attrs[name]).split())
            link_attr = _LINK_ATTRS.get(tag.name)
            if link_attr is not None and link_attr in attrs:
                attrs[link_attr] = self.link(str(attrs[link_attr]), chapter)
            if tag.name in _HEADINGS:
                tag.name = f"h{min(int(tag.name[1]) + 1, 6)}"
                headings.append(tag)
            elif tag.name == "section" and "hn-quiz" in _classes(tag):
                quizzes.append(tag)
        return headings, quizzes

    def link(self, href: str, chapter: Chapter) -> str:
        """Return where a link written on `chapter` points from the print page."""
        if href.startswith("#"):
            return "#" + self._local(chapter, href[1:]) if href != "#" else href
        if _SCHEME.match(href):
            return href
        target = urlsplit(urljoin(_SITE + chapter.url, href))
        path = target.path.removeprefix("/")
        other = self._by_url.get(page_key(path))
        if other is not None:
            return "#" + (self._local(other, target.fragment) if target.fragment else other.anchor)
        rebased = relative_url(path, self.print_url)
        query = f"?{target.query}" if target.query else ""
        return rebased + query + (f"#{target.fragment}" if target.fragment else "")

    def _title(self, soup: BeautifulSoup, chapter: Chapter, headings: list[Tag]) -> str:
        """Title the chapter with its first heading (an h2 now), or a new one; return the title's id."""
        # A heading in a dropped part of a quiz does not count (decomposed, it has no name left).
        first = next((tag for tag in headings if tag.name == "h2" and _inside(tag, soup)), None)
        if first is None:
            first = soup.new_tag("h2")
            soup.insert(0, first)
        link = first.find("a", class_="headerlink")
        first.clear()
        first.append(chapter.heading)
        if link is not None:
            link["href"] = f"#{chapter.anchor}"
            first.append(link)
        first["id"] = first.get("id") or f"{chapter.anchor}--title"
        first["class"] = [*first.get("class", []), "hn-book__chapter-title"]
        return str(first["id"])

    def _paper_quiz(self, soup: BeautifulSoup, quiz: Tag, chapter: Chapter) -> None:
        """Turn an interactive quiz into questions with blank boxes and no answers."""
        del quiz["data-hn-quiz"]
        quiz["class"] = [*quiz.get("class", []), "hn-quiz--print"]
        # The parts each step changes, found in one walk: soupsieve's `select`, which compiles and
        # matches every selector in Python, took a fifth of the book's time. Each step takes only
        # what is still in the quiz when it starts, as a `select` at that point would.
        drop, metas, questions, options, items, hints = [], [], [], [], [], []
        for tag in quiz.descendants:
            if not isinstance(tag, Tag):
                continue
            classes = _classes(tag)
            if any(name in tag.attrs for name in _ANSWER_PARTS) or "hn-quiz__footer" in classes:
                drop.append(tag)
            if "data-hn-question" in tag.attrs:
                questions.append(tag)
            if "hn-quiz__meta" in classes:
                metas.append(tag)
            if tag.name == "li" and "hn-option" in classes:
                options.append(tag)
            if "hn-order__item" in classes:
                items.append(tag)
            if "hn-question__hint" in classes:
                hints.append(tag)
        # Forget what sits inside a dropped part before dropping it: a decomposed tag cannot be asked.
        gone = {id(tag) for tag in drop}
        metas, questions, options, items, hints = (
            [tag for tag in tags if not any(id(node) in gone for node in (tag, *tag.parents))]
            for tags in (metas, questions, options, items, hints))
        for node in drop:
            node.decompose()
        meta = next(iter(metas), None)
        if meta is not None:
            count = len(questions)
            meta.clear()
            meta.append(f"{count} question{'s' if count != 1 else ''}. Tick your answers. The answers are "
                        "left out: check yours on the ")
            lesson = soup.new_tag("a", attrs={"href": relative_url(chapter.url, self.print_url)})
            lesson.string = "lesson page"
            key = soup.new_tag("a", attrs={"href": relative_url(self.answer_key, self.print_url)})
            key.string = "answer key for facilitators"
            meta.extend([lesson, ", or in the ", key, "."])
        for option in [tag for tag in options if _inside(tag, quiz)]:
            control = option.find("input")
            kind = control.get("type", "radio") if control else "radio"
            label = option.find("label")
            text = soup.new_tag("span", attrs={"class": "hn-option__text"})
            text.extend(list(label.contents) if label else [])
            option.clear()
            option.append(soup.new_tag("span", attrs={"class": f"hn-box hn-box--{kind}", "aria-hidden": "true"}))
            option.append(text)
        for item in [tag for tag in items if _inside(tag, quiz)]:
            item.insert(0, soup.new_tag("span", attrs={"class": "hn-box hn-box--number", "aria-hidden": "true"}))
        for hint in [tag for tag in hints if _inside(tag, quiz) and _in_class(tag, "hn-question--ordering")]:
            hint.string = "Number these in the order that works best, 1 first."


def cached_html(book: Book, cache_dir: Path) -> str:
    """Return `book.html()`, reusing the copy that a build of the same chapters left in `cache_dir`.

    Making the book is the largest part of what the course adds to a build's CPU time (each
    chapter is parsed and written out again by pure-Python BeautifulSoup), and a rebuild with no
    page changed makes the same book. The copy is named by a hash of everything the book is made
    from: the chapters as rendered, the URLs, this module's source, and the BeautifulSoup and
    Python versions (the parser is Python's own). Only the latest copy is kept.
    """
    inputs = [book.print_url, book.answer_key, [astuple(chapter) for chapter in book.chapters], _CODE_VERSION]
    key = hashlib.sha256(json.dumps(inputs).encode()).hexdigest()[:32]
    path = cache_dir / f"book-{key}.html"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    html = book.html()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("book-*.html"):
            old.unlink(missing_ok=True)
        # Written aside and renamed, so a build running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, suffix=".tmp", delete=False) as out:
            out.write(html)
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only checkout builds without the cache
    return html


def _html(tag: Tag) -> str:
    """Return `str(tag)`, written three times faster.

    The same HTML as BeautifulSoup's default ("minimal") formatter writes: attributes sorted,
    `&`, `<` and `>` escaped (not inside script and style), void elements as `<br/>`. Its own
    writer goes through a formatter object for every tag and string: a third of the book's time.
    """
    out: list[str] = []
    _write(tag, out)
    return "".join(out)


def _write(node: Tag | NavigableString, out: list[str]) -> None:
    """Append the HTML of `node` and everything in it to `out`."""
    if isinstance(node, Tag):
        name = f"{node.prefix}:{node.name}" if node.prefix else node.name
        if not node.hidden:
            attrs = "".join(f" {_attribute(key, value)}" for key, value in sorted(node.attrs.items()))
            if not node.contents and node.can_be_empty_element:
                out.append(f"<{name}{attrs}/>")
                return
            out.append(f"<{name}{attrs}>")
        for child in node.contents:
            _write(child, out)
        if not node.hidden:
            out.append(f"</{name}>")
    elif isinstance(node, PreformattedString):  # comments, doctypes, CDATA: as they are
        out.append(node.PREFIX + node + node.SUFFIX)
    else:
        raw = node.parent is not None and node.parent.name in _RAW_TEXT
        out.append(node.PREFIX + (str(node) if raw else node.translate(_ESCAPE)) + node.SUFFIX)


def _attribute(key: str, value: object) -> str:
    """Return `key="value"`, quoted and escaped as BeautifulSoup does."""
    if value is None:
        return key
    if isinstance(value, (list, tuple)):  # class and other space-separated lists
        value = " ".join(value)
    elif isinstance(value, AttributeValueWithCharsetSubstitution):
        value = value.substitute_encoding("utf-8")
    value = str(value).translate(_ESCAPE)
    if '"' not in value:
        return f'{key}="{value}"'
    if "'" not in value:
        return f"{key}='{value}'"
    return f'{key}="{value.replace(chr(34), "&quot;")}"'


def _classes(tag: Tag) -> list[str]:
    """Return a tag's classes (BeautifulSoup keeps `class` as a list; a string is split as CSS would)."""
    value = tag.attrs.get("class")
    if value is None:
        return []
    return value if isinstance(value, list) else str(value).split()


def _inside(tag: Tag, top: Tag) -> bool:
    """Return whether `tag` is still below `top`, not taken out since it was found (never ask a decomposed tag)."""
    return any(parent is top for parent in tag.parents)


def _in_class(tag: Tag, name: str) -> bool:
    """Return whether an ancestor of `tag` has the class `name` (CSS's descendant combinator)."""
    return any(name in _classes(parent) for parent in tag.parents)
