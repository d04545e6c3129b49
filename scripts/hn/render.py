"""Render exercises to HTML with Jinja templates (autoescaped). No MkDocs needed."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from hn.exercises.model import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice, TrueFalse, Worksheet

TEMPLATES = Path(__file__).parent / "templates"
ChoiceQuestion = SingleChoice | MultipleChoice | Scenario


@dataclass(frozen=True)
class Link:
    """Where an explanation sends the learner to review."""

    href: str
    title: str


@lru_cache(maxsize=8)
def environment(extra_dirs: tuple[Path, ...] = (), cache_dir: Path | None = None) -> Environment:
    """Return the Jinja environment; templates in `extra_dirs` override the built-in ones.

    One environment per set of folders, so each template compiles once per process, not once
    per exercise (Jinja still reloads a template whose file changed, for `mkdocs serve`). With
    `cache_dir` (the build's), the compiled templates are also kept there for the next process,
    as hooks/templates_cache.py keeps the theme's: by name and a checksum of the source, so an
    edited template compiles afresh (about 0.03 s a build for quiz.html and worksheet.html).
    """
    return Environment(
        loader=FileSystemLoader([*extra_dirs, TEMPLATES]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        bytecode_cache=_bytecode_cache(cache_dir) if cache_dir is not None else None,
    )


def _bytecode_cache(folder: Path) -> FileSystemBytecodeCache | None:
    """Return a bytecode cache in `folder`, made if need be; None where it cannot be (a read-only checkout)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def _rank(*parts: str) -> str:
    """Return a stable pseudo-random sort key made from the parts (the same on every build and machine)."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def shuffled_order(quiz_id: str, question: Ordering) -> list[int]:
    """Return a stable shuffle of an ordering question's items that is never already solved."""
    count = len(question.items)
    keyed = sorted(range(count), key=lambda i: _rank(quiz_id, question.id, str(i)))
    if keyed == list(range(count)):
        keyed = keyed[1:] + keyed[:1]
    return keyed


def _is_single(question: ChoiceQuestion) -> bool:
    """Say whether a choice question has one right option (single, or a single-answer scenario)."""
    return question.type == "single" or (question.type == "scenario" and question.select == "single")


def option_orders(quiz: Quiz) -> dict[str, list[int]]:
    """Return the order each choice question's options are shown in, as authoring indexes.

    Options are never shown in the order they are written, where the right one usually comes
    first. The key of each single-answer question goes to the place the quiz has used least so
    far (questions with fewer options choose first, as they have fewer places to choose from;
    ties are broken by a hash), so keys spread evenly over the places; the wrong options fill
    the other places in a hashed order. Multiple-answer options get a hashed order that is not
    the written one. Everything is derived from the quiz and question ids, so every build, the
    page without JavaScript and the print book show the same order, and inputs keep their
    authoring index as their value, so saved answers still point at the same options. Adding
    or removing a one-answer question can move the keys of the others in its quiz; saved
    answers follow them, as they name options, not places.
    """
    orders: dict[str, list[int]] = {}
    choices = [q for q in quiz.questions if isinstance(q, ChoiceQuestion)]
    used: Counter[int] = Counter()
    singles = sorted((q for q in choices if _is_single(q)), key=lambda q: (len(q.options), _rank(quiz.id, q.id)))
    for question in singles:
        count = len(question.options)
        key = next(i for i, option in enumerate(question.options) if option.correct)
        place = min(range(count), key=lambda p: (used[p], _rank(quiz.id, question.id, "key", str(p))))
        used[place] += 1
        order = sorted((i for i in range(count) if i != key), key=lambda i: _rank(quiz.id, question.id, str(i)))
        order.insert(place, key)
        orders[question.id] = order
    for question in (q for q in choices if not _is_single(q)):
        count = len(question.options)
        order = sorted(range(count), key=lambda i: _rank(quiz.id, question.id, str(i)))
        orders[question.id] = order[1:] + order[:1] if order == list(range(count)) else order
    return orders


def shown_orders(quiz: Quiz) -> dict[str, list[int]]:
    """Return, for every question of a quiz, its options or steps in the order the page shows them."""
    orders = option_orders(quiz)
    for question in quiz.questions:
        if isinstance(question, Ordering):
            orders[question.id] = shuffled_order(quiz.id, question)
        elif isinstance(question, TrueFalse):
            orders[question.id] = [0, 1]  # True, then False
    return orders


def render_quiz(env: Environment, quiz: Quiz, links: dict[str, Link]) -> str:
    """Render a quiz; `links` maps each question id to its review link."""
    return env.get_template("quiz.html").render(quiz=quiz, links=links, order=shown_orders(quiz))


def render_worksheet(env: Environment, worksheet: Worksheet) -> str:
    """Render a worksheet."""
    return env.get_template("worksheet.html").render(ws=worksheet)
