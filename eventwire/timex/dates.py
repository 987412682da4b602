"""Handlers of calendar expressions: full and partial dates, months, years, decades, centuries,
quarters, seasons and holidays."""
from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.timex.anchor import (
    month_period,
    pick_year,
    season_of,
    season_period,
    valid_date,
)
from eventwire.timex.context import (
    COUNT_PREVS,
    MONTH_PREPS,
    RAW_PREV,
    STRONG_YEAR_PREVS,
    TEMPORAL_PREPS,
    Context,
    Hit,
    month_number,
    ymd,
)
from eventwire.timex.lexicon import AMBIGUOUS_MONTHS, ORDINALS, SEASONS, WEEKDAYS


def _resolve_month_day(ctx: Context, m: re.Match[str], month: int, day: int) -> str | None:
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    way = ctx.direction(m.start(), m.end())
    if m.groupdict().get("lead"):  # "Thursday, November 12": the weekday settles the year
        want = WEEKDAYS[m.group("lead").lower()]
        for year in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            found = valid_date(year, month, day)
            if found and found.isoweekday() == want:
                return ymd(found)

    def period(year: int) -> tuple[date, date] | None:
        found = valid_date(year, month, day)
        return (found, found) if found else None

    year = pick_year(period, ctx.dct, way)
    return None if year is None else f"{year}-{month:02d}-{day:02d}"




def h_iso(m: re.Match[str], ctx: Context) -> Hit | None:
    day = valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"]:
        return Hit(m.start(), m.end(), "TIME", f"{day.isoformat()}T{m['H']}:{m['M']}")
    return Hit(m.start(), m.end(), "DATE", day.isoformat())


def h_slash(m: re.Match[str], ctx: Context) -> Hit | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)
    found = valid_date(year, month, day)
    return Hit(m.start(), m.end(), "DATE", found.isoformat()) if found else None


def h_full(m: re.Match[str], ctx: Context) -> Hit | None:
    found = valid_date(int(m["year"]), month_number(m["mon"]), int(m["day"]))
    return Hit(m.start(), m.end(), "DATE", found.isoformat()) if found else None


def h_month_day(m: re.Match[str], ctx: Context) -> Hit | None:
    month, day = month_number(m["mon"]), int(m["day"])
    if not 1 <= day <= 31 or valid_date(2000, month, day) is None:
        return None
    if m["mon"].lower() in AMBIGUOUS_MONTHS and m.start("mon") == m.start():
        # "May 5" is a date, but "Theresa May 5 ..." is not: refuse right after a name
        before = RAW_PREV.search(ctx.text, max(ctx.sent_start, m.start() - 30), m.start())
        if before and before.group(1)[:1].isupper() and before.group(1).isalpha() and \
                before.group(1).lower() not in TEMPORAL_PREPS:
            return None
    value = _resolve_month_day(ctx, m, month, day)
    return Hit(m.start(), m.end(), "DATE", value) if value else None


def h_month_year(m: re.Match[str], ctx: Context) -> Hit | None:
    return Hit(m.start(), m.end(), "DATE", f"{int(m['year']):04d}-{month_number(m['mon']):02d}")


def h_month(m: re.Match[str], ctx: Context) -> Hit | None:
    name = m["mon"]
    month = month_number(name)
    rel = (m["rel"] or "").lower()
    if name.lower() in AMBIGUOUS_MONTHS and not (m["mod"] or rel):
        if ctx.prev_word(m.start()) not in MONTH_PREPS:
            return None
        if name == "May" and ctx.next_word(m.end()).lower() in ("i", "we", "you", "god"):
            return None
    if ctx.dct is None:
        return Hit(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")
    dct = ctx.dct
    if m["yrel"]:
        year = dct.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    elif rel in ("last", "past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = pick_year(lambda y: month_period(y, month), dct, ctx.direction(m.start(), m.end()))
    return Hit(m.start(), m.end(), "DATE", f"{year}-{month:02d}")


def h_year(m: re.Match[str], ctx: Context) -> Hit | None:
    year = int(m["year"])
    hit = Hit(m.start(), m.end(), "DATE", str(year))
    if m["mod"] or m["fiscal"]:
        return hit
    before = ctx.text[max(0, m.start() - 1):m.start()]
    if before in ("-", "/", "$", "£", "€", "#", "+", "."):
        return None
    prev = ctx.prev_word(m.start())
    after = ctx.next_word(m.end())
    counted = after[:1].islower() and after.endswith("s") and not after.endswith("'s")
    round_year = year % 100 == 0 or year < 1800
    if prev in STRONG_YEAR_PREVS:
        return None if (round_year and counted) else hit
    if prev in COUNT_PREVS and prev != "of":
        return None
    if round_year:
        return hit if (prev in TEMPORAL_PREPS and not after[:1].islower()) else None
    if prev == "of" and counted:
        return None
    if prev and prev[0].isdigit():
        return None
    return hit


def h_decade(m: re.Match[str], ctx: Context) -> Hit | None:
    if m["dec"]:
        value = m["dec"][:3]
    else:
        digit = int(m["dec2"])
        this_decade = (ctx.dct.year if ctx.dct else 2020) % 100 // 10
        value = f"{'20' if digit <= this_decade else '19'}{digit}"
    return Hit(m.start(), m.end(), "DATE", value)


def h_century(m: re.Match[str], ctx: Context) -> Hit | None:
    number = int(m["n"])
    return Hit(m.start(), m.end(), "DATE", f"{number - 1:02d}") if 1 <= number <= 21 else None


def _quarter_value(ctx: Context, m: re.Match[str], unit: str, index: int, year: int | None) -> str:
    code = ("Q" if unit == "quarter" else "H") + str(index)
    if year is not None:
        return f"{year}-{code}"
    if ctx.dct is None:
        return f"XXXX-{code}"
    months = 3 if unit == "quarter" else 6

    def period(y: int) -> tuple[date, date]:
        first = month_period(y, (index - 1) * months + 1)[0]
        return first, month_period(y, index * months)[1]

    return f"{pick_year(period, ctx.dct, ctx.direction(m.start(), m.end()) or -1)}-{code}"


def h_quarter(m: re.Match[str], ctx: Context) -> Hit | None:
    unit = m["unit"].lower()
    ordinal = m["ord"].lower()
    index = ORDINALS.get(ordinal, 4 if unit == "quarter" else 2)
    if unit == "half" and index > 2:
        return None
    year: int | None = int(m["year"]) if m["year"] else None
    if m["yrel"] and ctx.dct is not None:
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    if ordinal == "final" and year is None:
        return None
    return Hit(m.start(), m.end(), "DATE", _quarter_value(ctx, m, unit, index, year))


def h_qcode(m: re.Match[str], ctx: Context) -> Hit | None:
    unit = "quarter" if m["q"][0] == "Q" else "half"
    year = int(m["year"]) if m["year"] else (2000 + int(m["yy"]) if m["yy"] else None)
    return Hit(m.start(), m.end(), "DATE", _quarter_value(ctx, m, unit, int(m["q"][1]), year))


def h_season(m: re.Match[str], ctx: Context) -> Hit | None:
    word = m["s"].lower()
    code = SEASONS[word]
    rel = (m["rel"] or "").lower()
    if m["year"]:
        return Hit(m.start(), m.end(), "DATE", f"{m['year']}-{code}")
    prev = ctx.prev_word(m.start())
    if not (rel or m["mod"]):
        if word == "fall" or prev not in ("the", "this", "in", "during", "until", "since"):
            return None
        if prev == "the" and ctx.next_word(m.end()).lower() == "of":
            return None
    if ctx.dct is None:
        return Hit(m.start(), m.end(), "DATE", f"XXXX-{code}")
    now_year, now_code = season_of(ctx.dct)
    if rel == "this" or (not rel and code == now_code):
        year = ctx.dct.year if code != "WI" else now_year if now_code == "WI" else ctx.dct.year
    elif rel in ("last", "past"):
        year = max(y for y in range(ctx.dct.year - 2, ctx.dct.year + 1)
                   if season_period(y, code)[1] < ctx.dct)
    elif rel in ("next", "coming"):
        year = min(y for y in range(ctx.dct.year - 1, ctx.dct.year + 2)
                   if season_period(y, code)[0] > ctx.dct)
    else:
        year = pick_year(lambda y: season_period(y, code), ctx.dct,
                         ctx.direction(m.start(), m.end()))
    return Hit(m.start(), m.end(), "DATE", f"{year}-{code}")



def _easter(year: int) -> date:
    """Return Easter Sunday (Gregorian computus, Meeus/Jones/Butcher form)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    month, day = divmod(h + ell - 7 * ((a + 11 * h + 22 * ell) // 451) + 114, 31)
    return date(year, month, day + 1)


def _holiday_date(name: str, year: int) -> date:
    if name.startswith("easter"):
        return _easter(year)
    if name.startswith("good"):
        return _easter(year) - timedelta(days=2)
    if name.startswith("thanksgiving"):  # fourth Thursday of November (US)
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
             "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
             "valentine's day": (2, 14), "boxing day": (12, 26)}[name]
    return date(year, *fixed)


def h_holiday(m: re.Match[str], ctx: Context) -> Hit | None:
    name = " ".join(m["h"].lower().replace("’", "'").split())
    if ctx.dct is None:
        if name.startswith(("easter", "good", "thanksgiving")):
            return None
        return Hit(m.start(), m.end(), "DATE", "XXXX" + _holiday_date(name, 2001).isoformat()[4:])
    year = pick_year(lambda y: (_holiday_date(name, y),) * 2, ctx.dct,
                     ctx.direction(m.start(), m.end()))
    return Hit(m.start(), m.end(), "DATE", _holiday_date(name, year or ctx.dct.year).isoformat())


# Pattern name -> handler. On overlap the longer match wins; at equal length, the earlier entry.
