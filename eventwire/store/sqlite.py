"""Everything SQLite-specific: the engine, its PRAGMAs, transactions, and FTS5 full-text search.

A PostgreSQL backend would be a sibling module with the same members (``name``, ``WRITE_OPTION``,
``create_engine``, ``install_fulltext``, ``fulltext_match``, ``analyze``, ``row_key``); the rest of the store is
portable SQLAlchemy Core.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from eventwire.errors import StoreError

name = "sqlite"

# Execution option set on connections that will write: such transactions start with
# BEGIN IMMEDIATE, so two writers queue on busy_timeout instead of one failing with
# "database is locked" when it tries to upgrade a read lock in the middle of an upsert.
WRITE_OPTION = "eventwire_write"

# How long a connection waits for another writer before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000

FTS_TABLE = "articles_fts"

# Bytes of the database file each connection maps into memory (address space, shared through
# the OS page cache: not memory used per connection), and each connection's own page cache (KiB).
MMAP_BYTES = 1 << 30
CACHE_KIB = 16_384

# Connections kept open, and opened beyond that under a burst, per engine (file databases).
POOL_SIZE = 10
POOL_OVERFLOW = 40


def create_engine(url: sa.URL) -> sa.Engine:
    """Return an engine for a SQLite ``url``; check the file can be created first.

    Every connection gets foreign keys on, WAL journaling (file databases) and a busy timeout.
    The driver's own transaction handling is turned off so that SQLAlchemy's BEGIN covers DDL
    too, which makes each migration atomic.
    """
    database = url.database or ""
    memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if not memory:
        _check_path(Path(database))
    kwargs: dict[str, Any] = {}
    if memory:
        # One shared connection, or every thread would see its own empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        # WAL readers never block each other: let the API's request threads (40 by default in
        # FastAPI's threadpool) each hold a connection rather than queue for one of 15.
        kwargs.update(pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    # JSON columns (a record, an event's contexts) are read with orjson: several times faster
    # than json.loads, which a page of events calls once per row (bench api).
    engine = sa.create_engine(url, json_deserializer=orjson.loads, **kwargs)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Sorts of a page's candidates stay in memory rather than temporary files.
            cursor.execute("PRAGMA temp_store = MEMORY")
            if not memory:
                # Read pages through the OS page cache, mapped, instead of a read() system call per
                # page into a 2 MB private cache (bench api: a third of query time was system time).
                cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                cursor.execute("PRAGMA journal_mode = WAL")
                # Safe with WAL (a crash loses at most the last commits, never corrupts).
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _check_path(path: Path) -> None:
    """Raise StoreError when the database file cannot be created or opened for writing."""
    if path.is_dir():
        raise StoreError(f"store path {str(path)!r} is a directory; give a file name, e.g. sqlite:///{path / 'eventwire.db'}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(
            f"cannot create store {str(path)!r}: directory {str(parent)!r} does not exist; create it first"
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"store file {str(path)!r} is not readable and writable; fix its permissions")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create store {str(path)!r}: directory {str(parent)!r} is not writable")


def install_fulltext(conn: sa.Connection) -> None:
    """Create the FTS5 index over article title and text, kept in sync by triggers.

    It is an external-content table over ``articles`` (the text is stored once) keyed by the
    articles' rowid; the triggers follow the pattern of the SQLite FTS5 documentation.
    """
    try:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
        )
    except sa.exc.OperationalError as exc:
        if "no such module" in str(exc):
            raise StoreError(
                "this Python's SQLite library lacks FTS5 full-text search; use a Python built with FTS5 "
                "(the python.org and Debian builds have it)"
            ) from exc
        raise
    conn.exec_driver_sql(
        f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
        f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    )


def row_key(table: sa.Table) -> sa.ColumnElement[int]:
    """Return ``table``'s rowid: the key every SQLite index entry carries, the cheapest to join on."""
    return sa.literal_column(f"{table.name}.rowid", sa.Integer)


# Index entries ANALYZE reads per index. It reads the first entries in index order, so on a
# low-cardinality column (16 PLOVER types, 4 quad classes) a small sample sees one value and
# reports it for every value: with 1,000, "quad = 4" looked 50 times rarer than it is, and a
# capped count walked 50,000 rows instead of a covering index (bench api: 118 ms -> 1 ms).
# 20,000 took 0.6 s on the 200,000-event bench store (a full ANALYZE 1.1 s).
ANALYSIS_LIMIT = 20_000


def analyze(conn: sa.Connection) -> None:
    """Gather the planner's statistics (sqlite_stat1); bounded per index so it stays fast."""
    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    conn.exec_driver_sql("ANALYZE")


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(q: str) -> str | None:
    """Turn free text into an FTS5 query: every whitespace-separated term must occur.

    A term with inner punctuation ("al-Shabaab", "U.S.") becomes a phrase of its words, and a
    trailing ``*`` makes a prefix search. Terms are quoted, so user input never becomes FTS5
    syntax and never raises. Returns None when ``q`` has no word at all.
    """
    terms = []
    for chunk in q.split():
        words = _WORD.findall(chunk)
        if words:
            terms.append('"' + " ".join(words) + '"' + ("*" if chunk.endswith("*") else ""))
    return " AND ".join(terms) if terms else None


def fulltext_condition(query: sa.BindParameter[str]) -> sa.ColumnElement[bool]:
    """Return a condition on ``articles`` that holds where title or text match the FTS5 query
    in parameter ``query`` (a value of ``fts_query``)."""
    matching = (
        sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :{query.key}")
        .bindparams(query)
        .columns(sa.column("rowid", sa.Integer))
    )
    return sa.literal_column("articles.rowid").in_(matching)


def fulltext_match(q: str) -> sa.ColumnElement[bool]:
    """Return a condition on ``articles`` that holds for articles whose title or text match ``q``."""
    query = fts_query(q)
    if query is None:
        return sa.true()
    return fulltext_condition(sa.bindparam("fts_q", query, type_=sa.String()))


__all__ = ["analyze", "create_engine", "fts_query", "fulltext_condition", "fulltext_match", "install_fulltext", "name", "row_key"]
