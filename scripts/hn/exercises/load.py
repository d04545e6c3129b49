"""Load exercise YAML files into models, turning every problem into `path:line: message`."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from hn.exercises import model as _model
from hn.exercises.hints import char_name, is_control, odd_character_note, yaml_hint
from hn.exercises.model import DuplicateId, Exercise, ItemError, Quiz, Worksheet
from hn.yaml_depth import MAX_DEPTH, TooDeep, check_depth

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
    paths: list[Path] = field(default_factory=list)  # every file read, loaded or not
    files: dict[str, str] = field(default_factory=dict)
    lines: dict[str, dict[Loc, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, exercise_id: str) -> Quiz | Worksheet | None:
        """Return the exercise with this id, or None."""
        return self.exercises.get(exercise_id)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML keeps the last one silently)."""


def _line_map(node: yaml.Node, loc: Loc = (), lines: dict | None = None, dupes: list | None = None,
              seen_nodes: set[int] | None = None):
    """Map every location in a composed YAML tree to its 1-based line; note duplicate keys.

    Run it before constructing, so merge keys (`<<`) are not yet flattened into false duplicates.
    A node reached again through an alias is not walked twice: `&a [*a]` would never end.
    """
    lines = {} if lines is None else lines
    dupes = [] if dupes is None else dupes
    seen_nodes = set() if seen_nodes is None else seen_nodes
    lines.setdefault(loc, node.start_mark.line + 1)
    if id(node) in seen_nodes:
        return lines, dupes
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: construction refuses it
                continue
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in first_line:
                dupes.append((key, line, first_line[key]))
            first_line.setdefault(key, line)
            _line_map(value_node, (*loc, key), lines, dupes, seen_nodes)
            lines[(*loc, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*loc, index), lines, dupes, seen_nodes)
    return lines, dupes


def _strip_tags(loc: Loc, data: Any) -> Loc:
    """Drop the tags pydantic adds to locations inside tagged unions (e.g. 'quiz', 'single').

    A tag follows the root (the file's `kind`) or an index into a list of _UNION_TAGS (the
    item's `type`, or a draft rule's `rule`); matching only there keeps a real key such as
    `scenario` in place.
    """
    kept: list[str | int] = []
    node, tag = data, "kind"
    for part in loc:
        if tag and isinstance(node, dict) and part == node.get(tag):
            tag = None
            continue
        tag = _UNION_TAGS.get(kept[-1]) if isinstance(part, int) and kept else None
        kept.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(kept)


#: The lists whose items are tagged unions, and the key that names each item's kind.
_UNION_TAGS = {"questions": "type", "sections": "type", "rules": "rule"}


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int:
    """Return the line of `loc`, or of its nearest ancestor the YAML has (a missing key has none)."""
    for end in range(len(loc), 0, -1):
        # The line map keys mappings by the key's source text: `1:` is "1" there, 1 in the data.
        for candidate in (loc[:end], (*loc[: end - 1], str(loc[end - 1]))):
            if candidate in lines:
                return lines[candidate]
    return lines.get((), 1)


def _describe(loc: Loc, data: Any) -> str:
    """Say where in the exercise a location is, e.g. "question 'weak-ties', option 2, feedback"."""
    words: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part] if 0 <= part < len(node) else None
            name = words.pop() if words else "item"
            singular = _SINGULAR.get(name, name)
            ident = item.get("id") if isinstance(item, dict) else None
            words.append(f"{singular} {_quote(ident)}" if isinstance(ident, str) else f"{singular} {part + 1}")
            node = item
        else:
            words.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return ", ".join(words)


_SINGULAR = {"questions": "question", "sections": "section", "options": "option", "items": "item",
             "statements": "statement", "prompts": "prompt", "bands": "band", "rules": "rule",
             "any": "phrase"}

#: Plain-language endings for pydantic's error types; `{found}` is the value the author wrote.
_WORDING = {
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters long",
    "int_parsing": "must be a whole number, not {found}",
    "int_type": "must be a whole number, not {found}",
    "int_from_float": "must be a whole number, not {found}",
    "bool_parsing": "must be true or false, not {found}",
    "bool_type": "must be true or false, not {found}",
    "list_type": "must be a list, not {found}",
    "model_type": "must be a mapping of keys, not {found}",
    "model_attributes_type": "must be a mapping of keys, not {found}",
    "too_short": "needs at least {min_length} (found {actual_length})",
    "too_long": "allows at most {max_length} (found {actual_length})",
    "greater_than_equal": "must be at least {ge}, not {found}",
    "less_than_equal": "must be at most {le}, not {found}",
    "literal_error": "must be {expected}, not {found}",
    "string_unicode": "holds half of a surrogate pair (a YAML escape such as \"\\ud800\"): remove it",
}


def _quote(value: Any) -> str:
    """Show a value an author wrote, on one line and not too long."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    if isinstance(value, int | float):
        return str(value)
    shown = repr(value) if isinstance(value, str) else repr(str(value))
    return shown if len(shown) <= 40 else shown[:36] + "...'"


def _closest_key(key: Any) -> str | None:
    """Return the known exercise key closest to a misspelt one (`feedbak` -> `feedback`), if any."""
    if not isinstance(key, str):
        return None
    close = difflib.get_close_matches(key, [k for k in _known_keys() if k != key], n=1, cutoff=0.75)
    return close[0] if close else None


@functools.cache
def _known_keys() -> list[str]:
    """Every key an exercise file may use, from the models (the only place that knows the format)."""
    keys: set[str] = set()
    for item in vars(_model).values():
        if isinstance(item, type) and issubclass(item, BaseModel) and item is not BaseModel:
            keys.update(item.model_fields)
            keys.update(field.alias for field in item.model_fields.values() if field.alias)
    return sorted(keys)


def _at(where: str, text: str) -> str:
    """Prefix `text` with where it applies, if anywhere more precise than the whole file."""
    return f"{where}: {text}" if where else text


def _message(error: dict, loc: Loc, data: Any, lines: dict[Loc, int]) -> str:
    """Turn one pydantic error into a sentence an author can act on."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind in {"missing", "extra_forbidden", "invalid_key"}:
        # The key names the problem, e.g. "question 'x': unknown key 'hint'".
        state = {"missing": "missing key", "extra_forbidden": "unknown key", "invalid_key": "invalid key"}[kind]
        text = f"{state} {_quote(loc[-1] if loc else value)}"
        if kind == "extra_forbidden" and loc and (close := _closest_key(loc[-1])):
            text += f": did you mean '{close}'?"
        return _at(_describe(loc[:-1], data), text + (" (keys must be text)" if kind == "invalid_key" else ""))
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        tag = ctx.get("discriminator", "'type'").strip("'")
        if kind == "union_tag_not_found":
            return _at(_describe(loc, data), f"missing key '{tag}'")
        written = value.get(tag) if isinstance(value, dict) else value
        expected = ctx.get("expected_tags", "")
        text = f"unknown {tag} {_quote(written)}"
        tags = [name.strip("'") for name in expected.split(", ")]
        if isinstance(written, str) and (close := difflib.get_close_matches(written, tags, n=1, cutoff=0.75)):
            text += f": did you mean '{close[0]}'?"
        return _at(_describe(loc, data), f"{text} (expected one of {expected})")
    if kind == "value_error" and isinstance(ctx.get("error"), DuplicateId):
        dup: DuplicateId = ctx["error"]
        first = _line_of((*loc, *dup.first_path), lines)
        return _at(_describe(loc, data), f"duplicate {dup.what} '{dup.value}' (first used on line {first})")
    if kind == "string_type" and value is None:
        text = "must not be empty"
    elif kind == "string_type":
        text = f"must be text, not {_quote(value)}" + ("" if isinstance(value, list | dict) else " (put it in quotes)")
    elif kind == "string_pattern_mismatch" and loc and loc[-1] == "section":
        text = f"must look like 'lessons/<page>.md#<heading-id>', not {_quote(value)}{odd_character_note(value)}"
    elif kind == "string_pattern_mismatch":
        text = f"must be kebab-case (lowercase letters, digits and hyphens), not {_quote(value)}" \
               + odd_character_note(value)
    elif kind == "control_character":
        text = f"holds {ctx['name']}, a control character that cannot be shown on a page: remove it " \
               "(in double quotes, YAML escapes such as \"\\e\" or \"\\a\" write one)"
    elif kind in _WORDING:
        text = _WORDING[kind].format(found=_quote(value), **ctx)
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
        return _at(_describe(loc, data), message[:1].lower() + message[1:])
    # A problem with a key's value names the key: "question 'x', option 1: 'feedback' must not be empty".
    if loc and isinstance(loc[-1], str):
        return _at(_describe(loc[:-1], data), f"{_quote(loc[-1])} {text}")
    return _at(_describe(loc, data), text)


# libyaml's parser reads a file about six times faster than PyYAML's own. Its error messages
# differ, so a file it refuses is read again by the pure-Python loader for the usual message.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, loader_class: type) -> tuple[Any, dict[Loc, int], list]:
    """Compose and construct with one loader class: data, line map and duplicate keys."""
    check_depth(text, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        lines, dupes = _line_map(node) if node is not None else ({}, [])
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, lines, dupes


def _parse(text: str, display: str) -> tuple[Any, dict[Loc, int], list[Problem]]:
    """Compose and construct one YAML document: its data, line map and problems (syntax, duplicate keys)."""
    try:
        try:
            data, lines, dupes = _compose(text, _FAST_LOADER or _LineLoader)
        except yaml.YAMLError:
            if _FAST_LOADER is None:
                raise
            data, lines, dupes = _compose(text, _LineLoader)
    except TooDeep as exc:
        message = (f"the YAML nests more than {MAX_DEPTH} levels deep here (an exercise needs five): "
                   "check the brackets and the indentation")
        return None, {}, [Problem(display, exc.line, message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and what.startswith("but "):  # "expected a single document ..., but found another"
            what = f"{exc.context}, {what}"
        elif exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            what = f"{what} ({exc.context} that starts on line {exc.context_mark.line + 1})"
        line = mark.line if mark else 0
        context = exc.context_mark.line if exc.context_mark else None
        if hint := yaml_hint(text.splitlines(), line, context, exc.problem or ""):
            line, what = hint
        return None, {}, [Problem(display, line + 1, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        what = exc.reason if not isinstance(exc.character, int) else \
            f"character {char_name(chr(exc.character))} is not allowed"
        return None, {}, [Problem(display, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(display, 1, f"YAML syntax error: {str(exc).splitlines()[0]}")]
    problems = [Problem(display, line, f"duplicate key '{key}' (first on line {first})") for key, line, first in dupes]
    return data, lines, problems


def read_text(path: Path, display: str) -> tuple[str, Problem | None]:
    """Read a UTF-8 file; if it is not UTF-8, return it decoded leniently and a Problem saying where."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return "", Problem(display, 1, f"could not be read: {exc.strerror or exc}")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        return raw.decode("utf-8", errors="replace"), Problem(display, line, message)


def load_file(path: Path, display: str) -> tuple[Quiz | Worksheet | None, list[Problem], dict[Loc, int]]:
    """Load one exercise file; return the model (or None), its problems and its line map."""
    text, problem = read_text(path, display)
    if problem is not None:
        return None, [problem], {}
    data, lines, problems = _parse(text, display)
    if data is None:
        return None, problems or [Problem(display, 1, "the file is empty: it should hold one quiz or worksheet")], {}
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({_quote(data)})"
        message = f"an exercise file must be a mapping of keys (id, kind, title, ...), not {found}"
        return None, [Problem(display, lines.get((), 1), message)], {}
    try:
        model = _ADAPTER.validate_python(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _strip_tags(tuple(error["loc"]), data)
            target = loc
            if error["type"] == "value_error" and isinstance(item := error.get("ctx", {}).get("error"), ItemError):
                target = (*loc, *item.path)  # point at the item at fault (a repeat, a band), not its owner
            elif error["type"] == "union_tag_invalid":
                target = (*loc, error["ctx"]["discriminator"].strip("'"))  # the line of `type:` or `kind:`
            problems.append(Problem(display, _line_of(target, lines), _message(error, loc, data, lines)))
        return None, sorted(set(problems)), lines
    if problems:
        return None, problems, lines
    return model, [], lines


#: Names the loader reads, and names that look meant to be read (`quiz.yml.txt`, `quiz.YML`).
EXERCISE_SUFFIXES = (".yml", ".yaml")
_LOOKS_LIKE_EXERCISE = re.compile(r"\.ya?ml", re.IGNORECASE)


def _editor_file(name: str) -> bool:
    """Hidden files (`.#quiz.yml`, an editor's lock, is a broken link), `#autosave#` and `backup~` files."""
    return name.startswith((".", "#")) or name.endswith("~")


def exercise_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Return the exercise files under `folder`, and a problem for each file named like one that is not read.

    Editors' hidden, lock, autosave and backup files are skipped quietly, and so are folders
    named like files (`archive.yml/`); the files inside such a folder are still read.
    """
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    for path in sorted(folder.rglob("*")):
        if any(_editor_file(part) for part in path.relative_to(folder).parts) or path.is_dir():
            continue
        display = _display(path, root)
        if path.name.endswith(EXERCISE_SUFFIXES):
            if path.is_file():
                files.append(path)
            else:
                problems.append(Problem(display, 1, f"is a link to {_link_target(path)}, which does not exist"))
        elif match := _LOOKS_LIKE_EXERCISE.search(path.name):
            fixed = path.name[: match.start()] + match[0].lower()
            problems.append(Problem(display, 1, "ignored: only files whose names end in .yml or .yaml are read "
                                                f"(rename it to {fixed}, or move it out of "
                                                f"{_display(folder, root)}/)"))
    return files, problems


def _link_target(path: Path) -> str:
    """Where a symbolic link points, quoted."""
    try:
        return repr(str(path.readlink()))
    except OSError:
        return "a file"


def load_exercises(folder: Path, root: Path | None = None) -> ExerciseSet:
    """Load every `*.yml`/`*.yaml` file under `folder`; paths in messages are relative to `root`."""
    root = root or folder.parent
    result = ExerciseSet()
    result.paths, result.problems = exercise_files(folder, root)
    for path in result.paths:
        display = _display(path, root)
        model, problems, lines = load_file(path, display)
        result.problems.extend(problems)
        if model is None:
            continue
        if model.id in result.exercises:
            first = result.files[model.id]
            line = lines.get(("id",), 1)
            result.problems.append(Problem(display, line, f"duplicate exercise id '{model.id}' (also in {first})"))
            continue
        result.exercises[model.id] = model
        result.files[model.id] = display
        result.lines[model.id] = lines
    return result


def _display(path: Path, root: Path) -> str:
    """Show `path` relative to `root` where possible, with forward slashes and no control characters."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        try:
            shown = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
    return "".join(f"\\x{ord(char):02x}" if is_control(char) else char for char in shown)
