"""The regular expressions of the time-expression rules, compiled once at import.

Patterns are case-sensitive where case carries meaning (month and weekday names are
capitalized: "May" the month, not "may" the verb) and case-insensitive elsewhere through
scoped ``(?i:…)`` groups. Each pattern is matched on its own; ``rules.py`` keeps the longest
of overlapping matches.
"""
from __future__ import annotations

import re

from eventwire.timex.lexicon import MONTH_ABBR, MONTH_FULL, NUMBER_WORDS, WEEKDAY_NAMES


def _names(words: tuple[str, ...]) -> str:
    """Return an alternation of the Title-case and UPPER-case forms, longest first."""
    forms = sorted({w for word in words for w in (word, word.upper())}, key=len, reverse=True)
    return "|".join(forms)


MON_FULL = rf"(?P<mon>{_names(MONTH_FULL)})(?![A-Za-z])"
MON = rf"(?P<mon>{_names(MONTH_FULL)}|(?:{_names(MONTH_ABBR)})\.?)(?![A-Za-z])"
WD = rf"(?P<wd>{_names(WEEKDAY_NAMES)})(?![A-Za-z])"
WD_LEAD = rf"(?:(?P<lead>{_names(WEEKDAY_NAMES)}),?\s+)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
# "early", "mid-", "late", "the end of" ... before a month, year, season or relative unit.
MOD = (r"(?:(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)"
       r"\s+of))(?:\s+|-))?")

_NUM_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(NUMBER_WORDS, key=len, reverse=True) if w not in ("a", "an")
)
_VAGUE = r"a\s+few|several|a\s+number\s+of|few|some|many"
NUM = (rf"(?P<num>\d+(?:\.\d+|\s+1/2)?|1/2|(?i:(?:{_NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|"
       rf"eight|nine))?|{_VAGUE}|an?))(?P<half>(?i:\s+and\s+a\s+half))?")
UNIT = r"(?P<unit>(?i:second|minute|hour|day|week|month|year|decade|centur(?:y|ie)))"

_ZONE = (r"(?:\s*\(?(?P<tz>(?:ET|EST|EDT|CT|CST|CDT|MT|MST|PT|PST|PDT|GMT|UTC|BST|CET|CEST|MSK|"
         r"IST|JST|AEST|AEDT|(?i:local\s+time))(?![A-Za-z]))\)?)?")
_DAYREF = rf"(?:,?\s+(?:(?i:on)\s+)?(?:{WD}|(?P<rday>(?i:yesterday|today|tomorrow))))?"

_RAW: dict[str, str] = {
    # 2020-11-12, 2020-11-12T09:30
    "iso": r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)"
           r"(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])",
    # 11/12/2020 (month first, unless the first number cannot be a month)
    "slash": r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])",
    # 12th November, 2020 / Thursday, 12 November 2020 / the 12th of November 2020
    "dmy": rf"\b{WD_LEAD}(?:(?i:the)\s+)?{DAY}(?:\s+(?i:of))?\s+{MON},?\s+{YEAR}(?!\d)",
    # November 12, 2020 / Nov. 12 2020 / Thursday, November 12, 2020
    "mdy": rf"\b{WD_LEAD}{MON}\s+{DAY},?\s+{YEAR}(?!\d)",
    # 12 November / the 12th of November
    "dm": rf"\b{WD_LEAD}(?:(?i:the)\s+)?{DAY}(?:\s+(?i:of))?\s+{MON}",
    # October 29 / Thursday, Nov. 12
    "md": rf"\b{WD_LEAD}{MON}\s+{DAY}(?![\d:%]|[.,]\d|\w)",
    # November 2020 / early November 2020 / the end of November 2020
    "my": rf"\b{MOD}{MON},?\s+(?:(?i:of)\s+)?{YEAR}(?!\d)",
    # early November / last March / in May (ambiguous names checked by the handler)
    "month": rf"\b{MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?{MON_FULL}"
             rf"(?:\s+(?i:of\s+(?P<yrel>this|last|next)\s+year)\b)?",
    "year": rf"\b{MOD}(?P<fiscal>(?i:fiscal\s+|FY\s*))?{YEAR}(?![\d%]|[.,:/]\d|[-–]\d|\w)",
    "decade": rf"\b(?:(?P<the>(?i:the))\s+)?{MOD}(?:(?P<dec>1[5-9]\d0|20\d0)|['’](?P<dec2>\d)0)s\b",
    "century": rf"\b(?:(?i:the)\s+)?{MOD}(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+(?i:century)\b",
    # Q1 2013 / the first quarter of 2013 / the fourth-quarter / the second half
    "quarter": rf"\b(?:(?i:the)\s+)?(?:(?P<fiscal>(?i:fiscal))\s+)?(?P<ord>(?i:first|second|third|"
               rf"fourth|1st|2nd|3rd|4th|final))[\s-]+(?P<unit>(?i:quarter|half))(?:\s+(?i:of)\s+"
               rf"(?:{YEAR}|(?P<yrel>(?i:this|last|next))\s+(?i:year)))?\b",
    "qcode": rf"\b(?P<q>Q[1-4]|H[12])(?:\s+{YEAR}|\s+['’](?P<yy>\d\d))?\b",
    "season": rf"\b{MOD}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<s>(?i:spring|summer|"
              rf"autumn|winter|fall))(?:\s+(?:(?i:of)\s+)?{YEAR})?\b",
    # yesterday / today / tomorrow morning / tonight
    "relday": r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|"
              r"today|tomorrow|tonight))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b",
    # this morning / last night
    "pod": r"\b(?P<rel>(?i:this|last))\s+(?P<pod>(?i:morning|afternoon|evening|night))\b",
    "ref": r"\b(?P<w>(?i:now|currently|nowadays|presently|recently|lately))\b(?![-‑])",
    "ref2": r"\b(?P<w>(?i:these\s+days|(?:in\s+)?the\s+(?:(?:near|distant|immediate)\s+)?"
            r"(?:future|past)|(?:at\s+)?(?:the\s+)?present\s+time|at\s+present))\b"
            r"(?!\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|tense))",
    # in recent weeks / in the coming days / the past few years (as a vague reference)
    "recent": r"\b(?P<in>(?i:in)\s+)?(?:(?i:the)\s+)?(?P<adj>(?i:recent|coming|upcoming))\s+"
              r"(?P<units>(?i:days|weeks|months|years|decades|hours))\b",
    # last week / earlier this year / the end of next month / this past weekend
    "relunit": rf"\b(?:(?P<pre>(?i:earlier|later|early|late|mid|(?:the\s+)?(?:end|beginning|start|"
               rf"middle|rest|remainder)\s+of))(?:\s+|-))?(?P<rel>(?i:last|this\s+past|this|next|"
               rf"past|coming|previous|current))\s+(?P<u>(?i:week|weekend|month|year|quarter|decade|"
               rf"century))\b",
    "weekend": r"\b(?i:(?:over|during|on|at|this|for)\s+)(?P<the>(?i:the)\s+)(?P<u>(?i:weekend))\b",
    # two years ago / a week ago / years ago
    "ago": rf"\b(?:{NUM}[\s-]+{UNIT}s?|(?P<units>(?i:days|weeks|months|years|decades)))\s+(?i:ago)\b",
    # the past two weeks / more than three years / a two-year / 24 hours
    "duration": rf"\b(?:(?P<the>(?i:the))\s+(?P<rel>(?i:past|last|next|previous|first|coming|"
                rf"following|final|remaining|initial|ensuing|preceding))\s+)?(?:(?P<approx>(?i:"
                rf"more\s+than|less\s+than|fewer\s+than|nearly|almost|about|at\s+least|up\s+to|"
                rf"roughly|approximately|around|just\s+over|just\s+under))\s+)?{NUM}"
                rf"[\s-]+{UNIT}(?P<pl>s)?(?:-long)?\b(?![-‑](?:olds?|old\b))",
    # the past week / the next year / the last decade
    "the_unit": rf"\b(?i:the)\s+(?P<rel>(?i:past|last|next|previous|coming|following|preceding))"
                rf"\s+{UNIT}\b",
    # for years / for decades
    "vague_dur": r"\b(?i:for|over|in|within)\s+(?P<units>(?i:hours|days|weeks|months|years|"
                 r"decades|centuries))\b(?!\s+(?:ago|to\s+come|of|later|earlier))",
    # age expressions are not time expressions: consume them so nothing else matches inside
    "age": r"\b[\w.]+[-‑\s](?i:years?|months?|weeks?|days?)(?:[-‑]|\s+)(?i:olds?)\b",
    "set_every": r"\b(?P<q>(?i:every|each))\s+(?:(?P<other>(?i:other)\s+)|(?P<n>\d+|(?i:two|three|"
                 r"four|five|six|seven|eight|nine|ten|twelve|few))\s+)?(?P<u>(?i:second|minute|hour|"
                 rf"day|night|week|weekend|month|year|decade|morning|afternoon|evening|"
                 rf"{'|'.join(WEEKDAY_NAMES)}))(?i:s)?\b",
    "set_freq": r"\b(?P<f>(?i:once|twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                r"several|many)\s+times))\s+(?i:a|an|per|every|each)\s+(?P<u>(?i:second|minute|"
                r"hour|day|night|week|month|year|decade))\b",
    "set_adv": r"\b(?P<w>(?i:hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|"
               r"annually|yearly|biannually))\b",
    "set_per": r"\b(?P<a>(?i:per|a|an))\s+(?P<u>(?i:hour|day|night|week|month|year))\b"
               r"(?!\s*(?:ago|earlier|later|before|after|or\b))",
    # 3 p.m. / 10:30 am EST / noon Thursday / 0900 GMT
    "clock": rf"\b(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))"
             rf"(?![A-Za-z])|(?P<word>(?i:noon|midday|midnight))\b|(?P<mil>[0-2]\d[0-5]\d)(?=\s*"
             rf"(?:GMT|UTC|Z\b|(?i:local\s+time)))|(?P<h24>[0-2]?\d):(?P<m24>[0-5]\d)(?=\s*(?:GMT|"
             rf"UTC|ET|EST|EDT|CET|BST|(?i:local\s+time|hours|hrs))))"
             rf"{_ZONE}{_DAYREF}",
    "at_clock": r"\b(?i:at|by|around|from|until)\s+(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)\b(?![.:]\d)",
    "oclock": r"\b(?P<h>\d{1,2}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
              r"\s+(?i:o['’]clock)\b",
    # on Thursday / last Friday / Monday night
    "weekday": rf"(?:\b(?P<on>(?i:on))\s+)?\b(?:(?P<rel>(?i:last|this|next|past|coming|early|late))"
               rf"\s+)?{WD}(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?",
    "holiday": r"\b(?P<h>Christmas\s+(?:Day|Eve)|Christmas|New\s+Year['’]s\s+(?:Day|Eve)|"
               r"Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|"
               r"Good\s+Friday|Boxing\s+Day)\b",
}

PATTERNS: dict[str, re.Pattern[str]] = {name: re.compile(src) for name, src in _RAW.items()}

# Crude sentence breaks for callers that give no spans: the tense of "on Monday" is read
# within its own sentence only.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n")
PREV_WORD = re.compile(r"([A-Za-z$£€#%][\w.'’]*|\d[\d,.]*)\W*$")
NEXT_WORD = re.compile(r"^\W{0,2}([A-Za-z][\w'’]*|\d+)")

# Gates: a pattern runs over a sentence only when the sentence has one of these tokens (as cut
# by TOKEN, lower-cased; "#4" stands for any four-digit number). Running all patterns
# everywhere cost ~10 ms per 2.4 kB article; gating makes it ~1 ms.
TOKEN = re.compile(r"[A-Za-z]+\d*|\d+|[/:'’]")
_MONTH_TOKENS = frozenset(m.lower() for m in MONTH_FULL + MONTH_ABBR)
_UNIT_TOKENS = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries",
})
_WEEKDAY_TOKENS = frozenset(w.lower() for w in WEEKDAY_NAMES)
GATES: dict[str, frozenset[str]] = {
    "iso": frozenset({"#4"}), "slash": frozenset({"/"}), "dmy": _MONTH_TOKENS,
    "mdy": _MONTH_TOKENS, "dm": _MONTH_TOKENS, "md": _MONTH_TOKENS, "my": _MONTH_TOKENS,
    "month": _MONTH_TOKENS, "year": frozenset({"#4"}), "decade": frozenset({"s"}),
    "century": frozenset({"century"}), "quarter": frozenset({"quarter", "half"}),
    "qcode": frozenset({"q1", "q2", "q3", "q4", "h1", "h2"}),
    "season": frozenset({"spring", "summer", "autumn", "winter", "fall"}),
    "relday": frozenset({"yesterday", "today", "tomorrow", "tonight"}),
    "pod": frozenset({"morning", "afternoon", "evening", "night"}),
    "ref": frozenset({"now", "currently", "nowadays", "presently", "recently", "lately"}),
    "ref2": frozenset({"days", "future", "past", "present"}),
    "recent": frozenset({"recent", "coming", "upcoming"}),
    "relunit": frozenset({"week", "weekend", "month", "year", "quarter", "decade", "century"}),
    "weekend": frozenset({"weekend"}), "ago": frozenset({"ago"}), "duration": _UNIT_TOKENS,
    "the_unit": _UNIT_TOKENS, "vague_dur": _UNIT_TOKENS, "age": frozenset({"old", "olds"}),
    "set_every": frozenset({"every", "each"}),
    "set_freq": frozenset({"once", "twice", "thrice", "times"}),
    "set_adv": frozenset({"hourly", "daily", "nightly", "weekly", "biweekly", "fortnightly",
                          "monthly", "quarterly", "annually", "yearly", "biannually"}),
    "set_per": frozenset({"hour", "day", "night", "week", "month", "year"}),
    "clock": frozenset({"am", "pm", "m", "noon", "midday", "midnight", "gmt", "utc", "z", "local",
                        "hours", "hrs", "et", "est", "edt", "cet", "bst"}),
    "at_clock": frozenset({"at", "by", "around", "from", "until"}),
    "oclock": frozenset({"clock"}), "weekday": _WEEKDAY_TOKENS,
    "holiday": frozenset({"christmas", "new", "halloween", "valentine", "thanksgiving", "easter",
                          "good", "boxing"}),
}
# Words after which ". " does not end a sentence ("Nov. 20", "Mr. Smith", "10 a.m. Tuesday").
NO_BREAK_AFTER = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt", "prof",
    "no", "vs", "jr", "sr", "inc", "corp", "co", "ltd", "a.m", "p.m", "u.s", "u.k", "u.n", "e.g",
    "i.e", "approx", "est", "fig",
})

# The characters each pattern can start with. A leading lookahead on them lets the regex engine
# skip most positions at once (2-3x faster on news text); tests/timex check that it changes no
# match (test_first_chars_change_nothing).
_MOD0 = "EeMmLlTtBbSsRr"
FIRST: dict[str, str] = {
    "iso": "0-9", "slash": "0-9", "dmy": "MTWFSTt0-9", "mdy": "MTWFSJAOND", "dm": "MTWFSTt0-9",
    "md": "MTWFSJAOND", "my": _MOD0 + "JFASOND", "month": _MOD0 + "NnPpCcJFASOND",
    "year": _MOD0 + "Ff12", "decade": _MOD0 + "12'’", "century": _MOD0 + "0-9",
    "quarter": "TtFfSs1-4", "qcode": "QH", "season": _MOD0 + "NnPpCcAaWwFf", "relday": "TtYy",
    "pod": "TtLl", "ref": "NnCcPpRrLl", "ref2": "TtIiAaPp", "recent": "IiTtRrCcUu",
    "relunit": _MOD0 + "NnPpCc", "weekend": "OoDdAaTtFf",
    "ago": "TtMmLlFfNnAaUuRrJjOoSsEeHhDdWwYy0-9", "duration": "TtMmLlFfNnAaUuRrJjOoSsEeHhDd0-9",
    "the_unit": "Tt", "vague_dur": "FfOoIiWw", "set_every": "Ee",
    "set_freq": "OoTtFfSsEeNnMm0-9", "set_adv": "HhDdNnWwBbFfMmQqAaYy", "set_per": "PpAa",
    "clock": "0-9NnMm", "at_clock": "AaBbFfUu", "oclock": "0-9OoTtFfSsEeNn",
    "weekday": "OoLlTtNnPpCcEeMWFS", "holiday": "CNHVTEGB",
}
FAST_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"(?=[{FIRST[name]}])" + src) if name in FIRST else PATTERNS[name]
    for name, src in _RAW.items()
}
