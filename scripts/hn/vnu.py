"""The Nu Html Checker (vnu.jar) over a built site: install it, run it once, drop known theme errors.

vnu.jar comes from the npm package `vnu-jar`, pinned in tools/package.json and
tools/package-lock.json and installed into .cache/node with `npm ci --ignore-scripts` (the
package's install script would download a Java runtime; the system `java` is used instead).

The ignore file holds errors in markup the theme writes and we cannot change. Each entry is
one line, `message regex | markup regex`: an error is ignored when the first regex matches
vnu's message and the second matches the markup vnu highlights. Lines starting with `#`
are comments; every entry needs one saying why it is there.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from hn.exercises.check import Problem

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
NODE_PREFIX = ROOT / ".cache" / "node"
JAR = NODE_PREFIX / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LOCK_FILES = ("package.json", "package-lock.json")


class VnuUnavailable(RuntimeError):
    """Java or npm is missing, so the checker cannot run; the message says how to fix it."""


@dataclass(frozen=True)
class Ignore:
    """One entry of the ignore file, with the line it came from."""

    message: re.Pattern
    markup: re.Pattern
    line: int


def _installed_matches_lock() -> bool:
    """Whether .cache/node holds exactly the pinned versions from tools/."""
    return JAR.is_file() and all(
        (NODE_PREFIX / name).is_file() and (NODE_PREFIX / name).read_bytes() == (TOOLS / name).read_bytes()
        for name in LOCK_FILES
    )


def ensure_jar() -> Path:
    """Install the pinned vnu.jar into .cache/node unless it is already there; return its path."""
    if _installed_matches_lock():
        return JAR
    npm = shutil.which("npm")
    if npm is None:
        raise VnuUnavailable("npm not found: install Node.js and npm (Debian: apt-get install npm)")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    for name in LOCK_FILES:
        shutil.copy2(TOOLS / name, NODE_PREFIX / name)
    proc = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=NODE_PREFIX, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0 or not JAR.is_file():
        (NODE_PREFIX / "package-lock.json").unlink(missing_ok=True)  # try again next time
        raise VnuUnavailable(f"npm ci for vnu-jar failed:\n{proc.stdout}{proc.stderr}")
    return JAR


def load_ignores(path: Path) -> tuple[list[Ignore], list[Problem]]:
    """Read the ignore file; entries without a comment above them are problems."""
    entries: list[Ignore] = []
    problems: list[Problem] = []
    commented = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            commented = False
        elif line.startswith("#"):
            commented = True
        elif " | " not in line:
            problems.append(Problem(str(path), number, "expected `message regex | markup regex`"))
        elif not commented:
            problems.append(Problem(str(path), number, "every ignore entry needs a comment saying why"))
        else:
            message, markup = line.split(" | ", 1)
            entries.append(Ignore(re.compile(message), re.compile(markup), number))
    return entries, problems


def run(paths: list[Path], jar: Path | None = None) -> list[dict]:
    """Run vnu once over files and folders; return its error messages as dicts."""
    java = shutil.which("java")
    if java is None:
        raise VnuUnavailable("java not found: install a Java runtime (Debian: apt-get install default-jre-headless)")
    # A big stack: the schema check recurses deeply and fails now and then at vnu's suggested 512k.
    # C1-only compilation and the serial collector halve the run time of a short, one-off check.
    proc = subprocess.run(
        [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar or ensure_jar()),
         "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(proc.stderr or proc.stdout)
    except json.JSONDecodeError as err:
        raise VnuUnavailable(f"vnu printed no JSON report:\n{proc.stdout}{proc.stderr}") from err
    return [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]


def highlighted(message: dict) -> str:
    """Return the markup vnu points at (the highlighted part of its extract)."""
    extract = message.get("extract", "")
    start = message.get("hiliteStart")
    if start is None:
        return extract
    return extract[start : start + message.get("hiliteLength", 0)]


def _path_of(message: dict, base: Path) -> str:
    """Return the checked file, relative to the parent of `base` when it is inside it."""
    path = Path(unquote(urlparse(message.get("url", "")).path))
    try:
        return str(path.relative_to(base.resolve().parent))
    except ValueError:
        return str(path)


def check(paths: list[Path], ignore_file: Path | None, base: Path, jar: Path | None = None) -> list[Problem]:
    """Validate `paths`; return errors no ignore entry covers, then ignore entries that matched nothing."""
    ignores, problems = load_ignores(ignore_file) if ignore_file else ([], [])
    used: set[int] = set()
    for message in run(paths, jar):
        text, markup = message.get("message", ""), highlighted(message)
        hits = [entry.line for entry in ignores if entry.message.search(text) and entry.markup.search(markup)]
        if hits:
            used.update(hits)
            continue
        where = _path_of(message, base)
        line = message.get("lastLine") or message.get("firstLine") or 1
        problems.append(Problem(where, line, f"html: {text} ({markup.strip()[:80]})"))
    problems += [
        Problem(str(ignore_file), entry.line, "ignore entry matched no error; remove it")
        for entry in ignores
        if entry.line not in used
    ]
    return problems
