"""Facts about the site that several tools need, read from mkdocs.yml without running MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _LenientLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it
    """Read mkdocs.yml without resolving MkDocs-only tags (!ENV, !!python/name)."""


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict[str, Any]:
    """Return mkdocs.yml as plain data (tags read as None)."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader) or {}


def nav_pages(root: Path) -> list[str]:
    """Return the docs-relative Markdown paths in the order the nav lists them."""
    pages: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(read_config(root).get("nav", []))
    return pages
