"""Build the course for reading without a network and pack it as one zip (`make offline`).

Usage: python -m hn.offline [ZIP] [--root DIR]
Exit codes: 0 the zip was written, 1 the strict build failed, 2 bad usage.

The build is the normal strict build with Material's offline plugin switched on (OFFLINE=true
in mkdocs.yml): no directory URLs, the search index as a script, and hooks/offline.py for the
rest. The zip holds one folder, `the-human-network/`, and a README.txt that says to open its
index.html. Entries are sorted and dated 1980-01-01, so the same site gives the same zip.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

EXIT_OK, EXIT_BUILD, EXIT_USAGE = 0, 1, 2
DEFAULT_ZIP = Path("dist/the-human-network-offline.zip")
FOLDER = "the-human-network"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
README = """The Human Network, offline copy
===============================

Unzip this file, then open the-human-network/index.html in your web browser
(double-click it). Everything works from your own disk without a network: the lessons,
search, quizzes and worksheets. Your answers are saved in this browser only.

To move your progress to or from the online course, use "Your data" on the
"Your progress" page to export and import it.
"""


def build(root: Path, site_dir: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the strict offline build of the project at `root` into `site_dir` (hn.scorm adds SCORM=true)."""
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "scripts"), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def pack(site_dir: Path, zip_path: Path) -> int:
    """Write `site_dir` into `zip_path` under one top folder; return the number of files."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr(_entry("README.txt"), README)
        for path in files:
            archive.writestr(_entry(f"{FOLDER}/{path.relative_to(site_dir).as_posix()}"), path.read_bytes())
    return len(files)


def main(argv: list[str] | None = None) -> int:
    """Build, pack and report; return an exit code."""
    parser = argparse.ArgumentParser(prog="python -m hn.offline", description=__doc__.splitlines()[0])
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
    with tempfile.TemporaryDirectory(prefix="hn-offline-") as tmp:
        site = Path(tmp) / FOLDER
        result = build(root, site)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print("offline build failed (see above)", file=sys.stderr)
            return EXIT_BUILD
        count = pack(site, args.zip)
    size = args.zip.stat().st_size / 1_000_000
    print(f"{args.zip}: {count} files, {size:.1f} MB. Unzip it and open {FOLDER}/index.html.")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
