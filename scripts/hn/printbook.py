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

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_SITE = "http://site.invalid/"  # a stand-in origin for resolving relative links


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
        parts = [str(contents)]
        parts += [str(self.chapter(chapter)) for chapter in self.chapters]
        return "\n".join(parts)

    def chapter(self, chapter: Chapter) -> Tag:
        """Return one chapter as a <section>, ready for the print page."""
        soup = BeautifulSoup(chapter.html, "html.parser")
        self._rewrite_ids(soup, chapter)
        self._rewrite_links(soup, chapter)
        for quiz in soup.select("section.hn-quiz"):
            self._paper_quiz(soup, quiz, chapter)
        title = self._demote_headings(soup, chapter)
        section = soup.new_tag("section", attrs={
            "class": "hn-book__chapter", "id": chapter.anchor, "data-hn-chapter": chapter.src,
            "aria-labelledby": title})
        section.extend(list(soup.contents))
        return section

    @staticmethod
    def _local(chapter: Chapter, value: str) -> str:
        """Return the print-page id for an id of `chapter`."""
        return value if value.startswith("hn-") else f"{chapter.anchor}--{value}"

    def _rewrite_ids(self, soup: BeautifulSoup, chapter: Chapter) -> None:
        for tag in soup.find_all(id=True):
            tag["id"] = self._local(chapter, tag["id"])
        for name in ID_REFS:
            for tag in soup.find_all(attrs={name: True}):
                tag[name] = " ".join(self._local(chapter, ref) for ref in str(tag[name]).split())

    def _rewrite_links(self, soup: BeautifulSoup, chapter: Chapter) -> None:
        for tag, attr in [*((a, "href") for a in soup.find_all("a", href=True)),
                          *((img, "src") for img in soup.find_all(["img", "source"], src=True))]:
            tag[attr] = self.link(str(tag[attr]), chapter)

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

    def _demote_headings(self, soup: BeautifulSoup, chapter: Chapter) -> str:
        """Move every heading one level down; title the chapter; return the title's id."""
        headings = soup.find_all(re.compile(r"^h[1-6]$"))
        for tag in headings:
            tag.name = f"h{min(int(tag.name[1]) + 1, 6)}"
        first = next((tag for tag in headings if tag.name == "h2"), None)
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
        for node in quiz.select("[data-hn-answer], [data-hn-actions], [data-hn-status], .hn-quiz__footer"):
            node.decompose()
        meta = quiz.select_one(".hn-quiz__meta")
        if meta is not None:
            count = len(quiz.select("[data-hn-question]"))
            meta.clear()
            meta.append(f"{count} question{'s' if count != 1 else ''}. Tick your answers. The answers are "
                        "left out: check yours on the ")
            lesson = soup.new_tag("a", attrs={"href": relative_url(chapter.url, self.print_url)})
            lesson.string = "lesson page"
            key = soup.new_tag("a", attrs={"href": relative_url(self.answer_key, self.print_url)})
            key.string = "answer key for facilitators"
            meta.extend([lesson, ", or in the ", key, "."])
        for option in quiz.select("li.hn-option"):
            control = option.find("input")
            kind = control.get("type", "radio") if control else "radio"
            label = option.find("label")
            text = soup.new_tag("span", attrs={"class": "hn-option__text"})
            text.extend(list(label.contents) if label else [])
            option.clear()
            option.append(soup.new_tag("span", attrs={"class": f"hn-box hn-box--{kind}", "aria-hidden": "true"}))
            option.append(text)
        for item in quiz.select(".hn-order__item"):
            item.insert(0, soup.new_tag("span", attrs={"class": "hn-box hn-box--number", "aria-hidden": "true"}))
        for hint in quiz.select(".hn-question--ordering .hn-question__hint"):
            hint.string = "Number these in the order that works best, 1 first."
