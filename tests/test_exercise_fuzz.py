"""Property tests: whatever an author (or a bad merge) puts in an exercise file, the loader reports, never raises.

Inputs start from the course's real exercise files and are broken in many ways: keys deleted,
values swapped or given the wrong type, text truncated, YAML fragments and random unicode
injected, or the bytes replaced outright. Every run is derandomized and database-free, so CI
sees the same examples every time.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from hn.exercises.check import find_markers, page_anchors
from hn.exercises.load import MAX_DEPTH, Problem, load_file
from hn.exercises.model import Quiz, Worksheet

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# The smallest real files of each kind keep every example fast; the demo files cover every kind.
REAL_FILES = sorted((ROOT / "exercises").glob("*.yml"), key=lambda path: path.stat().st_size)
SOURCES = {path.name: path.read_text(encoding="utf-8") for path in REAL_FILES}
SAMPLE = sorted({*[p.name for p in REAL_FILES[:4]], *[p.name for p in REAL_FILES if p.stem.startswith("demo-")]})
PARSED = {name: yaml.safe_load(SOURCES[name]) for name in SAMPLE}

YAML_FRAGMENTS = [
    ": ", "- ", "-", "? ", "&a ", "*a", "*a\n", "&a [*a]", "<<: *a\n", "!!python/object:os.system ", "!!binary ",
    "!custom ", "!!set {a, b}", "!!omap [a: 1]", "---\n", "...\n", "%YAML 1.1\n", "{", "}", "[", "]", "'", '"',
    "|\n", ">-\n", "\t", "#", "~", "null", "yes", "no", "0x1F", "1e999", ".nan", "-.inf", "2024-01-01", "12:30:00",
    "\x00", "\x85", "\ufeff", "\u2028", "\U0001f600", "é", "\r\n", "\n  ", "\n- ", "id: ", "type: ", "kind: ",
    "questions:\n  - ", "correct: true\n", "section: a.md#b\n",
]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                    st.sampled_from(["", " ", "quiz", "worksheet", "single", "rating", "x.md#y", "a-b"]))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.one_of(st.text(max_size=6), st.integers()),
                                                                  inner, max_size=3),
    max_leaves=6,
)
fragments = st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(max_size=8))


def locations(node, prefix: tuple = ()):
    """Yield the path to every value inside parsed YAML data."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield (*prefix, key)
        yield from locations(child, (*prefix, key))


def parent_of(data, path: tuple):
    """Return the container holding the value at `path`."""
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_data(draw) -> str:
    """Draw a real exercise with keys deleted, values replaced or swapped, dumped back to YAML."""
    data = copy.deepcopy(PARSED[draw(st.sampled_from(SAMPLE))])
    for _ in range(draw(st.integers(1, 4))):
        paths = list(locations(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        container, key = parent_of(data, path), path[-1]
        action = draw(st.sampled_from(["delete", "replace", "swap", "stringify"]))
        if action == "delete":
            del container[key]
        elif action == "replace":
            container[key] = draw(values)
        elif action == "stringify":
            container[key] = str(container[key])
        else:
            other = draw(st.sampled_from(paths))
            if other[: len(path)] != path and path[: len(other)] != other:  # neither holds the other
                other_container = parent_of(data, other)
                container[key], other_container[other[-1]] = other_container[other[-1]], container[key]
    flow = draw(st.sampled_from([False, None]))
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, default_flow_style=flow)


@st.composite
def mutated_text(draw) -> str:
    """Draw a real exercise file's text, truncated, with fragments injected or lines dropped."""
    text = SOURCES[draw(st.sampled_from(SAMPLE))]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["truncate", "inject", "inject", "cut", "drop-line"]))
        if action == "truncate":
            text = text[: max(at, len(text) // 4)]  # mostly past the opening comments
        elif action == "inject":
            text = text[:at] + draw(fragments) + text[at:]
        elif action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                del lines[draw(st.integers(0, len(lines) - 1))]
            text = "".join(lines)
    return text


@st.composite
def mutated_bytes(draw) -> bytes:
    """Draw a real exercise file's bytes with some overwritten by random ones."""
    raw = bytearray(SOURCES[draw(st.sampled_from(SAMPLE))].encode("utf-8"))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at: at + 1] = draw(st.binary(min_size=1, max_size=4))
    return bytes(raw)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """One file, rewritten for every example."""
    return tmp_path_factory.mktemp("fuzz") / "exercise.yml"


def assert_reports_cleanly(path: Path, content: bytes | str) -> None:
    """Load `content` and check the result has the promised shape."""
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    model, problems, lines = load_file(path, "exercises/exercise.yml")
    if model is not None:
        assert isinstance(model, Quiz | Worksheet)
        assert problems == []
        assert isinstance(lines, dict)
    else:
        assert problems, "a file that does not load must say why"
    raw = path.read_bytes()  # YAML also breaks lines at U+0085, U+2028 and U+2029: count those too
    lines = max(raw.count(b"\n"), len(raw.decode("utf-8", errors="replace").splitlines())) + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == "exercises/exercise.yml"
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines
        assert problem.message and len(str(problem).splitlines()) == 1


def test_the_sample_files_load():
    assert SAMPLE
    for name in SAMPLE:
        model, problems, _ = load_file(ROOT / "exercises" / name, name)
        assert model is not None and problems == []


@FUZZ
@given(text=mutated_data())
def test_mutated_data_is_reported_not_raised(scratch: Path, text: str):
    assert_reports_cleanly(scratch, text)


@FUZZ
@given(text=mutated_text())
def test_mutated_text_is_reported_not_raised(scratch: Path, text: str):
    assert_reports_cleanly(scratch, text)


@FUZZ
@given(raw=st.one_of(mutated_bytes(), st.binary(max_size=200)))
def test_random_bytes_are_reported_not_raised(scratch: Path, raw: bytes):
    assert_reports_cleanly(scratch, raw)


# Inputs that once crashed or misreported, kept as fixed examples.
NASTY = [
    "id: a\nkind: quiz\nquestions: &q [*q]\n",  # a list that contains itself
    "a: &x [*x]\nid: q\n",
    "id: a\nkind: quiz\ntitle: t\nquestions: [&m {type: single, x: *m}]\n",  # a mapping that contains itself
    "a: &a [x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d]\n",  # a billion laughs, in small
    "base: &b {text: x, feedback: y}\noptions: [{<<: *b, text: z}]\n",  # merge keys
    "id: a\x00\n", "\x85id: a", "id: a\n\u2028kind: quiz\n",  # characters YAML refuses
    "id: a\n---\nid: b\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "1: x\nid: a\n", "~: x\n", "'a\nb': 1\n",
    "id: a\nkind: [quiz]\n", "kind: quiz\nquestions: [[], 1, x, {type: [single]}]\n", "!!set {a, b}\n",
    "id: !!binary aGVsbG8=\n", "id: 2024-01-01\n", "pass_mark: .nan\nkind: quiz\n", "pass_mark: 1e999\nkind: quiz\n",
]


@pytest.mark.parametrize("text", NASTY)
def test_known_nasty_inputs_are_reported_not_raised(scratch: Path, text: str):
    assert_reports_cleanly(scratch, text)


@FUZZ
@given(text=st.one_of(st.text(max_size=200), st.lists(fragments, max_size=30).map("".join)))
def test_random_text_is_reported_not_raised(scratch: Path, text: str):
    assert_reports_cleanly(scratch, text)


@FUZZ
@given(text=st.lists(st.one_of(st.sampled_from(["```", "~~~", "````", "# ", "## A {#b}", "{: #c }",
                                                "<!-- quiz: q -->", "\n", " "]), st.text(max_size=6)),
                     max_size=30).map("".join))
def test_page_scanning_never_raises(text: str):
    for marker in find_markers(text, "page.md"):
        assert 1 <= marker.line <= text.count("\n") + 1
    assert all(isinstance(anchor, str) for anchor in page_anchors(text))


# --- Arbitrary structures and any Unicode ------------------------------------------------

#: Any character at all: controls, lone surrogates, invisible and right-to-left ones included.
any_text = st.text(st.characters(codec=None), max_size=12)
any_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text)
any_structure = st.recursive(any_scalar, lambda inner: st.lists(inner, max_size=4)
                             | st.dictionaries(st.one_of(any_text, st.integers()), inner, max_size=4), max_leaves=25)


def nested(value, depth: int, kind: str):
    """Wrap `value` in `depth` lists or mappings."""
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


@FUZZ
@given(data=any_structure, depth=st.integers(0, MAX_DEPTH + 8), kind=st.sampled_from(["list", "map"]),
       flow=st.sampled_from([False, True, None]), unicode=st.booleans())
def test_any_structure_of_any_depth_is_reported_not_raised(scratch: Path, data, depth: int, kind: str, flow, unicode):
    document = nested(data, depth, kind)
    text = yaml.safe_dump(document, allow_unicode=unicode, default_flow_style=flow)
    assert_reports_cleanly(scratch, text)
    _, problems, _ = load_file(scratch, "exercises/exercise.yml")
    too_deep = [problem for problem in problems if "levels deep" in problem.message]
    assert bool(too_deep) == (depth + _depth(data) > MAX_DEPTH)


def _depth(value) -> int:
    """How many lists and mappings deep a value nests."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@st.composite
def real_file_with_any_text(draw) -> str:
    """Draw a real exercise whose text fields hold any characters at all, control characters included."""
    data = copy.deepcopy(PARSED[draw(st.sampled_from(SAMPLE))])
    texts = [path for path in locations(data) if isinstance(parent_of(data, path)[path[-1]], str)]
    for path in draw(st.lists(st.sampled_from(texts), min_size=1, max_size=4)) if texts else []:
        parent_of(data, path)[path[-1]] = draw(any_text)
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)


@FUZZ
@given(text=real_file_with_any_text())
def test_any_unicode_in_text_fields_is_reported_not_raised(scratch: Path, text: str):
    assert_reports_cleanly(scratch, text)
