"""Mutable actor drafts used while an article's actors are being found and linked."""
from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import Actor, Mention


@dataclass
class Draft:
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    role: str | None = None  # coarse role class from roles.tsv ("minister", "spokesperson", …)
    code: str | None = None  # an explicit CAMEO code (IGOs); else country + sector
    mentions: list[Mention] = field(default_factory=list)
    speaker: bool = False  # subject of a reporting verb somewhere in the article

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def surname(self) -> str | None:
        parts = self.name.split()
        return parts[-1] if self.type == "PERSON" and len(parts) > 1 else None

    def add(self, mention: Mention) -> None:
        if all((m.start, m.end) != (mention.start, mention.end) for m in self.mentions):
            self.mentions.append(mention)

    def to_actor(self, actor_id: str) -> Actor:
        code = self.code or (f"{self.country or ''}{self.sector or ''}" or None)
        return Actor(id=actor_id, name=self.name, type=self.type, country=self.country, sector=self.sector,
                     code=code, title=self.title,
                     mentions=sorted(self.mentions, key=lambda m: m.start))


class Roster:
    """The article's actors under construction, with lookups by span and name."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self._by_span: dict[tuple[int, int], Draft] = {}

    def at(self, start: int, end: int) -> Draft | None:
        return self._by_span.get((start, end))

    def covering(self, start: int, end: int) -> Draft | None:
        """Return the actor with a mention inside [start, end), preferring the longest."""
        best = None
        for (s, e), draft in self._by_span.items():
            if start <= s and e <= end and (best is None or e - s > best[0]):
                best = (e - s, draft)
        return best[1] if best else None

    def mention(self, draft: Draft, mention: Mention) -> Draft:
        if draft not in self.drafts:
            self.drafts.append(draft)
        draft.add(mention)
        self._by_span[(mention.start, mention.end)] = draft
        return draft

    def find_name(self, name: str, type_: str) -> Draft | None:
        key = name.lower()
        for draft in self.drafts:
            if draft.type == type_ and draft.name.lower() == key:
                return draft
        if type_ == "ORG":  # "the FRP" after "Colombia's Revolutionary People's Front (FRP)"
            for draft in self.drafts:
                if draft.type == "ORG" and any(m.kind == "name" and m.text.lower() == key for m in draft.mentions):
                    return draft
        if type_ == "PERSON" and " " not in name:
            matches = [d for d in self.drafts if d.type == "PERSON" and (d.surname or "").lower() == key]
            if not matches:  # "Paredes" for "Lucia Paredes Bonilla": a first surname of two
                matches = [d for d in self.drafts if d.type == "PERSON" and key in d.name.lower().split()[1:]]
            if len(matches) == 1:
                return matches[0]
        return None

    def finish(self) -> list[Actor]:
        ordered = sorted((d for d in self.drafts if d.mentions), key=lambda d: d.first)
        return [d.to_actor(f"a{i}") for i, d in enumerate(ordered, start=1)]
