"""MkDocs hook: the SCORM package build only (SCORM=true, set by `make scorm` / hn.scorm).

Adds the SCORM adapter (scripts/hn/scorm_files/scorm.js) to every page as
assets/js/scorm.js, and writes the package's launch page, scorm-launch.html, which keeps the
session with the learning platform and frames the course. Without SCORM=true the hook does
nothing, so the normal site and the offline zip never ship either file.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FILES = Path(__file__).resolve().parents[1] / "scripts" / "hn" / "scorm_files"
SCRIPT_PATH = "assets/js/scorm.js"
STORE_BUNDLE = "assets/js/learner.js"  # the saved-progress scripts, joined by hooks/assets.py
MANIFEST = "assets/course-manifest.js"  # the whole course manifest, which they read (hooks/manifest.py)
LAUNCH_PATH = "scorm-launch.html"


def enabled() -> bool:
    """Say whether this is the package build."""
    return os.environ.get("SCORM", "").strip().lower() in ("1", "true", "yes")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the course manifest, the saved-progress scripts and the adapter on every page, in that order.

    The normal site links the saved-progress scripts only from pages that change the record
    (hooks/assets.py), but the adapter reports from whichever page a session starts on, and
    instant navigation never runs it again, so here they are on every page.
    """
    if enabled():
        listed = {str(script.path) for script in config.extra_javascript}
        for path in (MANIFEST, STORE_BUNDLE, SCRIPT_PATH):
            if path not in listed:
                script = ExtraScriptValue(path)
                script.defer = True
                config.extra_javascript.append(script)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the adapter and the launch page."""
    if enabled():
        title = html.escape(config.site_name)
        language = html.escape(str(config.theme.get("language") or "en"))
        launch = (FILES / LAUNCH_PATH).read_text(encoding="utf-8").replace("{title}", title).replace("{lang}", language)
        files.append(File.generated(config, SCRIPT_PATH, content=(FILES / "scorm.js").read_text(encoding="utf-8")))
        files.append(File.generated(config, LAUNCH_PATH, content=launch))
    return files
