"""PLOVER/POLECAT-style JSON: one JSON object per event, one per line (JSONL).

Field names follow the "Data Fields" chapter of the PLOVER manual (draft 0.8, Open Event Data
Alliance): ``id``, ``date``, ``actor``/``recipient`` (lists of entity objects with ``code``,
``sector``, ``entity_text``, ``identifier_text``, ``office``), ``event``, ``mode``, ``context``,
``quad_code``, ``event_loc`` (Mordecai-style location object), ``event_text``, ``text_info``,
``size``, ``cite_info``, ``coder``, ``coded_date``/``coded_time``, ``has_event``. The manual invites
providers to add named fields: eventwire adds the CAMEO code, Goldstein score, factuality and
modality, confidence, the trigger span and the date's precision and basis, and a POLECAT-style
``story_id``. ``PLOVER_SCHEMA`` (``plover_schema.py``) is the JSON Schema every object satisfies.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from eventwire import __version__
from eventwire.store.keys import actor_key, event_uid

CODEBOOK = "PLOVER 0.8 (CAMEO 1.1b3 event codes)"

# Mordecai-style location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
RESOLUTION = {"country": 1, "admin1": 2, "city": 4, "other": 5}

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _entity(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    name_mention = next((m for m in actor.get("mentions", []) if m.get("kind") == "name"), None)
    first = name_mention or (actor.get("mentions") or [None])[0]
    return [{
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "cameo_code": actor.get("code"),
        "entity_text": first["text"] if first else actor["name"],
        "identifier_id": actor_key(actor["name"], actor.get("code")),
        "identifier_text": actor["name"],
        "office": actor.get("title"),
        "entity_type": actor.get("type"),
    }]


def _country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return (getattr(country, "common_name", None) or country.name) if country else None


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    mentions = place.get("mentions") or []
    feature = place.get("feature")
    return {
        "extracted_place": mentions[0]["text"] if mentions else place["name"],
        "resolved_place": place["name"],
        "geonameid": place.get("geonameid"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "city": place["name"] if feature == "city" else None,
        "district": None,
        "province": place["name"] if feature == "admin1" else place.get("admin1"),
        "country": _country_name(place.get("country")),
        "country_code": place.get("country"),
        "feature_type": feature,
        "resolution": RESOLUTION.get(feature or ""),
        "confidence": place.get("confidence"),
    }


def _sentence_number(text: str, start: int) -> int:
    """Return the 0-based paragraph number of offset ``start`` (PLOVER's text_info.sequence)."""
    return sum(1 for m in _PARAGRAPH_BREAK.finditer(text) if m.end() <= start)


def plover_events(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield one PLOVER JSON object per event of each coded record (rejections are skipped)."""
    for record in records:
        if "rejected" in record:
            continue
        actors = {a["id"]: a for a in record.get("actors", [])}
        places = {p["id"]: p for p in record.get("places", [])}
        quotes = {q["id"]: q for q in record.get("quotes", [])}
        provenance = record.get("provenance") or {}
        processed = provenance.get("processed_at") or ""
        text = record["text"]
        for event in record.get("events", []):
            evidence = event["evidence"]
            quote = quotes.get(event.get("quote") or "")
            yield {
                "id": event_uid(record["id"], event["id"]),
                "has_event": True,
                "date": event.get("date"),
                "date_precision": event.get("date_precision"),
                "date_basis": event.get("date_basis"),
                "actor": _entity(actors.get(event.get("source") or "")),
                "recipient": _entity(actors.get(event.get("target") or "")),
                "event": [event["plover"]],
                "mode": [event["mode"]] if event.get("mode") else [],
                "context": list(event.get("contexts") or []),
                "quad_code": event["quad"],
                "cameo": event["cameo"],
                "goldstein": event["goldstein"],
                "event_loc": _location(places.get(event.get("location") or "")),
                "event_text": [text[evidence["start"]:evidence["end"]]],
                "text_info": {"sequence": _sentence_number(text, evidence["start"]),
                              "start": evidence["start"], "end": evidence["end"]},
                "trigger": dict(event["trigger"]),
                "size": {"dead": event.get("dead"), "injured": event.get("injured")},
                "factual": event["factual"],
                "modality": event["modality"],
                "confidence": event["confidence"],
                "quote": {"text": quote["text"], "speaker": (actors.get(quote.get("speaker") or "") or {}).get("name")}
                if quote else None,
                "story_id": record["id"],
                "cite_info": {
                    "url": record.get("url"),
                    "citation": record.get("source"),
                    "title": record.get("title"),
                    "language": record.get("language"),
                    "publication": record.get("outlet"),
                    "publication_date": record.get("published"),
                    "coder": f"eventwire {provenance.get('eventwire') or __version__}",
                    "codebook": CODEBOOK,
                },
                "coder": f"eventwire {provenance.get('eventwire') or __version__} ({provenance.get('pipeline') or 'default'})",
                "coded_date": processed[:10] or None,
                "coded_time": processed[11:19] or None,
            }


def write_plover(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write PLOVER JSON lines, one event each; return the number of events written."""
    count = 0
    for obj in plover_events(records):
        fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
        fh.write("\n")
        count += 1
    return count


__all__ = ["CODEBOOK", "plover_events", "write_plover"]
