"""MkDocs hook: keep the theme's compiled page templates between builds, in .cache/jinja/.

Every build compiles Material's templates and the course's overrides from their source, about
50 files: on the two-core development machine that was 0.3 s of each build's CPU time.
Jinja can keep the compiled code on disk (FileSystemBytecodeCache), keyed by each template's
name and a checksum of its source, so an edited template, a theme update or another Python
version compiles afresh and never reuses stale code. `rm -rf .cache` (or `make clean`)
empties it. docs/authoring/performance.md has the figures.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig

CACHE_DIR = ".cache/jinja"  # beside mkdocs.yml, like .cache/print-book


def on_env(env: Environment, *, config: MkDocsConfig, files) -> Environment:
    """Give the theme's template environment a bytecode cache on disk."""
    cache = Path(config.config_file_path).resolve().parent / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env
