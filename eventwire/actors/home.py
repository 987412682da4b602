"""Infer the country of domestic actors the text does not qualify ("police", "the governor").

Wire copy names a nationality once ("Nigerian police") and then drops it; an unqualified
domestic actor belongs to the country of a place in its own title ("Kaduna State Governor"),
else of a place in its sentence, else of the article's dateline (PETRARCH and GDELT code such
actors with the story's country too). Unidentified armed groups, IGOs and NGOs are left alone.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from operator import is_

from eventwire.gazetteer import lookup_country
from eventwire.model import Actor, Document

DOMESTIC_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "CVL", "OPP", "REB", "EDU", "MED", "BUS", "HLH", "REL",
                              "CRM", "INS"})


def dominant_country(doc: Document, actors: list[Actor] | None = None) -> str | None:
    """Return the country the story is about: the one most named (places, demonyms, actors).

    The dateline only breaks ties or decides when no country has a clear share: a story
    datelined BRUSSELS is often about Madagascar. The counts of places and demonyms are
    taken once per document (``_place_counts``); the coder asks again for every participant
    it resolves, with actors appended or replaced in between: new actors are counted as they
    come (``_actor_votes``).
    """
    counts, dateline = _place_counts(doc)
    for country, votes in _actor_votes(doc, doc.actors if actors is None else actors).items():
        counts[country] += votes  # in the order the actors first name each country, as counted one by one
    if dateline:
        counts[dateline] += 0.5  # a tie-breaker, not a vote of its own
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= 0.4 * sum(counts.values()) else dateline


# The last document's place and demonym votes, with the very objects they were read from (and
# their sizes): a cache of one slot, replaced as a whole, not state: a document whose places,
# entities or dateline were replaced or grew is counted anew. Holding the objects keeps their
# ids from being reused.
_last_counts: tuple = ()


def _place_counts(doc: Document) -> tuple[Counter[str], str | None]:
    """Return a fresh copy of the votes of places and demonyms, and the dateline's country."""
    global _last_counts
    sources = (doc, doc.places, doc.entities, doc.dateline)
    sizes = (len(doc.places), sum(len(p.mentions) for p in doc.places), len(doc.entities))
    last = _last_counts
    if last and last[1] == sizes and all(a is b for a, b in zip(last[0], sources)):
        return last[2].copy(), last[3]
    counts: Counter[str] = Counter(p.country for p in doc.places for _ in p.mentions if p.country)
    for ent in doc.entities:
        if ent.label == "NORP":
            info = lookup_country(ent.text)
            if info:
                counts[info.iso3] += 1
    dateline = _dateline_country(doc)
    _last_counts = (sources, sizes, counts, dateline)
    return counts.copy(), dateline


# The last document's actor votes, with the actors they were counted from: the coder asks again
# after each actor it appends, so only the new ones are counted (a cache of one slot, holding
# the document and the actors, so their ids cannot be reused; counted anew when an actor was
# replaced or removed).
_last_votes: tuple = ()


def _actor_votes(doc: Document, actors: list[Actor]) -> Counter[str]:
    """Return the name mentions of the actors' countries ("Malagasy police", "Madagascar's
    Foreign Ministry"), keyed in the order the actors first name each country."""
    global _last_votes
    last = _last_votes
    if last and last[0] is doc and len(actors) >= len(last[1]) and all(map(is_, actors, last[1])):
        _doc, counted, votes = last
    else:
        counted, votes = [], Counter()
        _last_votes = (doc, counted, votes)
    for actor in actors[len(counted):]:
        if actor.country and actor.sector not in {"MED", "IGO"}:
            votes[actor.country] += sum(m.kind == "name" for m in actor.mentions)
        counted.append(actor)
    return votes


def _dateline_country(doc: Document) -> str | None:
    dl = doc.dateline
    if dl is None or dl.place_start is None:
        return None
    for place in doc.places:
        if place.country and any(dl.place_start <= m.start < (dl.place_end or dl.end) for m in place.mentions):
            return place.country
    return None


def country_near(doc: Document, start: int, end: int) -> str | None:
    """Return the country of a place inside [start, end), else of the nearest place in its sentence."""
    inside = [p.country for p in doc.places for m in p.mentions if start <= m.start and m.end <= end and p.country]
    if inside:
        return inside[0]
    sent = doc.sentence_at(start)
    if sent is None:
        return None
    best = None
    for p in doc.places:
        for m in p.mentions:
            if p.country and sent.start <= m.start < sent.end and _locative(doc, m.start):
                dist = abs(m.start - start)
                if best is None or dist < best[0]:
                    best = (dist, p.country)
    return best[1] if best else None


LOCATIVE = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside", "from"})


def _locative(doc: Document, offset: int) -> bool:
    """True when the place at ``offset`` says where ("police in Douala"), not whom ("against Russia")."""
    for parse in doc.parses:
        if parse.covers(offset):
            local = offset - parse.offset
            span = parse.doc.char_span(local, local + 1, alignment_mode="expand")
            tok = span[0] if span is not None and len(span) and span[0].idx == local else None  # starts there
            while tok is not None and tok.dep_ == "compound":
                tok = tok.head
            return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE
    return False


def infer_country(doc: Document, actor: Actor, prefer: str | None = None,
                  dominant: str | None | Callable[[], str | None] = None,
                  actors: list[Actor] | None = None) -> Actor:
    """Return ``actor`` with a country inferred when it is domestic and unqualified.

    ``dominant``: the story's country, or a function that finds it (called only when needed:
    the coder asks for many actors that have a country already). ``actors``: the article's
    actors when ``doc.actors`` is not filled yet (the actors stage).
    """
    if actor.country or actor.type == "GPE" or (actor.code or "")[:3] in {"IGO", "IMG", "NGO"}:
        return actor  # international actors ("al-Qaeda" is IMG) have no one country
    if actor.sector not in DOMESTIC_SECTORS and not (actor.type == "ORG" and actor.sector is None):
        return actor  # a named person with no title may be anyone's: left without a country
    if callable(dominant):
        dominant = dominant()
    if actor.type == "ORG" and actor.sector is None and actor.code is None and not _international(actor.name):
        # "The Coastal Freight Authority rejected the demand" in a story about South Africa: an
        # organisation the text does not place is the story's, unless its sentence names that
        # country as someone else ("the FLN claimed attacks in Rwanda" says nothing of the FLN)
        home = dominant if dominant and not _named_beside(doc, actor, dominant, actors) else None
        return actor.model_copy(update={"country": home, "code": home}) if home else actor
    if actor.sector not in DOMESTIC_SECTORS:
        return actor
    country = None
    for m in actor.mentions:
        if m.kind in {"name", "title", "nominal"} and not m.text.isupper():  # "(GAO)" is no Gao, Mali
            inside = [p.country for p in doc.places for pm in p.mentions if m.start <= pm.start and pm.end <= m.end and p.country]
            if inside:
                country = inside[0]
                break
    first = min(actor.mentions, key=lambda m: m.start) if actor.mentions else None
    if (actor.type == "PERSON" and actor.sector == "GOV" or actor.sector == "INS") and dominant \
            and _named_beside(doc, actor, dominant, actors):
        dominant = None  # "President Bush threatened Russia": a leader is not the country he addresses,
        # nor are militants the country of the tourists they killed
        # (generals, judges and legislators act at home far more often: "Lt. Gen. Prosper
        # Avril resigned to allow Haiti's first democratic elections")
    near = country_near(doc, first.start, first.end) if first and not _seated(actor) else None
    country = country or prefer or near or dominant
    if not country:
        return actor
    return actor.model_copy(update={"country": country, "code": f"{country}{actor.sector or ''}"})


def _named_beside(doc: Document, actor: Actor, country: str, actors: list[Actor] | None = None) -> bool:
    """True when ``country`` is named only in the sentence that introduces ``actor`` (a place, a
    demonym or another actor of it): there it is a party of its own ("President Bush threatened
    Russia", "the FLN claimed attacks in Rwanda"), and nothing else says the story is its."""
    first = min(actor.mentions, key=lambda m: m.start) if actor.mentions else None
    sent = doc.sentence_at(first.start) if first is not None else None
    if sent is None:
        return False
    offsets = [m.start for p in doc.places if p.country == country for m in p.mentions]
    offsets += [m.start for a in (doc.actors if actors is None else actors) if a.id != actor.id and a.country == country
                for m in a.mentions]
    offsets += [ent.start for ent in doc.entities if ent.label == "NORP" and (info := lookup_country(ent.text))
                is not None and info.iso3 == country]
    inside = [o for o in offsets if sent.start <= o < sent.end]
    return bool(inside) and len(inside) == len(offsets)


# Words that make an organisation's name international or regional ("East African Community",
# "Asia Press Freedom Network", "Collective Security Treaty Organization"): no one country's.
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "regional", "african", "africa", "asian", "asia",
                                 "european", "europe", "arab", "american", "americas", "pacific", "atlantic", "gulf",
                                 "nordic", "baltic", "caribbean", "collective", "commonwealth", "community",
                                 "united", "nations", "commission", "council", "treaty", "inter"})


def _international(name: str) -> bool:
    return any(w.strip(".,'’").lower() in INTERNATIONAL_WORDS for w in name.replace("-", " ").split())


def _seated(actor: Actor) -> bool:
    """True for an unqualified government ("the government proposed that talks begin in
    Havana"): where its sentence places something is not where it sits."""
    return actor.type == "GROUP" and actor.sector == "GOV" and actor.name.lower().split()[-1] in {
        "government", "administration", "cabinet", "authorities", "delegation", "regime"}
