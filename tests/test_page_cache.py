"""Page readings kept between builds (hn.exercises.page_cache) change how long a check takes, never its report.

A kept reading stands in for running a page through Python-Markdown only while the page, the
site's Markdown settings, the code and every snippet the page included are unchanged; a
reading that failed is never kept; a site whose Markdown runs anything else keeps nothing.
The build's faster look at the course's files (hn.exercises.cache.signature) sees what the
pathlib walk it replaced saw.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from markdown.extensions import Extension

from conftest import ROOT, mkdocs_build
from hn.exercises import check, scan
from hn.exercises.cache import _stamp, signature
from hn.exercises.page_cache import PageCache
from hn.exercises.scan import Includes, SiteMarkdown, scan_text
from test_exercise_build import MKDOCS_YML
from test_exercise_model import FIXTURES

PAGE = """\
# Odd files

## Kept

--8<-- "includes/part.md"

<!-- quiz: odd-files-quiz -->
"""
EXTENSIONS = ["attr_list", "toc", {"pymdownx.snippets": {"auto_append": ["includes/terms.md"], "check_paths": True}}]


def project_with_snippets(dest: Path) -> Path:
    """Make a one-page course whose page includes a snippet (and a glossary, appended as the course does)."""
    shutil.copytree(FIXTURES / "valid" / "odd-files", dest)
    (dest / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (dest / "includes").mkdir()
    (dest / "includes" / "part.md").write_text("## From a snippet\n\nSome text.\n", encoding="utf-8")
    (dest / "includes" / "terms.md").write_text("*[Kept]: A term from the glossary\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump({"markdown_extensions": EXTENSIONS}), encoding="utf-8")
    return dest


@pytest.fixture
def readings(monkeypatch) -> list[str]:
    """Count the pages the check runs through Python-Markdown (kept readings aside), each check afresh."""
    ran: list[str] = []

    def counted(site, body, first_line=1, includes=None):
        ran.append(body.splitlines()[0] if body else "")
        return scan_text(site, body, first_line, includes)

    monkeypatch.setattr(check, "scan_text", counted)
    check.forget_pages()  # the readings kept in memory (for `mkdocs serve`) would hide the ones on disk
    yield ran
    check.forget_pages()


def fresh_check(project: Path, cache: Path):
    """Check as a new build process does: nothing kept in memory, the readings on disk kept."""
    check.forget_pages()
    return check.check_project(project, cache_dir=cache)


def test_a_second_check_reads_the_kept_pages_and_reports_the_same(tmp_path: Path, readings: list[str]):
    project = project_with_snippets(tmp_path / "project")
    cache = tmp_path / "cache"
    first = fresh_check(project, cache)
    assert first.ok, first.problems
    assert readings == ["# Odd files"] and len(list(cache.glob("*.json"))) == 1
    second = fresh_check(project, cache)
    assert readings == ["# Odd files"]  # not run through Markdown again
    assert second.markers == first.markers and second.problems == first.problems
    assert second.titles == first.titles
    assert check.Pages(project, "docs", check._site(project)).scan("index.md").anchors == {
        "odd-files": "Odd files", "kept": "Kept", "from-a-snippet": "From a snippet"}
    assert check.check_project(project).markers == first.markers  # and the same as with no cache at all


@pytest.mark.parametrize("change", ["page", "snippet", "glossary", "settings"])
def test_a_change_to_anything_a_reading_used_reads_the_page_again(tmp_path: Path, readings: list[str],
                                                                   change: str):
    project = project_with_snippets(tmp_path / "project")
    cache = tmp_path / "cache"
    fresh_check(project, cache)
    if change == "page":
        path = project / "docs" / "index.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n## Added\n", encoding="utf-8")
    elif change == "snippet":
        (project / "includes" / "part.md").write_text("## Moved on\n", encoding="utf-8")
    elif change == "glossary":
        (project / "includes" / "terms.md").write_text("*[Kept]: Another title\n", encoding="utf-8")
    else:
        extensions = [*EXTENSIONS, "def_list"]
        (project / "mkdocs.yml").write_text(yaml.safe_dump({"markdown_extensions": extensions}), encoding="utf-8")
    report = fresh_check(project, cache)
    assert len(readings) == 2, change
    anchors = check.Pages(project, "docs", check._site(project)).scan("index.md").anchors
    if change == "page":
        assert "added" in anchors
    elif change == "snippet":
        assert "moved-on" in anchors and "from-a-snippet" not in anchors
    assert report.ok, report.problems


def test_a_reading_that_failed_is_not_kept(tmp_path: Path, readings: list[str]):
    project = project_with_snippets(tmp_path / "project")
    (project / "includes" / "part.md").unlink()  # check_paths: the snippet is missing, Markdown refuses the page
    cache = tmp_path / "cache"
    report = fresh_check(project, cache)
    assert any("could not read this page" in problem.message for problem in report.problems), report.problems
    assert not list(cache.glob("*.json"))
    assert fresh_check(project, cache).problems == report.problems and len(readings) == 2


class _Unknown(Extension):
    """An extension the cache knows nothing about: it might read any file."""

    def extendMarkdown(self, md) -> None:
        """Register, and do nothing else."""
        md.registerExtension(self)


def test_a_site_running_markdown_from_elsewhere_keeps_nothing(tmp_path: Path):
    assert PageCache(tmp_path, SiteMarkdown(["toc", "attr_list", "pymdownx.snippets"])).usable
    assert not PageCache(tmp_path, SiteMarkdown(["toc", _Unknown()])).usable
    assert not PageCache(tmp_path, SiteMarkdown(problem="mkdocs.yml could not be read")).usable
    web = SiteMarkdown(["pymdownx.snippets"], {"pymdownx.snippets": {"url_download": True}})
    includes = Includes()
    scan_text(web, "# Page\n", 1, includes)
    assert not includes.complete  # snippets may come from the web: what they hold cannot be named


def test_the_course_keeps_its_readings():
    site = scan.site_markdown(ROOT)
    assert not site.problem and PageCache(ROOT / ".cache" / "unused", site).usable


def test_a_warm_build_is_the_same_site_as_a_cold_one(tmp_path: Path):
    project = project_with_snippets(tmp_path / "project")
    (project / "hooks").mkdir()
    shutil.copy2(ROOT / "hooks" / "exercises.py", project / "hooks" / "exercises.py")
    config = yaml.safe_load(MKDOCS_YML)
    config["markdown_extensions"] = ["hn.markdown_ext", *EXTENSIONS]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    cold = mkdocs_build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.output
    assert list((project / ".cache" / "page-scans").glob("*.json"))
    assert list((project / ".cache" / "exercise-templates").iterdir())
    warm = mkdocs_build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.output
    built = sorted(path.relative_to(cold.site) for path in cold.site.rglob("*") if path.is_file())
    assert built == sorted(path.relative_to(warm.site) for path in warm.site.rglob("*") if path.is_file())
    for rel in built:
        if rel.name != "sitemap.xml.gz":  # gzip records a time
            assert _undated(cold.site / rel) == _undated(warm.site / rel), rel


def _undated(path: Path) -> bytes:
    """Return a built file without the build time the mkdocs theme writes at its end."""
    return re.sub(rb"Build Date UTC : [^\n]*", b"", path.read_bytes())


def _rglob_signature(root: Path, docs_dir: str, exercises_dir: str) -> tuple:
    """Return the signature as it was first written, with pathlib's rglob."""
    files = [*(root / exercises_dir).rglob("*"), *(root / docs_dir).rglob("*.md"), root / "mkdocs.yml"]
    return tuple(sorted(stamp for path in files if (stamp := _stamp(str(path)))))


@pytest.mark.parametrize("folders", [("docs", "exercises"), (".", "."), ("missing", "missing")])
def test_the_signature_sees_what_a_pathlib_walk_sees(tmp_path: Path, folders: tuple[str, str]):
    project = shutil.copytree(FIXTURES / "valid" / "odd-files", tmp_path / "project")
    (project / "docs" / ".hidden.md").write_text("# Hidden\n", encoding="utf-8")
    (project / "docs" / "gone.md").symlink_to("nowhere.md")  # a broken link keeps its own stamp
    (project / "docs" / "elsewhere").symlink_to(ROOT / "docs", target_is_directory=True)  # listed, not followed
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert signature(project, *folders) == _rglob_signature(project, *folders)
    assert signature(ROOT) == _rglob_signature(ROOT, "docs", "exercises")
