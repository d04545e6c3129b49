"""Every statistic cited: the claims check over lessons and the references check, in the prose report."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from hn import claims, evidence, prose
from hn.markdown_text import units
from hn.pages import read_page
from test_prose import lesson_text, make_project

LESSON = "docs/lessons/a-lesson.md"
CITE = "([Marin, 2012](../references.md#marin-2012))"


def uncited(markdown: str, path: str = LESSON) -> list[str]:
    """Return the claims check's problems for a page body that starts on line 1."""
    return [str(p) for p in claims.uncited_claims(textwrap.dedent(markdown).lstrip("\n"), 1, path)]


# --- what counts as a claim ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("People passed the news on only 27% of the time.", "a percentage"),
        ("Referrals made up 30 per cent of hires.", "a percentage"),
        ("About half of people find work through someone they know.", "a fraction"),
        ("Half of all hires came through referrals.", "a fraction"),
        ("The majority of managers agreed.", "a fraction"),
        ("One in four engineers found their job this way.", "a ratio"),
        ("Referred people were 3 times more likely to be hired.", "a multiple"),
        ("A referral doubles your chances.", "a multiple"),
        ("People keep up about 150 stable relationships.", "a count"),
        ("In a field trial, 491 job seekers took a course.", "a count"),
        ("The site changed suggestions for more than 20 million users.", "a count"),
        ("The review pooled 138 studies.", "a count"),
        ("All 100% of them said yes.", "a percentage"),
        ("Women were twice as likely to be referred.", "a multiple"),
        ("According to one survey, referrals are common.", "research"),
        ("A study found that referred hires stay longer.", "research"),
        ("Research shows that small talk lifts your mood.", "research"),
        ("Studies suggest that weak ties spread news.", "research"),
        ("Researchers found that thanks mean more than we expect.", "research"),
        ("In one study, strangers said yes more often than expected.", "research"),
        ("Evidence suggests that practice helps.", "research"),
        ("A meta-analysis linked extraversion with networking.", "research"),
        ("Research on women's careers suggests a close inner circle helps.", "research"),
        ("Follow-up questions made people more liked in one study.", "research"),
        ("The evidence points the other way.", "research"),
    ],
)
def test_statistics_and_research_phrases_are_claims(sentence, reason):
    assert claims.claim_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Lesson 3 shows you how.",
        "By the end of week 2 you will have a 30-day plan.",
        "A 20-minute call is plenty.",
        "Block 20 minutes a week to check the log.",
        "Spend 10 minutes on it before the meetup.",
        "List 20 people you already know.",
        "Aim to speak for less than half the time.",
        "At day 30, set aside half an hour.",
        "It is only half true.",
        "The other half of the question is what you can offer.",
        "She handed her card to 20 people at the meetup.",
        "Check in once or twice a year, or three times a week if you work together.",
        "Join a study group for your cloud exam.",
        "You can explain what research says about introversion.",
        "This lesson looks at what the research says about each benefit.",
        "Researchers call this homophily.",
        "Sociologists sort these links by strength.",
        "Granovetter (1973) is the classic paper.",
        "1. Send the note.",
        'Explain why the "70 to 85%" figure is a myth.',
        "She learned by trial and error.",
        "The tool has a 14-day free trial.",
        "I have done this many times over the years.",
        "You need at least 3 people for a panel.",
        "A portfolio is evidence that shows what you can do.",
        "If the data shows a spike, tell the DBA.",
        "Code reviews found the bug before release.",
        "She works 100% remote.",
        "He cut his meetings by half.",
        "In 2019 developers moved to the new stack.",
        "Deploy according to the runbook.",
        "Think of the week as an experiment.",
    ],
)
def test_numbers_and_words_that_are_not_claims(sentence):
    assert claims.claim_reason(claims.unquoted(sentence)) is None


# --- what counts as a citation, and where ----------------------------------------------------


def test_an_uncited_percentage_is_reported_at_its_line():
    assert uncited(
        """
        # A lesson

        Tell people what you want. People who knew of a job passed it on
        only 27% of the time. So say it out loud.
        """
    ) == [f'{LESSON}:3: uncited claim: "People who knew of a job passed it on only 27% of the time."']


def test_an_uncited_study_is_reported_at_the_line_its_sentence_starts():
    assert uncited(
        """
        Ask for small things. A study found that strangers
        said yes far more often than people expected.
        """
    ) == [f'{LESSON}:1: uncited claim: "A study found that strangers said yes far more often than people expected."']


def test_a_claim_cited_in_its_own_paragraph_passes():
    assert (
        uncited(
            f"""
            People passed the news on only 27% of the time. They told close
            ties first {CITE}.
            """
        )
        == []
    )


def test_a_citation_in_another_paragraph_does_not_count():
    assert uncited(
        f"""
        People passed the news on only 27% of the time.

        They told close ties first {CITE}.
        """
    ) == [f'{LESSON}:1: uncited claim: "People passed the news on only 27% of the time."']


def test_a_claim_in_a_callout_cited_inside_the_callout_passes():
    assert (
        uncited(
            f"""
            !!! research "What the research says"

                In one study, people passed the news on only 27% of the time.

                - They told close ties first.
                - Cite it here {CITE}.

            Tell people what you want.
            """
        )
        == []
    )


def test_a_callout_title_is_covered_by_a_citation_in_its_body():
    assert uncited(f'!!! myth "Myth: 85% of jobs are never advertised"\n\n    Not so {CITE}.\n') == []


def test_a_callout_cited_only_outside_it_fails_at_the_title_and_body_lines():
    assert uncited(
        f"""
        !!! myth "Myth: only 5% of people send thank-you notes"

            This figure has no known source. Research shows that thanks
            mean more than you expect.

        Thank people anyway {CITE}.
        """
    ) == [
        f'{LESSON}:1: uncited claim: "Myth: only 5% of people send thank-you notes"',
        f'{LESSON}:3: uncited claim: "Research shows that thanks mean more than you expect."',
    ]


def test_a_list_item_is_its_own_unit():
    assert uncited(
        f"""
        - Referred candidates are hired more often {CITE}.
        - Many roles are filled through contacts, often around half.
          The "70 to 85%" figure is a myth.
        - Tell people what you want.
        """
    ) == [f'{LESSON}:2: uncited claim: "Many roles are filled through contacts, often around half."']


def test_a_nested_list_belongs_to_its_top_level_item():
    assert (
        uncited(
            f"""
            1. Weak ties spread news {CITE}:
                - about half of job help came through them.
            """
        )
        == []
    )


def test_numbers_that_are_not_claims_pass():
    assert (
        uncited(
            """
            # Lesson 3: a 30-day plan

            Spend 10 minutes a day on it. In week 2, send 3 messages.

            1. List 20 people you already know.
            2. Block 20 minutes on Friday to review them.

            | Week | Focus |
            | --- | --- |
            | 1 | Get ready. Book a 15-minute call. |
            """
        )
        == []
    )


def test_code_comments_and_markers_are_not_prose():
    assert (
        uncited(
            """
            <!-- quiz: a-quiz -->
            <!-- 27% of people
            skip this. -->

            ```text
            Research shows 90% of this is code.
            ```

            Run `echo 50% of people` in a terminal.
            """
        )
        == []
    )


def test_a_citation_inside_code_does_not_count():
    assert uncited("Only 27% passed it on. `[Marin](../references.md#marin-2012)`\n") == [
        f'{LESSON}:1: uncited claim: "Only 27% passed it on."'
    ]


@pytest.mark.parametrize(
    "link",
    ["[Marin](../references.md#marin-2012)", "[the references](../references.md)", "[Marin](references.md#marin-2012)"],
)
def test_any_link_to_the_references_page_is_a_citation(link):
    assert uncited(f"Only 27% passed it on ({link}).\n") == []


def test_a_link_to_another_page_is_not_a_citation():
    assert uncited("The claim that 70 to 85% of jobs are hidden is a myth, as [lesson 2](why.md) explains.\n") == [
        f'{LESSON}:1: uncited claim: "The claim that 70 to 85% of jobs are hidden is a myth, as lesson 2 explains."'
    ]


def test_lines_count_from_the_file_with_front_matter(tmp_path):
    page_path = tmp_path / "docs" / "lessons" / "a-lesson.md"
    page_path.parent.mkdir(parents=True)
    page_path.write_text("---\ntitle: A\nminutes: 5\n---\n\n# A\n\nOnly 27% passed it on.\n", encoding="utf-8")
    page = read_page(page_path, tmp_path / "docs")
    assert [p.line for p in claims.uncited_claims(page.body, page.body_line, LESSON)] == [8]


def test_long_sentences_are_cut_at_a_word():
    [problem] = uncited("A study found " + "that people said yes far more often than they expected " * 3 + ".\n")
    excerpt = problem.split('"')[1]
    assert excerpt.endswith("...") and len(excerpt) <= claims.EXCERPT_CHARS + 3
    assert excerpt.startswith("A study found that people said yes")


def test_units_follow_markdown_structure():
    body = textwrap.dedent(
        """\
        # Title

        A paragraph
        on two lines.

        - an item
          lazy continued
            - nested
        - next item

        !!! tip "A tip"

            Body one.

            Body two.

        | a | b |
        """
    )
    assert [(u.kind, u.line, [s.line for s in u.segments]) for u in units(body)] == [
        ("heading", 1, [1]),
        ("paragraph", 3, [3]),
        ("item", 6, [6, 8]),
        ("item", 9, [9]),
        ("callout", 11, [11, 13, 15]),
        ("row", 17, [17, 17]),
    ]


# --- the references page ------------------------------------------------------------------------

REFERENCES = """\
---
title: References
---

# References

## How to read this page

- **Strong**: repeated, or large data.
- **Moderate**: good design, one setting.
- **Limited**: small, or self-report.

## Entries

Alpha, A. (2001). Cited and rated. *Journal*.
{ #alpha-2001 }

A note. **Evidence: Strong (a review); the effect is Limited.**

Beta, B. (2002). Not rated. *Journal*.
{ #beta-2002 }

A note with no rating.

Gamma, G. (2003). Rated outside the rubric. *Journal*.
{ #gamma-2003 }

A note. **Evidence: High.**

Delta, D. (2004). Cited by nobody. *Journal*.
{ #delta-2004 }

A note. **Evidence: Moderate.** See also [Alpha](#alpha-2001) and [Delta](#delta-2004).

Epsilon, E. (2005). Cited only inside code. *Journal*.
{ #epsilon-2005 }

A note. **Evidence: widely accepted theory.**
"""


def write_docs(root: Path, references: str = REFERENCES) -> Path:
    """Write a references page and two pages that cite some of its entries."""
    docs = root / "docs"
    (docs / "lessons").mkdir(parents=True, exist_ok=True)
    (docs / "references.md").write_text(references, encoding="utf-8")
    (docs / "lessons" / "a-lesson.md").write_text(
        "# A\n\nSee [Alpha](../references.md#alpha-2001) and [Beta](../references.md#beta-2002).\n"
        "Not this: `[Epsilon](../references.md#epsilon-2005)`.\n",
        encoding="utf-8",
    )
    (docs / "glossary.md").write_text("# Glossary\n\nSee [Gamma](references.md#gamma-2003).\n", encoding="utf-8")
    return root


def test_references_report_every_problem_at_its_line(tmp_path):
    report = evidence.check_references(write_docs(tmp_path))
    assert report is not None
    assert report.rubric == ["Strong", "Moderate", "Limited"]
    assert [str(p) for p in report.problems] == [
        "docs/references.md:21: entry 'beta-2002' has no rating: "
        "end its note with **Evidence: <Strong, Moderate, Limited>.**",
        "docs/references.md:28: entry 'gamma-2003' is rated 'High': "
        "'High' is not a rubric rating (Strong, Moderate, Limited)",
        "docs/references.md:31: entry 'delta-2004' is cited by no page: link to references.md#delta-2004",
        "docs/references.md:36: entry 'epsilon-2005' is cited by no page: link to references.md#epsilon-2005",
        "docs/references.md:38: entry 'epsilon-2005' is rated 'widely accepted theory': "
        "'widely' is not a rubric rating (Strong, Moderate, Limited)",
    ]
    assert (report.cited, report.ratings["Strong"], report.ratings["Moderate"]) == (3, 1, 1)


def test_a_page_with_no_rubric_is_reported(tmp_path):
    report = evidence.check_references(write_docs(tmp_path, REFERENCES.replace("- **", "- ")))
    assert report is not None
    assert str(report.problems[0]).startswith("docs/references.md:4: no evidence rubric")


@pytest.mark.parametrize(
    ("rating", "words"),
    [
        ("Strong", ["Strong"]),
        ("Strong as theory; the data are Limited", ["Strong", "Limited"]),
        ("Contested (see Lindenfors et al., 2021)", ["Contested"]),
        ("Limited, and widely misused (see [the rule](#myth))", ["Limited"]),
        ("Strong, but only on LinkedIn in the US", ["Strong"]),
        ("Moderate to High", ["Moderate", "High"]),
    ],
)
def test_rating_words_are_the_first_and_the_capitalised_ones(rating, words):
    assert evidence.rating_words(rating) == words


# --- the prose report -------------------------------------------------------------------------------


def project(root: Path, extra: str) -> Path:
    """Write a project with one passing lesson plus `extra` prose, and the references fixture."""
    make_project(root, {"a-lesson": lesson_text(1500, 18) + "\n" + extra})
    (root / "docs" / "references.md").write_text(
        "# References\n\n- **Strong**: repeated.\n\nAlpha, A. (2001). A paper.\n{ #alpha-2001 }\n\n"
        "A note. **Evidence: Strong.**\n",
        encoding="utf-8",
    )
    return root


def test_cli_fails_on_an_uncited_claim_and_a_bad_reference(tmp_path, capsys):
    root = project(tmp_path, "Only 27% passed it on.\n")
    assert prose.main(["--root", str(root)]) == prose.EXIT_PROBLEMS
    out = capsys.readouterr().out
    line = (root / LESSON).read_text(encoding="utf-8").splitlines().index("Only 27% passed it on.") + 1
    assert f'{LESSON}:{line}: uncited claim: "Only 27% passed it on."' in out
    assert "docs/references.md:6: entry 'alpha-2001' is cited by no page" in out
    assert out.splitlines()[0].split()[-2:] == ["uncited", "result"]


def test_cli_passes_when_every_claim_and_reference_is_in_order(tmp_path, capsys):
    root = project(tmp_path, "Only 27% passed it on ([Alpha, 2001](../references.md#alpha-2001)).\n")
    assert prose.main(["--root", str(root)]) == prose.EXIT_OK
    out = capsys.readouterr().out
    tables = out.split("\n\n")
    assert [line.split() for line in tables[1].splitlines()] == [
        ["references", "entries", "Strong", "other", "cited", "result"],
        ["docs/references.md", "1", "1", "0", "1", "pass"],
    ]


def test_cli_checks_a_forks_team_pages(tmp_path, capsys):
    root = project(tmp_path, "Only 27% passed it on ([Alpha, 2001](../references.md#alpha-2001)).\n")
    (root / "docs" / "team").mkdir()
    (root / "docs" / "team" / "at-acme.md").write_text("# At Acme\n\nA survey found that 60% of us agree.\n")
    assert prose.main(["--root", str(root)]) == prose.EXIT_PROBLEMS
    assert 'docs/team/at-acme.md:3: uncited claim: "A survey found that 60% of us agree."' in capsys.readouterr().out


# --- the real course ------------------------------------------------------------------------------


def test_the_real_course_cites_every_claim_and_rates_and_cites_every_reference():
    _, problems = prose.check_lessons(ROOT)
    references = evidence.check_references(ROOT)
    assert references is not None
    found = [str(p) for p in problems if "uncited claim" in p.message] + [str(p) for p in references.problems]
    assert found == []
