"""The store's analyst reads: filters, sorts, counts, dyads, places, actors, quotes, articles,
stories; migration 2 (actor keys) on a store written by migration 1; batched bulk writes."""
from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record  # noqa: E402

from eventwire.store import (  # noqa: E402
    EventFilter,
    QueryError,
    Store,
    actor_key,
    event_number,
    event_uid,
    migrations,
    open_store,
    split_event_uid,
)
from eventwire.store import schema_v1  # noqa: E402
from eventwire.store.core import _child_rows, _article_row, content_hash, normalize_record  # noqa: E402


@pytest.fixture
def store(tmp_path: Path):
    s = open_store(f"sqlite:///{tmp_path / 'reads.db'}")
    yield s
    s.close()


def varied(id: str, *, plover: str = "CONSULT", cameo: str = "040", quad: int = 1, date: str | None = "2020-11-12",
           factual: bool = True, confidence: float = 0.8, place: tuple[str, str, float, float] | None = None,
           target_code: str = "FRAGOV", published: str = "2020-11-12") -> dict:
    record = make_record(id, plover=plover, cameo=cameo, date=date, published=published)
    event = record["events"][0]
    event.update(quad=quad, factual=factual, confidence=confidence, modality="asserted" if factual else "intended")
    record["actors"][1]["code"] = target_code
    record["actors"][1]["country"] = target_code[:3]
    if place:
        name, country, lat, lon = place
        record["places"][0].update(name=name, country=country, lat=lat, lon=lon)
    return record


@pytest.fixture
def seeded(store: Store) -> Store:
    store.upsert_many([
        varied("a-consult", date="2020-11-12", confidence=0.9),
        varied("b-assault", plover="ASSAULT", cameo="190", quad=4, date="2020-10-29", confidence=0.6,
               place=("Kaduna", "NGA", 10.52, 7.44), published="2020-10-30"),
        varied("c-shell", plover="ASSAULT", cameo="1951", quad=4, date="2020-10-30", factual=False, confidence=0.4,
               place=("Isfara", "TJK", 40.13, 70.63), target_code="TJKMIL", published="2020-10-31"),
        varied("d-aid", plover="AID", cameo="070", quad=2, date="2020-11", confidence=0.7,
               place=("Fiji", "FJI", -17.7, 179.9), published="2020-11-20"),
        varied("e-undated", plover="AGREE", cameo="031", quad=1, date=None, confidence=0.5, published="2020-12-01"),
    ])
    return store


def ids(rows: list[dict]) -> list[str]:
    return [r["article_id"] for r in rows]


# -- keys --------------------------------------------------------------------------------------


def test_actor_keys_are_stable_and_normalized() -> None:
    assert actor_key("Amina  Odhiambo", "KENGOV") == actor_key("amina odhiambo", "kengov")
    assert actor_key("Kenya", "KENGOV") != actor_key("Kenyan Foreign Ministry", "KENGOV")
    assert actor_key("X", None) == actor_key("X", "")
    assert len(actor_key("X", None)) == 16


def test_event_uids_split_on_the_last_separator() -> None:
    uid = event_uid("cc-news/2020/x.warc.gz#r1", "e3")
    assert split_event_uid(uid) == ("cc-news/2020/x.warc.gz#r1", "e3")
    assert split_event_uid("no-separator") is None
    assert split_event_uid("/e1") is None
    n = event_number("art", "e1")
    assert 0 < n < 2**63 and n == event_number("art", "e1") != event_number("art", "e2")


def test_rows_carry_actor_keys(seeded: Store) -> None:
    row = seeded.query_events(article="a-consult")[0]
    with seeded._engine.connect() as conn:
        keys = conn.execute(sa.text("SELECT source_key, target_key FROM events WHERE article_id = 'a-consult'")).one()
    assert keys == (actor_key("Vladimir Kolokoltsev", "RUSGOV"), actor_key("Gerald Darmanin", "FRAGOV"))
    assert row["source_code"] == "RUSGOV"


# -- migration 2 on a version-1 store ------------------------------------------------------------


def test_migration_2_backfills_actor_keys_of_a_v1_store(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    record = normalize_record(make_record("old"))
    with engine.begin() as conn:
        schema_v1.metadata.create_all(conn)
        conn.execute(schema_v1.schema_version.insert().values(version=1, name="v1", applied_at="2020-01-01"))
        conn.execute(schema_v1.articles.insert().values(id="old", **_article_row(record, content_hash(record))))
        for table, rows in _child_rows(record):
            v1_table = schema_v1.metadata.tables[table.name]
            conn.execute(v1_table.insert(), [{k: v for k, v in r.items() if k in v1_table.c} for r in rows])
    engine.dispose()
    with open_store(f"sqlite:///{db}") as store:
        assert store.schema_version == migrations.LATEST
        assert [r["article_id"] for r in store.query_events(actor_id=actor_key("Gerald Darmanin", "FRAGOV"))] == ["old"]
        assert store.list_actors()[0]["id"] in {actor_key("Vladimir Kolokoltsev", "RUSGOV"), actor_key("Gerald Darmanin", "FRAGOV")}
        # Re-writing the same record is still a no-op after the migration.
        assert store.upsert(make_record("old")) is False
    con = sqlite3.connect(db)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert {"ix_events_plover_date", "ix_events_cameo", "ix_actors_actor_key"} <= indexes


# -- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"cameo": "19"}, ["c-shell", "b-assault"]),
        ({"cameo": "190"}, ["b-assault"]),
        ({"cameo": "1951"}, ["c-shell"]),
        ({"quad": 4}, ["c-shell", "b-assault"]),
        ({"quad": 2}, ["d-aid"]),
        ({"actor_name": "darmanin"}, ["a-consult", "d-aid", "c-shell", "b-assault", "e-undated"]),
        ({"actor_name": "nobody"}, []),
        ({"actor": "TJKMIL"}, ["c-shell"]),
        ({"country": "NGA"}, ["b-assault"]),
        ({"place": "kadu"}, ["b-assault"]),
        ({"bbox": (0.0, 0.0, 80.0, 45.0)}, ["c-shell", "b-assault"]),
        ({"bbox": (60.0, 35.0, 75.0, 45.0)}, ["c-shell"]),
        # West > east: the box crosses the antimeridian (Fiji at 179.9).
        ({"bbox": (170.0, -30.0, -170.0, 0.0)}, ["d-aid"]),
        ({"factual": False}, ["c-shell"]),
        ({"factual": True, "type": "ASSAULT"}, ["b-assault"]),
        ({"min_confidence": 0.65}, ["a-consult", "d-aid"]),
        ({"since": "2020-10-30", "until": "2020-10-30"}, ["c-shell"]),
        ({"article": "d-aid"}, ["d-aid"]),
        ({"q": "Darmanin", "type": "AID"}, ["d-aid"]),
    ],
)
def test_filters(seeded: Store, criteria: dict, expected: list[str]) -> None:
    assert ids(seeded.query_events(**criteria)) == expected
    assert seeded.count_events(**criteria) == len(expected)
    assert seeded.count_events(EventFilter(**criteria)) == len(expected)


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"type": "FIGHT"}, "choose one of"),
        ({"cameo": "19x"}, "CAMEO code"),
        ({"quad": 5}, "quad class"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
        ({"bbox": (0, 0, 10)}, "four numbers"),
        ({"bbox": (0, 50, 10, 40)}, "south <= north"),
        ({"bbox": (0, 0, 200, 10)}, "-180..180"),
        ({"colour": "red"}, "unknown event filter"),
    ],
)
def test_bad_criteria_raise_query_errors(seeded: Store, criteria: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        seeded.query_events(**criteria)


def test_filter_blank_strings_are_no_filter(seeded: Store) -> None:
    assert len(seeded.query_events(**{"type": "", "actor_name": "  ", "cameo": ""})) == 5


# -- sorting and paging --------------------------------------------------------------------------


def test_sorts_put_nulls_last_both_ways(seeded: Store) -> None:
    assert ids(seeded.query_events(sort="-date")) == ["a-consult", "d-aid", "c-shell", "b-assault", "e-undated"]
    assert ids(seeded.query_events(sort="date")) == ["b-assault", "c-shell", "d-aid", "a-consult", "e-undated"]
    assert ids(seeded.query_events(sort="-confidence"))[0] == "a-consult"
    assert ids(seeded.query_events(sort="confidence"))[0] == "c-shell"
    assert ids(seeded.query_events(sort="published"))[0] == "b-assault"
    assert ids(seeded.query_events(sort="-place")) == ["a-consult", "e-undated", "b-assault", "c-shell", "d-aid"]
    with pytest.raises(QueryError, match="sort key"):
        seeded.query_events(sort="colour")


def test_pages_are_stable_and_cover_everything(seeded: Store) -> None:
    pages = [ids(seeded.query_events(sort="type", limit=2, offset=o)) for o in (0, 2, 4)]
    assert sum(pages, []) == ids(seeded.query_events(sort="type"))
    assert len(set(sum(pages, []))) == 5


def test_iter_events_pages_by_key(seeded: Store) -> None:
    assert ids(seeded.iter_events(batch_size=2)) == sorted(ids(seeded.query_events()))
    assert ids(seeded.iter_events(EventFilter(quad=4), batch_size=1)) == ["b-assault", "c-shell"]


def test_get_event(seeded: Store) -> None:
    assert seeded.get_event("b-assault", "e1")["plover"] == "ASSAULT"
    assert seeded.get_event("b-assault", "e9") is None


# -- counts, dyads, places -----------------------------------------------------------------------


def test_event_counts(seeded: Store) -> None:
    counts = seeded.event_counts()
    assert (counts["events"], counts["undated"], counts["imprecise"]) == (5, 1, 1)
    assert counts["by_day"] == [
        {"date": "2020-10-29", "quad": 4, "count": 1},
        {"date": "2020-10-30", "quad": 4, "count": 1},
        {"date": "2020-11-12", "quad": 1, "count": 1},
    ]
    assert counts["by_type"][0] == {"plover": "ASSAULT", "count": 2}
    assert {c["quad"]: c["count"] for c in counts["by_quad"]} == {1: 2, 2: 1, 4: 2}
    # Where it happened (Kaduna NGA, Isfara TJK, Fiji FJI), else Moscow's RUS.
    assert {c["country"]: c["count"] for c in counts["by_country"]} == {"RUS": 2, "NGA": 1, "TJK": 1, "FJI": 1}
    assert seeded.event_counts(type="ASSAULT")["events"] == 2


def test_dyads(seeded: Store) -> None:
    network = seeded.dyads()
    kolokoltsev = actor_key("Vladimir Kolokoltsev", "RUSGOV")
    assert network["nodes"][0]["id"] == kolokoltsev and network["nodes"][0]["events"] == 5
    edges = {(e["target"], e["quad"]): e["count"] for e in network["edges"]}
    assert edges[(actor_key("Gerald Darmanin", "FRAGOV"), 1)] == 2
    assert edges[(actor_key("Gerald Darmanin", "TJKMIL"), 4)] == 1
    assert all(e["source"] == kolokoltsev for e in network["edges"])
    small = seeded.dyads(max_actors=2)
    assert len(small["nodes"]) == 2 and small["actors_total"] == 3
    assert seeded.dyads(quad=3) == {"nodes": [], "edges": [], "actors_total": 0}


def test_event_places(seeded: Store) -> None:
    places = seeded.event_places()
    assert places[0] == {"name": "Moscow", "country": "RUS", "lat": 55.75222, "lon": 37.61556, "count": 2,
                         "by_quad": {"1": 2, "2": 0, "3": 0, "4": 0}}
    assert {p["name"] for p in seeded.event_places(quad=4)} == {"Kaduna", "Isfara"}


# -- actors, quotes, articles, stories -----------------------------------------------------------


def test_actors_group_mentions_across_articles(seeded: Store) -> None:
    actors = seeded.list_actors()
    top = actors[0]
    assert (top["name"], top["code"], top["articles"], top["events"], top["mentions"]) == (
        "Vladimir Kolokoltsev", "RUSGOV", 5, 5, 10)
    assert [a["code"] for a in seeded.list_actors(code="TJK")] == ["TJKMIL"]
    assert seeded.list_actors(q="darm", sort="name")[0]["name"] == "Gerald Darmanin"
    assert seeded.list_actors(country="FRA", limit=1, offset=5) == []
    with pytest.raises(QueryError, match="actor sort key"):
        seeded.list_actors(sort="height")


def test_actor_detail(seeded: Store) -> None:
    actor = seeded.get_actor(actor_key("Vladimir Kolokoltsev", "RUSGOV"))
    assert actor["events"] == 5 and actor["titles"] == ["Interior Minister"]
    assert {"date": "2020-10-29", "quad": 4, "count": 1} in actor["timeline"]
    assert {"date": None, "quad": 1, "count": 1} in actor["timeline"]
    roles = {(c["code"], c["role"]) for c in actor["counterparts"]}
    assert ("FRAGOV", "target") in roles and ("TJKMIL", "target") in roles
    assert seeded.get_actor("0000000000000000") is None


def test_quotes_by_speaker(seeded: Store) -> None:
    quotes = seeded.list_quotes(speaker="kolokol")
    assert len(quotes) == 5 and quotes[0]["speaker_name"] == "Vladimir Kolokoltsev"
    assert quotes[0]["article_id"] == "e-undated"  # newest published first
    assert quotes[0]["text"].startswith("Russia was ready")
    assert len(seeded.list_quotes(speaker_id=actor_key("Vladimir Kolokoltsev", "RUSGOV"), limit=2)) == 2
    assert seeded.list_quotes(speaker="Darmanin") == []
    assert len(seeded.list_quotes(q="terrorism", article="b-assault")) == 1


def test_articles_list(seeded: Store) -> None:
    articles = seeded.list_articles()
    assert [a["id"] for a in articles][:2] == ["e-undated", "d-aid"]
    assert articles[0]["events"] == 1 and articles[0]["actors"] == 2 and "text" not in articles[0]
    assert seeded.count_articles() == 5
    assert [a["id"] for a in seeded.list_articles(since="2020-11", until="2020-11")] == ["d-aid", "a-consult"]
    assert seeded.count_articles(q="Kolokoltsev", outlet="Test Wire") == 5
    assert seeded.list_articles(outlet="Nobody") == []


def test_stories_read_whatever_stories_table_there_is(store: Store) -> None:
    """The stories table belongs to story clustering; the read follows its columns, whatever they are."""
    assert store.list_stories() == []
    with store._engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS stories")
    assert store.list_stories() == []
    with store._engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, articles INTEGER)")
        conn.exec_driver_sql("INSERT INTO stories VALUES ('c2', 'second', 3), ('c1', 'first', 2)")
    assert store.list_stories() == [{"id": "c1", "label": "first", "articles": 2},
                                    {"id": "c2", "label": "second", "articles": 3}]
    assert store.list_stories(limit=1, offset=1) == [{"id": "c2", "label": "second", "articles": 3}]


# -- batched writes ------------------------------------------------------------------------------


def test_repeated_ids_in_one_batch_are_written_in_order(store: Store) -> None:
    first = make_record("same")
    second = make_record("same", plover="AGREE", cameo="031")
    assert store.upsert_many([first, second, first]) == (3, 0)
    assert store.get_article("same") == first
    assert store.upsert_many([first, first]) == (0, 2)
    assert store.stats()["events"] == 1


def test_bulk_load_is_fast(store: Store) -> None:
    """Batched inserts: 2,000 articles (10,000 rows) well under the time one-by-one writes took."""
    started = time.perf_counter()
    assert store.upsert_many((make_record(f"bulk-{i:05d}") for i in range(2000)), batch_size=500) == (2000, 0)
    elapsed = time.perf_counter() - started
    assert store.stats()["events"] == 2000
    assert elapsed < 30, f"bulk load took {elapsed:.1f} s"


def test_statistics_are_refreshed_as_a_store_grows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import core

    monkeypatch.setattr(core, "ANALYZE_AFTER", 4)

    def has_stats() -> bool:
        with store._engine.connect() as conn:
            return bool(conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar())

    store.upsert_many([make_record("s-0"), make_record("s-1")])
    assert not has_stats()
    # Small batches, as an ingest writes them: the count carries across calls.
    store.upsert_many([make_record("s-2"), make_record("s-3")])
    assert has_stats()
