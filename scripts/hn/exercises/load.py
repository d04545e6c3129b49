"""Load exercise YAML files into models, turning every problem into `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from hn.exercises.model import Exercise, Quiz, Worksheet

_ADAPTER: TypeAdapter = TypeAdapter(Exercise)
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, at a file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ExerciseSet:
    """Every exercise that loaded, by id, with where each came from and the problems found."""

    exercises: dict[str, Quiz | Worksheet] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    lines: dict[str, dict[Loc, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, exercise_id: str) -> Quiz | Worksheet | None:
        """Return the exercise with this id, or None."""
        return self.exercises.get(exercise_id)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML keeps the last one silently)."""


def _line_map(node: yaml.Node, loc: Loc = (), lines: dict | None = None, dupes: list | None = None):
    """Map every location in a composed YAML tree to its 1-based line; note duplicate keys."""
    lines = {} if lines is None else lines
    dupes = [] if dupes is None else dupes
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                dupes.append((key, key_node.start_mark.line + 1))
            seen.add(key)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*loc, key), lines, dupes)
            lines[(*loc, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*loc, index), lines, dupes)
    return lines, dupes


def _resolve(loc: Loc, lines: dict[Loc, int]) -> tuple[Loc, int]:
    """Drop pydantic's union tags from `loc`, and find the nearest line the YAML has for it."""
    kept: list[str | int] = []
    for part in loc:
        if (*kept, part) in lines:
            kept.append(part)
    return tuple(kept), lines.get(tuple(kept), 1)


def _describe(loc: Loc, data: Any) -> str:
    """Say where in the exercise a location is, e.g. "question 'weak-ties' option 2"."""
    words: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if part < len(node) else None
            name = words.pop() if words else "item"
            singular = {"questions": "question", "sections": "section", "options": "option", "items": "item",
                        "statements": "statement", "prompts": "prompt", "bands": "band"}.get(name, name)
            ident = item.get("id") if isinstance(item, dict) else None
            words.append(f"{singular} '{ident}'" if isinstance(ident, str) else f"{singular} {part + 1}")
            node = item
        else:
            words.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return " ".join(words)


def _message(error: dict, loc: Loc, data: Any) -> str:
    """Turn one pydantic error into a sentence an author can act on."""
    kind, where = error["type"], _describe(loc, data)
    if kind == "missing":
        parent = _describe(loc[:-1], data)
        return f"{parent + ': ' if parent else ''}missing key '{loc[-1]}'"
    if kind == "extra_forbidden":
        parent = _describe(loc[:-1], data)
        return f"{parent + ': ' if parent else ''}unknown key '{loc[-1]}'"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("discriminator", "type").strip("'")
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"{where}: unknown {tag} {error['input'].get(tag)!r} (expected one of {expected})"
    if kind == "union_tag_not_found":
        tag = error.get("ctx", {}).get("discriminator", "type").strip("'")
        return f"{where}: missing key '{tag}'"
    if kind == "string_too_short":
        return f"{where}: must not be empty"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "section":
            return f"{where}: must look like 'lessons/<page>.md#<heading-id>'"
        return f"{where}: must be kebab-case (lowercase letters, digits and hyphens)"
    message = error["msg"]
    message = message.removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else message
    return f"{where}: {message}" if where else message


def load_file(path: Path, display: str) -> tuple[Quiz | Worksheet | None, list[Problem], dict[Loc, int]]:
    """Load one exercise file; return the model (or None), its problems and its line map."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(display, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")], {}
    try:
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        return None, [Problem(display, line, f"YAML syntax error: {what}")], {}
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, f"YAML error: {exc}")], {}
    if node is None or data is None:
        return None, [Problem(display, 1, "the file is empty")], {}
    if not isinstance(data, dict):
        return None, [Problem(display, node.start_mark.line + 1, "an exercise file must be a mapping of keys")], {}
    lines, dupes = _line_map(node)
    problems = [Problem(display, line, f"duplicate key '{key}'") for key, line in dupes]
    try:
        model = _ADAPTER.validate_python(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc, line = _resolve(tuple(error["loc"]), lines)
            if error["type"] in {"missing", "extra_forbidden"} and loc != tuple(error["loc"]):
                # Keep the key's own name: it is not in the YAML (missing) or is (extra).
                loc = (*loc, error["loc"][-1])
            problems.append(Problem(display, line, _message(error, loc, data)))
        return None, sorted(set(problems)), lines
    if problems:
        return None, problems, lines
    return model, [], lines


def load_exercises(folder: Path, root: Path | None = None) -> ExerciseSet:
    """Load every `*.yml`/`*.yaml` file under `folder`; paths in messages are relative to `root`."""
    root = root or folder.parent
    result = ExerciseSet()
    paths = sorted([*folder.rglob("*.yml"), *folder.rglob("*.yaml")]) if folder.is_dir() else []
    for path in paths:
        display = _display(path, root)
        model, problems, lines = load_file(path, display)
        result.problems.extend(problems)
        if model is None:
            continue
        if model.id in result.exercises:
            first = result.files[model.id]
            result.problems.append(Problem(display, 1, f"duplicate exercise id '{model.id}' (also in {first})"))
            continue
        result.exercises[model.id] = model
        result.files[model.id] = display
        result.lines[model.id] = lines
    return result


def _display(path: Path, root: Path) -> str:
    """Show `path` relative to `root` where possible, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
