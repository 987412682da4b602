"""Calendar arithmetic against the document creation time (DCT), and the tense of a context.

Relative expressions ("on Thursday", "October 29", "in March", "last summer") are resolved
here. The conventions, chosen for news:

* A weekday is the DCT itself when the DCT falls on it ("said on Thursday" in a Thursday story);
  otherwise the most recent past one, or the next one when the sentence looks ahead
  ("will meet on Monday", "is scheduled for Monday").
* A month-day or month without a year takes the year that puts it before the DCT in a
  past-tense sentence and after it in a future one. With no tense cue it takes the DCT's year
  unless that lands more than ``NEAR_FUTURE_DAYS`` after the DCT (then the previous year: news
  mostly reports the past) or more than ``FAR_PAST_DAYS`` before it (then the next year:
  "January 3" in a late-December story).
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, timedelta

from eventwire.timex.lexicon import FUTURE_CUES, FUTURE_ED, PAST_CUES, SEASON_MONTH

# A date stated without a year lands at most this far after the DCT when nothing in the sentence
# says it lies ahead (a conference "on December 5" announced on November 12).
NEAR_FUTURE_DAYS = 60
# ...and at most this far before it (past that, the reader means the coming year).
FAR_PAST_DAYS = 300
# Tense cues further than this from the expression (in characters) are ignored: they belong
# to another clause. Set on the seed and hand-written sentences, not on a benchmark.
CUE_WINDOW = 90

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_NOT_PAST_ED = frozenset({
    "hundred", "need", "indeed", "speed", "feed", "seed", "bed", "red", "shed", "breed",
    "proceed", "succeed", "exceed", "wed", "embed", "greed", "weed", "deed", "steed", "bleed",
})

Period = tuple[date, date]  # first and last day


def parse_dct(published: str | None) -> tuple[date | None, str | None]:
    """Return the DCT's date and its ``HH:MM`` time (or None) from an ISO date or datetime."""
    if not published:
        return None, None
    text = published.strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None, None
    clock = None
    if len(text) > 10 and text[10] in "T ":
        try:
            stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
            clock = f"{stamp.hour:02d}:{stamp.minute:02d}"
        except ValueError:
            clock = None
    return day, clock


def valid_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist (February 30)."""
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def month_period(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def season_period(year: int, code: str) -> Period:
    """Return the months of a season; winter ``YYYY-WI`` runs from December YYYY into YYYY+1."""
    start = SEASON_MONTH[code]
    first = date(year, start, 1)
    last_month = start + 2
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    return first, date(last_year, last_month, monthrange(last_year, last_month)[1])


def season_of(day: date) -> tuple[int, str]:
    """Return the (year, code) of the season ``day`` falls in (meteorological seasons)."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, {3: "SP", 6: "SU", 9: "FA"}[(day.month - 3) // 3 * 3 + 3]


def quarter_period(year: int, quarter: int) -> Period:
    return month_period(year, quarter * 3 - 2)[0], month_period(year, quarter * 3)[1]


def pick_year(period: Callable[[int], Period | None], dct: date, direction: int) -> int | None:
    """Return the year that places a yearless period relative to ``dct`` (module docstring)."""
    years = [y for y in (dct.year - 1, dct.year, dct.year + 1) if period(y) is not None]
    if not years:
        return None
    spans = {y: period(y) for y in years}
    if direction < 0:
        past = [y for y in years if spans[y][0] <= dct]  # type: ignore[index]
        return max(past) if past else min(years)
    if direction > 0:
        ahead = [y for y in years if spans[y][1] >= dct]  # type: ignore[index]
        return min(ahead) if ahead else max(years)
    year = dct.year if dct.year in spans else years[0]
    start, end = spans[year]  # type: ignore[misc]
    if start > dct + timedelta(days=NEAR_FUTURE_DAYS) and year - 1 in spans:
        return year - 1
    if end < dct - timedelta(days=FAR_PAST_DAYS) and year + 1 in spans:
        return year + 1
    return year


def weekday_date(dct: date, weekday: int, direction: int, relation: str | None) -> date:
    """Return the date of an ISO ``weekday`` named in a story dated ``dct``.

    ``relation`` is the word before the name: "last", "next", "this" (same ISO week), "coming",
    "past", or None.
    """
    if relation == "this":
        return dct + timedelta(days=weekday - dct.isoweekday())
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if relation in ("last", "past"):
        return dct - timedelta(days=back or 7)
    if relation in ("next", "coming"):
        return dct + timedelta(days=ahead or 7)
    if back == 0:
        return dct
    if direction > 0:
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def direction(context: str, start: int, end: int) -> int:
    """Return +1 when the words around ``context[start:end]`` look ahead, -1 back, 0 unknown.

    The nearest tense cue of the expression's own clause (between commas, semicolons, dashes or
    brackets) wins: "who took office in January, will travel in April" puts January in the past
    and April ahead. A clause without a cue ("On Monday, officials said") defers to the nearest
    cue within ``CUE_WINDOW`` characters.
    """
    lo = max(0, start - CUE_WINDOW)
    hi = min(len(context), end + CUE_WINDOW)
    clause_lo = max((context.rfind(mark, lo, start) for mark in _CLAUSE_MARKS), default=-1) + 1
    after = [i for i in (context.find(mark, end, hi) for mark in _CLAUSE_MARKS) if i >= 0]
    clause_hi = min(after) if after else hi
    return _nearest_cue(context, start, end, clause_lo, clause_hi) or \
        _nearest_cue(context, start, end, lo, hi)


_CLAUSE_MARKS = (",", ";", ":", "(", ")", " - ", "—", "–", "\"", "“", "”")


def _nearest_cue(context: str, start: int, end: int, lo: int, hi: int) -> int:
    best: tuple[int, int] | None = None
    for match in _WORD.finditer(context, max(lo, 0), hi):
        if start <= match.start() < end:
            continue
        word = match.group().lower()
        if word in FUTURE_CUES or word in FUTURE_ED:
            sign = 1
        elif word in PAST_CUES or (
            word.endswith("ed") and len(word) > 4 and match.group()[0].islower()
            and word not in _NOT_PAST_ED
        ):
            sign = -1
        else:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, sign)
    return best[1] if best else 0
