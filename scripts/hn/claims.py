"""Claims that need a citation: numbers used as statistics, and phrases that report research.

A sentence in a lesson that states a statistic ("27% of the time", "about half", "one in four",
"three times as likely", "235 employees") or reports research ("a study found", "research
suggests", "in a field experiment", "a meta-analysis") needs a link to the references page in
the same unit: the paragraph, top-level list item, table row, heading or callout it sits in.
CONTRIBUTING.md explains the rule to authors.

The patterns aim at precision: numbers that are not claims (lesson numbers, "a 30-day plan",
"20 minutes", list numbering, years in citations) match none of them, figures inside quotation
marks are being named rather than stated, and an instruction ("List 20 people you know") is
not a statistic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hn.exercises.check import Problem
from hn.markdown_text import Unit, plain_lines, units, without_code
from hn.pages import REFERENCES
from hn.readability import sentence_spans

# A citation is an inline Markdown link to the references page, with or without an anchor.
CITATION_LINK = re.compile(
    r"\]\(\s*<?(?:\./)?(?:\.\./)*" + re.escape(REFERENCES) + r"(?:#[\w-]+)?>?(?:\s+\"[^\"]*\")?\s*\)"
)
EXCERPT_CHARS = 90

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_SPELLED = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred)"
_ABOUT = (
    r"(?:about|around|roughly|nearly|almost|approximately|over|under|more than|less than|fewer than|"
    r"just over|just under|up to|at least|as much as|as many as)"
)
_FRACTION = r"(?:half|(?:a|one)[- ](?:third|quarter|fifth|tenth)|two[- ]thirds|three[- ]quarters)"
_TIME = r"(?:an?\s+|the\s+)?(?:time|hours?|days?|weeks?|months?|years?|minutes?|seconds?)\b"
# What a count in a statistic counts: people, and units of research. Small counts of people are
# usually a story or an instruction ("20 people at a meetup", "at least 3 people"), so a count of
# people needs three digits or a word like "million"; a four-digit year is not a count.
_PEOPLE = (
    r"(?:people|persons|employees|staff|workers|users|members|managers|executives|leaders|students|graduates|"
    r"job seekers|jobseekers|applicants|candidates|hires|adults|men|women|commuters|professionals|engineers|"
    r"developers|firms|companies|organisations|organizations|countries|relationships|friends|acquaintances)"
)
_STUDIED = r"(?:participants|subjects|respondents|volunteers|studies|surveys|experiments|trials|papers)"
_LARGE = rf"(?:\d{{1,3}}(?:,\d{{3}})+|(?!(?:19|20)\d\d\b)\d{{3,}}|{_NUMBER}\s+(?:hundred|thousand|million|billion))"
STATISTICS = {
    # "100% remote" is a manner of speaking, not a statistic; "100% of them" is one.
    "a percentage": re.compile(
        rf"\b(?!100\s*(?:%|per\s?cent|percent)(?!\s+of\b))"
        rf"{_NUMBER}\s*(?:%|per\s?cent\b|percent\b|percentage points?\b)",
        re.I,
    ),
    "a fraction": re.compile(
        rf"\b{_ABOUT}\s+{_FRACTION}\b(?!\s+(?:of\s+)?{_TIME})"
        rf"|(?<!other )(?<!second )(?<!first )(?<!last )\b{_FRACTION}\s+of\s+(?:all|them|those|these|us|people)\b"
        r"|\b(?:the|a)\s+(?:majority|minority)\s+of\b",
        re.I,
    ),
    "a ratio": re.compile(
        rf"\b(?:{_NUMBER}|{_SPELLED})\s+(?:in|out of)\s+(?:every\s+)?(?:{_NUMBER}|{_SPELLED})\b", re.I
    ),
    "a multiple": re.compile(
        rf"\b(?:{_NUMBER}|{_SPELLED})\s+times\s+(?:more|less|fewer|as|higher|lower|greater|larger|smaller|likelier)\b"
        r"|\btwice\s+as\s+(?:likely|many|much|often)\b"
        r"|\b(?:doubles?|doubled|triples?|tripled|halves|halved)\s+(?:the|your|their|its|people's)\b",
        re.I,
    ),
    "a count": re.compile(
        rf"\b(?:{_LARGE}|(?:hundreds|thousands|millions|dozens)\s+of)\s+(?:[\w'’-]+\s+){{0,2}}?{_PEOPLE}\b"
        rf"|\b{_NUMBER}\s+(?:[\w'’-]+\s+){{0,2}}?{_STUDIED}\b",
        re.I,
    ),
}
RESEARCH = re.compile(
    # research nouns that report a finding: "research shows", "studies suggest", "researchers found",
    # "research on women's careers suggests", "the evidence does not support"; not "evidence that shows"
    r"\b(?:research(?!\s+(?:the|a|an|their|your|his|her|them|it|who|what|how|where|which)\b)|evidence|"
    r"studies|experiments|surveys|trials|researchers|psychologists|economists|sociologists)"
    r"(?:\s+(?!that\b|which\b)[\w'’-]+){0,4}?\s+(?:shows?|showed|shown|suggests?|suggested|finds?|found|indicates?|indicated|"
    r"points|pointed|says|said|supports?|supported|backs?|confirms?|confirmed|proves?|proved|reported|"
    r"estimates?|estimated|linked|tested|studied|measured|concludes?|concluded|predicts?|predicted)\b"
    # one study or experiment: "a study found", "in one study", "a later study", "his study of",
    # "a field experiment", "no study shows"
    r"|\b(?:a|an|one|another|the|this|that|his|her|their|its|no|each|same|later|earlier|recent)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?<!free )(?:study|experiment|survey|trial|meta-analysis)"
    r"(?![\w-]|\s+(?:groups?|guides?|and error|periods?|versions?)\b)"
    # several studies: "in some studies", "a series of studies", "two small studies", "in experiments"
    r"|\b(?:some|many|several|few|two|three|four|five|these|those|other|both|of|in)\s+(?:[\w'’-]+\s+)?"
    r"(?<!free )(?:studies|experiments|surveys|trials)\b"
    r"|\b(?:meta-analys[ie]s|systematic reviews?|randomi[sz]ed(?: controlled)? trials?)\b"
    r"|\baccording to (?:(?:a|one|the|some|recent|new)\s+)?(?:research|studies|study|survey|surveys|researchers)\b",
    re.I,
)
# "explain what research says": a sentence that announces research, rather than reporting it.
_ANNOUNCES = re.compile(r"\S\s+what\s+(?:the\s+)?$", re.I)
# Instructions are not statistics: "List 20 people you know", "Spend half an hour".
IMPERATIVES = frozenset(
    "add aim allow ask be block book bring call check choose compare count cut do draft email find follow give go "
    "imagine invite join keep limit list look make meet message name notice offer open pick plan post practise "
    "prepare put rate reach read record reply review run say schedule see send set share spend start take tell "
    "thank think track treat try use write".split()
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_FIRST_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")  # "Follow-up" is a noun, not "follow"


@dataclass(frozen=True)
class Claim:
    """A sentence that needs a citation, with the line it starts on and why it counts."""

    line: int
    sentence: str
    reason: str

    @property
    def excerpt(self) -> str:
        """Return the sentence, cut at a word boundary when it is long."""
        if len(self.sentence) <= EXCERPT_CHARS:
            return self.sentence
        return self.sentence[:EXCERPT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def is_cited(unit: Unit) -> bool:
    """Tell whether a unit links to the references page (outside code)."""
    return CITATION_LINK.search(without_code(unit.markdown)) is not None


def unquoted(text: str) -> str:
    """Blank out what sits inside quotation marks, keeping the length and line breaks of `text`."""
    return _QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def claim_reason(sentence: str) -> str | None:
    """Return what makes a sentence a claim needing a citation ("a percentage", "research"), or None.

    Give the sentence with its quotations blanked out (`unquoted`): a figure in quotation marks
    is being named, as in 'the "70 to 85%" figure is a myth', not stated.
    """
    stated = " ".join(sentence.split())
    first = _FIRST_WORD.search(stated)
    if first is not None and first[0].lower() in IMPERATIVES:
        return None
    for reason, pattern in STATISTICS.items():
        if pattern.search(stated):
            return reason
    for match in RESEARCH.finditer(stated):
        if not _ANNOUNCES.search(stated[: match.start()]):
            return "research"
    return None


def claims(unit: Unit) -> list[Claim]:
    """Return every sentence in a unit that states a statistic or reports research."""
    found = []
    for segment in unit.segments:
        text = plain_lines(segment.markdown)
        stated = unquoted(text)
        for start, end in sentence_spans(text):
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if (reason := claim_reason(stated[start:end])) is not None:
                line = segment.lines[text.count("\n", 0, start)][0]
                found.append(Claim(line, " ".join(text[start:end].split()), reason))
    return found


def uncited_claims(body: str, first_line: int, path: str) -> list[Problem]:
    """Return a problem for every claim in a page body whose unit cites nothing on the references page."""
    return [
        Problem(path, claim.line, f'uncited claim: "{claim.excerpt}"')
        for unit in units(body, first_line)
        if not is_cited(unit)
        for claim in claims(unit)
    ]
