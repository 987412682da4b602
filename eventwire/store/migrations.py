"""Numbered, named schema migrations, each applied in its own transaction.

The ``schema_version`` table lists the migrations a store has had. ``migrate`` applies the
missing ones in order; a failing migration rolls back whole and leaves the store at the version
before it. To change the schema, append a ``Migration`` with the next number — never edit one
that has shipped (stores in the wild have already run it). Migration 1 creates the tables from
``schema.py``; when a later migration alters a table, freeze the old definition into migration 1.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType

import sqlalchemy as sa

from eventwire.errors import StoreError
from eventwire.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change. ``apply`` gets the open transaction and the backend module."""

    version: int
    name: str
    apply: Callable[[sa.Connection, ModuleType], None]


def _create_v1(conn: sa.Connection, backend: ModuleType) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))
    backend.install_fulltext(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create articles, children, rejected and full-text index", _create_v1),
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
