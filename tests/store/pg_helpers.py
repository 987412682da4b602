"""PostgreSQL for tests: a fresh schema per test in the database named by $EVENTWIRE_TEST_PG.

`.ci/run` (through `.ci/postgres.sh`) starts Debian's PostgreSQL and sets
EVENTWIRE_TEST_PG=postgresql+psycopg://eventwire:eventwire@127.0.0.1:5432/eventwire_test;
without it the PostgreSQL variants of the store and corpus tests are skipped.
"""
from __future__ import annotations

import os
import uuid

import pytest

ENV = "EVENTWIRE_TEST_PG"


def pg_url() -> str | None:
    return os.environ.get(ENV) or None


def fresh_database(request: pytest.FixtureRequest) -> str:
    """Return a store URL whose tables land in a new, empty schema; dropped after the test."""
    import sqlalchemy as sa

    base = pg_url()
    if not base:
        pytest.skip(f"{ENV} is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()

    request.addfinalizer(drop)
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def backend_url(request: pytest.FixtureRequest, tmp_path, backend: str, name: str = "eventwire.db") -> str:
    """A fresh store URL for ``backend``: a SQLite file under ``tmp_path`` or a new PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    return fresh_database(request)
