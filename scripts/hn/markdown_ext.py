"""Python-Markdown extension: replace `<!-- quiz: id -->` and `<!-- worksheet: id -->` markers.

Register it in mkdocs.yml as `hn.markdown_ext` under `markdown_extensions`. It works under
any tool that runs Python-Markdown extensions; MkDocs adds nothing it depends on.

How it works: Python-Markdown stashes an HTML comment that stands as a block of its own and
leaves a placeholder paragraph. A treeprocessor (priority 15: after inline parsing, before
MkDocs collects anchors and rewrites links) swaps each placeholder whose comment is a marker
for the rendered exercise. The validator finds markers with the very same test
(`hn.exercises.scan.marker_in`), so a marker in code or inside a longer comment is ignored by both.

The exercise's elements are real, so MkDocs sees its ids and rewrites its review links
(written as docs-relative `/lessons/page.md#heading`, checked under
`validation.links.absolute_links: relative_to_docs`). Its text is not: every piece of it goes
into Python-Markdown's stash of raw HTML, already escaped, and comes back only when the page is
written out. So no later treeprocessor (attr_list, abbr, pymdownx.*, whatever a site adds)
can read markup into what an author wrote. Glossary abbreviations are the one thing applied to
it, by the `abbr` extension's own code, just before the text is stashed.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html import escape
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor

from hn.exercises.cache import checked_project
from hn.exercises.check import ProjectReport
from hn.exercises.model import Quiz
from hn.exercises.scan import MARKER, marker_in
from hn.render import Link, environment, render_quiz, render_worksheet


class ExerciseError(Exception):
    """The course's exercises have problems; the message lists each as `path:line: message`."""


# The report the HTML below was rendered from, and that HTML by "kind:id".
_rendered: list[tuple[ProjectReport, dict[str, str]]] = []


def project(root: Path, docs_dir: str, exercises_dir: str) -> tuple[ProjectReport, dict[str, str]]:
    """Check the project once per change of its files; raise ExerciseError if anything is wrong.

    Returns the report and a cache of rendered HTML that lives as long as the report.
    `checked_project` already keeps its report until a file changes (one look at the files per
    call, not two: each page that places exercises asks again).
    """
    report = checked_project(root, docs_dir, exercises_dir)
    if not _rendered or _rendered[0][0] is not report:
        _rendered[:] = [(report, {})]
    if report.problems:
        raise ExerciseError("\n".join(str(p) for p in report.problems))
    return _rendered[0]


def seal(md: Markdown, element: etree.Element) -> None:
    """Move every piece of text in `element` into the raw HTML stash, escaped.

    What is left in the tree is the template's elements and attributes with placeholders for
    text, which no treeprocessor reads as Markdown, attribute lists or anything else.
    """
    for node in element.iter():
        if node.text and node.text.strip():
            node.text = md.htmlStash.store(escape(node.text, quote=False))
        if node is not element and node.tail and node.tail.strip():
            node.tail = md.htmlStash.store(escape(node.tail, quote=False))


def add_glossary(md: Markdown, element: etree.Element) -> None:
    """Mark glossary terms in the exercise with `<abbr>`, by the abbr extension's own code (if the site uses it)."""
    if isinstance(abbr := md.treeprocessors["abbr"] if "abbr" in md.treeprocessors else None, AbbrTreeprocessor):
        abbr.run(element)


class ExerciseTreeprocessor(Treeprocessor):
    """Replace marker placeholders with rendered exercises."""

    def __init__(self, md: Markdown, ext: ExerciseExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        """Render every marker found in the document."""
        if not any(MARKER.fullmatch(str(block).strip()) for block in self.md.htmlStash.rawHtmlBlocks):
            return  # no marker comment was stashed, so no paragraph holds one (`marker_in`): skip the walk
        self.ext.reset()  # a new document: look at the project's files again, once for all its exercises
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if (marker := marker_in(self.md, child)) is None:
                    continue
                element = self.ext.element(marker["kind"], marker["id"])
                add_glossary(self.md, element)
                seal(self.md, element)
                element.tail = child.tail
                parent[index] = element


class ExerciseExtension(Extension):
    """Render quizzes and worksheets from `exercises/` where lessons place markers."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": [".", "project folder holding the docs and exercises folders"],
            "docs_dir": ["docs", "pages folder, relative to root"],
            "exercises_dir": ["exercises", "exercise YAML folder, relative to root"],
            "templates_dir": ["", "folder of templates overriding quiz.html / worksheet.html (optional)"],
            "link_format": ["/{page}#{anchor}", "how review links are written; {page} is docs-relative"],
            "cache_dir": ["", "folder to keep the compiled templates in between runs (optional)"],
        }
        super().__init__(**kwargs)
        self._project: tuple[ProjectReport, dict[str, str]] | None = None

    def reset(self) -> None:
        """Forget the report, so the next exercise checks the project's files again (Python-Markdown's `reset`)."""
        self._project = None

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the treeprocessor."""
        md.registerExtension(self)
        md.treeprocessors.register(ExerciseTreeprocessor(md, self), "hn_exercises", 15)

    def element(self, kind: str, exercise_id: str) -> etree.Element:
        """Return one exercise as a fresh element tree."""
        html = self.render(kind, exercise_id)
        try:
            return etree.fromstring(html)
        except etree.ParseError as exc:  # a template override that is not well-formed XML
            raise ExerciseError(f"{kind} '{exercise_id}' rendered to HTML that is not well-formed ({exc}): "
                                "templates must close every element, void ones as <br />") from None

    def render(self, kind: str, exercise_id: str) -> str:
        """Return the HTML for one exercise, checking the whole project first."""
        root = Path(self.getConfig("root")).resolve()
        docs_dir, exercises_dir = self.getConfig("docs_dir"), self.getConfig("exercises_dir")
        if self._project is None:  # once a document: a page's exercises share one look at the files
            self._project = project(root, docs_dir, exercises_dir)
        report, rendered = self._project
        key = f"{kind}:{exercise_id}"
        if key not in rendered:
            exercise = report.exercises.get(exercise_id)
            if exercise is None or exercise.kind != kind:
                raise ExerciseError(f"marker names unknown {kind} '{exercise_id}'")
            extra = (Path(self.getConfig("templates_dir")),) if self.getConfig("templates_dir") else ()
            env = environment(extra, Path(self.getConfig("cache_dir")) if self.getConfig("cache_dir") else None)
            if isinstance(exercise, Quiz):
                links = {q.id: self._link(report, q.section) for q in exercise.questions}
                rendered[key] = render_quiz(env, exercise, links)
            else:
                rendered[key] = render_worksheet(env, exercise)
        return rendered[key]

    def _link(self, report: ProjectReport, section: str) -> Link:
        """Build the review link for a section reference."""
        page, _, anchor = section.partition("#")
        title = report.titles.get(section) or "the section that teaches this"
        return Link(self.getConfig("link_format").format(page=page, anchor=anchor), title)


def makeExtension(**kwargs) -> ExerciseExtension:
    """Create the extension (Python-Markdown calls this by name)."""
    return ExerciseExtension(**kwargs)
