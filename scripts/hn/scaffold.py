"""Create a new lesson with its quiz and worksheet stubs, and put it in the nav.

Usage: python -m hn.scaffold "Lesson title" [--team] [--slug SLUG] [--root DIR]

Upstream lessons go to docs/lessons/ and are added to the Lessons section of mkdocs.yml.
Team lessons (--team) go to docs/team/, with exercises in exercises/team/, and appear in the
nav by themselves (hooks/team.py), so a fork never edits an upstream file.
The stubs hold `TODO:` placeholders; `make check` and the build refuse them until filled in.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from markdown.extensions.toc import slugify

from hn.site import nav_pages

LESSON = """---
title: {title}
description: "TODO: one sentence on what this lesson teaches (under 160 characters)."
minutes: 20
---

# {title}

!!! objectives "What you will learn"

    By the end of this lesson you will be able to:

    - TODO: an objective starting with a verb you can check, such as "explain" or "plan";
    - TODO: a second objective;
    - TODO: a third objective.

TODO: an opening paragraph on why this matters to someone working in tech.

## First idea {{#first-idea}}

TODO: teach the first idea in plain English, with an example from a tech workplace.

!!! research "What the research says"

    TODO: a finding, cited like this: ([Granovetter, 1973](../references.md#granovetter-1973)).

!!! scenario "Worked scenario: TODO: a short title"

    **The situation.** TODO: a realistic situation.

    **What to do.** TODO: the steps.

    **Why it works.** TODO: the reason, tied to the idea above.

## Key points {{#key-points}}

- TODO: four to seven points that sum up the lesson.

## Check yourself {{#check-yourself}}

<!-- quiz: {slug}-quiz -->

## Look at yourself {{#look-at-yourself}}

<!-- worksheet: {slug}-worksheet -->
"""

QUIZ = """# yaml-language-server: $schema={schema}
id: {slug}-quiz
kind: quiz
title: "Check yourself: {title_yaml}"
pass_mark: 70
questions:
  - id: first-question
    type: single
    prompt: "TODO: a question about the first idea"
    options:
      - text: "TODO: the right answer"
        correct: true
        feedback: "TODO: why it is right"
      - text: "TODO: a tempting wrong answer"
        feedback: "TODO: why it is wrong"
    explanation: "TODO: the teaching point in one to three sentences"
    section: {page}#first-idea
"""

WORKSHEET = """# yaml-language-server: $schema={schema}
id: {slug}-worksheet
kind: worksheet
title: "TODO: a worksheet title"
intro: "TODO: what this worksheet is for. Entries stay in the learner's browser."
sections:
  - id: reflect
    type: reflection
    title: Think it through
    prompts:
      - id: first
        text: "TODO: a question the learner answers about themselves"
  - id: next-steps
    type: plan
    title: Your plan
    prompt: Write up to three goals, a first step for each and a date.
    rows: 3
"""


class ScaffoldError(Exception):
    """The lesson cannot be created as asked."""


def create_lesson(root: Path, title: str, slug: str | None = None, team: bool = False) -> list[Path]:
    """Write the lesson and exercise stubs; add upstream lessons to the nav. Return the new files."""
    slug = slug or slugify(title, "-")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise ScaffoldError(f"'{slug}' is not a kebab-case slug (use --slug)")
    folder, exercises = ("team", root / "exercises" / "team") if team else ("lessons", root / "exercises")
    page = f"{folder}/{slug}.md"
    files = {
        root / "docs" / page: LESSON.format(title=title, slug=slug),
        exercises / f"{slug}-quiz.yml": QUIZ.format(slug=slug, title_yaml=title.replace('"', "'"),
                                                    page=page, schema=_schema(root, exercises)),
        exercises / f"{slug}-worksheet.yml": WORKSHEET.format(slug=slug, schema=_schema(root, exercises)),
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0].relative_to(root)} already exists")
    if not team and page in nav_pages(root):
        raise ScaffoldError(f"{page} is already in the nav")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not team:
        add_to_nav(root / "mkdocs.yml", title, page)
    return list(files)


def _schema(root: Path, exercises: Path) -> str:
    """Relative path from an exercise folder to the JSON Schema."""
    return "../schema.json" if exercises != root / "exercises" else "schema.json"


def add_to_nav(config: Path, title: str, page: str) -> None:
    """Insert a nav line after the last lesson, keeping mkdocs.yml's comments and layout."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    lesson_lines = [i for i, line in enumerate(lines) if re.search(r":\s*lessons/[\w-]+\.md\s*$", line)]
    if not lesson_lines:
        raise ScaffoldError("mkdocs.yml has no lessons in its nav to add the new one after")
    last = lesson_lines[-1]
    indent = re.match(r"^\s*-\s*", lines[last]).group(0)
    number = len(lesson_lines) + 1
    safe_title = title.replace('"', "'")
    lines.insert(last + 1, f'{indent}"{number}. {safe_title}": {page}\n')
    config.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the scaffold from the command line."""
    parser = argparse.ArgumentParser(prog="python -m hn.scaffold", description=__doc__.splitlines()[0])
    parser.add_argument("title", help="the lesson title, e.g. 'Networking across time zones'")
    parser.add_argument("--slug", help="file name without .md (default: from the title)")
    parser.add_argument("--team", action="store_true", help="a fork's own lesson, in docs/team/")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    args = parser.parse_args(argv)
    try:
        created = create_lesson(args.root, args.title, args.slug, args.team)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in created:
        print(f"created {path.relative_to(args.root)}")
    if not args.team:
        print("added it to the Lessons section of mkdocs.yml")
    print("Next: replace every TODO: placeholder, then run `make check` (it lists each one left).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
