"""Everything PostgreSQL-specific: the engine (psycopg 3), write serialization, tsvector search.

The sibling of ``sqlite.py``, with the same members (``name``, ``WRITE_OPTION``,
``create_engine``, ``install_fulltext``, ``fulltext_match``, ``fts_query``, ``analyze``, ``row_key``); the
rest of the store is portable SQLAlchemy Core. Open with a URL such as
``postgresql+psycopg://user:password@localhost:5432/eventwire``.

Semantics kept the same as on SQLite:

- writes are serialized: a write transaction takes a transaction-scoped advisory lock, as
  SQLite's ``BEGIN IMMEDIATE`` takes the database's write lock, so two ingests into one store
  queue rather than interleave their read-then-write upserts (and story assignments);
- full-text search matches when every term occurs in the title or text, a term with inner
  punctuation is a phrase of its words, a trailing ``*`` a prefix; words are not stemmed (the
  ``simple`` configuration, like FTS5's ``unicode61``). Unlike FTS5 with ``remove_diacritics``,
  accents are not folded ("Zurich" does not find "Zürich"): that needs the ``unaccent``
  extension, which an eventwire role may not be allowed to install.
"""
from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from eventwire.errors import StoreError

name = "postgresql"

# Execution option set on connections that will write (see the module docstring).
WRITE_OPTION = "eventwire_write"

# The advisory lock key of eventwire writers: any constant unlikely to clash with other
# applications sharing the database ("ew" in ASCII, then a version).
WRITE_LOCK_KEY = 0x6577_0001

# How long a statement (or a writer waiting for the lock) may run before failing, in ms:
# the same 30 s a SQLite writer waits on busy_timeout.
LOCK_TIMEOUT_MS = 30_000

# Seconds to wait for the server when connecting.
CONNECT_TIMEOUT_S = 10

SEARCH_COLUMN = "search_vector"
SEARCH_CONFIG = "simple"


def create_engine(url: sa.URL) -> sa.Engine:
    """Return an engine for a PostgreSQL ``url``; check the server can be reached first.

    Raises StoreError saying what to check when the server, role or database is missing.
    """
    if url.get_driver_name() not in ("psycopg", ""):
        raise StoreError(f"use the psycopg (3) driver: postgresql+psycopg://… (got {url.drivername!r})")
    url = url.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
        dbapi_conn.commit()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        where = url.render_as_string(hide_password=True)
        reason = " ".join(str(exc.orig).split())
        raise StoreError(
            f"cannot connect to PostgreSQL store {where!r}: {reason}; check that the server is running and "
            "that the role and database exist (e.g. createuser -P eventwire; createdb -O eventwire eventwire)"
        ) from exc
    return engine


def install_fulltext(conn: sa.Connection) -> None:
    """Add a generated tsvector over article title and text, with a GIN index.

    Generated (stored) columns keep themselves in sync, as the FTS5 triggers do on SQLite.
    """
    conn.exec_driver_sql(
        f"ALTER TABLE articles ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{SEARCH_CONFIG}', coalesce(title, '') || ' ' || coalesce(text, ''))) STORED"
    )
    conn.exec_driver_sql(f"CREATE INDEX ix_articles_{SEARCH_COLUMN} ON articles USING GIN ({SEARCH_COLUMN})")


def row_key(_table: sa.Table) -> None:
    """Return None: PostgreSQL has no stable row key to join on (pages join on the primary key)."""
    return None


def analyze(conn: sa.Connection) -> None:
    """Gather the planner's statistics (autovacuum does too, but not right after a bulk load)."""
    conn.exec_driver_sql("ANALYZE")


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(q: str) -> str | None:
    """Turn free text into a tsquery: every whitespace-separated term must occur.

    A term with inner punctuation ("al-Shabaab", "U.S.") becomes a phrase of its words
    (``<->``), and a trailing ``*`` makes its last word a prefix (``:*``). Words are quoted, so
    user input never becomes tsquery syntax and never raises. None when ``q`` has no word.
    """
    terms = []
    for chunk in q.split():
        words = [w.lower() for w in _WORD.findall(chunk)]
        if not words:
            continue
        quoted = [f"'{w}'" for w in words]
        if chunk.endswith("*"):
            quoted[-1] += ":*"
        terms.append(" <-> ".join(quoted) if len(quoted) > 1 else quoted[0])
    return " & ".join(f"({t})" for t in terms) if terms else None


def fulltext_condition(query: sa.BindParameter[str]) -> sa.ColumnElement[bool]:
    """Return a condition on ``articles`` that holds where title or text match the tsquery in
    parameter ``query`` (a value of ``fts_query``)."""
    tsquery = sa.func.to_tsquery(sa.literal_column(f"'{SEARCH_CONFIG}'::regconfig"), query)
    return sa.literal_column(f"articles.{SEARCH_COLUMN}").bool_op("@@")(tsquery)


def fulltext_match(q: str) -> sa.ColumnElement[bool]:
    """Return a condition on ``articles`` that holds for articles whose title or text match ``q``."""
    query = fts_query(q)
    if query is None:
        return sa.true()
    return fulltext_condition(sa.bindparam("fts_q", query, type_=sa.Text()))


__all__ = ["analyze", "create_engine", "fts_query", "fulltext_condition", "fulltext_match", "install_fulltext", "name", "row_key"]
