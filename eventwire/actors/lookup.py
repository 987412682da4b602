"""Find which actor a stretch of text refers to, through its (coreferent) mentions."""
from __future__ import annotations

from eventwire.model import Actor, Document


def actor_at(doc: Document, start: int, end: int, head: int | None = None) -> Actor | None:
    """Return the actor mentioned in [start, end).

    With ``head`` (the offset of the phrase's head word) only a mention covering the head
    counts, so "the people of France" is not taken for France; without it, the longest
    mention inside the span wins.
    """
    best: tuple[int, Actor] | None = None
    for actor in doc.actors:
        for m in actor.mentions:
            if not (start <= m.start and m.end <= end):
                continue
            if head is not None and not (m.start <= head < m.end):
                continue
            if best is None or m.end - m.start > best[0]:
                best = (m.end - m.start, actor)
    return best[1] if best else None
