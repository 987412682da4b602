"""What every handler shares: the candidate ``Hit``, the matching ``Context`` and number words.

A handler takes a regex match and the context of its sentence and returns a ``Hit`` (span,
TIMEX3 type, TimeML value) or None when the match is not a time expression after all.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from eventwire.model.records import TimexType
from eventwire.timex.anchor import direction
from eventwire.timex.lexicon import MONTHS, NUMBER_WORDS, UNITS, VAGUE_NUMBERS
from eventwire.timex.patterns import NEXT_WORD, PREV_WORD


@dataclass(slots=True)
class Hit:
    """A candidate expression: its span, TIMEX3 type and TimeML value."""

    start: int
    end: int
    type: TimexType | None  # None: a blocker (an age) that hides what it covers
    value: str


@dataclass(slots=True)
class Context:
    """The text, the DCT and the sentence (or span) a match was found in."""

    text: str
    dct: date | None
    sent_start: int
    sent_end: int

    def direction(self, start: int, end: int) -> int:
        sentence = self.text[self.sent_start:self.sent_end]
        return direction(sentence, start - self.sent_start, end - self.sent_start)

    def prev_word(self, pos: int) -> str:
        found = PREV_WORD.search(self.text, max(self.sent_start, pos - 40), pos)
        return found.group(1).lower() if found else ""

    def next_word(self, pos: int) -> str:
        found = NEXT_WORD.search(self.text[pos:min(self.sent_end, pos + 40)])
        return found.group(1) if found else ""


Handler = Callable[[re.Match[str], Context], Hit | None]

RAW_PREV = re.compile(r"(\S+)\s+$")

# Words after which a bare month name ("in May") or a four-digit number ("since 2009") is a date.
TEMPORAL_PREPS = frozenset({
    "in", "since", "until", "till", "by", "during", "before", "after", "throughout", "through",
    "from", "to", "of", "between", "and", "or", "circa", "c.", "year", "early", "late", "mid",
    "last", "this", "next", "spring", "summer", "autumn", "fall", "winter", "for", "as", "at",
    "into", "on", "around", "the", "that", "fiscal", "season", "than", "till", "'til", "beginning",
})
# Words after which a four-digit number is a count ("about 2000 people").
COUNT_PREVS = frozenset({
    "about", "some", "nearly", "almost", "only", "over", "approximately", "roughly", "least",
    "just", "more", "fewer", "less", "another", "additional", "all", "those", "these", "with",
    "$", "£", "€", "#", "no.", "number", "page", "route", "flight", "article", "resolution",
    "room", "model", "code", "than", "total", "copyright", "©", "totaling", "totalling", "of", "a", "an",
})
# "The March on Rome", "as May said": a bare ambiguous month name needs a real preposition.
MONTH_PREPS = TEMPORAL_PREPS - {"the", "that", "as", "at", "for", "on", "than"}
MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must", "shall"})
# Words ending in "s" before "a week" / "a year" that are not the counted thing ("has a week").
NOT_PLURAL = frozenset({
    "was", "is", "has", "this", "us", "yes", "as", "its", "his", "hers", "ours", "theirs", "less",
    "across", "perhaps", "always", "sometimes", "thus", "plus", "does", "goes", "gets", "takes",
    "lasts", "spends", "needs", "gives", "makes", "marks", "whereas", "unless", "towards",
})
STRONG_YEAR_PREVS = frozenset({
    "in", "since", "until", "till", "during", "before", "after", "throughout", "circa", "year",
    "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "fiscal", "by",
})


def num_value(text: str | None, half: str | None = None) -> str | None:
    """Return a TimeML number ("2", "1.5", "X") for a number written in digits or words."""
    if text is None:
        return None
    word = " ".join(text.lower().split())
    if word in VAGUE_NUMBERS:
        return "X"
    if word == "1/2":
        value = 0.5
    elif word.endswith(" 1/2"):
        value = float(word[:-4]) + 0.5
    elif word[0].isdigit():
        value = float(word)
    elif "-" in word:
        tens, ones = word.split("-", 1)
        value = NUMBER_WORDS.get(tens, 0) + NUMBER_WORDS.get(ones, 0)
    elif word in NUMBER_WORDS:
        value = NUMBER_WORDS[word]
    else:
        return None
    if half:
        value += 0.5
    return str(int(value)) if value == int(value) else f"{value:g}"


def duration_value(number: str, unit: str) -> str | None:
    """Return the TimeML duration of ``number`` ``unit``s ("2", "week" -> "P2W")."""
    unit = unit.lower().rstrip("s")
    code, clock = UNITS.get(unit, (None, False))
    if code is None:
        return None
    if number == "0.5" and not clock and code in ("D", "Y"):
        return "PT12H" if code == "D" else "P6M"
    if number == "0.5" and code == "H":
        return "PT30M"
    return f"PT{number}{code}" if clock else f"P{number}{code}"


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def ymd(day: date) -> str:
    return day.isoformat()


