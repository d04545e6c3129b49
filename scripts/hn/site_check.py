"""Check the built site: alt text, heading levels, privacy, inline code and (with vnu) valid HTML.

Every image has alt text, headings never skip a level, nothing loads from another origin,
nothing is written inline that a strict Content-Security-Policy would block.

Usage: python -m hn.site_check SITE_DIR [--vnu] [--vnu-ignore FILE]
Exit codes: 0 clean, 1 problems found, 2 bad usage or a missing tool.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from hn.check import github_annotation
from hn.exercises.check import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# Elements and attributes that make the browser fetch something while the page loads.
RESOURCE_ATTRS = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",),
}
RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                 "modulepreload", "manifest", "apple-touch-icon"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_EXTERNAL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
HEADING = re.compile(r"^h([1-6])$")


class PageChecker(HTMLParser):
    """Collect problems in one built HTML page, with line numbers."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.problems: list[Problem] = []
        self.heading_level = 0
        self._inline_script: int | None = None
        self._script_text: list[str] = []

    def problem(self, message: str) -> None:
        """Record a problem at the parser's current line."""
        self.problems.append(Problem(self.path, self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check one opening tag against every rule."""
        attr = {name: value or "" for name, value in attrs}
        self._check_alt(tag, attr)
        self._check_heading(tag)
        self._check_resources(tag, attr)
        self._check_inline_code(tag, attr)

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        """Keep the text of an inline script, to tell an empty one from real code."""
        if self._inline_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        """Report an inline script once its text is known."""
        if tag == "script" and self._inline_script is not None:
            if "".join(self._script_text).strip():
                self.problems.append(Problem(
                    self.path, self._inline_script,
                    "csp: inline <script> is blocked by script-src 'self'; move the code into a file",
                ))
            self._inline_script, self._script_text = None, []

    def _check_alt(self, tag: str, attr: dict[str, str]) -> None:
        decorative = attr.get("aria-hidden") == "true" or attr.get("role") in ("presentation", "none")
        if tag == "img" and not decorative and not attr.get("alt", "").strip():
            self.problem(f"alt: image {attr.get('src', '')!r} has no alt text")
        elif tag == "input" and attr.get("type") == "image" and not attr.get("alt", "").strip():
            self.problem("alt: image button has no alt text")
        elif tag == "area" and "href" in attr and not attr.get("alt", "").strip():
            self.problem("alt: image map area has no alt text")
        elif tag == "svg" and attr.get("role") == "img" and not (attr.get("aria-label") or attr.get("aria-labelledby")):
            self.problem("alt: svg with role=img has no aria-label")

    def _check_heading(self, tag: str) -> None:
        match = HEADING.match(tag)
        if not match:
            return
        level = int(match.group(1))
        if level > self.heading_level + 1:
            before = f"h{self.heading_level}" if self.heading_level else "the start of the page"
            self.problem(f"heading: <{tag}> follows {before}; headings must not skip a level")
        self.heading_level = level

    def _check_resources(self, tag: str, attr: dict[str, str]) -> None:
        names = RESOURCE_ATTRS.get(tag, ())
        if tag == "link" and RESOURCE_RELS & set(attr.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            for url in re.split(r",\s*", attr.get(name, "")):
                if EXTERNAL.match(url):
                    self.problem(f"privacy: <{tag} {name}> loads {url.split()[0]} from another origin")
        for url in CSS_EXTERNAL.findall(attr.get("style", "")):
            self.problem(f"privacy: a style attribute loads {url} from another origin")

    def _check_inline_code(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "script" and "src" not in attr and attr.get("type", "").lower() in SCRIPT_TYPES:
            self._inline_script = self.getpos()[0]
        elif tag == "style":
            self.problem("csp: <style> element is blocked by style-src 'self'; use a stylesheet file")
        for name, value in attr.items():
            if name.startswith("on"):
                self.problem(f"csp: inline event handler {name}= is blocked by script-src 'self'")
            elif name == "style":
                self.problem("csp: style attribute is blocked by style-src 'self'; use a class")
            elif name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.problem(f"csp: javascript: URL in {name}= is blocked by script-src 'self'")


def check_page(path: Path, label: str | None = None) -> list[Problem]:
    """Return every problem in one built HTML page."""
    checker = PageChecker(label or str(path))
    checker.feed(path.read_text(encoding="utf-8"))
    checker.close()
    return checker.problems


def check_stylesheet(path: Path, label: str | None = None) -> list[Problem]:
    """Return a problem for every url() or @import in a stylesheet that points at another origin."""
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        problems += [Problem(label or str(path), number, f"privacy: stylesheet loads {url} from another origin")
                     for url in CSS_EXTERNAL.findall(line)]
    return problems


def check_site(site: Path) -> list[Problem]:
    """Check every HTML page and stylesheet under `site`."""
    problems: list[Problem] = []
    for path in sorted(site.rglob("*")):
        label = os.path.relpath(path)
        if path.suffix == ".html":
            problems += check_page(path, label)
        elif path.suffix == ".css":
            problems += check_stylesheet(path, label)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run the checks and return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m hn.site_check", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build --site-dir)")
    parser.add_argument("--vnu", action="store_true", help="also validate every page with the Nu Html Checker")
    parser.add_argument("--vnu-ignore", type=Path, help="theme errors to ignore (tests/vnu-ignore.txt)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.print_usage(sys.stderr)
        print(f"error: no built site at {args.site} (run mkdocs build first)", file=sys.stderr)
        return EXIT_USAGE
    problems = check_site(args.site)
    if args.vnu:
        from hn import vnu  # only needed with --vnu

        try:
            problems += vnu.check([args.site], args.vnu_ignore, args.site)
        except vnu.VnuUnavailable as err:
            print(f"error: {err}", file=sys.stderr)
            return EXIT_USAGE
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if in_actions:
            print(github_annotation(problem.path, problem.line, problem.message))
    pages = sum(1 for _ in args.site.rglob("*.html"))
    if problems:
        print(f"{len(problems)} problem(s) in the built site ({pages} pages).", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{pages} built pages checked{' and validated' if args.vnu else ''}: no problems.", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
