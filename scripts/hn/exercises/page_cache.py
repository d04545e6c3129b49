"""Keep the validator's page readings on disk, so a rebuild with no page changed skips them.

A check runs each page that holds a marker through Python-Markdown (`hn.exercises.scan`):
about 15 ms a lesson, 0.2 s of every build of the course, which then converts the same pages
again. The build hook gives the check a folder (.cache/page-scans/, beside mkdocs.yml) where
each page's reading is kept, one file a page, under a key made of everything it depends on:

- the page's Markdown (front matter removed), the line it starts on, and its path;
- the site's Markdown settings (mkdocs.yml's extensions and their options);
- the code that read it: this package's reading code, Python's version, and the files of
  Python-Markdown's core, of each extension's module and of the packages they come from
  (the package's folder and `__init__.py`: path, size and modification time), so an upgrade
  reads afresh;
- each snippet the page included (pymdownx.snippets, `auto_append` too): a kept reading is
  used only while each path still leads to the same file, with the same content.

Readings are kept only for sites whose Markdown runs nothing but Python-Markdown,
pymdown-extensions and Material's extensions (KEPT_FROM): none of those reads a file but the
page and its snippets. A reading that failed, or that may have fetched snippets from the
web, is never kept. `rm -rf .cache` empties the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cached_property
from pathlib import Path
from typing import Any

import markdown

from hn.exercises.scan import SNIPPETS, Includes, Marker, PageScan, SiteMarkdown

#: Where everything a site's Markdown runs must come from for its readings to be kept (module name prefixes):
#: Python-Markdown, pymdown-extensions and Material's extensions (its emoji index and generator).
KEPT_FROM = ("markdown.", "pymdownx.", "material.extensions.")
_HERE = Path(__file__).parent
#: The code that makes a reading, read at import (like hn.printbook's): a change reads every page afresh.
_CODE = hashlib.sha256(b"".join((_HERE / name).read_bytes()
                                for name in ("scan.py", "check.py", "page_cache.py"))).hexdigest()


class PageCache:
    """A folder of kept page readings for one site's Markdown settings."""

    def __init__(self, folder: Path, site: SiteMarkdown) -> None:
        self.folder, self.site = Path(folder), site
        self._digests: dict[str, str | None] = {}

    @cached_property
    def _markdown(self) -> markdown.Markdown | None:
        """Return the site's Markdown (its snippets preprocessor finds paths again), or None if it cannot load."""
        if self.site.problem:
            return None
        try:
            return markdown.Markdown(extensions=self.site.extensions, extension_configs=self.site.configs)
        except Exception:  # the reading reports the error; nothing is kept
            return None

    @cached_property
    def usable(self) -> bool:
        """Say whether this site's readings can be kept: its Markdown loads, and all of it comes from KEPT_FROM."""
        md = self._markdown
        if md is None:
            return False
        processors = [*md.preprocessors, *md.parser.blockprocessors, *md.inlinePatterns, *md.treeprocessors,
                      *md.postprocessors, *md.registeredExtensions]
        return all(type(item).__module__.startswith(KEPT_FROM) for item in processors) and all(
            module.startswith(KEPT_FROM) for module in _modules(self.site.configs))

    @cached_property
    def _snippets(self) -> Any:
        """Return the site's snippets preprocessor, or None."""
        md = self._markdown
        return next((p for p in md.preprocessors if type(p).__module__ == SNIPPETS), None) if md else None

    @cached_property
    def _fingerprint(self) -> str:
        """Return a digest of the site's Markdown settings and of the code that reads pages with them."""
        settings = json.dumps([self.site.extensions, self.site.configs], sort_keys=True, default=_name)
        modules = {"markdown.core", *(type(ext).__module__ for ext in self._markdown.registeredExtensions),
                   *_modules(self.site.configs)}
        files = set()
        for name in modules:
            if (path := getattr(sys.modules.get(name), "__file__", None)) is not None:
                files.add(path)
            package = sys.modules.get(name.partition(".")[0])  # its folder and __init__.py change when it is upgraded
            if (path := getattr(package, "__file__", None)) is not None:
                files.update((path, os.path.dirname(path)))
        text = json.dumps([_CODE, sys.version, settings, sorted(_file_stamp(path) for path in files)])
        return hashlib.sha256(text.encode()).hexdigest()

    def _key(self, page: str, body: str, first_line: int) -> str:
        """Return the key a reading of `page` is kept under."""
        text = json.dumps([self._fingerprint, page, first_line, body])
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, page: str) -> Path:
        """Return the file that keeps `page`'s reading (one a page: a new reading replaces the old)."""
        return self.folder / f"{hashlib.sha256(page.encode()).hexdigest()[:32]}.json"

    def get(self, page: str, body: str, first_line: int) -> PageScan | None:
        """Return the kept reading of `page` if nothing it depends on has changed, else None."""
        if not self.usable:
            return None
        try:
            entry = json.loads(self._path(page).read_text(encoding="utf-8"))
            if entry["key"] != self._key(page, body, first_line) or not self._same_includes(entry["includes"]):
                return None
            scan = entry["scan"]
            return PageScan([Marker(page, *marker) for marker in scan["markers"]],
                            [Marker(page, *marker) for marker in scan["ignored"]], dict(scan["anchors"]))
        except (OSError, ValueError, KeyError, TypeError):  # none kept, or not in this shape: read again
            return None

    def put(self, page: str, body: str, first_line: int, scan: PageScan, includes: Includes) -> None:
        """Keep a reading of `page` (one that failed, or used what cannot be named, is not kept)."""
        if not self.usable or scan.error or not includes.complete:
            return
        files = {written: None if found is None else [found, self._digest(found)]
                 for written, found in includes.files.items()}
        if any(kept is not None and kept[1] is None for kept in files.values()):
            return  # an included file could not be read again
        entry = {"key": self._key(page, body, first_line), "includes": files,
                 "scan": {"markers": [_marker(m) for m in scan.markers], "ignored": [_marker(m) for m in scan.ignored],
                          "anchors": scan.anchors}}
        path = self._path(page)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")  # renamed into place: never read half-written
            partial.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            pass  # a read-only checkout reads every time

    def _same_includes(self, files: dict[str, list[str] | None]) -> bool:
        """Say whether each snippet path still leads to the same file, with the same content."""
        if not files:
            return True
        snippets = self._snippets
        if snippets is None:
            return False
        for written, kept in files.items():
            found = snippets.get_snippet_path(written)
            if (found is None) != (kept is None) or (kept is not None and [found, self._digest(found)] != kept):
                return False
        return True

    def _digest(self, path: str) -> str | None:
        """Return a digest of a file's bytes (once per check), or None if it cannot be read."""
        if path not in self._digests:
            try:
                self._digests[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                self._digests[path] = None
        return self._digests[path]


def _marker(marker: Marker) -> list:
    """Return a marker as kept: its line, kind and exercise id (the page is the file's)."""
    return [marker.line, marker.kind, marker.exercise_id]


def _name(value: object) -> str:
    """Name a setting JSON cannot hold: a function or class by where it lives, anything else by its repr."""
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    return f"{module}.{name}" if module and name else repr(value)


def _modules(value: object) -> set[str]:
    """Return the modules of the functions and classes named in settings (`!!python/name:`)."""
    if isinstance(value, dict):
        return {module for item in value.values() for module in _modules(item)}
    if isinstance(value, (list, tuple)):
        return {module for item in value for module in _modules(item)}
    module = getattr(value, "__module__", None) if callable(value) else None
    return {module} if isinstance(module, str) else set()


def _file_stamp(path: str) -> list:
    """Return a file's (or folder's) path, size and modification time (zeros if it is gone)."""
    try:
        stat = os.stat(path)
    except OSError:
        return [path, 0, 0]
    return [path, stat.st_size, stat.st_mtime_ns]
