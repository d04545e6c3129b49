"""Python-Markdown extension: replace `<!-- quiz: id -->` and `<!-- worksheet: id -->` markers.

Register it in mkdocs.yml as `hn.markdown_ext` under `markdown_extensions`. It works under
any tool that runs Python-Markdown extensions; MkDocs adds nothing it depends on.

How it works: a preprocessor swaps each marker line for a placeholder paragraph; a
treeprocessor (priority 15: after inline parsing, before MkDocs collects anchors and rewrites
links) swaps the placeholder for the rendered exercise as real elements. Review links are
written as docs-relative absolute links (`/lessons/page.md#heading`), which MkDocs with
`validation.links.absolute_links: relative_to_docs` checks and turns into relative URLs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from hn.exercises.cache import checked_project
from hn.exercises.check import ProjectReport, find_markers, section_title
from hn.exercises.model import Quiz
from hn.render import Link, environment, render_quiz, render_worksheet


class ExerciseError(Exception):
    """The course's exercises have problems; the message lists each as `path:line: message`."""


_TOKEN = re.compile(r"^@@hn-exercise:(?P<kind>quiz|worksheet):(?P<id>[a-z0-9-]+)@@$")
# The report the HTML below was rendered from, and that HTML by "kind:id".
_rendered: list[tuple[ProjectReport, dict[str, str]]] = []


def project(root: Path, docs_dir: str, exercises_dir: str) -> tuple[ProjectReport, dict[str, str]]:
    """Check the project once per change of its files; raise ExerciseError if anything is wrong.

    Returns the report and a cache of rendered HTML that lives as long as the report.
    `checked_project` already keeps its report until a file changes (one look at the files per
    call, not two: each exercise rendered asks again).
    """
    report = checked_project(root, docs_dir, exercises_dir)
    if not _rendered or _rendered[0][0] is not report:
        _rendered[:] = [(report, {})]
    if report.problems:
        raise ExerciseError("\n".join(str(p) for p in report.problems))
    return _rendered[0]


class MarkerPreprocessor(Preprocessor):
    """Swap marker lines for placeholder paragraphs (before raw HTML is stashed)."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with each marker replaced."""
        markers = {m.line: m for m in find_markers("\n".join(lines), "")}
        if not markers:
            return lines
        out: list[str] = []
        for number, line in enumerate(lines, start=1):
            marker = markers.get(number)
            if marker is None:
                out.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(["", f"{indent}@@hn-exercise:{marker.kind}:{marker.exercise_id}@@", ""])
        return out


class ExerciseTreeprocessor(Treeprocessor):
    """Replace placeholder paragraphs with rendered exercises."""

    def __init__(self, md: Markdown, ext: ExerciseExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        """Render every placeholder found in the document."""
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                match = _TOKEN.match((child.text or "").strip()) if child.tag == "p" and len(child) == 0 else None
                if match is None:
                    continue
                element = etree.fromstring(self.ext.render(match["kind"], match["id"]))
                element.tail = child.tail
                parent.remove(child)
                parent.insert(index, element)


class ExerciseExtension(Extension):
    """Render quizzes and worksheets from `exercises/` where lessons place markers."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": [".", "project folder holding the docs and exercises folders"],
            "docs_dir": ["docs", "pages folder, relative to root"],
            "exercises_dir": ["exercises", "exercise YAML folder, relative to root"],
            "templates_dir": ["", "folder of templates overriding quiz.html / worksheet.html (optional)"],
            "link_format": ["/{page}#{anchor}", "how review links are written; {page} is docs-relative"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor and treeprocessor."""
        md.registerExtension(self)
        md.preprocessors.register(MarkerPreprocessor(md), "hn_exercises", 25)
        md.treeprocessors.register(ExerciseTreeprocessor(md, self), "hn_exercises", 15)

    def render(self, kind: str, exercise_id: str) -> str:
        """Return the HTML for one exercise, checking the whole project first."""
        root = Path(self.getConfig("root")).resolve()
        docs_dir, exercises_dir = self.getConfig("docs_dir"), self.getConfig("exercises_dir")
        report, rendered = project(root, docs_dir, exercises_dir)
        key = f"{kind}:{exercise_id}"
        if key not in rendered:
            exercise = report.exercises.get(exercise_id)
            if exercise is None or exercise.kind != kind:
                raise ExerciseError(f"marker names unknown {kind} '{exercise_id}'")
            extra = (Path(self.getConfig("templates_dir")),) if self.getConfig("templates_dir") else ()
            env = environment(extra)
            if isinstance(exercise, Quiz):
                links = {q.id: self._link(root / docs_dir, q.section) for q in exercise.questions}
                rendered[key] = render_quiz(env, exercise, links)
            else:
                rendered[key] = render_worksheet(env, exercise)
        return rendered[key]

    def _link(self, docs: Path, section: str) -> Link:
        """Build the review link for a section reference."""
        page, _, anchor = section.partition("#")
        title = section_title(docs, section) or "the section that teaches this"
        return Link(self.getConfig("link_format").format(page=page, anchor=anchor), title)


def makeExtension(**kwargs) -> ExerciseExtension:
    """Create the extension (Python-Markdown calls this by name)."""
    return ExerciseExtension(**kwargs)
