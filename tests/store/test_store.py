"""The store: migrations, idempotent upserts, queries, full-text search, and the tabular exports."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import ids_of, make_record, make_rejection, seed_four_events  # noqa: E402

from eventwire.errors import StoreError  # noqa: E402
from eventwire.export import write_events_csv, write_jsonl  # noqa: E402
from eventwire.store import EVENT_ROW_COLUMNS, SCHEMA_VERSION, Store, migrations, open_store  # noqa: E402
from eventwire.store.sqlite import fts_query  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "eventwire.db"


@pytest.fixture
def store(db_path: Path):
    s = open_store(f"sqlite:///{db_path}")
    yield s
    s.close()


def counts(store: Store) -> dict[str, int]:
    return store.stats()


# -- opening and migrating ---------------------------------------------------------------------


def test_open_creates_schema_in_wal_mode(store: Store, db_path: Path) -> None:
    assert store.schema_version == SCHEMA_VERSION
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
        assert {"articles", "actors", "places", "timex", "quotes", "events", "rejected",
                "schema_version", "articles_fts"} <= tables
        assert con.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == [
            (m.version,) for m in migrations.MIGRATIONS]
    finally:
        con.close()


def test_reopening_does_not_migrate_again(store: Store, db_path: Path) -> None:
    store.upsert(make_record())
    store.close()
    with open_store(f"sqlite:///{db_path}") as again:
        assert again.stats()["articles"] == 1
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations.MIGRATIONS)
    con.close()


def test_foreign_keys_are_enforced_and_cascade(store: Store) -> None:
    store.upsert(make_record())
    engine = store._engine
    with engine.begin() as conn:
        with pytest.raises(sa.exc.IntegrityError):
            with conn.begin_nested():
                conn.exec_driver_sql(
                    "INSERT INTO actors (article_id, id, name, type, mention_count) VALUES ('missing', 'a1', 'X', 'ORG', 0)"
                )
        conn.exec_driver_sql("DELETE FROM articles WHERE id = 'art-1'")
    assert counts(store) == {"articles": 0, "rejected": 0, "events": 0, "actors": 0, "places": 0, "quotes": 0}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("eventwire.db", "did you mean sqlite:///eventwire.db"),
        ("", "no store URL given"),
        ("mysql://user@host/db", r"choose one of: (\w+, )*sqlite"),
        ("sqlite:////nonexistent-dir-eventwire/x.db", "does not exist"),
    ],
)
def test_bad_urls_raise_store_error_with_advice(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_path_under_a_file_or_a_directory_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{blocker}/eventwire.db")
    with pytest.raises(StoreError, match="is a directory"):
        open_store(f"sqlite:///{tmp_path}")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are not the tables you are looking for\n" * 200)
    with pytest.raises(StoreError, match="not a database"):
        open_store(f"sqlite:///{bogus}")


def test_a_store_from_a_newer_eventwire_is_refused(db_path: Path) -> None:
    open_store(f"sqlite:///{db_path}").close()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2099-01-01')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="upgrade eventwire"):
        open_store(f"sqlite:///{db_path}")


def test_a_failing_migration_rolls_back_whole(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(f"sqlite:///{db_path}").close()

    def half_done(conn: sa.Connection, _backend: object) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO half_done VALUES (1)")
        raise RuntimeError("boom")

    broken = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, migrations.Migration(broken, "broken", half_done)))
    monkeypatch.setattr(migrations, "LATEST", broken)
    with pytest.raises(RuntimeError, match="boom"):
        open_store(f"sqlite:///{db_path}")
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == broken - 1
        assert con.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    finally:
        con.close()


def test_in_memory_store_works_across_threads() -> None:
    with open_store("sqlite://") as s:
        s.upsert(make_record())
        result: list[dict[str, int]] = []
        thread = threading.Thread(target=lambda: result.append(s.stats()))
        thread.start()
        thread.join()
        assert result[0]["articles"] == 1


# -- writes ----------------------------------------------------------------------------------


def test_upsert_is_idempotent(store: Store) -> None:
    record = make_record()
    assert store.upsert(record) is True
    before = counts(store)
    assert before == {"articles": 1, "rejected": 0, "events": 1, "actors": 2, "places": 1, "quotes": 1}
    assert store.upsert(record) is False
    assert store.upsert(json.loads(json.dumps(record))) is False
    assert counts(store) == before


def test_rerun_with_only_a_new_processing_time_is_unchanged(store: Store) -> None:
    store.upsert(make_record(processed_at="2020-11-12T10:00:00Z"))
    assert store.upsert(make_record(processed_at="2024-01-01T00:00:00Z")) is False
    assert store.get_article("art-1")["provenance"]["processed_at"] == "2020-11-12T10:00:00Z"


def test_changed_record_replaces_its_children(store: Store) -> None:
    store.upsert(make_record())
    changed = make_record(plover="AGREE", cameo="031")
    changed["actors"] = changed["actors"][:1]
    changed["events"][0]["target"] = None
    changed["quotes"] = []
    assert store.upsert(changed) is True
    assert counts(store) == {"articles": 1, "rejected": 0, "events": 1, "actors": 1, "places": 1, "quotes": 0}
    [row] = store.query_events()
    assert (row["plover"], row["cameo"], row["target_code"]) == ("AGREE", "031", None)
    assert store.get_article("art-1") == changed


def test_changed_text_updates_the_full_text_index(store: Store) -> None:
    store.upsert(make_record())
    assert len(store.query_events(q="Darmanin")) == 1
    assert len(store.query_events(q="Nov")) == 1
    text = make_record()["text"].replace("Nov 12", "Dec 12")
    assert store.upsert(make_record(text=text)) is True
    assert store.query_events(q="Nov") == []
    assert len(store.query_events(q="Dec")) == 1


def test_upsert_many_counts_and_batches(store: Store) -> None:
    records = [make_record(f"art-{i}") for i in range(5)]
    assert store.upsert_many(records, batch_size=2) == (5, 0)
    records[3] = make_record("art-3", plover="AID", cameo="070")
    assert store.upsert_many(iter(records), batch_size=2) == (1, 4)
    assert counts(store)["events"] == 5


def test_an_invalid_record_raises_store_error_naming_it(store: Store) -> None:
    bad = make_record("bad-1")
    del bad["text"]
    with pytest.raises(StoreError, match=r"'bad-1'.*text"):
        store.upsert(bad)
    extra = make_record("bad-2")
    extra["events"][0]["colour"] = "red"
    with pytest.raises(StoreError, match=r"'bad-2'.*events\.0\.colour"):
        store.upsert(extra)
    assert counts(store)["articles"] == 0


def test_duplicate_child_ids_raise_store_error_and_roll_back(store: Store) -> None:
    record = make_record()
    record["events"].append(dict(record["events"][0]))
    with pytest.raises(StoreError, match="duplicate events id"):
        store.upsert(record)
    assert counts(store)["articles"] == 0


def test_record_rejection_is_idempotent(store: Store) -> None:
    assert store.record_rejection(make_rejection()) is True
    assert store.record_rejection(make_rejection()) is False
    assert counts(store)["rejected"] == 1
    assert store.record_rejection(make_rejection(reason="empty text", stage="normalize")) is True
    assert list(store.iter_rejections()) == [make_rejection(reason="empty text", stage="normalize")]


def test_upsert_routes_rejections_and_coding_clears_them(store: Store) -> None:
    assert store.upsert_many([make_rejection("art-1"), make_rejection("rej-2")]) == (2, 0)
    assert counts(store)["rejected"] == 2
    store.upsert(make_record("art-1"))
    assert counts(store)["rejected"] == 1
    with pytest.raises(StoreError, match="rejected record"):
        store.record_rejection({"id": "x", "rejected": {"stage": "read"}})


# -- reads -----------------------------------------------------------------------------------


def test_stats_has_exactly_the_documented_keys(store: Store) -> None:
    stats = store.stats()
    assert set(stats) == {"articles", "rejected", "events", "actors", "places", "quotes"}
    assert all(isinstance(v, int) for v in stats.values())


def test_get_article_returns_the_record(store: Store) -> None:
    record = make_record()
    store.upsert(record)
    assert store.get_article("art-1") == record
    assert store.get_article("nope") is None


def test_iter_records_pages_in_id_order(store: Store) -> None:
    ids = ["c", "a", "e", "b", "d"]
    store.upsert_many(make_record(i) for i in ids)
    assert [r["id"] for r in store.iter_records(batch_size=2)] == sorted(ids)


@pytest.fixture
def seeded(store: Store) -> Store:
    return seed_four_events(store)


def test_query_rows_are_flat_and_ordered(seeded: Store) -> None:
    rows = seeded.query_events()
    assert ids_of(rows) == ["consult-nov", "assault-oct", "aid-2020", "undated"]
    assert list(rows[0]) == list(EVENT_ROW_COLUMNS)
    row = rows[0]
    assert row["title"] and row["outlet"] == "Test Wire" and row["published"] == "2020-11-12"
    assert (row["source_code"], row["source_country"], row["source_name"]) == ("RUSGOV", "RUS", "Vladimir Kolokoltsev")
    assert (row["target_code"], row["target_name"]) == ("FRAGOV", "Gerald Darmanin")
    assert (row["place_name"], row["place_country"]) == ("Moscow", "RUS")
    assert row["factual"] is True and row["contexts"] == ["terrorism"]
    assert row["evidence"].startswith("MOSCOW, Nov 12") and row["evidence"].endswith("on Thursday.")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "ASSAULT"}, ["assault-oct"]),
        ({"type": "assault"}, ["assault-oct"]),
        ({"actor": "RUS"}, ["consult-nov", "assault-oct", "aid-2020", "undated"]),
        ({"actor": "GBRGOV"}, ["aid-2020"]),
        ({"actor": "gbr"}, ["aid-2020"]),
        ({"actor": "RUSMIL"}, []),
        ({"actor": "%"}, []),
        ({"country": "FRA"}, ["consult-nov", "assault-oct", "undated"]),
        ({"country": "UKR"}, ["aid-2020"]),
        ({"since": "2020-11"}, ["consult-nov", "aid-2020"]),
        ({"since": "2020-11-13"}, ["aid-2020"]),
        ({"until": "2020-10"}, ["assault-oct", "aid-2020"]),
        ({"until": "2020-10-28"}, ["aid-2020"]),
        ({"since": "2020-10-01", "until": "2020-10-31"}, ["assault-oct", "aid-2020"]),
        ({"since": "2021"}, []),
        ({"type": "CONSULT", "country": "FRA", "since": "2020"}, ["consult-nov"]),
    ],
)
def test_query_filters(seeded: Store, filters: dict, expected: list[str]) -> None:
    assert ids_of(seeded.query_events(**filters)) == expected


def test_full_text_search(seeded: Store) -> None:
    assert len(seeded.query_events(q="Kolokoltsev terrorism")) == 4
    assert len(seeded.query_events(q="terror*")) == 4
    assert seeded.query_events(q="Kolokoltsev banana") == []
    # Punctuation and FTS5 operators in user input are words, never syntax errors.
    for q in ['"unbalanced', "U.S.", "NEAR(", "a OR b", "col:umn", "-", "***"]:
        seeded.query_events(q=q)
    assert fts_query("al-Shabaab U.S. attack*") == '"al Shabaab" AND "U S" AND "attack"*'
    assert fts_query("--") is None


def test_limit_and_offset(seeded: Store) -> None:
    assert ids_of(seeded.query_events(limit=2)) == ["consult-nov", "assault-oct"]
    assert ids_of(seeded.query_events(limit=2, offset=2)) == ["aid-2020", "undated"]
    with pytest.raises(StoreError):
        seeded.query_events(limit=-1)


def test_reader_and_writer_on_one_file(db_path: Path) -> None:
    """WAL: another connection keeps reading while one store writes batches."""
    with open_store(f"sqlite:///{db_path}") as writer, open_store(f"sqlite:///{db_path}") as reader:
        errors: list[BaseException] = []

        def write() -> None:
            try:
                writer.upsert_many((make_record(f"w-{i}") for i in range(60)), batch_size=5)
            except BaseException as exc:  # reported to the main thread
                errors.append(exc)

        thread = threading.Thread(target=write)
        thread.start()
        while thread.is_alive():
            reader.stats()
        thread.join()
        assert not errors
        assert reader.stats()["articles"] == 60


# -- exports ---------------------------------------------------------------------------------


def test_write_jsonl_round_trips(seeded: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(seeded.iter_records(), out) == 4
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == list(seeded.iter_records())


def test_write_events_csv_has_a_stable_header(seeded: Store) -> None:
    out = io.StringIO(newline="")
    assert write_events_csv(seeded.query_events(), out) == 4
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == list(EVENT_ROW_COLUMNS)
    first = dict(zip(rows[0], rows[1]))
    assert first["article_id"] == "consult-nov"
    assert first["factual"] == "true" and first["dead"] == "" and first["contexts"] == "terrorism"
    assert first["goldstein"] == "1.0"
    assert len(rows) == 5


def test_write_events_csv_with_no_rows_writes_the_header() -> None:
    out = io.StringIO()
    assert write_events_csv([], out) == 0
    assert out.getvalue() == ",".join(EVENT_ROW_COLUMNS) + "\n"
