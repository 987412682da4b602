"""The Store: idempotent writes of eventwire records (its reads are in ``reads.py``).

Portable SQLAlchemy Core; the backend module (``sqlite.py``) supplies the engine and full-text
search. Each article is keyed by its record id and a content hash of the record: writing the same
record again changes nothing, and a changed record replaces the article's row and all its child
rows in one transaction.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from types import ModuleType
from typing import Any

import pydantic
import sqlalchemy as sa

from eventwire.errors import StoreError
from eventwire.model.records import ArticleRecord, RejectedRecord
from eventwire.store import schema
from eventwire.store.keys import actor_key
from eventwire.store.reads import EVENT_ROW_COLUMNS, STATS_KEYS, StoreReads
from eventwire.store.schema import actors, articles, events, places, quotes, rejected, timex

log = logging.getLogger(__name__)

__all__ = ["BATCH_SIZE", "EVENT_ROW_COLUMNS", "STATS_KEYS", "Store", "content_hash", "normalize_record"]

# Records written per transaction by upsert_many: large enough that commit (fsync) cost is
# amortized, small enough that a concurrent reader (the API) never waits long for the lock.
BATCH_SIZE = 200

# Articles written by one Store after which the planner's statistics are refreshed (then again
# each time the count doubles): on the bench api store, filtered pages went 3-10x faster.
ANALYZE_AFTER = 1_000

# Fields left out of the content hash: they change on every run without the coding changing,
# so re-running an ingest over the same input is a no-op.
VOLATILE_FIELDS = (("provenance", "processed_at"),)



def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(record: dict[str, Any]) -> str:
    """Return the sha256 of the record's canonical JSON, without its volatile fields."""
    stable = dict(record)
    for parent, key in VOLATILE_FIELDS:
        if isinstance(stable.get(parent), dict) and key in stable[parent]:
            stable[parent] = {k: v for k, v in stable[parent].items() if k != key}
    canonical = json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """Validate ``record`` against the output contract and return it with defaults filled in.

    Raises StoreError naming the record and the first problem found.
    """
    try:
        model = ArticleRecord.model_validate(record)
    except pydantic.ValidationError as exc:
        raise StoreError(_validation_message(record, exc, "article")) from exc
    return model.model_dump(mode="json", by_alias=True)


def _validation_message(record: Any, exc: pydantic.ValidationError, kind: str) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(record)"
    return (
        f"not a valid eventwire {kind} record (id {rid!r}): {where}: {first['msg']} "
        f"({exc.error_count()} problem(s)); see docs/SCHEMA.md"
    )


def _is_rejection(record: dict[str, Any]) -> bool:
    return isinstance(record, dict) and "rejected" in record


class Store(StoreReads):
    """One eventwire store. Open with ``open_store(url)``; close when done (or use ``with``)."""

    def __init__(self, engine: sa.Engine, backend: ModuleType, version: int) -> None:
        self._engine = engine
        self._backend = backend
        self.schema_version = version
        self._write = {backend.WRITE_OPTION: True}
        # Articles this Store has written, and that count when statistics were last refreshed.
        self._written = 0
        self._analyzed_at = 0

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every connection. The store cannot be used afterwards."""
        self._engine.dispose()

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a bulk load: picks the right indexes).

        Cheap on SQLite (a bounded sample per index); ``upsert_many`` calls it by itself once
        this Store has written ANALYZE_AFTER articles, and again each time that number doubles.
        """
        analyze = getattr(self._backend, "analyze", None)
        if analyze is None:
            return
        with self._begin_write() as conn:
            analyze(conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writes ----------------------------------------------------------------------------

    def upsert(self, record: dict[str, Any]) -> bool:
        """Write one record; return True if it was inserted or changed, False if already present.

        A rejected-input record (one with a ``rejected`` key) goes to ``record_rejection``.
        """
        written, _ = self.upsert_many([record])
        return written == 1

    def upsert_many(self, records: Iterable[dict[str, Any]], batch_size: int = BATCH_SIZE) -> tuple[int, int]:
        """Write records in transactions of ``batch_size``; return (written, unchanged) counts.

        Rejected-input records are recorded as rejections and counted the same way. A record
        that is not valid raises StoreError; batches before it stay committed, its own batch is
        rolled back. Each batch costs one statement per table, not one per record, so a bulk
        load of new articles runs at the speed of the database.
        """
        written = unchanged = 0
        iterator = iter(records)
        while batch := list(islice(iterator, batch_size)):
            with self._begin_write() as conn:
                n, same = self.upsert_in(conn, batch)
            written += n
            unchanged += same
            self.wrote(n)
        return written, unchanged

    def writing(self) -> Any:
        """Return a write transaction (``with store.writing() as conn:``), committed on success.

        Writes made on ``conn`` (``upsert_in``, ``record_rejection(…, conn)``, ``Corpus.add(…,
        conn)``) commit together or not at all. Call ``wrote(n)`` after it commits.
        """
        return self._begin_write()

    def upsert_in(self, conn: sa.Connection, records: list[dict[str, Any]]) -> tuple[int, int]:
        """Write ``records`` in the caller's write transaction; return (written, unchanged) counts."""
        if _has_repeated_ids(records):
            # The same id twice in one batch: write one at a time, so the second sees the first.
            n = sum(self._write_batch(conn, [record]) for record in records)
        else:
            n = self._write_batch(conn, records)
        return n, len(records) - n

    def wrote(self, written: int) -> None:
        """Count articles written in ``writing()`` transactions (planner statistics follow growth)."""
        self._maybe_analyze(written)

    def _maybe_analyze(self, written: int) -> None:
        """Refresh planner statistics as this Store's writes grow the store (across calls).

        Statistics from an empty or small store make the planner pick poor indexes once it is
        big: they are refreshed after ANALYZE_AFTER articles, then each time that count doubles.
        """
        self._written += written
        if self._written - self._analyzed_at >= ANALYZE_AFTER and self._written >= 2 * self._analyzed_at:
            self.analyze()
            self._analyzed_at = self._written

    def record_rejection(self, record: dict[str, Any], conn: sa.Connection | None = None) -> bool:
        """Record an input that could not be coded; return False if the same one is recorded.

        ``record`` is a RejectedRecord dict: {"schema", "id", "source", "rejected": {"stage",
        "reason"}}. The same id with another stage or reason replaces the earlier entry. With
        ``conn`` (from ``writing()``) it joins that transaction.
        """
        if conn is not None:
            return self._record_rejection(conn, record)
        with self._begin_write() as own:
            return self._record_rejection(own, record)

    def _begin_write(self) -> Any:
        return _WriteTransaction(self._engine, self._write)

    def _write_batch(self, conn: sa.Connection, batch: list[dict[str, Any]]) -> int:
        """Write a batch whose ids are distinct; return how many records were new or changed."""
        written = 0
        coded: list[dict[str, Any]] = []
        for record in batch:
            if _is_rejection(record):
                written += self._record_rejection(conn, record)
            else:
                coded.append(normalize_record(record))
        if not coded:
            return written
        for record in coded:
            _check_unique_child_ids(record)
        digests = {r["id"]: content_hash(r) for r in coded}
        existing = dict(conn.execute(
            sa.select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(list(digests)))
        ).all())
        new = [r for r in coded if r["id"] not in existing]
        changed = [r for r in coded if r["id"] in existing and existing[r["id"]] != digests[r["id"]]]
        if changed:
            changed_ids = [r["id"] for r in changed]
            for table in schema.CHILD_TABLES:
                conn.execute(table.delete().where(table.c.article_id.in_(changed_ids)))
            # Update in place rather than delete + insert: the row keeps its identity, which
            # the backend's full-text index may be keyed on.
            update = articles.update().where(articles.c.id == sa.bindparam("b_id")).values(
                {name: sa.bindparam(f"b_{name}") for name in _ARTICLE_COLUMNS})
            conn.execute(update, [{"b_id": r["id"], **{f"b_{k}": v for k, v in _article_row(r, digests[r["id"]]).items()}}
                                  for r in changed])
        if new:
            conn.execute(articles.insert(), [{"id": r["id"], **_article_row(r, digests[r["id"]])} for r in new])
        stored = new + changed
        if stored:
            rows_by_table: dict[sa.Table, list[dict[str, Any]]] = {table: [] for table in schema.CHILD_TABLES}
            for record in stored:
                for table, rows in _child_rows(record):
                    rows_by_table[table].extend(rows)
            for table, rows in rows_by_table.items():
                if rows:
                    conn.execute(table.insert(), rows)
            # The inputs were coded after all: they are no longer rejections.
            conn.execute(rejected.delete().where(rejected.c.id.in_([r["id"] for r in stored])))
            log.debug("stored %d new and %d changed articles", len(new), len(changed))
        return written + len(stored)

    def _record_rejection(self, conn: sa.Connection, record: dict[str, Any]) -> bool:
        try:
            model = RejectedRecord.model_validate(record)
        except pydantic.ValidationError as exc:
            raise StoreError(_validation_message(record, exc, "rejected")) from exc
        row = {"source": model.source, "stage": model.rejected.stage, "reason": model.rejected.reason}
        existing = conn.execute(
            sa.select(rejected.c.source, rejected.c.stage, rejected.c.reason).where(rejected.c.id == model.id)
        ).first()
        if existing is not None and dict(existing._mapping) == row:
            return False
        if existing is None:
            conn.execute(rejected.insert().values(id=model.id, at=_now(), **row))
        else:
            conn.execute(rejected.update().where(rejected.c.id == model.id).values(at=_now(), **row))
        return True

class _WriteTransaction:
    """Context manager: a connection in a write transaction, committed on success.

    Database errors are re-raised as StoreError so that callers see one error type.
    """

    def __init__(self, engine: sa.Engine, options: dict[str, Any]) -> None:
        self._engine = engine
        self._options = options

    def __enter__(self) -> sa.Connection:
        try:
            self._conn = self._engine.connect().execution_options(**self._options)
            self._tx = self._conn.begin()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot start a write on the store: {exc.orig}") from exc
        return self._conn

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, _tb: object) -> None:
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                self._tx.rollback()
        except sa.exc.DBAPIError as err:
            raise StoreError(f"cannot commit to the store: {err.orig}") from err
        finally:
            self._conn.close()
        if isinstance(exc, sa.exc.DBAPIError):
            raise StoreError(f"store write failed: {exc.orig}") from exc


_ARTICLE_COLUMNS = ("source", "url", "outlet", "title", "published", "language", "text", "content_hash", "record",
                    "ingested_at")


def _article_row(record: dict[str, Any], digest: str) -> dict[str, Any]:
    return {"source": record.get("source"), "url": record.get("url"), "outlet": record.get("outlet"),
            "title": record.get("title"), "published": record.get("published"), "language": record.get("language"),
            "text": record["text"], "content_hash": digest, "record": record, "ingested_at": _now()}


def _has_repeated_ids(batch: list[dict[str, Any]]) -> bool:
    ids = [r.get("id") if isinstance(r, dict) else None for r in batch]
    return len(set(ids)) != len(ids)


def _check_unique_child_ids(record: dict[str, Any]) -> None:
    for name in ("actors", "places", "quotes", "events"):
        ids = [item["id"] for item in record[name]]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise StoreError(f"article {record['id']!r}: duplicate {name} id {dup!r} in the record; "
                             "ids must be unique within an article")


def _child_rows(record: dict[str, Any]) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    rid = record["id"]
    actor_by_id = {a["id"]: a for a in record["actors"]}
    place_by_id = {p["id"]: p for p in record["places"]}
    text = record["text"]
    return [
        (actors, [_actor_row(rid, a) for a in record["actors"]]),
        (places, [_place_row(rid, p) for p in record["places"]]),
        (timex, [_timex_row(rid, i, t) for i, t in enumerate(record["timex"])]),
        (quotes, [_quote_row(rid, q) for q in record["quotes"]]),
        (events, [_event_row(rid, i, e, actor_by_id, place_by_id, text) for i, e in enumerate(record["events"])]),
    ]


def _actor_row(rid: str, a: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": rid, "id": a["id"], "name": a["name"], "type": a["type"], "country": a["country"],
            "sector": a["sector"], "code": a["code"], "title": a["title"], "mention_count": len(a["mentions"]),
            "actor_key": actor_key(a["name"], a["code"])}


def _place_row(rid: str, p: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": rid, **{k: p[k] for k in ("id", "name", "geonameid", "country", "admin1", "feature",
                                                    "lat", "lon", "confidence")}}


def _timex_row(rid: str, seq: int, t: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": rid, "seq": seq, **{k: t[k] for k in ("start", "end", "text", "type", "value")}}


def _quote_row(rid: str, q: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": rid, **{k: q[k] for k in ("id", "start", "end", "text", "kind", "speaker")}}


def _event_row(rid: str, seq: int, e: dict[str, Any], actor_by_id: dict[str, dict[str, Any]],
               place_by_id: dict[str, dict[str, Any]], text: str) -> dict[str, Any]:
    source = actor_by_id.get(e["source"] or "", {})
    target = actor_by_id.get(e["target"] or "", {})
    place = place_by_id.get(e["location"] or "", {})
    evidence = e["evidence"]
    return {
        "article_id": rid, "id": e["id"], "seq": seq,
        "plover": e["plover"], "mode": e["mode"], "contexts": e["contexts"], "cameo": e["cameo"],
        "quad": e["quad"], "goldstein": e["goldstein"],
        "source_id": e["source"], "source_code": source.get("code"), "source_country": source.get("country"),
        "source_name": source.get("name"),
        "target_id": e["target"], "target_code": target.get("code"), "target_country": target.get("country"),
        "target_name": target.get("name"),
        "date": e["date"], "date_precision": e["date_precision"], "date_basis": e["date_basis"],
        "place_id": e["location"], "place_name": place.get("name"), "place_country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"),
        "dead": e["dead"], "injured": e["injured"], "factual": e["factual"], "modality": e["modality"],
        "confidence": e["confidence"], "trigger": e["trigger"]["text"],
        "evidence_start": evidence["start"], "evidence_end": evidence["end"],
        "evidence": text[evidence["start"]:evidence["end"]], "quote_id": e["quote"],
        "source_key": actor_key(source["name"], source.get("code")) if source else None,
        "target_key": actor_key(target["name"], target.get("code")) if target else None,
    }
