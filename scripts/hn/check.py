"""Command line: check every exercise and page, and a fork's team.yml; print problems as `path:line: message`.

Usage: python -m hn.check [--root DIR] [--docs-dir DIR] [--exercises-dir DIR]
Exit codes: 0 clean, 1 problems found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hn.exercises import check_project
from hn.team import TeamSettingsError, load_team_settings

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def github_annotation(path: str, line: int, message: str) -> str:
    """Format a problem as a GitHub Actions error annotation."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={path},line={line}::{escaped}"


def project_arguments(prog: str, doc: str, argv: list[str] | None) -> argparse.Namespace | None:
    """Parse the options every project-wide report shares (--root, --docs-dir, --exercises-dir).

    Returns None, after printing the usage and the reason, when the exercise folder is missing.
    """
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("--docs-dir", default="docs", help="pages folder, relative to the root")
    parser.add_argument("--exercises-dir", default="exercises", help="exercise folder, relative to the root")
    args = parser.parse_args(argv)
    if not (args.root / args.exercises_dir).is_dir():
        parser.print_usage(sys.stderr)
        print(f"error: no exercise folder at {args.root / args.exercises_dir}", file=sys.stderr)
        return None
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the check and return the exit code."""
    args = project_arguments("python -m hn.check", __doc__, argv)
    if args is None:
        return EXIT_USAGE
    report = check_project(args.root, args.docs_dir, args.exercises_dir)
    problems = [(p.path, p.line, p.message) for p in report.problems] + team_problems(args.root)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for path, line, message in problems:
        print(f"{path}:{line}: {message}")
        if in_actions:
            print(github_annotation(path, line, message))
    count = len(report.exercises.exercises)
    team = " and team.yml" if (args.root / "team.yml").is_file() else ""
    if problems:
        print(f"{len(problems)} problem(s) in {count} exercise(s), their pages{team}.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{count} exercises, {len(report.markers)} markers{team} checked: no problems.", file=sys.stderr)
    return EXIT_OK


def team_problems(root: Path) -> list[tuple[str, int, str]]:
    """Check a fork's team.yml (if any) with the same rules as the build."""
    try:
        load_team_settings(root / "team.yml")
    except TeamSettingsError as exc:
        return exc.problems
    return []


if __name__ == "__main__":
    sys.exit(main())
