"""The exercise format, as pydantic models. Nothing else in the project parses exercise YAML.

A file in `exercises/` holds one quiz or one worksheet. `python -m hn.exercises.schema` writes
the JSON Schema that editors use to autocomplete these files.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from hn.exercises.hints import CONTROL, char_name

#: kebab-case identifiers: used in markers, storage keys and HTML ids.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]


def _no_control_characters(value: str) -> str:
    r"""Refuse control characters (YAML escapes such as "\e" write them): a page cannot show them."""
    if found := CONTROL.search(value):
        raise PydanticCustomError("control_character", "holds the control character {name}",
                                  {"name": char_name(found[0])})
    return value


#: Text an author must fill in: never empty or only spaces, never control characters.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_control_characters)]
#: A docs-relative page and heading, e.g. `lessons/why-it-matters.md#weak-ties`.
SectionRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.md#[A-Za-z0-9_-]+$")]

DEFAULT_SCALE = ["Not at all like me", "A little like me", "Somewhat like me", "Mostly like me", "Very like me"]


class Strict(BaseModel):
    """Base model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Quizzes ---------------------------------------------------------------------------


class Option(Strict):
    """One answer to choose, with the feedback shown when the learner picks it."""

    text: Text
    correct: bool = False
    feedback: Text


class OrderItem(Strict):
    """One step of an ordering question, with why it belongs where it does."""

    text: Text
    feedback: Text


class QuestionBase(Strict):
    """What every question has: an id, a prompt, an explanation and the section that teaches it."""

    id: Slug
    prompt: Text
    explanation: Text
    section: SectionRef = Field(description="docs-relative page and heading id that teaches this")


class ChoiceMixin:
    """Checks shared by single choice, multiple choice and scenario questions."""

    def _check_options(self, select: str) -> None:
        correct = sum(option.correct for option in self.options)
        if select == "single" and correct != 1:
            raise ValueError(f"a single-choice question needs exactly one correct option (found {correct})")
        if select == "multiple" and correct == 0:
            raise ValueError("a multiple-choice question needs at least one correct option")
        texts = [option.text for option in self.options]
        if len(set(texts)) != len(texts):
            raise ValueError("two options have the same text")


class SingleChoice(QuestionBase, ChoiceMixin):
    """Pick one answer."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _one_correct(self) -> SingleChoice:
        self._check_options("single")
        return self


class MultipleChoice(QuestionBase, ChoiceMixin):
    """Select all that apply."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleChoice:
        self._check_options("multiple")
        return self


class Scenario(QuestionBase, ChoiceMixin):
    """A short workplace situation, then single or multiple choice."""

    type: Literal["scenario"]
    scenario: Text
    select: Literal["single", "multiple"] = "single"
    options: list[Option] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _correct_count(self) -> Scenario:
        self._check_options(self.select)
        return self


class TrueFalse(QuestionBase):
    """A statement the learner judges true or false."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text


class Ordering(QuestionBase):
    """Steps to put in order; written in the correct order, shown shuffled."""

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3, max_length=8)

    @model_validator(mode="after")
    def _distinct(self) -> Ordering:
        texts = [item.text for item in self.items]
        if len(set(texts)) != len(texts):
            raise ValueError("two items have the same text")
        return self


Question = Annotated[
    SingleChoice | MultipleChoice | Scenario | TrueFalse | Ordering,
    Field(discriminator="type"),
]


class Quiz(Strict):
    """A self-check quiz: questions, a pass mark, feedback on every option."""

    id: Slug
    kind: Literal["quiz"]
    title: Text
    intro: Text | None = None
    pass_mark: int = Field(70, ge=1, le=100, description="percent of questions right to pass")
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Quiz:
        _require_unique([q.id for q in self.questions], "question id", "questions")
        return self


# --- Worksheets ------------------------------------------------------------------------


class Statement(Strict):
    """A statement rated from 1 to 5; `reverse` scores it as 6 minus the rating."""

    id: Slug
    text: Text
    reverse: bool = False


class Band(Strict):
    """A range of total scores with what it means."""

    min: int
    max: int
    label: Text
    interpretation: Text


class RatingSection(Strict):
    """Statements rated 1 to 5, scored into bands."""

    id: Slug
    type: Literal["rating"]
    title: Text
    prompt: Text | None = None
    scale: list[Text] = Field(default_factory=lambda: list(DEFAULT_SCALE), min_length=5, max_length=5)
    statements: list[Statement] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)

    @model_validator(mode="after")
    def _bands_cover_every_total(self) -> RatingSection:
        _require_unique([s.id for s in self.statements], "statement id", "statements")
        low, high = len(self.statements), 5 * len(self.statements)
        expected, previous, last = low, None, 0
        for index, band in sorted(enumerate(self.bands), key=lambda pair: pair[1].min):
            where = ("bands", index)
            if band.min > band.max:
                raise ItemError(f"band {band.label!r} has min {band.min} above max {band.max}", where)
            if previous is None and band.min != low:
                raise ItemError(f"bands must start at {low}, the lowest possible total (they start at {band.min})",
                                where)
            if band.min > expected:
                raise ItemError(f"bands leave out {_totals(expected, band.min - 1)} (totals run {low} to {high})",
                                where)
            if previous is not None and band.min < expected:
                overlap = _totals(band.min, min(expected - 1, band.max))
                raise ItemError(f"bands {previous.label!r} and {band.label!r} overlap at {overlap}", where)
            expected, previous, last = max(expected, band.max + 1), band, index
        if expected != high + 1:
            raise ItemError(f"bands must end at {high}, the highest possible total (they end at {expected - 1})",
                            ("bands", last))
        return self


def _totals(first: int, last: int) -> str:
    """Say "total 7" or "totals 7 to 9"."""
    return f"total {first}" if first == last else f"totals {first} to {last}"


class Prompt(Strict):
    """A reflection question answered in a text box."""

    id: Slug
    text: Text
    hint: Text | None = None


class ReflectionSection(Strict):
    """Reflection prompts, saved as the learner types."""

    id: Slug
    type: Literal["reflection"]
    title: Text
    prompt: Text | None = None
    prompts: list[Prompt] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ReflectionSection:
        _require_unique([p.id for p in self.prompts], "prompt id", "prompts")
        return self


class ChecklistItem(Strict):
    """One thing to tick off."""

    id: Slug
    text: Text


class ChecklistSection(Strict):
    """A list of things to do or notice, ticked off by the learner."""

    id: Slug
    type: Literal["checklist"]
    title: Text
    prompt: Text | None = None
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ChecklistSection:
        _require_unique([i.id for i in self.items], "item id", "items")
        return self


class PlanSection(Strict):
    """Rows of goal, first step and date."""

    id: Slug
    type: Literal["plan"]
    title: Text
    prompt: Text | None = None
    rows: int = Field(3, ge=1, le=10)


# --- Drafts: a message checked against the author's rules as the learner writes ---------

def _phrase(value: str) -> str:
    """Refuse a phrase the checker could never match: no letter or digit, or a `*` not at the end."""
    if not any(char.isalnum() for char in value):
        raise PydanticCustomError("phrase", "{value} has no letter or digit to look for", {"value": repr(value)})
    if "*" in value[:-1]:
        raise PydanticCustomError("phrase", "{value} has a '*' before its end: a '*' may only end a phrase, "
                                  "as in 'thank*'", {"value": repr(value)})
    return value


#: A phrase to look for: letters or digits, with an optional `*` at the end for any ending.
Phrase = Annotated[Text, StringConstraints(max_length=60), AfterValidator(_phrase)]


class RuleBase(Strict):
    """What every draft rule has: the check as the learner reads it, and advice while it fails."""

    text: Text = Field(description="the check, as the learner's checklist shows it")
    feedback: Text = Field(description="advice shown while the draft does not pass the check")


class WordsRule(RuleBase):
    """The draft's length in words, from `min` to `max` (either may be left out)."""

    rule: Literal["words"]
    min: int | None = Field(None, ge=1, le=5000)
    max: int | None = Field(None, ge=1, le=5000)

    @model_validator(mode="after")
    def _range(self) -> WordsRule:
        if self.min is None and self.max is None:
            raise ValueError("a words rule needs 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is above 'max' ({self.max})")
        return self


class PhraseRule(RuleBase):
    """Words or phrases matched as whole words, ignoring case; `thank*` matches thanks and thankful."""

    any: list[Phrase] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _distinct(self) -> PhraseRule:
        _require_unique([phrase.casefold() for phrase in self.any], "phrase", "any")
        return self


class ContainsRule(PhraseRule):
    """The draft must use at least one of the phrases."""

    rule: Literal["contains"]


class AvoidsRule(PhraseRule):
    """The draft must use none of the phrases (a CV or a job request in a first message)."""

    rule: Literal["avoids"]


class QuestionRule(RuleBase):
    """The draft asks from `min` to `max` questions (sentences ending in "?"); one clear ask by default."""

    rule: Literal["question"]
    min: int = Field(1, ge=0, le=20)
    max: int = Field(1, ge=0, le=20)

    @model_validator(mode="after")
    def _range(self) -> QuestionRule:
        if self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is above 'max' ({self.max})")
        return self


Rule = Annotated[WordsRule | ContainsRule | AvoidsRule | QuestionRule, Field(discriminator="rule")]


class DraftSection(Strict):
    """A message the learner drafts, with a checklist of the author's rules that updates as they write."""

    id: Slug
    type: Literal["draft"]
    title: Text
    prompt: Text | None = None
    label: Text = Field("Your draft", description="the label of the text box")
    hint: Text | None = None
    rules: list[Rule] = Field(min_length=1, max_length=10)


Section = Annotated[
    RatingSection | ReflectionSection | ChecklistSection | PlanSection | DraftSection,
    Field(discriminator="type"),
]


class Worksheet(Strict):
    """A self-assessment worksheet: rating scales, reflections, checklists, plans and drafts."""

    id: Slug
    kind: Literal["worksheet"]
    title: Text
    intro: Text | None = None
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_section_ids(self) -> Worksheet:
        _require_unique([s.id for s in self.sections], "section id", "sections")
        return self


Exercise = Annotated[Quiz | Worksheet, Field(discriminator="kind")]


class ItemError(ValueError):
    """A problem with one item of a list; `path` (from the model that raised it) locates its line."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


class DuplicateId(ItemError):
    """An id used twice in one list: `path` is the repeat, `first_path` the first use."""

    def __init__(self, what: str, value: str, field: str, first: int, repeat: int) -> None:
        super().__init__(f"duplicate {what} '{value}'", (field, repeat))
        self.what, self.value, self.first_path = what, value, (field, first)


def _require_unique(values: list[str], what: str, field: str) -> None:
    """Raise DuplicateId if `values` (the ids in list `field`) repeats, naming the first repeat."""
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            raise DuplicateId(what, value, field, seen[value], index)
        seen[value] = index
