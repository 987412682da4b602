"""Time expressions: find TIMEX3-like dates, times, durations and sets, with TimeML values.

``find_timexes`` is the rule-based recognizer and normalizer (``rules.py``); ``parse_date``
turns a dateline fragment into an ISO date for the readers.
"""
from __future__ import annotations

import logging
import re

from eventwire.timex.anchor import parse_dct
from eventwire.timex.rules import find_timexes

__all__ = ["find_timexes", "parse_date"]

log = logging.getLogger(__name__)
_FULL_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)")


def parse_date(text: str, reference: str | None = None) -> str | None:
    """Return the ISO date (``YYYY-MM-DD``) a dateline fragment names, or None.

    ``text`` is a fragment such as "12th November, 2020", "Nov. 12, 2020 09:30 GMT" or
    "March 3"; a yearless or relative one ("March 3", "Thursday") needs ``reference`` (an ISO
    date or datetime) and is resolved as a past-or-same date. Our rules run first; dateparser
    (slow to import and to run) is the fallback for formats they do not know.
    """
    text = text.strip()
    if not text:
        return None
    for timex in find_timexes(text, reference):
        found = _FULL_DATE.match(timex.value)
        if found and timex.type in ("DATE", "TIME"):
            return found.group(1)
    return _parse_with_dateparser(text, reference)


def _parse_with_dateparser(text: str, reference: str | None) -> str | None:
    import dateparser  # imported here: it takes about a second and most callers never need it

    base, _ = parse_dct(reference)
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12)
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as err:  # dateparser raises these on odd input
        log.debug("dateparser could not read %r: %s", text, err)
        return None
    return parsed.date().isoformat() if parsed else None
