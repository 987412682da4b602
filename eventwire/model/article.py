"""The input side: an article as a reader yields it, before any analysis."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``text`` is verbatim: output offsets refer to it."""

    text: str
    id: str | None = None
    source: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None

    def content_id(self) -> str:
        """Return the caller's id, or the sha1 of the whitespace-normalized text."""
        if self.id:
            return self.id
        return text_hash(self.text)


@dataclass(frozen=True, slots=True)
class RejectedInput:
    """An input that could not be read or coded, kept with its reason (never dropped)."""

    source: str | None
    stage: str
    reason: str
    id: str | None = None

    def content_id(self) -> str:
        return self.id or hashlib.sha1((self.source or "") .encode() + self.reason.encode()).hexdigest()


def text_hash(text: str) -> str:
    """Return the sha1 hex digest of ``text`` with whitespace runs folded to one space."""
    normalized = " ".join(text.split())
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()
