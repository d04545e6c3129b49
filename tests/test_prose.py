"""The prose report: Flesch scores, syllables, word counts, what counts as prose, and the CLI."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hn import prose
from hn.pages import read_page, split_front_matter
from hn.readability import flesch, flesch_reading_ease, guess_syllables, measure, sentences, syllables, words

FIXTURES = ROOT / "tests" / "fixtures" / "prose"


# --- Flesch reading ease ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The textbook examples (as in the Flesch-Kincaid literature and its Wikipedia article).
        ("The cat sat on the mat.", 116.1),  # 6 words, 6 syllables: easier than any real text
        ("This sentence, taken as a reading passage unto itself, is being used to prove a point.", 69.0),
        ("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.", 37.5),
    ],
    ids=["cat-on-mat", "prove-a-point", "platypus"],
)
def test_flesch_matches_textbook_scores(text, expected):
    assert flesch(text) == pytest.approx(expected, abs=2.0)


def test_flesch_formula_uses_the_published_weights():
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert flesch_reading_ease(0, 0, 0) == 0.0


def test_plain_english_scores_higher_than_academic_prose():
    plain = "Ask one person how their week is going. Then listen. Ask one more question."
    academic = (
        "Organisational socialisation processes substantially influence individuals' "
        "professional relationship development, particularly regarding institutional reciprocity."
    )
    assert flesch(plain) > 80 > 60 > flesch(academic)


# --- syllables, words and sentences ----------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1), ("networking", 3), ("reciprocity", 5), ("creature", 2), ("everyday", 3),
        ("don't", 1), ("follow-up", 3), ("DBA", 3), ("SREs", 3), ("2015", 4), ("7", 1),
    ],
)  # fmt: skip
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize(("word", "count"), [("frobnicate", 3), ("blorp", 1), ("zoomable", 3), ("yak", 1)])
def test_unknown_words_fall_back_to_the_vowel_group_rule(word, count):
    assert guess_syllables(word) == count
    assert syllables(word) >= 1


def test_words_keep_contractions_and_hyphens_together():
    assert words("Don't skip the follow-up; the 7-38-55 rule is a myth!") == [
        "Don't", "skip", "the", "follow-up", "the", "7-38-55", "rule", "is", "a", "myth",
    ]  # fmt: skip


def test_sentences_ignore_abbreviations_and_keep_the_tail():
    text = 'Burks et al. found it. Ask, e.g. a DBA. "Really?" she asked. Dr. Lee agreed. A tail'
    assert sentences(text) == [
        "Burks et al. found it.", "Ask, e.g. a DBA.", '"Really?"', "she asked.", "Dr. Lee agreed.", "A tail",
    ]  # fmt: skip


def test_each_block_ends_a_sentence():
    result = measure(["Key points", "Ask one question."])
    assert (result.words, result.sentences) == (5, 2)


# --- what counts as prose ----------------------------------------------------------------


def sample_blocks():
    page = read_page(FIXTURES / "sample-lesson.md", FIXTURES)
    return page, prose.prose_blocks(page.body, page.body_line)


def test_prose_keeps_what_a_reader_reads_and_drops_the_syntax():
    _, blocks = sample_blocks()
    assert [b.text for b in blocks] == [
        "A sample lesson",
        "What you will learn",
        "count the words;",
        "skip the syntax.",
        "Read the guide and cite it (Granovetter, 1973).",
        "Run first.",
        "Term", "Meaning", "weak tie", "an acquaintance",
        "A quoted line.",
    ]  # fmt: skip


def test_word_count_of_the_fixture():
    _, blocks = sample_blocks()
    counted = measure(b.text for b in blocks)
    assert (counted.words, counted.sentences) == (32, 11)


def test_blocks_carry_their_line_in_the_file():
    _, blocks = sample_blocks()
    lines = {b.text: b.line for b in blocks}
    assert lines["A sample lesson"] == 6
    assert lines["Read the guide and cite it (Granovetter, 1973)."] == 13
    assert lines["A quoted line."] == 29


def test_front_matter_is_split_with_key_lines():
    meta, key_lines, body, body_line = split_front_matter("---\ntitle: T\nminutes: 9\n---\n\n# T\n")
    assert meta == {"title": "T", "minutes": 9}
    assert key_lines == {"title": 2, "minutes": 3}
    assert body_line == 5
    assert body.splitlines()[6 - body_line] == "# T"


@pytest.mark.parametrize(
    "front",
    ["title: [unclosed\n", "meta: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n", "- a list\n"],
    ids=["broken-yaml", "nested-100000-deep", "not-a-mapping"],
)
def test_front_matter_mkdocs_cannot_read_counts_as_none(front):
    # As MkDocs ignores it; the exercise check reports the deep case with its line. In a
    # subprocess, so a crash in libyaml's recursive composer fails the test instead of pytest.
    code = ("import sys; from hn.pages import split_front_matter; "
            "meta, lines, body, first = split_front_matter(sys.stdin.read()); print(meta, repr(body), first)")
    proc = subprocess.run([sys.executable, "-c", code], input="---\n" + front + "---\n# Body\n", text=True,
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
                          check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == "{} '# Body\\n' 4\n"


# --- the lesson rules ----------------------------------------------------------------------

SIMPLE = "You can learn to meet new people at work. "  # 9 words, 1 sentence, easy


def lesson_text(words_wanted: int, minutes: int | None, markers: int = 2, sentence: str = SIMPLE) -> str:
    """Return a lesson with about `words_wanted` words of prose and `markers` exercise markers."""
    meta = f"---\ntitle: A lesson\nminutes: {minutes}\n---\n" if minutes is not None else "---\ntitle: A lesson\n---\n"
    count = len(sentence.split())
    body = sentence * max(1, (words_wanted - 2) // count)
    marks = "\n\n".join(f"<!-- quiz: q{i} -->" for i in range(markers))
    return f"{meta}\n# A lesson\n\n{body}\n\n{marks}\n"


def check(tmp_path: Path, text: str) -> prose.LessonReport:
    path = tmp_path / "docs" / "lessons" / "a-lesson.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return prose.check_lesson(1, read_page(path, tmp_path / "docs"), "docs/lessons/a-lesson.md")


def test_a_plain_lesson_of_the_right_length_passes(tmp_path):
    report = check(tmp_path, lesson_text(1500, minutes=18))
    assert report.prose.words == pytest.approx(1500, abs=10)
    assert report.expected_minutes == math.ceil(report.prose.words / 200) + 10
    assert report.problems == []


@pytest.mark.parametrize(("offset", "ok"), [(-5, True), (5, True), (-6, False), (6, False)])
def test_minutes_may_differ_by_the_margin_only(tmp_path, offset, ok):
    report = check(tmp_path, lesson_text(1500, minutes=18 + offset))
    assert report.minutes_ok is ok
    assert any("minutes:" in p.message for p in report.problems) is not ok


def test_missing_minutes_is_reported_at_the_front_matter(tmp_path):
    report = check(tmp_path, lesson_text(1500, minutes=None))
    assert [str(p) for p in report.problems] == [
        "docs/lessons/a-lesson.md:1: front matter needs `minutes:` as a whole number (expected 18)"
    ]


@pytest.mark.parametrize(("wanted", "shown"), [(600, "596"), (3000, "2,999")])
def test_word_count_outside_the_range_fails(tmp_path, wanted, shown):
    report = check(tmp_path, lesson_text(wanted, minutes=math.ceil(wanted / 200) + 10))
    assert [str(p) for p in report.problems] == [
        f"docs/lessons/a-lesson.md:6: {shown} words of prose; a lesson needs 1,200 to 2,500"
    ]


def test_hard_prose_fails_the_readability_floor(tmp_path):
    hard = (
        "Organisational socialisation processes substantially influence individuals' professional "
        "relationship development, particularly regarding institutional reciprocity expectations. "
    )
    report = check(tmp_path, lesson_text(1500, minutes=18, sentence=hard))
    assert report.prose.flesch < prose.FLESCH_FLOOR
    assert [p.line for p in report.problems] == [6]
    assert "Flesch reading ease" in report.problems[0].message


# --- the command line ----------------------------------------------------------------------


def make_project(root: Path, lessons: dict[str, str]) -> Path:
    """Write a tiny project: mkdocs.yml whose nav lists `lessons`, and the lesson files."""
    nav = "\n".join(f"      - {slug}: lessons/{slug}.md" for slug in lessons)
    (root / "mkdocs.yml").write_text(
        f"site_name: t\nsite_url: !ENV [SITE_URL, 'https://x.test/']\nnav:\n  - Home: index.md\n  - Lessons:\n{nav}\n",
        encoding="utf-8",
    )
    (root / "docs" / "lessons").mkdir(parents=True)
    for slug, text in lessons.items():
        (root / "docs" / "lessons" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def test_cli_prints_the_table_in_nav_order_and_exits_0(tmp_path, capsys):
    root = make_project(tmp_path, {"second": lesson_text(1500, 18), "first": lesson_text(1300, 17)})
    assert prose.main(["--root", str(root)]) == prose.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == list(prose.COLUMNS)
    assert [line.split()[1] for line in out[1:]] == ["second", "first"]
    assert all(line.split()[-1] == "pass" for line in out[1:])


def test_cli_reports_every_problem_as_path_line_message_and_exits_1(tmp_path, capsys):
    root = make_project(tmp_path, {"short": lesson_text(300, 40), "good": lesson_text(1500, 18)})
    (root / "docs" / "lessons" / "stray.md").write_text(lesson_text(1500, 18), encoding="utf-8")
    assert prose.main(["--root", str(root)]) == prose.EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "docs/lessons/short.md:6: 299 words of prose; a lesson needs 1,200 to 2,500" in out
    assert "docs/lessons/short.md:3: minutes: 40 is more than 5 away from 12 (2 reading + 10 exercises)" in out
    assert "docs/lessons/stray.md:1: lesson is not in the nav of mkdocs.yml" in out
    assert "good" in out and "FAIL" in out


def test_cli_without_a_project_is_a_usage_error(tmp_path, capsys):
    assert prose.main(["--root", str(tmp_path)]) == prose.EXIT_USAGE
    assert "no mkdocs.yml" in capsys.readouterr().err
