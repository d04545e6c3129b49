"""Build the course as a SCORM 1.2 package for a learning platform (`make scorm`).

Usage: python -m hn.scorm [ZIP] [--root DIR]
Exit codes: 0 the zip was written, 1 the strict build failed, 2 bad usage.

The build is the offline build (hn.offline: Material's offline plugin, no directory URLs)
with SCORM=true, which makes hooks/scorm.py add the adapter script to every page and write
the launch page, scorm-launch.html. The zip holds the built site at its root with
imsmanifest.xml beside it: one organisation, one item, one SCO (the launch page) listing
every file. The title and the mastery score come from the built course manifest
(assets/course-manifest.json), so a fork's team.yml name and lesson list carry over.
Entries are sorted and dated 1980-01-01, so the same site gives the same zip.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from hn.offline import _entry, build

EXIT_OK, EXIT_BUILD, EXIT_USAGE = 0, 1, 2
DEFAULT_ZIP = Path("dist/the-human-network-scorm.zip")
LAUNCH = "scorm-launch.html"
MANIFEST = "imsmanifest.xml"
SCHEMA, SCHEMA_VERSION = "ADL SCORM", "1.2"
COURSE_MANIFEST = "assets/course-manifest.json"


def manifest_xml(site_dir: Path) -> str:
    """Return imsmanifest.xml for the built package in `site_dir`."""
    course = json.loads((site_dir / COURSE_MANIFEST).read_text(encoding="utf-8"))
    title = course.get("course") or "The Human Network"
    digest = hashlib.sha256(f"{title}\n{course.get('site', '')}".encode()).hexdigest()[:12]
    checks = course.get("checks") or []
    # The platform may judge passed/failed from the score itself: give it the same pass mark.
    mastery = (f"\n        <adlcp:masteryscore>{checks[0]['pass_mark']}</adlcp:masteryscore>"
               if len(checks) == 1 else "")
    files = "\n".join(f"      <file href={quoteattr(path.relative_to(site_dir).as_posix())}/>"
                      for path in sorted(site_dir.rglob("*")) if path.is_file())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hn-{digest}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>{SCHEMA}</schema>
    <schemaversion>{SCHEMA_VERSION}</schemaversion>
  </metadata>
  <organizations default="hn-course">
    <organization identifier="hn-course">
      <title>{escape(title)}</title>
      <item identifier="hn-item" identifierref="hn-sco" isvisible="true">
        <title>{escape(title)}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="hn-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{files}
    </resource>
  </resources>
</manifest>
"""


def pack(site_dir: Path, zip_path: Path) -> int:
    """Write `site_dir` and its imsmanifest.xml into `zip_path`, at the root; return the file count."""
    manifest = manifest_xml(site_dir)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr(_entry(MANIFEST), manifest)
        for path in files:
            archive.writestr(_entry(path.relative_to(site_dir).as_posix()), path.read_bytes())
    return len(files) + 1


def main(argv: list[str] | None = None) -> int:
    """Build, pack and report; return an exit code."""
    parser = argparse.ArgumentParser(prog="python -m hn.scorm", description=__doc__.splitlines()[0])
    parser.add_argument("zip", nargs="?", type=Path, default=DEFAULT_ZIP,
                        help=f"where to write (default {DEFAULT_ZIP})")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: no mkdocs.yml here", file=sys.stderr)
        return EXIT_USAGE
    with tempfile.TemporaryDirectory(prefix="hn-scorm-") as tmp:
        site = Path(tmp) / "site"
        result = build(root, site, {"SCORM": "true"})
        if result.returncode != 0 or not (site / LAUNCH).is_file():
            print(result.stdout + result.stderr, file=sys.stderr)
            print("SCORM build failed (see above)", file=sys.stderr)
            return EXIT_BUILD
        count = pack(site, args.zip)
    size = args.zip.stat().st_size / 1_000_000
    print(f"{args.zip}: SCORM {SCHEMA_VERSION} package, {count} files, {size:.1f} MB. "
          "Upload it to your learning platform as one package.")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
