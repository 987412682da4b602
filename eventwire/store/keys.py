"""Stable identifiers derived from record content: corpus actors and global event ids.

Until an actor registry links mentions across articles, one actor of the corpus is one
(normalized name, CAMEO code) pair: "Amina Odhiambo" coded KENGOV in two articles is the same
actor, "Kenya" (KENGOV) and "Kenyan Foreign Ministry" (KENGOV) are two. The key is a short hash so
that it is URL-safe and the same in every store and on every machine.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")

# Separates article id and event id in a global event id. Event ids within an article ("e1")
# never contain it; article ids may (a WARC record id, a path), so split on the last one.
EVENT_UID_SEPARATOR = "/"


def normalize_name(name: str) -> str:
    """Return ``name`` case-folded, accents kept, whitespace collapsed (the key's name part)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", name)).strip().casefold()


def actor_key(name: str, code: str | None) -> str:
    """Return the 16-hex-digit corpus key of the actor called ``name`` with CAMEO ``code``."""
    material = f"{normalize_name(name)}\t{(code or '').strip().upper()}"
    return hashlib.sha1(material.encode("utf-8")).hexdigest()[:16]


def event_uid(article_id: str, event_id: str) -> str:
    """Return the global id of event ``event_id`` of article ``article_id`` ("<article>/<event>")."""
    return f"{article_id}{EVENT_UID_SEPARATOR}{event_id}"


def split_event_uid(uid: str) -> tuple[str, str] | None:
    """Return (article_id, event_id) of a global event id, or None when it has no separator."""
    article_id, sep, event_id = uid.rpartition(EVENT_UID_SEPARATOR)
    if not sep or not article_id or not event_id:
        return None
    return article_id, event_id


def event_number(article_id: str, event_id: str) -> int:
    """Return a positive 60-bit integer id of the event (GDELT's GlobalEventId is an int64)."""
    digest = hashlib.sha1(event_uid(article_id, event_id).encode("utf-8")).hexdigest()
    return int(digest[:15], 16)


__all__ = ["actor_key", "event_number", "event_uid", "normalize_name", "split_event_uid"]
