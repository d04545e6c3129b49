"""Render exercises to HTML with Jinja templates (autoescaped). No MkDocs needed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from hn.exercises.model import Ordering, Quiz, Worksheet

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Link:
    """Where an explanation sends the learner to review."""

    href: str
    title: str


@lru_cache(maxsize=8)
def environment(extra_dirs: tuple[Path, ...] = ()) -> Environment:
    """Return the Jinja environment; templates in `extra_dirs` override the built-in ones.

    One environment per set of folders, so each template compiles once per process, not once
    per exercise (Jinja still reloads a template whose file changed, for `mkdocs serve`).
    """
    return Environment(
        loader=FileSystemLoader([*extra_dirs, TEMPLATES]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )


def shuffled_order(quiz_id: str, question: Ordering) -> list[int]:
    """Return a stable shuffle of an ordering question's items that is never already solved."""
    count = len(question.items)
    keyed = sorted(range(count), key=lambda i: hashlib.sha256(f"{quiz_id}/{question.id}/{i}".encode()).hexdigest())
    if keyed == list(range(count)):
        keyed = keyed[1:] + keyed[:1]
    return keyed


def render_quiz(env: Environment, quiz: Quiz, links: dict[str, Link]) -> str:
    """Render a quiz; `links` maps each question id to its review link."""
    order = {q.id: shuffled_order(quiz.id, q) for q in quiz.questions if isinstance(q, Ordering)}
    return env.get_template("quiz.html").render(quiz=quiz, links=links, order=order)


def render_worksheet(env: Environment, worksheet: Worksheet) -> str:
    """Render a worksheet."""
    return env.get_template("worksheet.html").render(ws=worksheet)
