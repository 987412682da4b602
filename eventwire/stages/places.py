"""places: find the document's place names and resolve them to GeoNames.

requires: entities, dateline (and reads the nlp stage's tokens when present) — assigns: places.
Recognition is ``eventwire.gazetteer.recognize`` (NER places, datelines, places in
organisation names, one sense per discourse, gazetteer matching of names the NER missed);
resolution is ``eventwire.gazetteer.resolve`` (every name of the document resolved together).
"""
from __future__ import annotations

from eventwire.gazetteer.index import GazetteerIndex, get_index
from eventwire.gazetteer.recognize import PLACE_LABELS, Token, find_toponyms, trim_span
from eventwire.gazetteer.resolve import Resolution, resolve_mentions
from eventwire.model import Document, Place, Span

# Nationalities are no places, but say which countries the article is about ("Russian").
CONTEXT_LABELS = frozenset({"NORP"})

__all__ = ["CONTEXT_LABELS", "PLACE_LABELS", "country_of_place", "place_mentions",
           "resolve_places"]


def _dateline_span(doc: Document) -> tuple[int, int] | None:
    """Return the dateline's place ("MOSCOW", or "PARIS" of "PARIS, France"), if any."""
    dl = doc.dateline
    if dl is None or dl.place_start is None or dl.place_end is None:
        return None
    start, end = dl.place_start, dl.place_end
    comma = doc.text.find(",", start, end)
    if comma != -1:  # the part after the comma acts as a qualifier of the first part
        end = comma
    start, end = trim_span(doc.text, start, end)
    return (start, end) if start < end else None


def _outlet_spans(doc: Document) -> list[tuple[int, int]]:
    dl = doc.dateline
    if dl is not None and dl.outlet_start is not None and dl.outlet_end is not None:
        return [(dl.outlet_start, dl.outlet_end)]
    return []


def _tokens(doc: Document) -> list[Token] | None:
    """Return the proper nouns of the nlp stage's parses, or None when there is no parse.

    Read column-wise (``Doc.to_array``): walking spaCy tokens one by one cost more than the
    rest of the stage.
    """
    if not doc.parses:
        return None
    from spacy.attrs import IDX, LENGTH, POS, SENT_START
    from spacy.symbols import PROPN

    out = []
    for parse in doc.parses:
        for idx, pos, sent_start, length in parse.doc.to_array([IDX, POS, SENT_START, LENGTH]).tolist():
            if pos == PROPN:
                start = parse.offset + idx
                out.append(Token(start, start + length, "PROPN", sent_start == 1))
    return out


def place_mentions(doc: Document, index: GazetteerIndex | None = None) -> list[tuple[str, int, int]]:
    """Return (text, start, end) of every place-name mention, in text order, without repeats."""
    found = find_toponyms(doc.text, doc.entities, index or get_index(),
                          dateline=_dateline_span(doc), excluded=_outlet_spans(doc),
                          tokens=_tokens(doc))
    return [(doc.text[t.start:t.end], t.start, t.end) for t in found]


def resolve_places(doc: Document, index: GazetteerIndex | None = None) -> Document:
    """Fill ``doc.places``: one ``Place`` per distinct location, with all of its mentions.

    requires: entities, dateline; assigns: places. Places are numbered p1, p2, … in order of
    first mention; names the gazetteer does not know are left out, and so are landmarks
    (``landmarks.tsv``): they are resolved as context for the other names, but "the Kremlin
    said" names an institution far more often than a place the news happens in. The gazetteer index is built
    on first use (seconds) or read from its disk cache, then shared by the process.
    """
    index = index or get_index()
    mentions = place_mentions(doc, index)
    context = [e.text for e in doc.entities if e.label in CONTEXT_LABELS]
    resolved = resolve_mentions(doc.text, mentions, context=context, index=index)
    places: dict[object, Place] = {}
    for (text, start, end), res in zip(mentions, resolved):
        if res is None or index.is_landmark(res.entry):
            continue  # "the White House said": a landmark's name is mostly its institution
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
    """Return the ISO3 of place ``place_id`` of ``doc`` (None when unknown)."""
    place = doc.place(place_id)
    return place.country if place else None
