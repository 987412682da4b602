"""Geocode one place name, optionally in the context of some text, and say why a candidate won.

The service behind ``eventwire geocode``: the name is resolved by ``resolve_mentions`` together
with the places and nationalities the context names, exactly as the ``places`` stage would
resolve it inside an article (the context's places are found without the NER, by gazetteer
matching of its capitalized words, and its nationalities by the country table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.gazetteer.index import DEMONYM, GazetteerIndex, get_index, name_key
from eventwire.gazetteer.recognize import find_toponyms
from eventwire.gazetteer.resolve import Candidate, Resolution, clean_name, resolve_mentions

_WORD = re.compile(r"[A-Z][\w'’.-]*")


@dataclass
class Geocoded:
    """The outcome for one name: the winner (None when the gazetteer has no candidate)."""

    name: str
    resolution: Resolution | None
    candidates: list[Candidate] = field(default_factory=list)
    context_places: list[str] = field(default_factory=list)
    context_countries: list[str] = field(default_factory=list)


def geocode(name: str, context: str = "", index: GazetteerIndex | None = None) -> Geocoded:
    """Resolve ``name`` as if it were written in an article whose other text is ``context``."""
    index = index or get_index()
    name = " ".join(name.split())
    text = f"{context}\n{name}" if context else name
    start = len(text) - len(name)
    found = find_toponyms(context, [], index) if context else []
    mentions = [(context[t.start:t.end], t.start, t.end) for t in found]
    nationalities = [(w, hit[0]) for w in _WORD.findall(context)
                     if (hit := index.country_form(w)) is not None and hit[1] == DEMONYM]
    mentions.append((name, start, start + len(name)))
    explain: dict[str, list[Candidate]] = {}
    resolved = resolve_mentions(text, mentions, context=[w for w, _ in nationalities],
                                index=index, explain=explain)
    key = name_key(clean_name(name))
    return Geocoded(
        name=name, resolution=resolved[-1], candidates=explain.get(key, []),
        context_places=[m[0] for m in mentions[:-1]],
        context_countries=[iso3 for _, iso3 in nationalities])


__all__ = ["Geocoded", "geocode"]
