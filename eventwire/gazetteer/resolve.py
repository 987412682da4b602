"""Resolve place-name mentions of one document to gazetteer entries, using the whole document.

Shared by the ``places`` stage (mentions from the NER) and the toponym benchmark (gold
mentions), so both measure the same disambiguation. Each distinct name is resolved once per
document ("one sense per discourse") by scoring its candidates on:

- prior: population (log scale), how the name matched (name > alias > GeoNames alternate
  name), feature (a country name is the country; capitals are preferred);
- the countries the document mentions (country names, demonyms, and the countries of its other
  places), the first-order divisions its other places lie in, and the distance to its other
  places (local news names places near each other);
- how many of the document's other names have *some* candidate near this one (``coherence``):
  small towns of one county all have namesakes elsewhere, and only their joint reading finds
  them, before any pick can;
- a qualifier written after the name ("Alexandria, Va.", "Paris, Texas"), and words that make
  it a division ("New York state", "upstate New York"); a city of a million over the division
  of its name otherwise ("New York");
- a name the gazetteer does not know is tried without generic words ("Benue State", "West
  Surrey") and then by its longest known part ("Dubai" of "Dubai World Cup"), with a lower
  confidence.

The confidence of a resolution is the winner's softmax share over the candidates' scores.

Weights were set by coordinate search on the dev halves (first half of each file) of LGL,
GeoWebNews, TR-News and GeoVirus, acc@161 given the gold toponyms; see ``eventwire.bench.geo``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.gazetteer.index import (
    ALIAS,
    ALTERNATE,
    DEMONYM,
    NAME,
    GazetteerEntry,
    GazetteerIndex,
    get_index,
    name_key,
)

# Score weights (tuned on the dev halves, acc@161 given the gold toponyms; eventwire.bench.geo).
W_POPULATION = 0.5          # per decade of population
KIND_BONUS = {NAME: 0.0, ALIAS: -0.2, ALTERNATE: -1.5, DEMONYM: 0.0}
FEATURE_BONUS = {"country": 2.5, "admin1": 1.0, "region": 1.0, "city": 0.0, "other": -0.3}
CAPITAL_BONUS = 1.5
W_COUNTRY = 1.5             # candidate lies in a country the document names
W_MAIN_COUNTRY = 1.0        # ... the country it names most
W_ADMIN1 = 1.0              # candidate lies in a division the document's other places lie in
W_PROXIMITY = 2.0           # times exp(-distance / PROXIMITY_KM) to the nearest other place
PROXIMITY_KM = 200.0
W_QUALIFIER = 5.0           # "Alexandria, Va." names the division or country after a comma
MAX_CANDIDATES = 300
MAX_PASSES = 4
# Candidates near some candidate of the document's *other* names ("Athens" and "Henderson
# County" both have a Texas namesake; "Alexandria", "Douglas County" and "Nelson" a Minnesota
# one): the picks alone cannot find such a cluster when every name's most populous namesake
# lies elsewhere. Per other name, exp(-distance / COHERENCE_KM) to its nearest candidate.
W_COHERENCE = 0.75
COHERENCE_KM = 100.0
COHERENCE_TOP = 25          # the most populous candidates of each name take part
_POINT_FEATURES = frozenset({"city", "admin1", "other"})

# A name that is another mention's name less a division word ("Suffolk" beside "Suffolk
# County", "Laguna" beside "Laguna Province"): the same place, unless the priors say otherwise.
W_SAME_STEM = 3.0
SAME_STEM_KM = 50.0
W_BIG_CITY = 3.0            # "New York": not the division when its namesake city has ≥ 1M
W_SUPRANATIONAL = 2.0       # oceans and world regions are in no country the text names
BIG_CITY = 1_000_000
W_STATE_CUE = 2.0           # "New York state", "upstate New York"
FALLBACK_CONFIDENCE = 0.7   # an embedded name ("Benue" of "Benue State") is less sure
MIN_ALTERNATE_POP = 1_000  # untrusted mentions: an alternate-name match must be a real town
FALLBACK_MIN_POP = 100_000  # for a part of a longer name, unless the caller trusts the mention

_GENERIC_SUFFIX = re.compile(
    r"\s+(?:State|state|City|Province|province|Region|region|District|Municipality|"
    r"Municipal District|Local Government Area|LGA|Governorate|Oblast|Prefecture|"
    r"Township|Twp\.?|Estate|Area|area|Metro|Metropolitan Area|MDC)$")
_DIRECTION = re.compile(
    r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|Greater|"
    r"Downtown|Upstate|Downstate|Rural|Inner|Outer|Coastal|Northeast|Northwest|Southeast|"
    r"Southwest|Northeastern|Northwestern|Southeastern|Southwestern)\s+")
_NOT_NAME_WORDS = frozenset({
    "The", "the", "of", "and", "for", "University", "College", "School", "Institute", "Council",
    "Department", "City", "County", "State", "National", "International", "Federal", "Royal",
    "North", "South", "East", "West", "Central", "New", "Old", "Saint", "St.", "Mount", "Lake",
    "River", "Park", "Street", "Road", "Airport", "Hospital", "Church", "Center", "Centre",
    "World", "Cup", "Office", "Embassy", "Academy", "Bank", "Reserve", "Commission", "Republic",
    "Islamic", "Democratic", "People's", "United", "Union", "Higher", "Economics", "Fire",
    "Police", "Sheriff's", "Court", "District", "Area", "Valley", "Island", "Beach", "Hall",
})
# Generic words that end a division's own name ("Walker County", "Acadia Parish").
_DIVISION_WORDS = frozenset({"County", "Parish", "Township", "Borough", "Province", "District"})
_STEM_SUFFIX = re.compile(
    r"\s+(?:County|Parish|Township|Borough|Province|province|State|state|District|Region|"
    r"Governorate|Oblast|Prefecture|LGA|Local Government Area)$")
_STATE_AFTER = re.compile(r"\s+(?:state|State|province|Province)\b")
_STATE_BEFORE = re.compile(r"(?:upstate|Upstate|UPSTATE|downstate|Downstate)\s+$")

_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*){0,2})")
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry a mention resolved to, with a 0..1 confidence (its softmax share)."""

    entry: GazetteerEntry
    confidence: float


def clean_name(text: str) -> str:
    """Return a mention without a leading "the", a possessive or surrounding quotes."""
    text = " ".join(text.strip(" \t\n\"“”‘,;:()[]").split())
    text = _ARTICLE.sub("", text)
    return _POSSESSIVE.sub("", text) if text.endswith(("'s", "’s")) else text


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def lookup_candidates(index: GazetteerIndex, name: str) -> list[tuple[GazetteerEntry, int]]:
    """Return (entry, match kind) for ``name``, most populous first; "Calif" finds "Calif."."""
    found = index.matches(name)
    if not found and name.endswith(".") and name.count(".") == 1:
        found = index.matches(name[:-1])
    elif not found and name[-1:].isalpha() and (len(name) <= 6 or "." in name):
        found = index.matches(name + ".")
    found.sort(key=lambda m: -m[0].population)
    return found[:MAX_CANDIDATES]


def embedded_names(name: str) -> list[str]:
    """Return shorter names to try when ``name`` itself is unknown, most specific first.

    "Benue State" → "Benue"; "West Surrey" → "Surrey"; "Colorado State University" →
    "Colorado"; "Walker County Sheriff's Office" → "Walker County", "Walker"; "Dubai World
    Cup" → "Dubai". Only capitalized runs of words count, never a lone generic word
    ("University", "North"); a run may end in a division word ("County", "Parish").
    """
    out: list[str] = []
    trimmed = _GENERIC_SUFFIX.sub("", name)
    trimmed = _DIRECTION.sub("", trimmed)
    if trimmed != name and trimmed:
        out.append(trimmed)
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            if not part[0][:1].isupper() or not part[-1][:1].isupper():
                continue
            if part[0] in _NOT_NAME_WORDS:
                continue
            if part[-1] in _NOT_NAME_WORDS and not (n > 1 and part[-1] in _DIVISION_WORDS):
                continue  # "Walker County" of "Walker County Sheriff's Office" is a name
            out.append(" ".join(part))
    return list(dict.fromkeys(out))


def fallback_candidates(index: GazetteerIndex, name: str,
                        min_pop: int = FALLBACK_MIN_POP) -> list[tuple[GazetteerEntry, int]]:
    """Return the candidates of the first embedded name the gazetteer knows (see above).

    A part of a longer name must be a country, division, region or a city of ``min_pop``:
    "Dubai" of "Dubai World Cup", not "Ridge" of "Glacier Ridge".
    """
    for i, sub in enumerate(embedded_names(name)):
        found = [(e, k) for e, k in lookup_candidates(index, sub)
                 if k != ALTERNATE and (k != DEMONYM or e.feature in ("country", "region"))]
        if i > 0 or _GENERIC_SUFFIX.sub("", _DIRECTION.sub("", name)) == name:
            found = [(e, k) for e, k in found if e.feature in ("country", "admin1", "region")
                     or e.population >= min_pop]
        if found:
            return found
    return []


def _qualifiers(index: GazetteerIndex, text: str, spans: Iterable[tuple[int, int]]) -> set[str]:
    """Return the countries (iso3) and divisions ("iso3/admin1") named after a comma."""
    out: set[str] = set()
    for _, end in spans:
        m = _QUALIFIER.match(text, end, min(len(text), end + 40))
        if not m:
            continue
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            for entry, _ in index.matches(" ".join(words[:n]).rstrip(",")):
                if entry.feature == "country" and entry.country_iso3:
                    out.add(entry.country_iso3)
                elif entry.feature == "admin1" and entry.country_iso3:
                    out.add(f"{entry.country_iso3}/{entry.name}")
            if out:
                break
    return out


def _countries_named(entries: list[tuple[GazetteerEntry, int]]) -> str | None:
    for entry, kind in entries:
        if entry.feature == "country" and kind in (NAME, ALIAS, DEMONYM):
            return entry.country_iso3
    return None


@dataclass(frozen=True, slots=True)
class _Cues:
    """What the words around a name's mentions say about its feature."""

    state: bool                     # written as a division ("New York state", "upstate New York")
    big_city_divisions: frozenset[tuple[str | None, str | None]]  # (iso3, admin1): big namesake


def _cues(text: str, spans: Iterable[tuple[int, int]],
          cands: list[tuple[GazetteerEntry, int]]) -> _Cues:
    state = any(_STATE_AFTER.match(text, end, min(len(text), end + 12))
                or _STATE_BEFORE.search(text, max(0, start - 12), start) for start, end in spans)
    names = {e.name for e, _ in cands if e.feature == "admin1"}
    return _Cues(state, frozenset((e.country_iso3, e.admin1) for e, _ in cands
                                  if e.feature == "city" and e.population >= BIG_CITY
                                  and e.admin1 in names))


class _Context:
    """What the rest of the document says: counts per key, so a key can leave itself out."""

    def __init__(self) -> None:
        self.countries: dict[str, Counter[str]] = {}
        self.admin1: dict[str, Counter[str]] = {}
        self.points: dict[str, tuple[float, float]] = {}
        self._cache: dict[tuple[str, str], Counter[str]] = {}
        self._main: dict[str, str | None] = {}

    def _without(self, table: dict[str, Counter[str]], name: str, key: str) -> Counter[str]:
        cached = self._cache.get((name, key))
        if cached is None:
            cached = Counter()
            for k, c in table.items():
                if k != key:
                    cached.update(c)
            self._cache[(name, key)] = cached
        return cached

    def countries_without(self, key: str) -> Counter[str]:
        return self._without(self.countries, "countries", key)

    def main_country_without(self, key: str) -> str | None:
        """The most named country of the other names (ties: the first most common), cached."""
        cached = self._main.get(key, False)
        if cached is False:
            countries = self.countries_without(key)
            cached = countries.most_common(1)[0][0] if countries else None
            self._main[key] = cached
        return cached

    def admin1_without(self, key: str) -> Counter[str]:
        return self._without(self.admin1, "admin1", key)

    def partner_km(self, partners: Iterable[str], entry: GazetteerEntry) -> float | None:
        """Return the distance to the nearest pick of ``partners`` (names of the same stem)."""
        picks = [self.points[k] for k in partners if k in self.points]
        return min((haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in picks),
                   default=None)

    def nearest_km(self, key: str, entry: GazetteerEntry) -> float | None:
        best = None
        for k, (lat, lon) in self.points.items():
            if k == key:
                continue
            # equirectangular first: exact enough to find the nearest, far cheaper
            dx = (lon - entry.lon + 180.0) % 360.0 - 180.0
            d = (lat - entry.lat) ** 2 + (dx * math.cos(math.radians((lat + entry.lat) / 2))) ** 2
            if best is None or d < best[0]:
                best = (d, lat, lon)
        return None if best is None else haversine_km(entry.lat, entry.lon, best[1], best[2])


def _score(index: GazetteerIndex, key: str, entry: GazetteerEntry, kind: int, ctx: _Context,
           qualifiers: set[str], cues: _Cues, coherence: float = 0.0,
           parts: dict[str, float] | None = None, partners: Sequence[str] = ()) -> float:
    """Return the candidate's score; ``parts`` (when given) receives each non-zero term."""
    terms = {"population": W_POPULATION * math.log10(entry.population + 1),
             "match kind": KIND_BONUS[kind],
             "near other names' namesakes": W_COHERENCE * coherence}
    if entry.feature == "admin1":
        if cues.state:
            terms["written as a division"] = W_STATE_CUE
        elif (entry.country_iso3, entry.name) in cues.big_city_divisions:
            terms["namesake city of a million"] = -W_BIG_CITY
    elif entry.country_iso3 is None and entry.feature in ("region", "other"):
        terms["supranational"] = W_SUPRANATIONAL
    if entry.feature != "country" or kind != ALTERNATE:
        terms["feature"] = FEATURE_BONUS[entry.feature]
    if entry.geonameid in index.capitals:
        terms["capital"] = CAPITAL_BONUS
    countries = ctx.countries_without(key)
    if entry.country_iso3 and entry.country_iso3 in countries:
        terms["country in text"] = W_COUNTRY
        if entry.country_iso3 == ctx.main_country_without(key):
            terms["main country"] = W_MAIN_COUNTRY
    if entry.admin1 and entry.country_iso3:
        if f"{entry.country_iso3}/{entry.admin1}" in ctx.admin1_without(key):
            terms["division in text"] = W_ADMIN1
    if entry.feature in ("city", "admin1", "other"):
        near = ctx.nearest_km(key, entry)
        if near is not None:
            terms["near other places"] = W_PROXIMITY * math.exp(-near / PROXIMITY_KM)
    if partners and entry.feature in _POINT_FEATURES:
        km = ctx.partner_km(partners, entry)
        if km is not None:
            terms["same stem as another name"] = W_SAME_STEM * math.exp(-km / SAME_STEM_KM)
    if qualifiers:
        division = f"{entry.country_iso3}/{entry.admin1}" if entry.admin1 else None
        if division in qualifiers or entry.country_iso3 in qualifiers:
            terms["qualifier"] = W_QUALIFIER
    if parts is not None:
        parts.update((k, round(v, 3)) for k, v in terms.items() if v)
    return sum(terms.values())


def coherence(found: dict[str, list[tuple[GazetteerEntry, int]]]) -> dict[str, list[float]]:
    """Return, per name and candidate, how many other names have a candidate close to it.

    Each other name adds exp(-d / COHERENCE_KM) for the distance d to its nearest candidate
    among its COHERENCE_TOP most populous; countries, regions and candidates past the top
    neither give nor get support (a country's point says nothing about what lies near it).
    A name that is a country's or a division's own name or alias gets none either: it is that
    country or division unless the priors and cues say otherwise ("Mexico" is not Mexico City
    for being near Monterrey).
    """
    import numpy as np

    out = {key: [0.0] * len(cands) for key, cands in found.items()}
    takes = {key for key, cands in found.items()
             if not any(e.feature in ("country", "admin1") and k in (NAME, ALIAS) for e, k in cands)}
    rows: list[tuple[str, int]] = []
    points: list[tuple[float, float]] = []
    starts: list[int] = []
    for key, cands in found.items():
        picked = [(i, e) for i, (e, _) in enumerate(cands[:COHERENCE_TOP]) if e.feature in _POINT_FEATURES]
        if not picked:
            continue
        starts.append(len(rows))
        rows.extend((key, i) for i, _ in picked)
        points.extend((e.lat, e.lon) for _, e in picked)
    if len(starts) < 2:
        return out
    rad = np.radians(np.asarray(points))
    lat, lon = rad[:, 0:1], rad[:, 1:2]
    h = (np.sin((lat - lat.T) / 2) ** 2
         + np.cos(lat) * np.cos(lat.T) * np.sin((lon - lon.T) / 2) ** 2)
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    best = np.maximum.reduceat(np.exp(-km / COHERENCE_KM), starts, axis=1)  # rows x names
    group = np.repeat(np.arange(len(starts)), np.diff(starts + [len(rows)]))
    best[np.arange(len(rows)), group] = 0.0  # a name lends itself no support
    support = best.sum(axis=1)
    for (key, i), value in zip(rows, support.tolist()):
        if key in takes:
            out[key][i] = value
    return out


def same_stem_partners(names: dict[str, str]) -> dict[str, list[str]]:
    """Return, per lookup key of a bare name, the keys of that name with a division word.

    "Suffolk" takes "Suffolk County" and "Suffolk Township" as partners; the longer names,
    being more specific, take none (support both ways would let two picks chase each other
    from pass to pass). "New York City" is no partner of "New York": a city is no division
    word, and a text that says "New York City" may well mean the state by "New York".
    """
    by_stem: dict[str, list[str]] = {}
    for key, name in names.items():
        stem = _STEM_SUFFIX.sub("", name)
        if stem != name:
            by_stem.setdefault(name_key(stem), []).append(key)
    return {key: by_stem[key] for key in names if key in by_stem}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate of a name, its score and the terms that make it (``explain``)."""

    entry: GazetteerEntry
    kind: int
    score: float
    share: float
    parts: dict[str, float]


def resolve_mentions(text: str, mentions: Sequence[tuple[str, int, int]], *,
                     context: Sequence[str] = (),
                     index: GazetteerIndex | None = None,
                     trusted: bool = False,
                     explain: dict[str, list[Candidate]] | None = None) -> list[Resolution | None]:
    """Resolve each (name, start, end) mention of ``text``; None where no entry matches.

    ``context`` holds further names the document uses that are not places themselves
    (nationalities such as "Russian"), counted only as evidence for their countries.
    ``trusted`` mentions are known to be toponyms (gold spans): any known part of an unknown
    name is taken, not only a prominent one. ``explain``, when given, receives every name's
    candidates (by lookup key, best first) with the terms of their final scores.
    """
    index = index or get_index()
    groups: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for i, (name, _, _) in enumerate(mentions):
        cleaned = clean_name(name)
        key = name_key(cleaned)
        if key:
            groups.setdefault(key, []).append(i)
            names.setdefault(key, cleaned)
    found = {key: lookup_candidates(index, names[key]) for key in groups}
    if not trusted:  # an alternate name of a hamlet is no reading of an unknown town ("Nasir")
        found = {key: [(e, k) for e, k in cands if k != ALTERNATE or e.population >= MIN_ALTERNATE_POP]
                 for key, cands in found.items()}
    fallback = {key for key in groups if not found[key]}
    for key in fallback:
        found[key] = fallback_candidates(index, names[key], 0 if trusted else FALLBACK_MIN_POP)
    spans = {key: [mentions[i][1:] for i in idx] for key, idx in groups.items()}
    quals = {key: _qualifiers(index, text, spans[key]) for key in groups}
    cues = {key: _cues(text, spans[key], found[key]) for key in groups}
    coh = coherence(found)
    partners = same_stem_partners(names)

    named: dict[str, Counter[str]] = {}
    for key, idx in groups.items():
        iso3 = _countries_named(found[key])
        if iso3:
            named[key] = Counter({iso3: len(idx)})
    for j, name in enumerate(context):
        hit = index.country_form(clean_name(name))
        if hit:
            named[f"\x00context{j}"] = Counter({hit[0]: 1})

    ctx = _Context()
    ctx.countries = dict(named)
    best: dict[str, tuple[GazetteerEntry, float]] = {}
    for _ in range(MAX_PASSES):  # first pass: priors and named countries; then the picks too
        picks = {}
        for key, cands in found.items():
            if not cands:
                continue
            scores = [_score(index, key, e, kind, ctx, quals[key], cues[key], c,
                             partners=partners.get(key, ()))
                      for (e, kind), c in zip(cands, coh[key])]
            top = max(range(len(cands)), key=scores.__getitem__)
            z = sum(math.exp(s - scores[top]) for s in scores)
            picks[key] = (cands[top][0], 1.0 / z)
        if picks == best:
            break
        best = picks
        ctx = _Context()
        ctx.countries = {k: c for k, c in named.items() if k not in best}
        for key, (entry, _) in best.items():
            n = len(groups[key])
            if entry.country_iso3:
                ctx.countries[key] = Counter({entry.country_iso3: n})
            if entry.admin1 and entry.country_iso3:
                ctx.admin1[key] = Counter({f"{entry.country_iso3}/{entry.admin1}": n})
            if entry.feature in ("city", "admin1", "other"):
                ctx.points[key] = (entry.lat, entry.lon)

    if explain is not None:
        for key, cands in found.items():
            parts = [{} for _ in cands]
            scores = [_score(index, key, e, kind, ctx, quals[key], cues[key], c, p,
                             partners.get(key, ()))
                      for (e, kind), c, p in zip(cands, coh[key], parts)]
            top = max(scores, default=0.0)
            z = sum(math.exp(sc - top) for sc in scores)
            ranked = sorted(zip(cands, scores, parts), key=lambda x: -x[1])
            explain[key] = [Candidate(e, kind, round(sc, 3), round(math.exp(sc - top) / z, 3), p)
                            for (e, kind), sc, p in ranked]

    out: list[Resolution | None] = [None] * len(mentions)
    for key, idx in groups.items():
        if key in best:
            entry, confidence = best[key]
            if key in fallback:
                confidence *= FALLBACK_CONFIDENCE
            for i in idx:
                out[i] = Resolution(entry, round(confidence, 3))
    return out
