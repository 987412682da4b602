"""The store's key behaviours on every backend: SQLite always, PostgreSQL when EVENTWIRE_TEST_PG is set.

`.ci/run` starts Debian's PostgreSQL and sets the variable (see `.ci/postgres.sh`); without it
the PostgreSQL cases are skipped. test_store.py holds the rest of the SQLite behaviour.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers_records import ids_of, make_record, make_rejection, seed_four_events  # noqa: E402
from pg_helpers import backend_url, pg_url  # noqa: E402

from eventwire.errors import StoreError  # noqa: E402
from eventwire.store import SCHEMA_VERSION, Store, migrations, open_store  # noqa: E402
from eventwire.store import postgres as pg_backend  # noqa: E402

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not pg_url(), reason="EVENTWIRE_TEST_PG not set"))]


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path: Path) -> str:
    return backend_url(request, tmp_path, request.param)


@pytest.fixture
def store(url: str):
    s = open_store(url)
    yield s
    s.close()


@pytest.fixture
def seeded(store: Store) -> Store:
    return seed_four_events(store)


def test_open_migrates_once_to_the_latest_version(url: str) -> None:
    with open_store(url) as first:
        assert first.schema_version == SCHEMA_VERSION
        first.upsert(make_record())
    with open_store(url) as again:
        assert again.stats()["articles"] == 1
        with again._engine.connect() as conn:
            versions = [r[0] for r in conn.execute(sa.text("SELECT version FROM schema_version ORDER BY version"))]
            tables = set(sa.inspect(conn).get_table_names())
    assert versions == [m.version for m in migrations.MIGRATIONS]
    assert {"articles", "events", "stories", "story_articles", "story_bands", "canonical_events",
            "canonical_members"} <= tables


def test_upsert_is_idempotent_and_changes_replace_children(store: Store) -> None:
    record = make_record()
    assert store.upsert(record) is True
    assert store.upsert(make_record(processed_at="2030-01-01T00:00:00Z")) is False
    changed = make_record(plover="AGREE", cameo="031")
    changed["actors"] = changed["actors"][:1]
    changed["events"][0]["target"] = None
    assert store.upsert(changed) is True
    assert store.stats() == {"articles": 1, "rejected": 0, "events": 1, "actors": 1, "places": 1, "quotes": 1}
    assert store.get_article("art-1") == changed
    [row] = store.query_events()
    assert (row["plover"], row["target_code"], row["factual"]) == ("AGREE", None, True)


def test_batches_rejections_and_iteration(store: Store) -> None:
    assert store.upsert_many([make_record(i) for i in ("c", "a", "b")] + [make_rejection("r1")], batch_size=2) == (4, 0)
    assert store.record_rejection(make_rejection("r1")) is False
    assert [r["id"] for r in store.iter_records(batch_size=2)] == ["a", "b", "c"]
    store.upsert(make_record("r1"))
    assert store.stats()["rejected"] == 0


def test_an_invalid_record_rolls_back_its_batch(store: Store) -> None:
    bad = make_record("bad")
    bad["events"].append(dict(bad["events"][0]))
    with pytest.raises(StoreError, match="duplicate events id"):
        store.upsert_many([make_record("ok"), bad], batch_size=10)
    assert store.stats()["articles"] == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "ASSAULT"}, ["assault-oct"]),
        ({"actor": "GBRGOV"}, ["aid-2020"]),
        ({"actor": "%"}, []),
        ({"country": "UKR"}, ["aid-2020"]),
        ({"since": "2020-11"}, ["consult-nov", "aid-2020"]),
        ({"until": "2020-10-28"}, ["aid-2020"]),
        ({"since": "2020-10-01", "until": "2020-10-31"}, ["assault-oct", "aid-2020"]),
    ],
)
def test_query_filters_and_order_agree_across_backends(seeded: Store, filters: dict, expected: list[str]) -> None:
    assert ids_of(seeded.query_events(**filters)) == expected


def test_default_order_limit_and_offset(seeded: Store) -> None:
    assert ids_of(seeded.query_events()) == ["consult-nov", "assault-oct", "aid-2020", "undated"]
    assert ids_of(seeded.query_events(limit=2, offset=2)) == ["aid-2020", "undated"]


def test_full_text_search(seeded: Store) -> None:
    assert len(seeded.query_events(q="Kolokoltsev terrorism")) == 4
    assert len(seeded.query_events(q="terror*")) == 4
    assert len(seeded.query_events(q="KOLOKOLTSEV")) == 4
    assert seeded.query_events(q="Kolokoltsev banana") == []
    for q in ['"unbalanced', "U.S.", "NEAR(", "a OR b", "col:umn", "-", "***", "a & !b", "x:*", "'", "\\"]:
        seeded.query_events(q=q)  # user input is words, never query syntax


def test_full_text_index_follows_changed_text(store: Store) -> None:
    store.upsert(make_record())
    assert len(store.query_events(q="Nov")) == 1
    store.upsert(make_record(text=make_record()["text"].replace("Nov 12", "Dec 12")))
    assert store.query_events(q="Nov") == [] and len(store.query_events(q="Dec")) == 1


def test_concurrent_writers_lose_nothing(url: str) -> None:
    """Two stores write interleaved batches to one database: every record lands, once."""
    open_store(url).close()  # migrated first: this is about concurrent writes, not migrations
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            with open_store(url) as s:
                for i in range(15):
                    s.upsert_many([make_record(f"{prefix}-{i}"), make_record("shared")])
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in ("x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(url) as s:
        assert s.stats()["articles"] == 31


def test_postgres_tsquery_is_built_from_words_only() -> None:
    assert pg_backend.fts_query("al-Shabaab U.S. attack*") == "('al' <-> 'shabaab') & ('u' <-> 's') & ('attack':*)"
    assert pg_backend.fts_query("-- ***") is None


@pytest.mark.skipif(not pg_url(), reason="EVENTWIRE_TEST_PG not set")
def test_postgres_unreachable_server_is_a_store_error_with_advice() -> None:
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL.*server is running"):
        open_store(f"postgresql+psycopg://eventwire:secret@127.0.0.1:{port}/nope")
