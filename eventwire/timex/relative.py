"""Handlers of expressions relative to the DCT or to nothing: days, parts of the day, weeks,
"last month", "two years ago", durations, sets, clock times and weekdays."""
from __future__ import annotations

import re
from datetime import timedelta

from eventwire.timex.anchor import shift_month, week_value, weekday_date
from eventwire.timex.context import (
    MODALS,
    NOT_PLURAL,
    Context,
    Hit,
    duration_value,
    num_value,
    ymd,
)
from eventwire.timex.lexicon import NUMBER_WORDS, PARTS_OF_DAY, REF_WORDS, SET_WORDS, WEEKDAYS


def _day_value(ctx: Context, offset: int) -> str | None:
    return ymd(ctx.dct + timedelta(days=offset)) if ctx.dct else None


def h_relday(m: re.Match[str], ctx: Context) -> Hit | None:
    word = " ".join(m["w"].lower().split())
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    day = _day_value(ctx, offset)
    if day is None:
        day = "PRESENT_REF" if offset == 0 and not pod else (
            "XXXX-XX-XX" if pod else ("PAST_REF" if offset < 0 else "FUTURE_REF"))
    return Hit(m.start(), m.end(), "TIME" if pod else "DATE", f"{day}T{pod}" if pod else day)


def h_pod(m: re.Match[str], ctx: Context) -> Hit | None:
    offset = -1 if m["rel"].lower() == "last" and m["pod"].lower() in ("night", "evening") else 0
    day = _day_value(ctx, offset) or "XXXX-XX-XX"
    return Hit(m.start(), m.end(), "TIME", f"{day}T{PARTS_OF_DAY[m['pod'].lower()]}")


def h_ref(m: re.Match[str], ctx: Context) -> Hit | None:
    return Hit(m.start(), m.end(), "DATE", REF_WORDS[m["w"].lower()])


def h_ref2(m: re.Match[str], ctx: Context) -> Hit | None:
    words = m["w"].lower()
    value = "FUTURE_REF" if "future" in words else "PAST_REF" if "past" in words else "PRESENT_REF"
    return Hit(m.start(), m.end(), "DATE", value)


def h_recent(m: re.Match[str], ctx: Context) -> Hit | None:
    value = "PAST_REF" if m["adj"].lower() == "recent" else "FUTURE_REF"
    return Hit(m.start(), m.end(), "DATE", value)


def _relative_unit(ctx: Context, rel: str, unit: str) -> str:
    step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "this": 0, "current": 0,
            "next": 1, "coming": 1}[rel]
    dct = ctx.dct
    if dct is None:
        return {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step]
    if unit in ("week", "weekend"):
        value = week_value(dct + timedelta(weeks=step))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        year, month = shift_month(dct.year, dct.month, step)
        return f"{year}-{month:02d}"
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + step
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return str(dct.year // 10 + step)
    if unit == "century":
        return f"{dct.year // 100 + step:02d}"
    return str(dct.year + step)


def h_relunit(m: re.Match[str], ctx: Context) -> Hit | None:
    rel = " ".join(m["rel"].lower().split())
    return Hit(m.start(), m.end(), "DATE", _relative_unit(ctx, rel, m["u"].lower()))


def h_weekend(m: re.Match[str], ctx: Context) -> Hit | None:
    start = m.start("the")
    if ctx.dct is None:
        return Hit(start, m.end(), "DATE", "XXXX-WXX-WE")
    way = ctx.direction(start, m.end())
    day = ctx.dct
    if day.isoweekday() < 6:
        day = day + timedelta(days=6 - day.isoweekday()) if way > 0 else \
            day - timedelta(days=day.isoweekday() + 1)
    return Hit(start, m.end(), "DATE", week_value(day) + "-WE")


def h_ago(m: re.Match[str], ctx: Context) -> Hit | None:
    number = num_value(m["num"], m["half"]) if m["num"] else "X"
    unit = (m["unit"] or m["units"] or "").lower().rstrip("s")
    if number in (None, "X") or "." in number or ctx.dct is None:
        return Hit(m.start(), m.end(), "DATE", "PAST_REF")
    n, dct = int(number), ctx.dct
    if unit in ("second", "minute", "hour"):
        return Hit(m.start(), m.end(), "DATE", "PAST_REF")
    if unit == "day":
        value = ymd(dct - timedelta(days=n))
    elif unit == "week":
        value = week_value(dct - timedelta(weeks=n))
    elif unit == "month":
        year, month = shift_month(dct.year, dct.month, -n)
        value = f"{year}-{month:02d}"
    elif unit == "year":
        value = str(dct.year - n)
    elif unit == "decade":
        value = str(dct.year // 10 - n)
    else:
        value = f"{dct.year // 100 - n:02d}"
    return Hit(m.start(), m.end(), "DATE", value)


def h_duration(m: re.Match[str], ctx: Context) -> Hit | None:
    raw = m["num"].lower()
    unit = m["unit"].lower()
    if raw in ("a", "an", "some") and unit in ("second", "minute"):
        return None  # "a second attack", "some minute detail"
    if raw in ("some", "one") and not m["pl"] and unit == "day" and (
            raw == "some" or ctx.prev_word(m.start()) in MODALS or ctx.prev_word(m.start()) == ""):
        return None  # "some day", "would one day hurt": an indefinite future, not a length
    number = num_value(m["num"], m["half"])
    if number is None or (number != "X" and float(number) > 1000):
        return None
    value = duration_value(number, unit)
    return Hit(m.start(), m.end(), "DURATION", value) if value else None


def h_the_unit(m: re.Match[str], ctx: Context) -> Hit | None:
    if m["unit"].lower() == "day" and m["rel"].lower() not in ("past", "last", "coming"):
        return None  # "the next day", "the previous day": a date relative to an unknown anchor
    value = duration_value("1", m["unit"])
    return Hit(m.start(), m.end(), "DURATION", value) if value else None


def h_vague_dur(m: re.Match[str], ctx: Context) -> Hit | None:
    value = duration_value("X", m["units"])
    return Hit(m.start("units"), m.end(), "DURATION", value) if value else None


def h_age(m: re.Match[str], ctx: Context) -> Hit | None:
    return Hit(m.start(), m.end(), None, "")


def _set_unit(word: str) -> str | None:
    word = word.lower()
    if word in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[word]}"
    if word in PARTS_OF_DAY:
        return f"XXXX-XX-XXT{PARTS_OF_DAY[word]}"
    if word == "weekend":
        return "XXXX-WXX-WE"
    if word == "night":
        return "P1D"
    return duration_value("1", word)


def h_set_every(m: re.Match[str], ctx: Context) -> Hit | None:
    value = _set_unit(m["u"])
    if value and value.startswith("P") and (m["other"] or m["n"]):
        number = "2" if m["other"] else num_value(m["n"])
        value = duration_value(number or "X", m["u"])
    return Hit(m.start(), m.end(), "SET", value) if value else None


def h_set_freq(m: re.Match[str], ctx: Context) -> Hit | None:
    value = _set_unit(m["u"])
    return Hit(m.start(), m.end(), "SET", value) if value else None


def h_set_adv(m: re.Match[str], ctx: Context) -> Hit | None:
    if m["w"][0].isupper() and ctx.prev_word(m.start()):
        return None  # "The Daily Beast": a name, not a frequency
    return Hit(m.start(), m.end(), "SET", SET_WORDS[m["w"].lower()])


def h_set_per(m: re.Match[str], ctx: Context) -> Hit | None:
    if m["a"].lower() != "per":
        prev = ctx.prev_word(m.start())
        if not (prev[:1].isdigit() or prev[:1] in "$£€" or prev in (
                "million", "billion", "trillion", "thousand", "hundred", "percent", "%", "times",
                "dollars", "euros", "pounds", "cents", "once", "twice", "thrice")
                or (prev.endswith("s") and len(prev) > 3 and prev[-2:] not in ("ss", "us")
                    and prev not in NOT_PLURAL)):
            return None
    value = _set_unit(m["u"])
    return Hit(m.start(), m.end(), "SET", value) if value else None


def _clock_value(ctx: Context, m: re.Match[str], hour: int, minute: int) -> str | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    groups = m.groupdict()
    day: str | None = None
    if groups.get("wd"):
        if ctx.dct:
            way = ctx.direction(m.start(), m.end())
            day = ymd(weekday_date(ctx.dct, WEEKDAYS[m["wd"].lower()], way, None))
        else:
            day = "XXXX-XX-XX"
    elif groups.get("rday"):
        day = _day_value(ctx, {"yesterday": -1, "today": 0, "tomorrow": 1}[m["rday"].lower()])
    if day is None:
        day = ymd(ctx.dct) if ctx.dct else "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute:02d}"


def h_clock(m: re.Match[str], ctx: Context) -> Hit | None:
    if m["word"]:
        word = m["word"].lower()
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    elif m["mil"]:
        hour, minute = int(m["mil"][:2]), int(m["mil"][2:])
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= hour <= 12:
            return None
        if m["ap"].lower().startswith("p") and hour != 12:
            hour += 12
        elif m["ap"].lower().startswith("a") and hour == 12:
            hour = 0
    value = _clock_value(ctx, m, hour, minute)
    return Hit(m.start(), m.end(), "TIME", value) if value else None


def h_at_clock(m: re.Match[str], ctx: Context) -> Hit | None:
    value = _clock_value(ctx, m, int(m["h"]), int(m["mi"]))
    return Hit(m.start("h"), m.end(), "TIME", value) if value else None


def h_oclock(m: re.Match[str], ctx: Context) -> Hit | None:
    raw = m["h"].lower()
    hour = int(raw) if raw.isdigit() else int(NUMBER_WORDS[raw])
    value = _clock_value(ctx, m, hour, 0)
    return Hit(m.start(), m.end(), "TIME", value) if value else None


def h_weekday(m: re.Match[str], ctx: Context) -> Hit | None:
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    start = m.start() if (m["on"] and not rel) else m.start("rel") if rel else m.start("wd")
    if ctx.dct is None:
        day = f"XXXX-WXX-{weekday}"
    else:
        relation = rel if rel in ("last", "this", "next", "past", "coming") else None
        way = ctx.direction(start, m.end())
        day = ymd(weekday_date(ctx.dct, weekday, way, relation))
    if m["pod"]:
        stem = day if ctx.dct else "XXXX-XX-XX"
        return Hit(start, m.end(), "TIME", f"{stem}T{PARTS_OF_DAY[m['pod'].lower()]}")
    return Hit(start, m.end(), "DATE", day)


