"""Resolve place-name mentions of one document to gazetteer entries, using the whole document.

Shared by the ``places`` stage (mentions from the NER) and the toponym benchmark (gold
mentions), so both measure the same disambiguation. Each distinct name is resolved once per
document ("one sense per discourse") by scoring its candidates on:

- prior: population (log scale), how the name matched (name > alias > GeoNames alternate
  name), feature (a country name is the country; capitals are preferred);
- the countries the document mentions (country names, demonyms, and the countries of its other
  places), the first-order divisions its other places lie in, and the distance to its other
  places (local news names places near each other);
- a qualifier written after the name ("Alexandria, Va.", "Paris, Texas").

Weights were set on the dev half of LGL (the first 294 documents in file order); see
``eventwire.bench.places``.
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

# Score weights (tuned on LGL dev, acc@161 given gold names).
W_POPULATION = 0.3          # per decade of population
KIND_BONUS = {NAME: 0.0, ALIAS: -0.2, ALTERNATE: -1.5, DEMONYM: 0.0}
FEATURE_BONUS = {"country": 2.5, "admin1": 0.6, "region": 1.0, "city": 0.0, "other": -0.3}
CAPITAL_BONUS = 1.0
W_COUNTRY = 1.5             # candidate lies in a country the document names
W_MAIN_COUNTRY = 0.5        # ... the country it names most
W_ADMIN1 = 1.5              # candidate lies in a division the document's other places lie in
W_PROXIMITY = 1.0           # times exp(-distance / PROXIMITY_KM) to the nearest other place
PROXIMITY_KM = 200.0
W_QUALIFIER = 5.0           # "Alexandria, Va." names the division or country after a comma
MAX_CANDIDATES = 300
MAX_PASSES = 4

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


def _lookup(index: GazetteerIndex, name: str) -> list[tuple[GazetteerEntry, int]]:
    found = index.matches(name)
    if not found and name.endswith(".") and name.count(".") == 1:
        found = index.matches(name[:-1])
    found.sort(key=lambda m: -m[0].population)
    return found[:MAX_CANDIDATES]


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


class _Context:
    """What the rest of the document says: counts per key, so a key can leave itself out."""

    def __init__(self) -> None:
        self.countries: dict[str, Counter[str]] = {}
        self.admin1: dict[str, Counter[str]] = {}
        self.points: dict[str, tuple[float, float]] = {}

    def countries_without(self, key: str) -> Counter[str]:
        total: Counter[str] = Counter()
        for k, c in self.countries.items():
            if k != key:
                total.update(c)
        return total

    def admin1_without(self, key: str) -> Counter[str]:
        total: Counter[str] = Counter()
        for k, c in self.admin1.items():
            if k != key:
                total.update(c)
        return total

    def nearest_km(self, key: str, entry: GazetteerEntry) -> float | None:
        dists = [haversine_km(entry.lat, entry.lon, lat, lon)
                 for k, (lat, lon) in self.points.items() if k != key]
        return min(dists) if dists else None


def _score(index: GazetteerIndex, key: str, entry: GazetteerEntry, kind: int, ctx: _Context,
           qualifiers: set[str]) -> float:
    score = W_POPULATION * math.log10(entry.population + 1) + KIND_BONUS[kind]
    if entry.feature != "country" or kind != ALTERNATE:
        score += FEATURE_BONUS[entry.feature]
    if entry.geonameid in index.capitals:
        score += CAPITAL_BONUS
    countries = ctx.countries_without(key)
    if entry.country_iso3 and entry.country_iso3 in countries:
        score += W_COUNTRY
        if entry.country_iso3 == countries.most_common(1)[0][0]:
            score += W_MAIN_COUNTRY
    if entry.admin1 and entry.country_iso3:
        if f"{entry.country_iso3}/{entry.admin1}" in ctx.admin1_without(key):
            score += W_ADMIN1
    if entry.feature in ("city", "admin1", "other"):
        near = ctx.nearest_km(key, entry)
        if near is not None:
            score += W_PROXIMITY * math.exp(-near / PROXIMITY_KM)
    if qualifiers:
        division = f"{entry.country_iso3}/{entry.admin1}" if entry.admin1 else None
        if division in qualifiers or entry.country_iso3 in qualifiers:
            score += W_QUALIFIER
    return score


def resolve_mentions(text: str, mentions: Sequence[tuple[str, int, int]], *,
                     context: Sequence[str] = (),
                     index: GazetteerIndex | None = None) -> list[Resolution | None]:
    """Resolve each (name, start, end) mention of ``text``; None where no entry matches.

    ``context`` holds further names the document uses that are not places themselves
    (nationalities such as "Russian"), counted only as evidence for their countries.
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
    found = {key: _lookup(index, names[key]) for key in groups}
    quals = {key: _qualifiers(index, text, [mentions[i][1:] for i in idx])
             for key, idx in groups.items()}

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
            scores = [_score(index, key, e, kind, ctx, quals[key]) for e, kind in cands]
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

    out: list[Resolution | None] = [None] * len(mentions)
    for key, idx in groups.items():
        if key in best:
            entry, confidence = best[key]
            for i in idx:
                out[i] = Resolution(entry, round(confidence, 3))
    return out
