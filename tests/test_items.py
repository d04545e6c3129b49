"""The item-writing report (hn.items): planted cues fail at their path:line, good items pass.

Each test writes a small course into a temporary folder: two lessons, their quizzes, and the
markers that place them. The well-written course passes; each planted fault makes it fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hn import items
from hn.exercises.load import load_exercises
from hn.exercises.model import Quiz

LESSON_ALPHA = """---
title: Alpha
---

# Alpha

## Meeting people {#meeting}

Say hello, then listen.

## Follow up in order {#follow-up}

1. Thank them the same day.
2. Send what you promised.

3. Suggest a next chat, with a date.
   A short line is enough.
4. Note what you talked about.

## No list here {#no-list}

Follow up when it feels right: there is no fixed order.

<!-- quiz: alpha-quiz -->
"""

LESSON_BETA = """---
title: Beta
---

# Beta

## Giving {#giving}

Offer help before you ask for it.

## Review {#review}

<!-- quiz: beta-quiz -->

<!-- quiz: course-check -->
"""


def choice(qid: str, prompt: str, options: list[tuple[str, bool]], section: str, kind: str = "single") -> str:
    """Return a choice question as YAML, one option per (text, correct) pair."""
    lines = [f"  - id: {qid}", f"    type: {kind}", f"    prompt: {prompt}", "    options:"]
    for text, correct in options:
        lines.append(f"      - text: {text}")
        if correct:
            lines.append("        correct: true")
        lines.append("        feedback: Here is why.")
    lines += ["    explanation: Because the lesson says so.", f"    section: {section}"]
    return "\n".join(lines)


def true_false(qid: str, prompt: str, answer: bool, section: str) -> str:
    """Return a true/false question as YAML."""
    return "\n".join([f"  - id: {qid}", "    type: true-false", f"    prompt: {prompt}",
                      f"    answer: {'true' if answer else 'false'}", "    feedback_true: Why true.",
                      "    feedback_false: Why false.", "    explanation: Because.", f"    section: {section}"])


def ordering(qid: str, prompt: str, steps: list[str], section: str) -> str:
    """Return an ordering question as YAML."""
    lines = [f"  - id: {qid}", "    type: ordering", f"    prompt: {prompt}", "    items:"]
    for step in steps:
        lines += [f"      - text: {step}", "        feedback: Why here."]
    lines += ["    explanation: Because.", f"    section: {section}"]
    return "\n".join(lines)


def quiz(qid: str, *questions: str) -> str:
    """Return a quiz file's text."""
    return "\n".join([f"id: {qid}", "kind: quiz", f"title: {qid}", "questions:", *questions]) + "\n"


A = "lessons/alpha.md"
B = "lessons/beta.md"
GOOD = {
    "alpha-quiz": quiz(
        "alpha-quiz",
        choice("first-step", "What should you do first when you meet someone new at a meetup?",
               [("Say hello and listen.", True), ("Hand over a business card.", False),
                ("Talk about your new job.", False)], f"{A}#meeting"),
        choice("why-listen", "Why does listening come before talking about yourself?",
               [("You learn how to help.", True), ("It keeps the talk short.", False),
                ("It makes you look clever.", False)], f"{A}#meeting"),
        true_false("thank-same-day", "Thanking someone the same day is the first step of following up.", True,
                   f"{A}#follow-up"),
        true_false("order-fixed", "The lesson says follow-up steps can happen in any order.", False,
                   f"{A}#follow-up"),
        ordering("follow-up-steps", "Put the follow-up steps in order.",
                 ["Thank them.", "Send what you promised.", "Suggest a next chat.", "Note the talk."],
                 f"{A}#follow-up"),
    ),
    "beta-quiz": quiz(
        "beta-quiz",
        choice("give-first", "A colleague shares a useful script in chat. What is a good way to respond?",
               [("Ask them to review your code.", False), ("Thank them, share a tip.", True),
                ("Ignore it until you need help.", False)], f"{B}#giving"),
        choice("giving-kinds", "Which of these count as giving? Choose all that apply.",
               [("Sharing a link they asked about.", True), ("Making an introduction.", True),
                ("Asking for a referral.", False)], f"{B}#giving", kind="multiple"),
        true_false("ask-first", "Asking for a favour is the best way to start a new working relationship.", False,
                   f"{B}#giving"),
    ),
    "course-check": quiz(
        "course-check",
        choice("review-offer", "You have just met a database engineer at lunch. What helps the tie grow?",
               [("Send the article you mentioned.", True), ("Wait a year before you write to them.", False),
                ("Add them to a mailing list.", False)], f"{A}#meeting"),
        true_false("review-offer-help", "Offering help early builds trust with a new contact.", True, f"{B}#giving"),
    ),
}


def write_course(root: Path, quizzes: dict[str, str], folder: str = "exercises") -> Path:
    """Write the lessons and the quiz files into `root`; return it."""
    (root / "docs" / "lessons").mkdir(parents=True)
    (root / "docs" / "lessons" / "alpha.md").write_text(LESSON_ALPHA, encoding="utf-8")
    (root / "docs" / "lessons" / "beta.md").write_text(LESSON_BETA, encoding="utf-8")
    for name, text in quizzes.items():
        path = root / folder / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line of the first line holding `needle`."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def run(root: Path, capsys) -> tuple[int, str]:
    """Run the report's command line on `root`; return the exit code and what it printed."""
    code = items.main(["--root", str(root)])
    out = capsys.readouterr()
    return code, out.out + out.err


def failures(root: Path) -> list[str]:
    """Return the report's failures as printed, `path:line: message`."""
    return [str(f) for f in items.ItemReport(root).failures]


def test_a_well_written_course_passes(tmp_path, capsys):
    code, output = run(write_course(tmp_path, GOOD), capsys)
    assert code == items.EXIT_OK, output
    assert "no problems" in output
    assert "key longest: 0 of 4 single-answer questions (0%" in output


def test_a_key_longer_than_the_wrong_options_fails_at_the_key(tmp_path):
    bad = dict(GOOD)
    bad["alpha-quiz"] = GOOD["alpha-quiz"].replace(
        "Say hello and listen.", "Say hello, ask what they are working on, and listen to the answer with care.")
    root = write_course(tmp_path, bad)
    line = line_of(bad["alpha-quiz"], "Say hello, ask")
    found = failures(root)
    assert f"exercises/alpha-quiz.yml:{line}: question 'first-step': the key is 3.04 times as long as the wrong " \
           "options (76 characters against 25; at most 1.5 times)" in found


def test_keys_that_are_mostly_the_longest_option_fail_the_course_and_are_each_flagged(tmp_path, capsys):
    bad = dict(GOOD)
    # Each key a few characters longer than the wrong options: under the length ratio, over the share.
    bad["alpha-quiz"] = GOOD["alpha-quiz"].replace("Say hello and listen.", "Say hello, then listen with care.")
    bad["alpha-quiz"] = bad["alpha-quiz"].replace("You learn how to help.", "You learn how you could help them.")
    bad["beta-quiz"] = GOOD["beta-quiz"].replace("Thank them, share a tip.", "Thank them and share a tip back.")
    root = write_course(tmp_path, bad)
    code, output = run(root, capsys)
    assert code == items.EXIT_PROBLEMS
    assert "exercises/: the key is the longest option in 3 of 4 single-answer questions (75%); at most 40% allowed" \
        in output
    for name, needle in [("alpha-quiz", "listen with care"), ("alpha-quiz", "help them"), ("beta-quiz", "tip back")]:
        assert f"exercises/{name}.yml:{line_of(bad[name], needle)}: warning: question" in output
    assert [f.rule for f in items.ItemReport(root).failures] == ["key-share"]


def test_a_quiz_of_false_statements_fails_at_its_first_one(tmp_path):
    bad = dict(GOOD)
    bad["beta-quiz"] = quiz(
        "beta-quiz",
        true_false("ask-first", "Asking for a favour is the best first message.", False, f"{B}#giving"),
        true_false("give-later", "Giving can wait until you have a senior job.", False, f"{B}#giving"),
        true_false("help-costs", "Helping a contact is a cost with no return.", False, f"{B}#giving"),
    )
    found = failures(write_course(tmp_path, bad))
    line = line_of(bad["beta-quiz"], "id: ask-first")
    assert f"exercises/beta-quiz.yml:{line}: all 3 true/false questions of quiz 'beta-quiz' are false: from 3, " \
           "mix true and false statements" in found
    # Course-wide, 2 of 6 statements are now true: 33%, under the 40% floor.
    assert "exercises/: 2 of 6 true/false statements are true (33%); keep 40% to 60% true" in found


def test_a_determiner_only_in_wrong_options_fails_at_that_option(tmp_path):
    bad = dict(GOOD)
    bad["beta-quiz"] = GOOD["beta-quiz"].replace("Ignore it until you need help.", "Never reply to it at all.")
    found = failures(write_course(tmp_path, bad))
    line = line_of(bad["beta-quiz"], "Never reply")
    assert f'exercises/beta-quiz.yml:{line}: question \'give-first\': "all", "never" only in wrong options; an ' \
           "absolute word marks an option as wrong to a learner who has not read the lesson" in found


def test_a_determiner_in_the_key_too_is_no_cue(tmp_path, capsys):
    fine = dict(GOOD)
    fine["beta-quiz"] = GOOD["beta-quiz"].replace("Ignore it until you need help.", "Never reply to it.").replace(
        "Thank them, share a tip.", "Never leave it without thanks.")
    assert run(write_course(tmp_path, fine), capsys)[0] == items.EXIT_OK


def test_a_near_duplicate_prompt_in_another_quiz_fails_at_the_later_one(tmp_path):
    bad = dict(GOOD)
    bad["beta-quiz"] = GOOD["beta-quiz"].replace(
        "A colleague shares a useful script in chat. What is a good way to respond?",
        "What should you do first when you meet someone new at a conference?")
    found = failures(write_course(tmp_path, bad))
    alpha, beta = line_of(GOOD["alpha-quiz"], "id: first-step"), line_of(bad["beta-quiz"], "id: give-first")
    assert f"exercises/beta-quiz.yml:{beta}: question 'give-first' repeats question 'first-step' at " \
           f"exercises/alpha-quiz.yml:{alpha} (similarity 0.92; the limit is 0.8)" in found


def test_the_course_check_may_not_restate_a_lesson_question(tmp_path):
    bad = dict(GOOD)
    bad["course-check"] = GOOD["course-check"].replace(
        "You have just met a database engineer at lunch. What helps the tie grow?",
        "When you meet someone new at a meetup, what should you do first?")
    found = failures(write_course(tmp_path, bad))
    check, alpha = line_of(bad["course-check"], "id: review-offer"), line_of(GOOD["alpha-quiz"], "id: first-step")
    # 0.62 passes between two lesson quizzes; the course check must keep further away.
    assert f"exercises/course-check.yml:{check}: question 'review-offer' restates question 'first-step' at " \
           f"exercises/alpha-quiz.yml:{alpha} (similarity 0.62; a review question must stay under 0.6)" in found


RESTATED = "Sharing a link they asked about and making an introduction both count as giving."


def test_the_course_check_may_not_test_what_a_lesson_question_on_its_section_tests(tmp_path):
    # A different stem, but the answer is the lesson question's options: 8 of its 9 words.
    bad = dict(GOOD)
    bad["course-check"] = GOOD["course-check"].replace("Offering help early builds trust with a new contact.", RESTATED)
    found = failures(write_course(tmp_path, bad))
    check, beta = line_of(bad["course-check"], "id: review-offer-help"), line_of(GOOD["beta-quiz"], "id: giving-kinds")
    assert f"exercises/course-check.yml:{check}: question 'review-offer-help' tests what question 'giving-kinds' at " \
           f"exercises/beta-quiz.yml:{beta} already tests: 89% of the words of its answer are in that question, on " \
           "the same section (a review question must stay under 80%): ask about another part of the lesson" in found


def test_the_same_answer_on_another_section_is_not_a_restatement(tmp_path):
    moved = dict(GOOD)
    moved["course-check"] = GOOD["course-check"].replace(
        "Offering help early builds trust with a new contact.", RESTATED).replace(
        f"section: {B}#giving", f"section: {A}#meeting")
    assert failures(write_course(tmp_path, moved)) == []


def last_section_line(text: str) -> int:
    """Return the line of a quiz's last `section:` key (the ordering question's, in these fixtures)."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().startswith("section:")][-1]


def test_an_ordering_question_whose_section_has_no_numbered_list_fails_at_its_section(tmp_path):
    head, _, tail = GOOD["alpha-quiz"].rpartition("#follow-up")
    bad = {**GOOD, "alpha-quiz": head + "#no-list" + tail}
    found = failures(write_course(tmp_path, bad))
    line = last_section_line(bad["alpha-quiz"])
    assert f"exercises/alpha-quiz.yml:{line}: question 'follow-up-steps': section 'lessons/alpha.md#no-list' has " \
           "no numbered list; an ordering question needs a section that teaches its 4 steps in order" in found


def test_an_ordering_question_with_more_steps_than_its_list_fails(tmp_path):
    step = "      - text: Note the talk.\n        feedback: Why here.\n"
    bad = {**GOOD, "alpha-quiz": GOOD["alpha-quiz"].replace(step, step + step.replace("Note the talk", "Meet again"))}
    found = failures(write_course(tmp_path, bad))
    line = last_section_line(bad["alpha-quiz"])
    assert f"exercises/alpha-quiz.yml:{line}: question 'follow-up-steps': the longest numbered list in section " \
           "'lessons/alpha.md#follow-up' has 4 steps; the question has 5" in found


def test_team_exercises_are_checked_and_demos_are_not(tmp_path):
    course = dict(GOOD)
    demo = quiz("demo-quiz", choice("q", "Pick one.", [("Right, and by far the longest option here.", True),
                                                     ("No.", False)], f"{A}#meeting"))
    team = quiz("team-quiz", choice("team-q", "Who runs the newcomers channel at your company?",
                                    [("The people team, who answer every question within a day.", True),
                                     ("Nobody.", False), ("A bot.", False)], f"{B}#giving"))
    root = write_course(tmp_path, {**course, "demo-quiz": demo})
    (root / "exercises" / "team").mkdir()
    (root / "exercises" / "team" / "team-quiz.yml").write_text(team, encoding="utf-8")
    report = items.ItemReport(root)
    assert "demo-quiz" not in {r.quiz.id for r in report.quizzes}
    line = line_of(team, "The people team")
    assert any(str(f).startswith(f"exercises/team/team-quiz.yml:{line}: question 'team-q': the key is")
               for f in report.failures)


def test_a_file_that_does_not_load_fails_the_report(tmp_path, capsys):
    root = write_course(tmp_path, {**GOOD, "broken": "id: broken\nkind: quiz\ntitle: [\n"})
    code, output = run(root, capsys)
    assert code == items.EXIT_PROBLEMS
    assert "exercises/broken.yml:4: cannot check: YAML syntax error" in output


@pytest.mark.parametrize(("markdown", "expected"), [
    ("1. a\n2. b\n3. c\n", 3),
    ("1. a\n\n2. b\n\n3. c\n", 3),  # a loose list
    ("1. a\n   more of a\n2. b\n", 2),  # an indented continuation line
    ("1. a\n2. b\n\nA paragraph.\n\n1. c\n", 2),  # a paragraph ends the list
    ("1. a\n    1. a.1\n    2. a.2\n    3. a.3\n2. b\n", 3),  # a nested list counts on its own
    ("- a\n- b\n- c\n", 0),  # bullets are not steps
    ("Text with 1. in it.\n", 0),
])
def test_numbered_lists_are_counted_as_markdown_reads_them(markdown, expected):
    lines = list(enumerate(markdown.splitlines(), start=1))
    assert items.longest_numbered_list(lines) == expected


def test_every_quiz_of_the_course_is_covered_except_the_demos():
    report = items.ItemReport(ROOT)
    quizzes = {e.id for e in load_exercises(ROOT / "exercises").exercises.values() if isinstance(e, Quiz)}
    assert {r.quiz.id for r in report.quizzes} == {q for q in quizzes if not q.startswith("demo-")}
    assert [f for f in report.findings if f.rule == "load"] == []
    assert "final-check" in report.review  # found from its marker, as the manifest finds it


def test_the_command_line_prints_a_table_and_exits_with_the_result(tmp_path):
    root = write_course(tmp_path, GOOD)
    proc = subprocess.run([sys.executable, "-m", "hn.items", "--root", str(root)], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header, *rows = proc.stdout.splitlines()[:4]
    assert header.split() == list(items.COLUMNS)
    assert [row.split()[0] for row in rows] == ["alpha-quiz", "beta-quiz", "course-check"]
    usage = subprocess.run([sys.executable, "-m", "hn.items", "--root", str(tmp_path / "nowhere")],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == items.EXIT_USAGE
