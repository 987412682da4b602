"""Checks on the fields readers take from their inputs: the text itself and its metadata."""
from __future__ import annotations

import logging
import re
from datetime import date, datetime

log = logging.getLogger(__name__)

# Longest run of non-space characters an article may hold. The longest in news copy are URLs
# (rarely 300 characters); spaCy's tokenizer peels prefixes and suffixes off a run one at a
# time, quadratic in its length: an 84 KB run of "[" found by `bench fuzz` took over 7 CPU
# minutes in the nlp stage.
MAX_RUN_CHARS = 1000
_LONG_RUN = re.compile(r"\S{%d}" % (MAX_RUN_CHARS + 1))

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


def text_problem(text: str) -> str | None:
    """Return why ``text`` cannot be coded as prose (a run of over MAX_RUN_CHARS non-space
    characters: base64, a minified script, a binary dump decoded as text), or None."""
    match = _LONG_RUN.search(text)
    if match is None:
        return None
    end = match.start()
    while end < len(text) and not text[end].isspace():
        end += 1
    return (f"text holds a run of {end - match.start():,} characters without a space at offset {match.start():,} "
            f"(over {MAX_RUN_CHARS:,}): not prose (base64, a script or a dump?)")
