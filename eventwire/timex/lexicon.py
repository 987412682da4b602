"""Word lists of the time-expression rules: month and day names, numbers, units, tense cues.

Written for eventwire from the TimeML/TIMEX3 value conventions (ISO 8601 dates, ``P…``
durations, ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``, ``-SP/-SU/-FA/-WI`` seasons,
``-Q1``/``-H1`` quarters and halves, ``TMO/TAF/TEV/TNI`` parts of the day). Kept in Python
rather than a data file because the regular expressions in ``rules.py`` are built from them.
"""
from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
MONTH_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# Month names that are also common words or names ("may", "march", "Theresa May"): alone they
# count only after a temporal preposition or modifier ("in May", "since March", "early August").
AMBIGUOUS_MONTHS = frozenset({"may", "march", "august"})

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers, Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# The month each season is taken to start in, to place a season before or after the DCT.
SEASON_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "one and a half": 1.5,
}
# Vague quantities: the TimeML value takes "X" for the number ("several weeks" -> PXW).
VAGUE_NUMBERS = frozenset({"several", "a few", "few", "some", "many", "a number of", "various"})

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

# unit word -> (TimeML duration unit, is a time-of-day unit written after "T")
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "centurie": ("CE", False),
}

# Tense cues that decide whether "on Monday" / "October 29" / "in March" points back or ahead.
FUTURE_CUES = frozenset({
    "will", "'ll", "’ll", "shall", "wo", "going", "scheduled", "slated", "due", "plans", "plan",
    "planned", "planning", "upcoming", "expected", "expects", "intends", "intend", "would", "next",
    "coming", "until", "ahead", "later",
})
PAST_CUES = frozenset({
    "said", "was", "were", "had", "did", "ago", "last", "earlier", "told", "took", "met", "made",
    "came", "went", "saw", "gave", "began", "held", "left", "won", "lost", "fell", "rose", "sent",
    "spoke", "wrote", "paid", "put", "got", "led", "fled", "shot", "hit", "struck", "broke",
    "brought", "bought", "caught", "fought", "sought", "thought", "taught", "found", "heard",
    "kept", "meant", "ran", "sat", "stood", "became", "chose", "drove", "flew", "knew", "grew",
    "threw", "wore", "tore", "swore", "sank", "rang", "sang", "began", "beat", "cut", "quit",
    "spent", "built", "felt", "dealt", "hid", "bit", "slid", "withdrew", "overthrew", "undertook",
    "previously", "former", "recently", "yesterday",
})
# Words ending in "-ed" that look ahead rather than back.
FUTURE_ED = frozenset({"scheduled", "planned", "expected", "slated", "intended", "proposed"})

# Single words with a fixed reference value.
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
}
# Frequency adverbs -> SET value.
SET_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
    "yearly": "P1Y", "biannually": "P6M",
}
