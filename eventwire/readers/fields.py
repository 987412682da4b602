"""Checks on the metadata fields readers take from their inputs."""
from __future__ import annotations

import logging
import re
from datetime import date, datetime

log = logging.getLogger(__name__)

# ISO 8601 as the schema writes publication dates: a year, a month, a day, or a timestamp.
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def iso_published(value: str | None, where: str) -> str | None:
    """Return ``value`` if it is an ISO date or timestamp that exists, else None (with a warning).

    A JSONL field may hold anything ("yesterday", "9999-99-99", 20240314); the stages read the
    publication date as ISO, so a value that is not one is dropped here rather than passed on.
    The article is still coded, dated by its dateline if it has one.
    """
    if value is None:
        return None
    text = value.strip()
    match = _ISO_PREFIX.fullmatch(text[:10])
    ok = match is not None and _exists(text, match)
    if not ok:
        log.warning("%s: published %r is not an ISO date (YYYY-MM-DD); ignored", where, value[:40])
        return None
    return text


def _exists(text: str, match: re.Match[str]) -> bool:
    try:
        if match.group(2):
            date.fromisoformat(text[:10])
            if len(text) > 10:
                datetime.fromisoformat(text.replace("Z", "+00:00"))
        elif match.group(1):
            date.fromisoformat(text[:7] + "-01")
            return len(text) == 7
        else:
            return len(text) == 4 and text != "0000"
    except ValueError:
        return False
    return True
