"""Build valid eventwire/1 record dicts by hand (no model), for store, API and export tests.

Test files import it with ``sys.path`` pointed at ``tests/`` (there are no packages under
tests/, so pytest puts only each test file's own directory on the path).
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

DEFAULT_TEXT = (
    "Russia and France agree on terror cooperation\n\n"
    "MOSCOW, Nov 12 - Russian Interior Minister Vladimir Kolokoltsev met French Interior Minister "
    "Gerald Darmanin in Moscow on Thursday. Kolokoltsev said Russia was ready to cooperate with "
    "France on fighting terrorism."
)


def span(text: str, needle: str, occurrence: int = 1) -> dict[str, Any]:
    """Return {"start", "end", "text"} for the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def sentence(text: str, needle: str) -> dict[str, int]:
    """Return the {"start", "end"} of the sentence (ending in '.') that contains ``needle``."""
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.index(".", at) + 1
    return {"start": start, "end": end}


def make_record(
    id: str = "art-1",
    *,
    text: str = DEFAULT_TEXT,
    title: str | None = "Russia and France agree on terror cooperation",
    outlet: str | None = "Test Wire",
    published: str | None = "2020-11-12",
    plover: str = "CONSULT",
    cameo: str = "040",
    date: str | None = "2020-11-12",
    processed_at: str = "2020-11-12T10:00:00Z",
) -> dict[str, Any]:
    """Return a valid record: one source/target actor pair (RUSGOV, FRAGOV), a place, one event.

    The event's trigger is "met" and its evidence the sentence that states the meeting.
    """
    record = {
        "schema": "eventwire/1",
        "id": id,
        "source": f"tests/{id}.txt",
        "url": f"https://example.org/{id}",
        "outlet": outlet,
        "title": title,
        "published": published,
        "language": "en",
        "text": text,
        "actors": [
            {"id": "a1", "name": "Vladimir Kolokoltsev", "type": "PERSON", "country": "RUS", "sector": "GOV",
             "code": "RUSGOV", "title": "Interior Minister",
             "mentions": [{**span(text, "Vladimir Kolokoltsev"), "kind": "name"},
                          {**span(text, "Kolokoltsev", 2), "kind": "name"}]},
            {"id": "a2", "name": "Gerald Darmanin", "type": "PERSON", "country": "FRA", "sector": "GOV",
             "code": "FRAGOV", "title": "Interior Minister",
             "mentions": [{**span(text, "Gerald Darmanin"), "kind": "name"}]},
        ],
        "places": [
            {"id": "p1", "name": "Moscow", "geonameid": 524901, "country": "RUS", "admin1": "Moscow",
             "feature": "city", "lat": 55.75222, "lon": 37.61556, "confidence": 0.9,
             "mentions": [span(text, "Moscow")]},
        ],
        "timex": [{**span(text, "on Thursday"), "type": "DATE", "value": "2020-11-12"}],
        "quotes": [
            {"id": "q1", **span(text, "Russia was ready to cooperate with France on fighting terrorism"),
             "kind": "indirect", "speaker": "a1", "cue": span(text, "said")},
        ],
        "events": [
            {"id": "e1", "plover": plover, "mode": None, "contexts": ["terrorism"], "cameo": cameo, "quad": 1,
             "goldstein": 1.0, "source": "a1", "target": "a2", "date": date,
             "date_precision": "day" if date and len(date) == 10 else None,
             "date_basis": "timex" if date else None, "location": "p1", "dead": None, "injured": None,
             "factual": True, "modality": "asserted", "trigger": span(text, "met"),
             "evidence": sentence(text, "Kolokoltsev met"), "quote": None, "confidence": 0.8},
        ],
        "story": {"cluster": None, "duplicate_of": None, "similarity": None},
        "provenance": {"eventwire": "0.1.0", "pipeline": "default", "model": None, "processed_at": processed_at},
    }
    return copy.deepcopy(record)


def seed_four_events(store: Any) -> Any:
    """Store four one-event records (two dated days, a year-only one, an undated one) for query tests."""
    store.upsert(make_record("consult-nov", date="2020-11-12"))
    store.upsert(make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10-29"))
    year_only = make_record("aid-2020", plover="AID", cameo="070", date="2020")
    year_only["actors"][1].update(country="GBR", code="GBRGOV")
    year_only["places"][0].update(country="UKR", name="Kyiv")
    store.upsert(year_only)
    store.upsert(make_record("undated", plover="AGREE", cameo="031", date=None))
    return store


def ids_of(rows: list[dict[str, Any]]) -> list[str]:
    return [r["article_id"] for r in rows]


def make_rejection(id: str = "rej-1", reason: str = "not English (detected: de)", stage: str = "read") -> dict[str, Any]:
    """Return a RejectedRecord dict."""
    return {"schema": "eventwire/1", "id": id, "source": f"tests/{id}.txt", "rejected": {"stage": stage, "reason": reason}}


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_EXAMPLE_STORES: dict[str, str] = {}


def examples_store(pipeline: Any, folder: Any) -> str:
    """Ingest examples/ with the real pipeline into a SQLite store under ``folder``; return its URL.

    Ingested once per test session (the URL is cached), whichever test directory asks first.
    """
    if "url" not in _EXAMPLE_STORES:
        import inspect

        from eventwire import service

        url = f"sqlite:///{folder / 'examples.db'}"
        kwargs = {"pipeline": pipeline} if "pipeline" in inspect.signature(service.ingest).parameters else {}
        summary = service.ingest([str(EXAMPLES)], url, **kwargs)
        assert summary.written > 0, summary
        _EXAMPLE_STORES["url"] = url
    return _EXAMPLE_STORES["url"]
