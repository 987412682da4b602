"""Find time expressions in text and give them TimeML values resolved against the DCT.

``find_timexes`` runs every pattern of ``patterns.py`` over each span (a sentence, a
paragraph or the whole text), turns each match into a candidate through its handler, and keeps
the longest of overlapping candidates. Handlers decide whether a match is a time expression
at all ("May" the month, "2000" the year) and compute its value; ``anchor.py`` holds the
calendar arithmetic and the tense heuristics. Spans follow the seed gold: a weekday keeps its
"on" ("on Thursday") and "in recent weeks" keeps its "in"; other prepositions stay outside.
"""
from __future__ import annotations

import re

from eventwire.model.records import Timex
from eventwire.timex.anchor import parse_dct
from eventwire.timex.context import Context, Handler, Hit
from eventwire.timex.dates import (
    h_century,
    h_decade,
    h_full,
    h_holiday,
    h_iso,
    h_month,
    h_month_day,
    h_month_year,
    h_qcode,
    h_quarter,
    h_season,
    h_slash,
    h_year,
)
from eventwire.timex.patterns import FAST_PATTERNS, GATES, NO_BREAK_AFTER, SENTENCE_BREAK, TOKEN
from eventwire.timex.relative import (
    h_age,
    h_ago,
    h_at_clock,
    h_clock,
    h_duration,
    h_oclock,
    h_pod,
    h_recent,
    h_ref,
    h_ref2,
    h_relday,
    h_relunit,
    h_set_adv,
    h_set_every,
    h_set_freq,
    h_set_per,
    h_the_unit,
    h_vague_dur,
    h_weekday,
    h_weekend,
)

HANDLERS: dict[str, Handler] = {
    "age": h_age, "iso": h_iso, "slash": h_slash, "dmy": h_full, "mdy": h_full,
    "clock": h_clock, "at_clock": h_at_clock, "oclock": h_oclock,
    "dm": h_month_day, "md": h_month_day, "my": h_month_year, "quarter": h_quarter,
    "qcode": h_qcode, "decade": h_decade, "century": h_century, "relday": h_relday,
    "pod": h_pod, "relunit": h_relunit, "weekend": h_weekend, "ago": h_ago,
    "set_every": h_set_every, "set_freq": h_set_freq, "set_adv": h_set_adv,
    "set_per": h_set_per, "the_unit": h_the_unit, "duration": h_duration,
    "vague_dur": h_vague_dur, "recent": h_recent, "ref2": h_ref2, "ref": h_ref,
    "season": h_season, "holiday": h_holiday, "month": h_month, "year": h_year,
    "weekday": h_weekday,
}
_ORDER = {name: rank for rank, name in enumerate(HANDLERS)}
_COMPILED = [(name, FAST_PATTERNS[name], HANDLERS[name], GATES[name]) for name in HANDLERS]


_ABBREV_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at sentence ends and line breaks (a cheap stand-in for spaCy)."""
    pieces, last = [], start
    for brk in SENTENCE_BREAK.finditer(text, start, end):
        if text[brk.start() - 1:brk.start()] == ".":
            word = _ABBREV_BEFORE.search(text, max(start, brk.start() - 8), brk.start())
            if word and word.group(1).lower() in NO_BREAK_AFTER:
                continue
        if brk.start() > last:
            pieces.append((last, brk.start()))
        last = brk.end()
    if last < end:
        pieces.append((last, end))
    return pieces


def _tokens(text: str, start: int, end: int) -> set[str]:
    """Return the gate tokens of ``text[start:end]`` (see ``patterns.GATES``)."""
    found = set()
    for token in TOKEN.findall(text, start, end):
        if token.isdigit():
            found.add("#4" if len(token) == 4 else "#")
        else:
            found.add(token.lower())
    return found


def find_timexes(
    text: str,
    published: str | None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Timex]:
    """Return the time expressions of ``text`` with TimeML values resolved against ``published``.

    ``published`` is the DCT as an ISO date or datetime; without it relative expressions keep an
    underspecified value ("XXXX-10-29", "XXXX-WXX-4", "PRESENT_REF"). With ``spans`` only
    expressions inside one of them are returned, and the tense of "on Monday" is read within
    its span; without, the text is cut into sentences here. Pure: no IO, no global state.
    """
    dct, _ = parse_dct(published)
    regions = spans if spans is not None else _sentences(text, 0, len(text))
    found: list[tuple[int, int, Hit]] = []
    for region_start, region_end in regions:
        region_start, region_end = max(0, region_start), min(len(text), region_end)
        if region_end <= region_start:
            continue
        tokens = _tokens(text, region_start, region_end)
        ctx = Context(text, dct, region_start, region_end)
        for name, pattern, handler, gate in _COMPILED:
            if gate.isdisjoint(tokens):
                continue
            for match in pattern.finditer(text, region_start, region_end):
                hit = handler(match, ctx)
                if hit is not None and hit.end > hit.start:
                    found.append((hit.start - hit.end, _ORDER[name], hit))
    # Blockers (ages) first, whatever their length, then the longest match.
    found.sort(key=lambda item: (item[2].type is not None, item[0], item[1], item[2].start))
    taken: list[Hit] = []
    for _, _, hit in found:
        if all(hit.end <= other.start or hit.start >= other.end for other in taken):
            taken.append(hit)
    taken.sort(key=lambda hit: hit.start)
    return [
        Timex(start=h.start, end=h.end, text=text[h.start:h.end], type=h.type, value=h.value)
        for h in taken if h.type is not None
    ]
