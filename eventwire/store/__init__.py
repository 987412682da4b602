"""The event store: eventwire records in SQLite (PostgreSQL later), with migrations and search.

    store = open_store("sqlite:///eventwire.db")
    store.upsert_many(records)            # idempotent: same records again -> (0, n)
    store.query_events(type="ASSAULT", country="NGA", since="2024-01")
    store.query_events(EventFilter(cameo="19", bbox=(-20, -35, 52, 38)), sort="-confidence", limit=50)
"""
from __future__ import annotations

from types import ModuleType

import sqlalchemy as sa

from eventwire.errors import StoreError, unknown_choice
from eventwire.store import postgres, sqlite
from eventwire.store.core import EVENT_ROW_COLUMNS, STATS_KEYS, Store, content_hash
from eventwire.store.keys import actor_key, event_number, event_uid, split_event_uid
from eventwire.store.queries import PLOVER_TYPES, QUAD_CLASSES, SORT_COLUMNS, EventFilter, QueryError, parse_bbox
from eventwire.store.migrations import LATEST as SCHEMA_VERSION
from eventwire.store.migrations import migrate

# Backend modules by SQLAlchemy backend name.
BACKENDS: dict[str, ModuleType] = {"sqlite": sqlite, "postgresql": postgres}


def open_store(url: str) -> Store:
    """Open the store at ``url`` (e.g. ``sqlite:///eventwire.db``), creating or migrating it.

    Raises StoreError, saying what to do, for a malformed URL, an unsupported backend, a path
    that cannot be written, a file that is not a database, or a store from a newer eventwire.
    """
    backend, parsed = _resolve(url)
    engine = backend.create_engine(parsed)
    try:
        version = migrate(engine, backend, {backend.WRITE_OPTION: True})
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open store {parsed.render_as_string(hide_password=True)!r}: {exc.orig}; "
            "check that the path is an eventwire database (or a new file) and is writable"
        ) from exc
    return Store(engine, backend, version)


def _resolve(url: str) -> tuple[ModuleType, sa.URL]:
    if not isinstance(url, str) or not url.strip():
        raise StoreError("no store URL given; use e.g. sqlite:///eventwire.db")
    try:
        parsed = sa.make_url(url.strip())
    except sa.exc.ArgumentError as exc:
        hint = f"sqlite:///{url.strip()}" if "://" not in url else "sqlite:///path/to/eventwire.db"
        raise StoreError(f"not a database URL: {url!r}; did you mean {hint}?") from exc
    backend = BACKENDS.get(parsed.get_backend_name())
    if backend is None:
        raise StoreError(unknown_choice("store backend", parsed.get_backend_name(), list(BACKENDS)))
    return backend, parsed


__all__ = ["EVENT_ROW_COLUMNS", "PLOVER_TYPES", "QUAD_CLASSES", "SCHEMA_VERSION", "SORT_COLUMNS", "STATS_KEYS",
           "EventFilter", "QueryError", "Store", "actor_key", "content_hash", "event_number", "event_uid",
           "open_store", "parse_bbox", "split_event_uid"]
