"""MkDocs hook: write the quiz exports (GIFT, CSV, answer key) into site/downloads/ on every build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from hn.export import write_exports
from hn.pages import course_uris

TEMPLATE_CACHE = ".cache/exercise-templates"  # as hooks/exercises.py gives the exercise extension


def on_post_build(config: MkDocsConfig) -> None:
    """Export every lesson quiz next to the built site, so each deploy carries fresh files."""
    root = Path(config.config_file_path).resolve().parent
    write_exports(root, Path(config.site_dir) / "downloads", course=config.site_name, lessons=course_uris(config),
                  cache_dir=root / TEMPLATE_CACHE)
