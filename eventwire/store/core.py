"""The Store: idempotent writes of eventwire records and the queries the CLI and API share.

Portable SQLAlchemy Core; the backend module (``sqlite.py``) supplies the engine and full-text
search. Each article is keyed by its record id and a content hash of the record: writing the same
record again changes nothing, and a changed record replaces the article's row and all its child
rows in one transaction.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from types import ModuleType
from typing import Any

import pydantic
import sqlalchemy as sa

from eventwire.errors import StoreError
from eventwire.model.records import ArticleRecord, RejectedRecord
from eventwire.store import schema
from eventwire.store.schema import actors, articles, events, places, quotes, rejected, timex

log = logging.getLogger(__name__)

# Records written per transaction by upsert_many: large enough that commit (fsync) cost is
# amortized, small enough that a concurrent reader (the API) never waits long for the lock.
BATCH_SIZE = 200

# Fields left out of the content hash: they change on every run without the coding changing,
# so re-running an ingest over the same input is a no-op.
VOLATILE_FIELDS = (("provenance", "processed_at"),)

# The column order of query_events rows (and of the events CSV export).
EVENT_ROW_COLUMNS = (
    "article_id", "title", "outlet", "published", "url",
    "event_id", "plover", "mode", "contexts", "cameo", "quad", "goldstein",
    "source_id", "source_code", "source_country", "source_name",
    "target_id", "target_code", "target_country", "target_name",
    "date", "date_precision", "date_basis",
    "place_id", "place_name", "place_country", "lat", "lon",
    "dead", "injured", "factual", "modality", "confidence",
    "trigger", "evidence_start", "evidence_end", "evidence", "quote_id",
)

STATS_KEYS = ("articles", "rejected", "events", "actors", "places", "quotes")


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


class Store:
    """One eventwire store. Open with ``open_store(url)``; close when done (or use ``with``)."""

    def __init__(self, engine: sa.Engine, backend: ModuleType, version: int) -> None:
        self._engine = engine
        self._backend = backend
        self.schema_version = version
        self._write = {backend.WRITE_OPTION: True}

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every connection. The store cannot be used afterwards."""
        self._engine.dispose()

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
        rolled back.
        """
        written = unchanged = 0
        iterator = iter(records)
        while batch := list(islice(iterator, batch_size)):
            with self._begin_write() as conn:
                for record in batch:
                    if _is_rejection(record):
                        changed = self._record_rejection(conn, record)
                    else:
                        changed = self._upsert_article(conn, normalize_record(record))
                    if changed:
                        written += 1
                    else:
                        unchanged += 1
        return written, unchanged

    def record_rejection(self, record: dict[str, Any]) -> bool:
        """Record an input that could not be coded; return False if the same one is recorded.

        ``record`` is a RejectedRecord dict: {"schema", "id", "source", "rejected": {"stage",
        "reason"}}. The same id with another stage or reason replaces the earlier entry.
        """
        with self._begin_write() as conn:
            return self._record_rejection(conn, record)

    def _begin_write(self) -> Any:
        return _WriteTransaction(self._engine, self._write)

    def _upsert_article(self, conn: sa.Connection, record: dict[str, Any]) -> bool:
        rid = record["id"]
        digest = content_hash(record)
        existing = conn.execute(sa.select(articles.c.content_hash).where(articles.c.id == rid)).first()
        if existing is not None and existing.content_hash == digest:
            return False
        row = {
            "source": record.get("source"),
            "url": record.get("url"),
            "outlet": record.get("outlet"),
            "title": record.get("title"),
            "published": record.get("published"),
            "language": record.get("language"),
            "text": record["text"],
            "content_hash": digest,
            "record": record,
            "ingested_at": _now(),
        }
        if existing is None:
            conn.execute(articles.insert().values(id=rid, **row))
        else:
            # Update in place rather than delete + insert: the row keeps its identity, which
            # the backend's full-text index may be keyed on.
            for table in schema.CHILD_TABLES:
                conn.execute(table.delete().where(table.c.article_id == rid))
            conn.execute(articles.update().where(articles.c.id == rid).values(**row))
        self._insert_children(conn, record)
        # The input was coded after all: it is no longer a rejection.
        conn.execute(rejected.delete().where(rejected.c.id == rid))
        log.debug("stored article %s (%s)", rid, "new" if existing is None else "changed")
        return True

    def _insert_children(self, conn: sa.Connection, record: dict[str, Any]) -> None:
        rid = record["id"]
        actor_by_id = {a["id"]: a for a in record["actors"]}
        place_by_id = {p["id"]: p for p in record["places"]}
        text = record["text"]
        rows_by_table: list[tuple[sa.Table, list[dict[str, Any]]]] = [
            (actors, [_actor_row(rid, a) for a in record["actors"]]),
            (places, [_place_row(rid, p) for p in record["places"]]),
            (timex, [_timex_row(rid, i, t) for i, t in enumerate(record["timex"])]),
            (quotes, [_quote_row(rid, q) for q in record["quotes"]]),
            (events, [_event_row(rid, i, e, actor_by_id, place_by_id, text) for i, e in enumerate(record["events"])]),
        ]
        for table, rows in rows_by_table:
            if rows:
                try:
                    conn.execute(table.insert(), rows)
                except sa.exc.IntegrityError as exc:
                    raise StoreError(
                        f"article {rid!r}: duplicate {table.name} id in the record ({exc.orig}); "
                        "ids must be unique within an article"
                    ) from exc

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

    # -- reads -----------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Return row counts: articles, rejected, events, actors, places, quotes."""
        tables = {"articles": articles, "rejected": rejected, "events": events,
                  "actors": actors, "places": places, "quotes": quotes}
        query = sa.select(*(sa.select(sa.func.count()).select_from(tables[k]).scalar_subquery().label(k)
                            for k in STATS_KEYS))
        with self._engine.connect() as conn:
            row = conn.execute(query).one()
        return {k: int(row._mapping[k]) for k in STATS_KEYS}

    def query_events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Return events matching every given filter, as flat rows (see EVENT_ROW_COLUMNS).

        ``type`` is a PLOVER type; ``actor`` a CAMEO actor code prefix ("RUS", "RUSGOV") of the
        source or target; ``country`` an ISO3 code of the source, target or location;
        ``since``/``until`` ISO date prefixes, inclusive, compared at the precision of each
        event's date (a year-only "2020" event falls within since="2020-06"); ``q`` full-text
        over the article's title and text. Rows are newest event date first; undated last.
        """
        if limit < 0 or offset < 0:
            raise StoreError(f"limit and offset must not be negative (got limit={limit}, offset={offset})")
        conditions: list[sa.ColumnElement[bool]] = []
        if type:
            conditions.append(events.c.plover == type.strip().upper())
        if actor:
            prefix = actor.strip().upper()
            conditions.append(sa.or_(events.c.source_code.startswith(prefix, autoescape=True),
                                     events.c.target_code.startswith(prefix, autoescape=True)))
        if country:
            iso3 = country.strip().upper()
            conditions.append(sa.or_(events.c.source_country == iso3, events.c.target_country == iso3,
                                     events.c.place_country == iso3))
        if since:
            since = since.strip()
            # The event's period ends on or after `since`: compare at the event date's precision.
            conditions.append(events.c.date >= sa.func.substr(sa.literal(since), 1, sa.func.length(events.c.date)))
        if until:
            until = until.strip()
            # The event's period starts on or before the end of `until`.
            conditions.append(sa.func.substr(events.c.date, 1, len(until)) <= until)
        if q and q.strip():
            conditions.append(self._backend.fulltext_match(q))
        query = (
            sa.select(
                articles.c.id.label("article_id"), articles.c.title, articles.c.outlet,
                articles.c.published, articles.c.url, events.c.id.label("event_id"),
                *(events.c[name] for name in EVENT_ROW_COLUMNS[6:]),
            )
            .select_from(events.join(articles, events.c.article_id == articles.c.id))
            .where(*conditions)
            .order_by(events.c.date.desc().nulls_last(), articles.c.id, events.c.seq)
            .limit(limit)
            .offset(offset)
        )
        with self._engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def get_article(self, id: str) -> dict[str, Any] | None:
        """Return the stored record of article ``id`` exactly as written, or None."""
        with self._engine.connect() as conn:
            return conn.execute(sa.select(articles.c.record).where(articles.c.id == id)).scalar()

    def iter_records(self, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """Yield every stored article record, in id order, reading ``batch_size`` at a time.

        Pages by id rather than holding one cursor open, so a long export never blocks writers.
        """
        after: str | None = None
        while True:
            query = sa.select(articles.c.id, articles.c.record).order_by(articles.c.id).limit(batch_size)
            if after is not None:
                query = query.where(articles.c.id > after)
            with self._engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield row.record
            after = rows[-1].id

    def iter_rejections(self) -> Iterator[dict[str, Any]]:
        """Yield every recorded rejection as a RejectedRecord dict, in id order."""
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(rejected).order_by(rejected.c.id)).all()
        for row in rows:
            yield {"schema": "eventwire/1", "id": row.id, "source": row.source,
                   "rejected": {"stage": row.stage, "reason": row.reason}}


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


def _actor_row(rid: str, a: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": rid, "id": a["id"], "name": a["name"], "type": a["type"], "country": a["country"],
            "sector": a["sector"], "code": a["code"], "title": a["title"], "mention_count": len(a["mentions"])}


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
    }
