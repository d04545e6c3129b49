"""MkDocs hook: make notebook pages light and CSP-clean.

mkdocs-jupyter inlines JupyterLab's stylesheet (about 600 KB, 90 KB gzipped, 3,200 rules) into
every notebook page, plus inline scripts for copy buttons, MathJax and Mermaid that the course
does not use. This hook:

- keeps only the rules that can apply to the page: a rendered notebook uses a few dozen of
  JupyterLab's classes, and the rest (the app's toolbars, file browser, dialogs, widgets, and
  900 palette variables) only made the browser download and parse them before the first
  paint (about 0.9 s of Lighthouse's simulated phone load; about 0.15 s once pruned to 3 KB);
- moves what is left into a shared, cacheable file, named by its content;
- drops the inline scripts, so notebook pages run under `script-src 'self'`.

The pruning is conservative and cheap (about 0.1 s a build): a rule is dropped only when
its selector needs a class or an element that the rendered notebook lacks. States (`:hover`,
`:focus`), pseudo-elements, the palette attribute and Material's own classes (its JavaScript
adds some at run time, e.g. table wrappers) are taken as always present, so the page looks
exactly as it did with the whole stylesheet.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path
from typing import NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL)
SCRIPT = re.compile(r"<script(?![^>]*\bsrc=\"[^\"]+\")[^>]*>.*?</script>\s*", re.DOTALL)
# Copy buttons need the inline script we drop (and carry a malformed attribute); code can be selected.
COPY_BUTTON = re.compile(r"<clipboard-copy\b.*?</clipboard-copy>\s*", re.DOTALL)
_css: dict[str, str] = {}

# --- Pruning the stylesheet ---------------------------------------------------------------

# The page around the notebook's content, as Material renders it (selectors may climb out).
_FRAME = ('<html><body><div class="md-container"><main class="md-main"><div class="md-content">'
          '<article class="md-content__inner md-typeset">{}</article></div></main></div></body></html>')
_VAR = re.compile(r"var\(\s*(--[-\w]+)")
_CLASS_ATTR = re.compile(r"""<[a-zA-Z][^<>]*?\sclass=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_TAG = re.compile(r"<([a-zA-Z][-\w]*)")
_NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][-\w]*)")
_TAG_IN_SELECTOR = re.compile(r"(?:^|[\s>+~])([a-zA-Z][-\w]*)")
_LOOKS_INSIDE = re.compile(r":(?:is|where|has)\(")


# A stylesheet is cut into rules by its braces, found with one regular expression that also
# steps over comments and strings (tinycss2 parsed all 600 KB token by token: two thirds of a
# second a build, for rules that are mostly dropped). _declarations splits the kept rules' bodies
# the same way (tinycss2 took 0.05 s more to give the same pairs).
_COMMENT_OR_STRING = r"/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
_TOKEN = re.compile(_COMMENT_OR_STRING + r"|[{};]", re.DOTALL)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_AT_KEYWORD = re.compile(r"@(-?[_a-zA-Z][-\w]*)")


class _AtRule(NamedTuple):
    keyword: str  # lower case, without @
    prelude: str  # what follows the keyword, stripped
    text: str  # the whole rule as written


def _blocks(css: str) -> list[tuple[str, str | None, str]]:
    """Cut `css` into top-level rules: (prelude without comments, body or None, the rule's text).

    A rule without a body is an at-rule that ends with `;` (@charset, @import). Text after the
    last rule that is not one (mkdocs-jupyter appends a stray Python list) is dropped, as
    browsers drop it.
    """
    blocks: list[tuple[str, str | None, str]] = []
    depth, start, body_start = 0, 0, 0
    for match in _TOKEN.finditer(css):
        token = match.group()
        if token == "{":
            if depth == 0:
                body_start = match.end()
            depth += 1
        elif token == "}":
            if depth == 1:
                prelude = _COMMENT.sub("", css[start:body_start - 1]).strip()
                blocks.append((prelude, css[body_start:match.start()], css[start:match.end()].strip()))
                start = match.end()
            depth = max(depth - 1, 0)
        elif token == ";" and depth == 0:
            blocks.append((_COMMENT.sub("", css[start:match.start()]).strip(), None, css[start:match.end()].strip()))
            start = match.end()
    return blocks


def _split_selectors(prelude: str) -> list[str]:
    """Return the comma-separated selectors of a rule's prelude (commas inside () and [] kept)."""
    if "(" not in prelude and "[" not in prelude:
        return [part.strip() for part in prelude.split(",") if part.strip()]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts if part.strip()]


_DECLARATION_TOKEN = re.compile(_COMMENT_OR_STRING + r"|[();]", re.DOTALL)
_PROPERTY = re.compile(r"--[-\w]*|-?[_a-zA-Z][-\w]*")
_IMPORTANT = re.compile(r"!\s*important\s*$", re.IGNORECASE)


def _declarations(content: str) -> list[tuple[str, str]]:
    """Return the (name, value) pairs of a rule's body, without comments, `!important` kept.

    Declarations end at a `;` outside strings and brackets; one without a property name (a
    hack such as `*zoom: 1`) is dropped, as browsers drop it.
    """
    pairs, text, depth, start = [], [], 0, 0
    pieces = []
    for match in _DECLARATION_TOKEN.finditer(content):
        token = match.group()
        if token[0] in "\"'":
            continue
        if token.startswith("/*"):
            text.append(content[start:match.start()])
            start = match.end()
        elif token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:  # ";"
            text.append(content[start:match.start()])
            pieces.append("".join(text))
            text, start = [], match.end()
    text.append(content[start:])
    pieces.append("".join(text))
    for piece in pieces:
        name, colon, value = piece.partition(":")
        name = name.strip()
        if not colon or not _PROPERTY.fullmatch(name):
            continue
        value = value.strip()
        if important := _IMPORTANT.search(value):
            value = value[:important.start()].rstrip() + "!important"
        pairs.append((name, value))
    return pairs


class _Pruner:
    """Select the rules of a stylesheet that can apply to one rendered notebook."""

    def __init__(self, html: str) -> None:
        page = _FRAME.format(html)
        self.classes = {name for groups in _CLASS_ATTR.findall(page) for name in "".join(groups).split()}
        self.tags = {tag.lower() for tag in _TAG.findall(page)}
        self.matches: dict[str, bool] = {}

    def matches_page(self, selector: str) -> bool:
        """Return False when `selector` needs a class or an element the page does not have.

        What :not() excludes is not needed, and :is(), :where() and :has() are not looked into
        (such rules are kept). A rule kept although the page's structure cannot match it costs a
        few bytes and changes nothing on screen; matching each selector against the whole page
        would cost a tenth of a second a build to drop about twenty such rules.
        """
        if selector not in self.matches:
            # Parts the page cannot answer (states, pseudo-elements, attributes, what :not()
            # excludes) need no class or element, and Material's classes count as present.
            rest = _ATTRIBUTE.sub("", _NOT.sub("", selector))
            classes = {name for name in _CLASS.findall(rest) if not name.startswith("md-")}
            tags = {tag.lower() for tag in _TAG_IN_SELECTOR.findall(rest)}
            self.matches[selector] = bool(_LOOKS_INSIDE.search(rest)) or (
                classes <= self.classes and tags <= self.tags)
        return self.matches[selector]

    def rules(self, css: str) -> list:
        """Return the kept rules: (selectors, declarations) or ("@", at-rule, kept children or None)."""
        kept: list = []
        for prelude, body, text in _blocks(css):
            at = _AT_KEYWORD.match(prelude)
            if at is None:
                if body is not None and (selectors := [s for s in _split_selectors(prelude) if self.matches_page(s)]):
                    kept.append((selectors, _declarations(body)))
                continue
            rule = _AtRule(at.group(1).lower(), prelude[at.end():].strip(), text)
            if rule.keyword in ("media", "supports") and body:
                if inner := self.rules(body):
                    kept.append(("@", rule, inner))
            elif rule.keyword != "charset":
                kept.append(("@", rule, None))  # @keyframes and the like: judged later
        return kept


def _used_names(rules: list, used_vars: set[str], animations: set[str]) -> None:
    """Collect the custom properties and animation names that ordinary declarations use."""
    for rule in rules:
        if rule[0] == "@":
            if rule[2]:
                _used_names(rule[2], used_vars, animations)
            continue
        for name, value in rule[1]:
            if not name.startswith("--"):
                used_vars.update(_VAR.findall(value))
                if name.lower() in ("animation", "animation-name"):
                    animations.update(re.findall(r"-?[_a-zA-Z][-\w]*", value))


def _definitions(rules: list, defined: dict[str, list[str]]) -> None:
    """Map each custom property to the values the rules give it."""
    for rule in rules:
        if rule[0] == "@":
            if rule[2]:
                _definitions(rule[2], defined)
            continue
        for name, value in rule[1]:
            if name.startswith("--"):
                defined.setdefault(name, []).append(value)


def _serialize(rules: list, used_vars: set[str], animations: set[str]) -> list[str]:
    """Write the kept rules back, without unused custom properties and unused keyframes."""
    out = []
    for rule in rules:
        if rule[0] == "@":
            at_rule, children = rule[1], rule[2]
            if children is not None:
                body = "\n".join(_serialize(children, used_vars, animations))
                if body:
                    out.append(f"@{at_rule.keyword} {at_rule.prelude}{{\n{body}\n}}")
            elif "keyframes" not in at_rule.keyword or at_rule.prelude in animations:
                out.append(at_rule.text)
            continue
        selectors, declarations = rule
        body = ";".join(f"{name}:{value}" for name, value in declarations
                        if not name.startswith("--") or name in used_vars)
        if body:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return out


def prune_css(css: str, html: str) -> str:
    """Return the rules of `css` that can apply to `html` (a rendered notebook), same order.

    Custom properties stay only if a kept declaration uses them (directly or through another
    property), and @keyframes only if a kept rule animates with them.
    """
    rules = _Pruner(html).rules(css)
    used_vars: set[str] = set()
    animations: set[str] = set()
    _used_names(rules, used_vars, animations)
    defined: dict[str, list[str]] = {}
    _definitions(rules, defined)
    pending = list(used_vars)
    while pending:
        for value in defined.get(pending.pop(), []):
            for name in _VAR.findall(value):
                if name not in used_vars:
                    used_vars.add(name)
                    pending.append(name)
    return "\n".join(_serialize(rules, used_vars, animations)) + "\n"


CACHE_DIR = ".cache/notebook-css"  # beside mkdocs.yml; a rebuild with the same notebooks reuses it
_SOURCE = Path(__file__).read_bytes()  # a change to this hook invalidates the cache


def cached_prune(css: str, html: str, cache_dir: Path) -> str:
    """Return `prune_css(css, html)`, reusing the copy a build of the same inputs left in `cache_dir`."""
    key = hashlib.sha256(b"\0".join((css.encode(), html.encode(), _SOURCE))).hexdigest()[:32]
    path = cache_dir / f"{key}.css"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    pruned = prune_css(css, html)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")  # renamed into place: never read half-written
        partial.write_text(pruned, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a read-only checkout prunes every time
    return pruned


# --- MkDocs events ----------------------------------------------------------------------------

def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap a notebook page's inline styles for a link to its pruned, shared file; drop inline scripts."""
    if not _is_notebook(page):
        return html
    styles = [match.group(1) for match in STYLE.finditer(html)]
    html = COPY_BUTTON.sub("", SCRIPT.sub("", STYLE.sub("", html)))
    css = cached_prune("\n".join(styles), html, Path(config.config_file_path).resolve().parent / CACHE_DIR)
    # Named by content: notebooks that use the same rules share one file, cached for good.
    name = f"assets/css/jupyter.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    _css[name] = css
    href = posixpath.relpath(name, posixpath.dirname(page.file.dest_uri))
    return f'<link rel="stylesheet" href="{href}">\n{html}'


def on_post_build(config: MkDocsConfig) -> None:
    """Write the shared notebook stylesheet(s), once."""
    for name, css in _css.items():
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
