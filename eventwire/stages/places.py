"""places: resolve the document's place names (NER GPE/LOC/FAC and the dateline) to GeoNames.

requires: entities, dateline — assigns: places. Not registered here; the pipeline wires it.
"""
from __future__ import annotations

import re

from eventwire.gazetteer.index import GazetteerIndex
from eventwire.gazetteer.resolve import Resolution, resolve_mentions
from eventwire.model import Document, Place, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Nationalities are no places, but say which countries the article is about ("Russian").
CONTEXT_LABELS = frozenset({"NORP"})

_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s?|[\s.,;:]+)$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``start, end`` without a leading "the", a possessive or trailing punctuation.

    A final "." is kept when the name has another one ("U.S.", "Va." keeps it too: it is the
    only dot but part of the abbreviation, which the gazetteer knows with its dot).
    """
    m = _LEADING_ARTICLE.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    while start < end:
        m = _TRAILING.search(text, start, end)
        if not m or m.start() == m.end():
            break
        if text[m.start():end] == "." and start < m.start():
            break  # an abbreviation's dot ("U.S.", "Va.")
        end = m.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _dateline_span(doc: Document) -> tuple[int, int] | None:
    """Return the dateline's place ("MOSCOW", or "PARIS" of "PARIS, France"), if any."""
    dl = doc.dateline
    if dl is None or dl.place_start is None or dl.place_end is None:
        return None
    start, end = dl.place_start, dl.place_end
    comma = doc.text.find(",", start, end)
    if comma != -1:  # the part after the comma acts as a qualifier of the first part
        end = comma
    start, end = _trim(doc.text, start, end)
    return (start, end) if start < end else None


def place_mentions(doc: Document) -> list[tuple[str, int, int]]:
    """Return (text, start, end) of every place-name mention, in text order, without repeats."""
    spans: set[tuple[int, int]] = set()
    for ent in doc.entities:
        if ent.label in PLACE_LABELS:
            start, end = _trim(doc.text, ent.start, ent.end)
            if start < end:
                spans.add((start, end))
    dateline = _dateline_span(doc)
    if dateline and not any(s < dateline[1] and dateline[0] < e for s, e in spans):
        spans.add(dateline)
    return [(doc.text[s:e], s, e) for s, e in sorted(spans)]


def resolve_places(doc: Document, index: GazetteerIndex | None = None) -> Document:
    """Fill ``doc.places``: one ``Place`` per distinct location, with all of its mentions.

    requires: entities, dateline; assigns: places. Places are numbered p1, p2, … in order of
    first mention; names the gazetteer does not know are left out. The gazetteer index is built
    on first use (seconds) or read from its disk cache, then shared by the process.
    """
    mentions = place_mentions(doc)
    context = [e.text for e in doc.entities if e.label in CONTEXT_LABELS]
    resolved = resolve_mentions(doc.text, mentions, context=context, index=index)
    places: dict[object, Place] = {}
    for (text, start, end), res in zip(mentions, resolved):
        if res is None:
            continue
        key = _place_key(res)
        place = places.get(key)
        if place is None:
            entry = res.entry
            place = Place(
                id=f"p{len(places) + 1}", name=entry.name, geonameid=entry.geonameid,
                country=entry.country_iso3, admin1=entry.admin1, feature=entry.feature,
                lat=entry.lat, lon=entry.lon, confidence=res.confidence)
            places[key] = place
        place.confidence = max(place.confidence, res.confidence)
        place.mentions.append(Span(start=start, end=end, text=text))
    doc.places = list(places.values())
    return doc


def _place_key(res: Resolution) -> object:
    entry = res.entry
    return entry.geonameid if entry.geonameid is not None else (entry.name, entry.lat, entry.lon)


def country_of_place(doc: Document, place_id: str | None) -> str | None:
    """Return the ISO3 country of place ``place_id`` of ``doc`` (None when unknown)."""
    place = doc.place(place_id)
    return place.country if place else None
