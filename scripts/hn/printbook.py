"""The whole course as one printable page: lessons in course order, then the appendices.

hooks/print_page.py hands in each page's rendered HTML; this module turns them into chapters
of one page. Ids get a per-chapter prefix so they stay unique (exercise ids, `hn-...`, are
unique across the course already and keep theirs), links between chapters become links
inside the page, other links are re-based onto the print page's URL, headings move down one
level under the page's own title, and quizzes become paper worksheets: blank boxes, with the
answers left out (they stay in the facilitators' answer key). Worksheets become paper too:
no form controls, buttons or live totals, only the prompts and a place for each entry, marked
with its key (`data-hn-key`), where assets/js/print-book.js writes the learner's saved entries.
A worksheet keeps under a third of the elements it had, and the print page needs neither
worksheet.js nor quiz.js. What a printout leaves out and the theme's script would work on goes
too: the headings' permalinks, and a glossary term's title (its tooltip) after the term's
first use in the book.

Each chapter is parsed and written out again by lxml: libxml2's HTML parser and writer, in C,
the same ones lxml.html uses (without its element classes, which cost a Python call for every
element touched and a longer import). With BeautifulSoup's pure-Python parser and writer the
book took about nine times as long, the largest part of what the course added to a build. In
lxml's tree the text after an element is the element's `tail`: whatever moves or removes an
element here minds that text.
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

from lxml import etree

ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_SITE = "http://site.invalid/"  # a stand-in origin for resolving relative links
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_LINK_ATTRS = {"a": "href", "img": "src", "source": "src"}  # the attribute of each tag that links
_REWRITTEN = frozenset(("id", *ID_REFS, *_LINK_ATTRS.values()))  # an element with none of these keeps its attributes
_PARSER = etree.HTMLParser()  # lxml.html's parser, less its element classes: comments and blank text kept


def _class(name: str) -> str:
    """Return an XPath test for an element with the class `name` (CSS's `.name`)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# The parts of a quiz that each step changes, found by XPath (libxml2 walks the quiz in C).
_ANSWER_PARTS = etree.XPath(  # left out of the paper quiz: answers, buttons, score
    f"descendant::*[@data-hn-answer or @data-hn-actions or @data-hn-status or {_class('hn-quiz__footer')}]")
_QUIZ_META = etree.XPath(f"descendant::*[{_class('hn-quiz__meta')}]")
_QUESTION_COUNT = etree.XPath("count(descendant::*[@data-hn-question])")
_OPTIONS = etree.XPath(f"descendant::li[{_class('hn-option')}]")
_ORDER_ITEMS = etree.XPath(f"descendant::*[{_class('hn-order__item')}]")
# The parts of a worksheet: what goes (buttons, live results, the message checker's running
# feedback, the calendar), its sections, and each kind's parts.
_WORKSHEET_DROPPED = etree.XPath(
    "descendant::*[@data-hn-ws-actions or @data-hn-status or @data-hn-result or @data-hn-draft-result"
    f" or @data-hn-calendar or {_class('hn-draft__feedback')}]")
_SECTIONS = etree.XPath("descendant::fieldset[@data-hn-section]")
_STATEMENTS = etree.XPath("descendant::fieldset[@data-hn-statement]")
_SCALE_LABELS = etree.XPath(f"descendant::fieldset[@data-hn-statement][1]//*[{_class('hn-rating__label')}]")
_ORDERING_HINTS = etree.XPath(
    f"descendant::*[{_class('hn-question__hint')}][ancestor::*[{_class('hn-question--ordering')}]]")
# The code that makes the book, for the cache key: read at import, so a process that keeps an older
# copy of this module loaded (`mkdocs serve`) never files its book under the new code's name.
_CODE_VERSION = (hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
                 etree.LXML_VERSION, etree.LIBXML_VERSION, sys.version)


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

    def __init__(self, chapters: list[Chapter], print_url: str, answer_key: str,
                 elsewhere: dict[str, list[Chapter]] | None = None) -> None:
        """Make a book of `chapters` for the page at `print_url`.

        `elsewhere` holds the chapters printed on other pages (a long course prints in parts),
        by the URL of their page: a link to one of them goes to that page.
        """
        self.chapters = chapters
        self.print_url = print_url
        self.answer_key = answer_key
        self.elsewhere = elsewhere or {}
        self._by_url = {page_key(chapter.url): chapter for chapter in chapters}
        self._part_of = {page_key(chapter.url): (url, chapter) for url, others in self.elsewhere.items()
                         for chapter in others}
        self._terms: set[str] = set()  # glossary terms already explained (abbr titles kept)

    def html(self) -> str:
        """Return the contents list and every chapter, ready to append to the print page."""
        self._terms = set()
        contents = etree.Element("nav")
        _set(contents, {"class": "hn-book__contents", "aria-labelledby": "hn-book-contents"})
        _child(contents, "h2", {"id": "hn-book-contents"}, "Contents")
        listing = _child(contents, "ol")
        for chapter in self.chapters:
            _child(_child(listing, "li"), "a", {"href": f"#{chapter.anchor}"}, chapter.heading)
        return "\n".join(_html(element) for element in [contents, *map(self.chapter, self.chapters)])

    def chapter(self, chapter: Chapter) -> etree._Element:
        """Return one chapter as a <section> element (lxml's), ready for the print page."""
        # Parsed as a document's body, which becomes the section: text before the first element
        # stays in it. (lxml.html's fragment functions parse the same document, and drop that text
        # when it is only spaces.)
        section = etree.fromstring(f"<html><body>{chapter.html}</body></html>", _PARSER).find("body")
        section.tag = "section"
        section.attrib.clear()
        quizzes, worksheets = self._rewrite(section, chapter)
        for quiz in quizzes:
            self._paper_quiz(quiz, chapter)
        for sheet in worksheets:
            paper_worksheet(sheet)
        title = self._title(section, chapter)
        _set(section, {"class": "hn-book__chapter", "id": chapter.anchor, "data-hn-chapter": chapter.src,
                       "aria-labelledby": title})
        return section

    @staticmethod
    def _local(chapter: Chapter, value: str) -> str:
        """Return the print-page id for an id of `chapter`."""
        return value if value.startswith("hn-") else f"{chapter.anchor}--{value}"

    def _rewrite(self, section: etree._Element,
                 chapter: Chapter) -> tuple[list[etree._Element], list[etree._Element]]:
        """Prefix ids and id references, re-point links, move headings down one level.

        One walk over the chapter does it all, and collects its quizzes and worksheets, in page
        order, on the way.
        """
        quizzes, worksheets, dropped = [], [], []
        for tag in section.iterdescendants(etree.Element):  # elements only: not comments
            name = tag.tag
            if name in _HEADINGS:
                tag.tag = f"h{min(int(name[1]) + 1, 6)}"
            elif name == "section" and "hn-quiz" in _classes(tag):
                quizzes.append(tag)
            elif name == "section" and "hn-worksheet" in _classes(tag):
                worksheets.append(tag)
            elif name == "abbr":
                self._abbr(tag)
            elif name == "a" and "headerlink" in _classes(tag):
                dropped.append(tag)
                continue
            if _REWRITTEN.isdisjoint(tag.keys()):
                continue
            attrs = tag.attrib
            if "id" in attrs:
                attrs["id"] = self._local(chapter, attrs["id"])
            for ref in ID_REFS:
                if ref in attrs:
                    attrs[ref] = " ".join(self._local(chapter, value) for value in attrs[ref].split())
            link_attr = _LINK_ATTRS.get(name)
            if link_attr is not None and link_attr in attrs:
                attrs[link_attr] = self.link(attrs[link_attr], chapter)
        for tag in dropped:
            _drop(tag)
        return quizzes, worksheets

    def _abbr(self, tag: etree._Element) -> None:
        """Keep a term's explanation (its title) on its first use in the book only.

        The theme gives every element with a title a tooltip of its own; a printout shows none.
        """
        term = (tag.text or "").strip().lower()
        if term in self._terms:
            tag.attrib.pop("title", None)
        else:
            self._terms.add(term)

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
        if page_key(path) in self._part_of:  # a chapter printed in another part
            part, other = self._part_of[page_key(path)]
            fragment = self._local(other, target.fragment) if target.fragment else other.anchor
            return relative_url(part, self.print_url) + "#" + fragment
        rebased = relative_url(path, self.print_url)
        query = f"?{target.query}" if target.query else ""
        return rebased + query + (f"#{target.fragment}" if target.fragment else "")

    def _title(self, section: etree._Element, chapter: Chapter) -> str:
        """Title the chapter with its first heading (an h2 now), or a new one; return the title's id."""
        # Every h2 was an h1 (the h2s are h3s now); one in a dropped part of a quiz is gone.
        first = next(section.iter("h2"), None)
        if first is None:
            first = section.makeelement("h2")
            first.tail, section.text = section.text, None  # text before the first element stays before it
            section.insert(0, first)
        _clear(first, chapter.heading)
        first.set("id", first.get("id") or f"{chapter.anchor}--title")
        first.set("class", " ".join([*_classes(first), "hn-book__chapter-title"]))
        return first.get("id")

    def _paper_quiz(self, quiz: etree._Element, chapter: Chapter) -> None:
        """Turn an interactive quiz into questions with blank boxes and no answers.

        Each step finds its parts as it starts, among what the steps before it left in the quiz.
        """
        quiz.attrib.pop("data-hn-quiz", None)
        quiz.set("class", " ".join([*_classes(quiz), "hn-quiz--print"]))
        for part in _ANSWER_PARTS(quiz):  # in page order: a part inside another leaves with it
            _drop(part)
        meta = next(iter(_QUIZ_META(quiz)), None)
        if meta is not None:
            count = int(_QUESTION_COUNT(quiz))
            _clear(meta, f"{count} question{'s' if count != 1 else ''}. Tick your answers. The answers are "
                         "left out: check yours on the ")
            lesson = _child(meta, "a", {"href": relative_url(chapter.url, self.print_url)}, "lesson page")
            lesson.tail = ", or in the "
            key = _child(meta, "a", {"href": relative_url(self.answer_key, self.print_url)},
                         "answer key for facilitators")
            key.tail = "."
        for option in _OPTIONS(quiz):  # one element each: the stylesheet draws its box
            control = next(option.iter("input"), None)
            kind = control.get("type", "radio") if control is not None else "radio"
            label = next(option.iter("label"), None)
            _clear(option)  # the label, taken out, still holds its text
            option.set("data-hn-box", "checkbox" if kind == "checkbox" else "radio")
            if label is not None:
                option.text = label.text
                option.extend(list(label))  # each element takes the text after it along
        for item in _ORDER_ITEMS(quiz):
            box = item.makeelement("span")
            _set(box, {"class": "hn-box hn-box--number", "aria-hidden": "true"})
            box.tail, item.text = item.text, None  # the item's own text now follows the box
            item.insert(0, box)
        for hint in _ORDERING_HINTS(quiz):
            _clear(hint, "Number these in the order that works best, 1 first.")


def paper_worksheet(sheet: etree._Element) -> None:
    """Turn an interactive worksheet into paper: prompts, and a marked place for each entry.

    Each place carries the entry's key as worksheet.js saves it (`section/field`) and what it
    holds (`data-hn-fill`: text, rating, check), so print-book.js can write the saved entry in.
    """
    sheet.set("data-hn-paper", sheet.attrib.pop("data-hn-worksheet", ""))
    sheet.set("class", " ".join([*_classes(sheet), "hn-worksheet--print"]))
    for part in _WORKSHEET_DROPPED(sheet):
        _drop(part)
    for privacy in sheet.iterdescendants("p"):
        if "hn-worksheet__privacy" in _classes(privacy):
            _clear(privacy, "Your entries from this browser are filled in. Leave a box blank to fill it in by hand.")
            break
    for section in _SECTIONS(sheet):
        sid, kind = section.get("data-hn-section"), section.get("data-hn-type")
        section.tag = "div"  # no form controls left to group
        for legend in section.iterchildren("legend"):
            legend.tag = "p"
        if kind == "rating":
            _paper_rating(section, sid)
        for label in section.iter("label"):
            label.tag = "p"
            label.attrib.pop("for", None)
        for area in list(section.iter("textarea")):
            place = area.makeelement("div")
            _set(place, {"class": "hn-paper__lines", "data-hn-key": f"{sid}/{area.get('data-hn-prompt')}",
                         "data-hn-fill": "text"})
            place.tail = area.tail
            area.getparent().replace(area, place)
        for control in list(section.iter("input")):
            holder = control.getparent()
            if control.get("type") == "checkbox":  # a checklist item: its label's text, ticked by CSS
                label = next(holder.iter("p"), None)
                _clear(holder, "".join(label.itertext()) if label is not None else "")
                _set(holder, {"data-hn-key": f"{sid}/{control.get('data-hn-item')}", "data-hn-fill": "check"})
            else:  # a cell of the plan
                row = next(holder.iterancestors("tr")).get("data-hn-row")
                _set(holder, {"data-hn-key": f"{sid}/{control.get('data-hn-field')}-{row}", "data-hn-fill": "text"})
                _drop(control)


def _paper_rating(section: etree._Element, sid: str) -> None:
    """Each statement on one line with a place for the rating; the bands open, for a total by hand."""
    labels = ["".join(label.itertext()).strip() for label in _SCALE_LABELS(section)]
    section.set("data-hn-scale", json.dumps(labels, ensure_ascii=False))
    for statement in _STATEMENTS(section):
        item = statement.getparent()
        legend = next(statement.iterchildren("legend"), None)
        _clear(item, "".join(legend.itertext()).strip() + " " if legend is not None else "")
        blank = "  ".join(str(n) for n in range(1, len(labels) + 1))
        _child(item, "span", {"class": "hn-paper__rating", "data-hn-key": f"{sid}/{statement.get('data-hn-statement')}",
                              "data-hn-fill": "rating", "data-hn-reverse": statement.get("data-hn-reverse", "false"),
                              "data-hn-blank": blank}, blank)
    for box in list(section.iter("details")):
        box.tag = "div"
        for summary in box.iterchildren("summary"):
            summary.tag = "p"
            summary.set("class", "hn-paper__bands-title")
        _child(box, "p", {"class": "hn-paper__total", "data-hn-total": ""})


def cached_html(book: Book, cache_dir: Path, name: str = "book") -> str:
    """Return `book.html()`, reusing the copy that a build of the same chapters left in `cache_dir`.

    Making the book parses, rewrites and writes out every chapter again, and a rebuild with no
    page changed makes the same book. The copy is named by a hash of everything the book is made from: the
    chapters as rendered, the URLs, this module's source, the lxml and libxml2 versions (the
    parser and the writer) and the Python version (urllib resolves the links). Only the latest
    copy of each `name` (one per part of a book printed in parts) is kept.
    """
    inputs = [book.print_url, book.answer_key, [astuple(chapter) for chapter in book.chapters],
              {url: [chapter.url for chapter in chapters] for url, chapters in book.elsewhere.items()}, _CODE_VERSION]
    key = hashlib.sha256(json.dumps(inputs).encode()).hexdigest()[:32]
    path = cache_dir / f"{name}-{key}.html"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    html = book.html()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{name}-*.html"):
            old.unlink(missing_ok=True)
        # Written aside and renamed, so a build running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, suffix=".tmp", delete=False) as out:
            out.write(html)
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only checkout builds without the cache
    return html


def _html(element: etree._Element) -> str:
    """Return the HTML of `element` and everything in it (not the text after it).

    libxml2's HTML writer, as lxml.html.tostring uses it: `&`, `<` and `>` escaped in text, `&`
    and `"` in attribute values, script and style as they are, void elements as `<br>`, boolean
    attributes bare (`checked`), and spaces and non-ASCII characters in links (`href`, `src`)
    percent-encoded, as a browser sends them.
    """
    return etree.tostring(element, method="html", encoding="unicode", with_tail=False)


def _set(element: etree._Element, attrs: dict[str, str]) -> None:
    """Set the attributes `attrs` on `element`, written in this order."""
    for name, value in attrs.items():
        element.set(name, value)


def _child(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
           text: str | None = None) -> etree._Element:
    """Return a new last child of `parent`, with `attrs` and `text`."""
    element = etree.SubElement(parent, tag)
    _set(element, attrs or {})
    element.text = text
    return element


def _clear(element: etree._Element, text: str | None = None) -> None:
    """Replace what is inside `element` with `text`; keep its attributes and the text after it."""
    for child in list(element):
        element.remove(child)  # the text after each child leaves with it: it was inside `element` too
    element.text = text


def _drop(element: etree._Element) -> None:
    """Take `element` and what is inside it out of the tree; the text after it stays where it was."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _classes(element: etree._Element) -> list[str]:
    """Return an element's classes, split as CSS splits them."""
    return element.get("class", "").split()
