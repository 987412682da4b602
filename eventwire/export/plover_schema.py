"""The JSON Schema (draft 2020-12) of eventwire's PLOVER JSON export (``plover.py``).

Kept as Python data so it ships inside the package; ``python -m eventwire.export.plover_schema``
prints it. PLOVER's required fields (id, date, actor, event) are required here too; ``date`` may
be a month or year, or null when the article gives no date at all.
"""
from __future__ import annotations

import json
from typing import Any

from eventwire.store.queries import PLOVER_TYPES

_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_NUMBER = {"type": ["number", "null"]}
_NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}

_ENTITY = {
    "type": "object",
    "description": "PLOVER entity object (manual, table 'Information object for entities')",
    "required": ["code", "sector", "entity_text", "identifier_text"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": ["string", "null"], "description": "3-character country or entity code (ISO3)"},
        "sector": {**_NULLABLE_STRING, "description": "sector code: GOV, MIL, COP, REB, CVL, …"},
        "cameo_code": {**_NULLABLE_STRING, "description": "CAMEO actor code, country + sector (e.g. KENGOV)"},
        "entity_text": {"type": "string", "description": "the text that names the entity"},
        "identifier_id": {"type": "string", "description": "eventwire corpus actor id"},
        "identifier_text": {"type": "string", "description": "canonical name"},
        "office": _NULLABLE_STRING,
        "entity_type": {"enum": ["PERSON", "ORG", "GPE", "GROUP"]},
    },
}

_LOCATION = {
    "type": ["object", "null"],
    "description": "Mordecai-style location object (manual, table 'Location object')",
    "required": ["extracted_place", "resolved_place", "lat", "lon", "country_code"],
    "additionalProperties": False,
    "properties": {
        "extracted_place": {"type": "string"},
        "resolved_place": {"type": "string"},
        "geonameid": {"type": ["integer", "null"]},
        "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
        "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
        "city": _NULLABLE_STRING,
        "district": _NULLABLE_STRING,
        "province": _NULLABLE_STRING,
        "country": _NULLABLE_STRING,
        "country_code": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
        "feature_type": {"enum": ["city", "country", "admin1", "region", "other", None]},
        "resolution": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
        "confidence": {**_NULLABLE_NUMBER, "minimum": 0, "maximum": 1},
    },
}

PLOVER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:eventwire:export:plover:1",
    "title": "eventwire PLOVER event",
    "description": "One event in PLOVER JSON (PLOVER manual draft 0.8, 'Data Fields'), with eventwire's additions.",
    "type": "object",
    "required": ["id", "date", "actor", "recipient", "event", "quad_code", "event_text", "text_info", "cite_info"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "minLength": 3, "description": "'<article id>/<event id>'"},
        "has_event": {"const": True},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "date_precision": {"enum": ["day", "month", "year", None]},
        "date_basis": {"enum": ["timex", "published", None]},
        "actor": {"type": "array", "items": _ENTITY, "maxItems": 1},
        "recipient": {"type": "array", "items": _ENTITY, "maxItems": 1},
        "event": {"type": "array", "items": {"enum": list(PLOVER_TYPES)}, "minItems": 1},
        "mode": {"type": "array", "items": {"type": "string"}},
        "context": {"type": "array", "items": {"type": "string"}},
        "quad_code": {"enum": [1, 2, 3, 4]},
        "cameo": {"type": "string", "pattern": r"^\d{2,4}$"},
        "goldstein": {"type": "number", "minimum": -10, "maximum": 10},
        "event_loc": _LOCATION,
        "event_text": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "text_info": {
            "type": "object",
            "required": ["sequence", "start", "end"],
            "additionalProperties": False,
            "properties": {"sequence": {"type": "integer", "minimum": 0}, "start": {"type": "integer", "minimum": 0},
                           "end": {"type": "integer", "minimum": 0}},
        },
        "trigger": {
            "type": "object",
            "required": ["start", "end", "text"],
            "additionalProperties": False,
            "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                           "text": {"type": "string"}},
        },
        "size": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"dead": _NULLABLE_COUNT, "injured": _NULLABLE_COUNT, "arrested": _NULLABLE_COUNT},
        },
        "factual": {"type": "boolean"},
        "modality": {"enum": ["asserted", "intended", "proposed", "threatened", "hypothetical", "negated", "historical"]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "quote": {
            "type": ["object", "null"],
            "required": ["text", "speaker"],
            "additionalProperties": False,
            "properties": {"text": {"type": "string"}, "speaker": _NULLABLE_STRING},
        },
        "story_id": {"type": "string"},
        "cite_info": {
            "type": "object",
            "additionalProperties": False,
            "required": ["coder", "codebook"],
            "properties": {
                "url": _NULLABLE_STRING, "citation": _NULLABLE_STRING, "title": _NULLABLE_STRING,
                "language": _NULLABLE_STRING, "publication": _NULLABLE_STRING, "publication_date": _NULLABLE_STRING,
                "coder": {"type": "string"}, "codebook": {"type": "string"},
            },
        },
        "coder": {"type": "string"},
        "coded_date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "coded_time": {"type": ["string", "null"], "pattern": r"^\d{2}:\d{2}(:\d{2})?$"},
    },
}


if __name__ == "__main__":
    print(json.dumps(PLOVER_SCHEMA, indent=1))
