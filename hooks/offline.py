"""MkDocs hook: make the offline build (Material's offline plugin, `make offline`) work from file://.

Three fixes, all only when the offline plugin is on:

- Instant navigation is turned off. It cannot work from file://, and worse: Material then
  completes `document$` before the page's first emission, so nothing that mounts on it (the
  theme's own search and palette, the course's quizzes) would ever start.
- The plugin loads its Web Worker stand-in (iframe-worker, which search needs on file://)
  from a CDN; a zip opened without a network cannot fetch it. The hook ships the vendored copy
  in scripts/hn/vendor/ and points the page at it.
- Links written inside notebooks are not rewritten by MkDocs and assume directory URLs
  (`notebooks/x/`); the offline build has `notebooks/x.html`, one folder up. The hook re-bases
  the ones that climb out with `../`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hn.printbook import relative_url

SHIM_SOURCE = Path(__file__).resolve().parents[1] / "scripts" / "hn" / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker-shim.js"
# Links the author wrote climb out of the notebook's folder (`../`); the download link that
# mkdocs-jupyter writes (`x.ipynb`) already suits either kind of URL and is left alone.
_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>\.\./[^":]*?)"')
_SITE = "http://site.invalid/"


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Turn off instant navigation; swap the CDN worker shim for the vendored one (after the plugin's on_config)."""
    if _offline(config):
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [SHIM_PATH if "iframe-worker" in str(url) else url for url in polyfills]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the vendored shim to an offline build."""
    if _offline(config):
        files.append(File.generated(config, SHIM_PATH, content=SHIM_SOURCE.read_text(encoding="utf-8")))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Re-base the relative links of a notebook page when the site has no directory URLs."""
    if config.use_directory_urls or not page.file.src_uri.endswith(".ipynb"):
        return html
    written_for = posixpath.splitext(page.file.src_uri)[0] + "/"  # where the author's links start

    def rebase(match: re.Match) -> str:
        target = urlsplit(urljoin(_SITE + written_for, match["url"]))
        url = relative_url(target.path.removeprefix("/"), page.url)
        url += (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")
        return f'{match["attr"]}="{url}"'

    return _LINK.sub(rebase, html)
