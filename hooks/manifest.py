"""MkDocs hook: write the course manifest the progress page reads (hn.manifest has the format).

Two generated files, from the same checked exercise models the build renders:
`assets/course-manifest.json` for tools, and `assets/course-manifest.js`, listed in
extra_javascript, which sets `HN.manifest` on every page: a same-origin script works from
file:// (the offline zip) and under `script-src 'self'`, where `fetch` of the JSON may not.
Each lesson also gets its part, `assets/manifest/<lesson id>.js`, which its page loads instead
of the whole, and `assets/manifest/_course.js` holds the header alone, for pages that list no
lessons (hooks/assets.py): the whole grows with the course, a part does not.

A course reviewed in parts (more than PART_LESSONS lessons: hooks/review_page.py) also lists
the parts in the whole manifest ("review_parts"), so the progress and home pages can link
"N questions to review" to the part that holds the first of them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hn.exercises.cache import checked_project
from hn.manifest import (
    SPECIAL_PAGES,
    as_json,
    as_script,
    build_manifest,
    course_part,
    lesson_part,
    part_path,
    reserved_id_problems,
)
from hn.pages import PartedPage, course_uris

EXTENSION = "hn.markdown_ext"
REVIEW_PARTS = PartedPage(SPECIAL_PAGES["review"])  # as hooks/review_page.py makes them
JSON_PATH = "assets/course-manifest.json"
SCRIPT_PATH = "assets/course-manifest.js"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the manifest files, built from the nav, the page URLs and the exercise models."""
    settings = config.mdx_configs.get(EXTENSION, {})
    root = Path(settings.get("root") or Path(config.config_file_path).resolve().parent)
    docs_dir = settings.get("docs_dir", "docs")
    report = checked_project(root, docs_dir, settings.get("exercises_dir", "exercises"))  # read once per build
    if problems := reserved_id_problems(report):
        raise PluginError("\n".join(problems))

    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return file.url if file is not None else None

    manifest = build_manifest(root, docs_dir, config.nav, report, url_of, course=config.site_name,
                              site=config.site_url or "", pages=course_uris(config))
    if manifest["pages"].get("review") and (count := REVIEW_PARTS.count(config)) > 1:
        manifest["review_parts"] = []
        for number in range(1, count + 1):
            first, last = REVIEW_PARTS.lessons(number, config)
            manifest["review_parts"].append({"url": REVIEW_PARTS.url(number, config), "first": first, "last": last})
    written = [(JSON_PATH, as_json(manifest)), (SCRIPT_PATH, as_script(manifest)),
               (part_path(), as_script(course_part(manifest)))]
    written += [(part_path(lesson["id"]), as_script(lesson_part(manifest, lesson))) for lesson in manifest["lessons"]]
    for path, content in written:
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=content))
    return files
