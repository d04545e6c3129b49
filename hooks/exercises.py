"""MkDocs hook: check every exercise before the build, so problems stop it as `path:line: message`.

The check itself lives in `hn.exercises` (the same code `make check` runs); this hook only
points the Markdown extension at the project and turns problems into a clean build error.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # `mkdocs serve` run by hand, without make
    sys.path.insert(0, str(ROOT / "scripts"))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from hn.exercises.cache import checked_project  # noqa: E402

EXTENSION = "hn.markdown_ext"
PAGE_CACHE = ".cache/page-scans"  # beside mkdocs.yml, like .cache/print-book: pages' readings between builds
TEMPLATE_CACHE = ".cache/exercise-templates"  # the exercise templates, compiled (as hooks/templates_cache.py)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Point the exercise extension at this project and stop early if anything is wrong."""
    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    settings = config.mdx_configs.setdefault(EXTENSION, {})
    settings.setdefault("root", str(root))
    settings.setdefault("docs_dir", docs_dir)
    settings.setdefault("cache_dir", str(root / TEMPLATE_CACHE))
    # The extension and the exports reuse this report: the course is read once per build, and a
    # page no edit has touched since the last build is not run through Markdown to check it.
    report = checked_project(root, settings["docs_dir"], settings.get("exercises_dir", "exercises"),
                             cache_dir=root / PAGE_CACHE)
    if report.problems:
        listing = "\n".join(str(problem) for problem in report.problems)
        raise PluginError(f"{len(report.problems)} problem(s) in the exercises:\n{listing}")
    return config
