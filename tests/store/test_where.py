"""Filters as cached SQL shapes (store/where.py), capped counts, and the indexes of migrations 4
and 6: results must equal a plain Python reading of each filter's definition."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record  # noqa: E402

from eventwire.store import EventFilter, QueryError, Store, open_store, sqlite  # noqa: E402
from eventwire.store.schema import events  # noqa: E402
from eventwire.store.where import conditions_of, prefix_end  # noqa: E402

# Event dates at every precision, around month and year ends, and undated.
DATES = ["2019", "2020", "2020-02", "2020-02-28", "2020-02-29", "2020-03", "2020-03-01", "2020-12", "2020-12-31",
         "2021", "2021-01", "2021-01-01", None]
BOUNDS = ["2019", "2020", "2020-02", "2020-02-29", "2020-03", "2020-03-01", "2020-12-31", "2021", "2021-01-01"]


def _record(i: int, date: str | None, *, cameo: str = "040", plover: str = "CONSULT", quad: int = 1,
            country: str = "RUS", lat: float = 55.75, lon: float = 37.62) -> dict:
    record = make_record(f"w-{i:03d}", plover=plover, cameo=cameo, date=date or "2020-01-01")
    event = record["events"][0]
    event["quad"] = quad
    if date is None:
        event.update(date=None, date_precision=None, date_basis=None)
    else:
        event["date_precision"] = {4: "year", 7: "month", 10: "day"}[len(date)]
    record["actors"][0]["country"] = country
    record["places"][0].update(lat=lat, lon=lon, country=country)
    return record


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('where') / 'where.db'}")
    store.upsert_many([_record(i, d) for i, d in enumerate(DATES)])
    yield store
    store.close()


def _overlaps(date: str | None, since: str | None, until: str | None) -> bool:
    """The documented meaning of since/until: compared at the event date's own precision."""
    if date is None:
        return since is None and until is None
    if since is not None and date < since[:len(date)]:
        return False
    return until is None or date[:len(until)] <= until


@pytest.mark.parametrize("sort", [None, "date", "-confidence"])
def test_since_and_until_mean_what_they_say_at_every_precision(dated: Store, sort: str | None) -> None:
    for since, until in itertools.product([None, *BOUNDS], [None, *BOUNDS]):
        expected = sorted(d for d in DATES if _overlaps(d, since, until)) if (since or until) else None
        rows = dated.query_events(EventFilter(since=since, until=until), sort=sort, limit=100)
        got = sorted(r["date"] for r in rows) if (since or until) else None
        assert got == expected, (since, until, sort)
        if since or until:
            assert dated.count_events(since=since, until=until) == len(expected)


def test_filters_of_one_shape_share_conditions_but_not_values(dated: Store) -> None:
    early, late = EventFilter(since="2021"), EventFilter(since="2019", until="2019")
    a, b = early.where(sqlite), EventFilter(since="2020").where(sqlite)
    assert a.shape == b.shape and a.conditions is b.conditions and a.params != b.params
    assert late.where(sqlite).shape != a.shape
    # The cached statement is re-bound on every call: each filter gets its own events.
    assert {r["date"] for r in dated.query_events(early)} == {"2021", "2021-01", "2021-01-01"}
    assert {r["date"] for r in dated.query_events(late)} == {"2019"}
    assert {r["date"] for r in dated.query_events(early)} == {"2021", "2021-01", "2021-01-01"}


def test_conditions_with_values_bound_leave_the_cached_ones_untouched(dated: Store) -> None:
    f = EventFilter(since="2021")
    bound = f.conditions(sqlite)
    with dated._engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(events).where(*bound)).scalar()
    assert n == 3
    cached = conditions_of(f.where(sqlite).shape, sqlite)
    for condition in cached:
        for bind in sa.sql.visitors.iterate(condition):
            if isinstance(bind, sa.BindParameter) and bind.key.startswith("f_"):
                assert bind.value is None, bind.key


def test_text_filters_match_literally_not_as_like_patterns(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'like.db'}") as store:
        plain, percent = make_record("plain"), make_record("percent")
        percent["actors"][0]["name"] = "100% Group_One"
        plain["actors"][0]["name"] = "1000 Group-One"
        store.upsert_many([plain, percent])
        assert [r["article_id"] for r in store.query_events(actor_name="0% group_")] == ["percent"]
        assert store.count_events(actor_name="%") == 1 and store.count_events(actor_name="_") == 1
        assert store.count_events(place="moscow") == 2 and store.count_events(place="%cow") == 0


def test_codes_roots_and_countries_in_and_out_of_date_order(tmp_path: Path) -> None:
    records = [_record(i, f"2020-01-{i + 1:02d}", cameo=cameo, plover="ASSAULT", quad=4, country=country)
               for i, (cameo, country) in enumerate(itertools.product(["190", "1823", "1831", "183"], ["NGA", "KEN"]))]
    with open_store(f"sqlite:///{tmp_path / 'codes.db'}") as store:
        store.upsert_many(records)
        for sort in (None, "-confidence", "date"):
            assert len(store.query_events(cameo="1823", sort=sort)) == 2
            assert len(store.query_events(cameo="18", sort=sort)) == 6
            assert len(store.query_events(cameo="183", sort=sort)) == 4
            assert len(store.query_events(country="KEN", cameo="18", sort=sort)) == 3
        assert [r["date"] for r in store.query_events(cameo="18")] == sorted(
            (r["events"][0]["date"] for r in records if r["events"][0]["cameo"].startswith("18")), reverse=True)


def test_capped_count(dated: Store) -> None:
    everything = len(DATES)
    assert dated.count_events() == everything
    assert dated.count_events(at_most=5) == 5
    assert dated.count_events(at_most=everything + 10) == everything
    assert dated.count_events(at_most=0) == 0
    assert dated.count_events(EventFilter(since="2021"), at_most=2) == 2
    with pytest.raises(QueryError):
        dated.count_events(at_most=-1)


def test_prefix_end_bounds_every_string_with_the_prefix() -> None:
    for prefix in ("2024-08", "2024-09", "19", "RUS", "a"):
        end = prefix_end(prefix)
        assert prefix < end and (prefix + "\uffff") < end and not end.startswith(prefix)


def test_the_load_indexes_exist_after_migrating(dated: Store) -> None:
    names = set()
    with dated._engine.connect() as conn:
        for table in ("events", "articles"):
            names |= {ix["name"] for ix in sa.inspect(conn).get_indexes(table)}
    assert {"ix_articles_page", "ix_events_source_country_plover", "ix_events_target_country_plover",
            "ix_events_place_country_plover", "ix_events_confidence_order", "ix_events_cameo_date"} <= names


def test_a_page_of_a_full_code_is_read_from_its_index_in_order(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'plan.db'}") as store:
        store.upsert_many([_record(i, f"2020-01-{i % 28 + 1:02d}", cameo="1823" if i % 4 else "190") for i in range(40)])
        store.analyze()
        executed: list[tuple[str, tuple]] = []

        def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
            executed.append((statement, parameters))

        sa.event.listen(store._engine, "before_cursor_execute", capture)
        try:
            rows = store.query_events(cameo="1823", limit=5)
        finally:
            sa.event.remove(store._engine, "before_cursor_execute", capture)
        assert [r["date"] for r in rows] == sorted((r["date"] for r in store.query_events(cameo="1823")), reverse=True)[:5]
        statement, parameters = next((s, p) for s, p in executed if s.lstrip().startswith("SELECT"))
        raw = store._engine.raw_connection()
        try:
            plan = " ".join(row[3] for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", parameters))
        finally:
            raw.close()
        assert "ix_events_cameo_date" in plan, plan
