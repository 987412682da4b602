"""Numbered, named schema migrations, each applied in its own transaction.

The ``schema_version`` table lists the migrations a store has had. ``migrate`` applies the
missing ones in order; a failing migration rolls back whole and leaves the store at the version
before it. To change the schema, append a ``Migration`` with the next number — never edit one
that has shipped (stores in the wild have already run it). Migration 1 creates the tables as
``schema_v1.py`` froze them; later ones alter them towards ``schema.py``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType

import sqlalchemy as sa

from eventwire.errors import StoreError
from eventwire.store import schema, schema_v1
from eventwire.store.keys import actor_key


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change. ``apply`` gets the open transaction and the backend module."""

    version: int
    name: str
    apply: Callable[[sa.Connection, ModuleType], None]


def _create_v1(conn: sa.Connection, backend: ModuleType) -> None:
    schema_v1.metadata.create_all(conn, tables=list(schema_v1.V1_TABLES))
    backend.install_fulltext(conn)


# Columns and indexes migration 2 adds (their definitions live in schema.py).
_V2_COLUMNS = ((schema.actors, "actor_key"), (schema.events, "source_key"), (schema.events, "target_key"))
_V2_INDEXES = ("ix_actors_actor_key", "ix_events_source_key", "ix_events_target_key", "ix_events_cameo",
               "ix_events_date_order", "ix_events_plover_date", "ix_events_quad_date", "ix_events_lat_lon",
               "ix_events_confidence")

# Rows updated per statement while back-filling actor keys.
_BACKFILL_BATCH = 5000


def _add_actor_keys_and_indexes(conn: sa.Connection, _backend: ModuleType) -> None:
    """Add the corpus actor keys (back-filled from names and codes) and the API's indexes."""
    for table, name in _V2_COLUMNS:
        column = table.c[name]
        type_sql = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {name} {type_sql}")
    actors, events = schema.actors, schema.events
    rows = conn.execute(sa.select(actors.c.article_id, actors.c.id, actors.c.name, actors.c.code)).all()
    update = (
        actors.update()
        .where(actors.c.article_id == sa.bindparam("b_article"), actors.c.id == sa.bindparam("b_id"))
        .values(actor_key=sa.bindparam("b_key"))
    )
    for start in range(0, len(rows), _BACKFILL_BATCH):
        conn.execute(update, [{"b_article": r.article_id, "b_id": r.id, "b_key": actor_key(r.name, r.code)}
                              for r in rows[start:start + _BACKFILL_BATCH]])
    for side in ("source", "target"):
        key_of_actor = (
            sa.select(actors.c.actor_key)
            .where(actors.c.article_id == events.c.article_id, actors.c.id == events.c[f"{side}_id"])
            .scalar_subquery()
        )
        conn.execute(events.update().where(events.c[f"{side}_id"].is_not(None)).values({f"{side}_key": key_of_actor}))
    by_name = {index.name: index for table in (actors, events) for index in table.indexes}
    for name in _V2_INDEXES:
        by_name[name].create(conn)


def _create_corpus_tables(conn: sa.Connection, _backend: ModuleType) -> None:
    """Create the corpus stages' tables (``corpus_schema.py``, frozen with migration 3)."""
    from eventwire.store import corpus_schema

    corpus_schema.metadata.create_all(conn, tables=list(corpus_schema.CORPUS_TABLES))


# Indexes migration 4 adds (their definitions live in schema.py).
_V4_INDEXES = ((schema.articles, "ix_articles_page"), (schema.events, "ix_events_source_country_plover"),
               (schema.events, "ix_events_target_country_plover"), (schema.events, "ix_events_place_country_plover"),
               (schema.events, "ix_events_confidence_order"))


def _add_load_indexes(conn: sa.Connection, backend: ModuleType) -> None:
    """Add the indexes the API needs under load; refresh the planner's statistics of a filled store."""
    for table, name in _V4_INDEXES:
        next(index for index in table.indexes if index.name == name).create(conn)
    if conn.execute(sa.select(schema.events.c.article_id).limit(1)).first() is not None:
        # Without statistics on the new indexes the planner may prefer them where they are slower.
        analyze = getattr(backend, "analyze", None)
        if analyze is not None:
            analyze(conn)


def _create_registry_tables(conn: sa.Connection, _backend: ModuleType) -> None:
    """Create the actor registry's tables (``registry_schema.py``, frozen with migration 5)."""
    from eventwire.store import registry_schema

    registry_schema.metadata.create_all(conn, tables=list(registry_schema.REGISTRY_TABLES))


def _add_code_date_index(conn: sa.Connection, backend: ModuleType) -> None:
    """Add the index of a full CAMEO code in date order (its definition lives in schema.py)."""
    next(index for index in schema.events.indexes if index.name == "ix_events_cameo_date").create(conn)
    if conn.execute(sa.select(schema.events.c.article_id).limit(1)).first() is not None:
        analyze = getattr(backend, "analyze", None)
        if analyze is not None:
            analyze(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create articles, children, rejected and full-text index", _create_v1),
    Migration(2, "corpus actor keys; indexes for the API's filters and sorts", _add_actor_keys_and_indexes),
    Migration(3, "story clusters, LSH bands and canonical events", _create_corpus_tables),
    Migration(4, "indexes for the API under load: country with type, confidence order, article page columns",
              _add_load_indexes),
    Migration(5, "actor registry: actors, spellings, titles over time, article links", _create_registry_tables),
    Migration(6, "index of a full CAMEO code in date order (the API's code filter)", _add_code_date_index),
)

LATEST = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    """Return the highest applied migration number, 0 for an empty database."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(engine: sa.Engine, backend: ModuleType, write_options: dict[str, object]) -> int:
    """Apply every pending migration, one transaction each; return the resulting version.

    Raises StoreError when the store was written by a newer eventwire than this one.
    """
    _check_registry()
    with engine.connect().execution_options(**write_options) as conn:
        with conn.begin():
            version = current_version(conn)
            if version == 0:
                schema.schema_version.create(conn)
        if version > LATEST:
            raise StoreError(
                f"the store has schema version {version}, newer than this eventwire knows ({LATEST}); "
                "upgrade eventwire to use it"
            )
        for migration in MIGRATIONS:
            if migration.version <= version:
                continue
            with conn.begin():
                # Re-read inside the write transaction: another process may have migrated meanwhile.
                if current_version(conn) >= migration.version:
                    continue
                migration.apply(conn, backend)
                conn.execute(
                    schema.schema_version.insert().values(
                        version=migration.version,
                        name=migration.name,
                        applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    )
                )
            version = migration.version
    return version


def _check_registry() -> None:
    numbers = [m.version for m in MIGRATIONS]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3, … without gaps; found {numbers}")
