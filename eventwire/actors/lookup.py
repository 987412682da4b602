"""Find which actor a stretch of text refers to, through its (coreferent) mentions."""
from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from operator import is_

from eventwire.model import Actor, Document


class _MentionIndex:
    """The mentions of a document's actors sorted by start, as (start, end, actor position,
    mention position), with the actors they were read from.

    The coder asks which actor is at an offset thousands of times per 100 articles while it
    adds and replaces actors: the index follows ``doc.actors`` by identity, taking in appended
    and replaced actors as they come. An actor is replaced (``model_copy``), never edited in
    place, after the actors stage."""

    __slots__ = ("doc", "actors", "entries", "longest")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.actors: list[Actor] = list(doc.actors)
        self.entries = sorted((m.start, m.end, pos, k) for pos, actor in enumerate(self.actors)
                              for k, m in enumerate(actor.mentions))
        self.longest = max((e - s for s, e, _pos, _k in self.entries), default=0)

    def _add(self, pos: int, actor: Actor) -> None:
        for k, m in enumerate(actor.mentions):
            insort(self.entries, (m.start, m.end, pos, k))
            self.longest = max(self.longest, m.end - m.start)

    def current(self, doc: Document) -> bool:
        """True when the index describes ``doc.actors``, after taking in the actors appended or
        replaced since it was last asked (False: build it anew)."""
        known, actors = self.actors, doc.actors
        n = len(known)
        if self.doc is not doc or len(actors) < n:
            return False
        if not all(map(is_, actors, known)):
            for pos in range(n):
                if actors[pos] is not known[pos]:
                    self.entries = [e for e in self.entries if e[2] != pos]
                    known[pos] = actors[pos]
                    self._add(pos, actors[pos])
        for pos in range(n, len(actors)):
            known.append(actors[pos])
            self._add(pos, actors[pos])
        return True


# The last document's index: a cache of one slot holding the document, so its id cannot be reused.
_LAST_INDEX: list = [None]


def _index(doc: Document) -> _MentionIndex:
    index = _LAST_INDEX[0]
    if index is None or not index.current(doc):
        index = _LAST_INDEX[0] = _MentionIndex(doc)
    return index


def actor_at(doc: Document, start: int, end: int, head: int | None = None) -> Actor | None:
    """Return the actor mentioned in [start, end).

    With ``head`` (the offset of the phrase's head word) only a mention covering the head
    counts, so "the people of France" is not taken for France; without it, the longest
    mention inside the span wins (ties: the first in ``doc.actors`` order).
    """
    entries = _index(doc).entries
    best: tuple[int, int, int] | None = None  # (length, -actor position, -mention position)
    for i in range(bisect_left(entries, (start,)), len(entries)):
        m_start, m_end, pos, k = entries[i]
        if m_start > end:
            break
        if m_end > end or head is not None and not (m_start <= head < m_end):
            continue
        key = (m_end - m_start, -pos, -k)
        if best is None or key > best:
            best = key
    return doc.actors[-best[1]] if best else None


def actor_covering(doc: Document, at: int, accept: Callable[[Actor], bool] | None = None) -> Actor | None:
    """Return the first actor in ``doc.actors`` order with a mention covering offset ``at``
    (and that ``accept``, when given, takes)."""
    index = _index(doc)
    entries = index.entries
    found: set[int] = set()
    for i in range(bisect_left(entries, (at - index.longest,)), len(entries)):
        m_start, m_end, pos, _k = entries[i]
        if m_start > at:
            break
        if at < m_end:
            found.add(pos)
    for pos in sorted(found):
        actor = doc.actors[pos]
        if accept is None or accept(actor):
            return actor
    return None


def position(actors: list[Actor], actor: Actor) -> int:
    """The index of ``actor`` in ``actors``: found by identity (comparing pydantic models field
    by field is slow), else by equality."""
    found = next((i for i, a in enumerate(actors) if a is actor), None)
    return actors.index(actor) if found is None else found
