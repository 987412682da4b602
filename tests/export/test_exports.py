"""Exports: GDELT 2.0 event table, PLOVER JSON (validated against its shipped JSON Schema),
Parquet, CSV and JSONL through ``eventwire.cli.exports.export_records``."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import examples_store, make_record  # noqa: E402

from eventwire.cli.exports import FORMATS, export_records  # noqa: E402
from eventwire.errors import EventwireError  # noqa: E402
from eventwire.export import GDELT_COLUMNS, events_arrow_schema, write_events_parquet, write_gdelt, write_plover  # noqa: E402
from eventwire.export.gdelt import action_geo, date_fields, fips_country, gdelt_rows, is_root_event  # noqa: E402
from eventwire.export.plover import plover_events  # noqa: E402
from eventwire.export.plover_schema import PLOVER_SCHEMA  # noqa: E402
from eventwire.store import EVENT_ROW_COLUMNS, event_number, open_store  # noqa: E402

ONTOLOGY = Path(__file__).resolve().parents[3] / "shared" / "ontology"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'export.db'}"
    with open_store(url) as store:
        store.upsert(make_record("consult-nov"))
        assault = make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10")
        assault["events"][0].update(quad=4, goldstein=-10.0, dead=3, injured=None, factual=False, modality="intended",
                                    mode="beat", target=None, location=None, quote="q1")
        store.upsert(assault)
    return url


def gdelt_dict(row: list[str]) -> dict[str, str]:
    assert len(row) == 61
    return dict(zip(GDELT_COLUMNS, row))


# -- GDELT -----------------------------------------------------------------------------------------


def test_gdelt_columns_match_the_codebook_list() -> None:
    listed = ONTOLOGY / "gdelt2_event_columns.txt"
    if not listed.is_file():
        pytest.skip(f"shared ontology not found at {ONTOLOGY}")
    names = [line.split()[0] for line in listed.read_text().splitlines() if line.strip()]
    assert tuple(names) == GDELT_COLUMNS


def test_gdelt_row_of_a_hand_built_record() -> None:
    [row] = list(gdelt_rows([make_record()]))
    g = gdelt_dict(row)
    assert g["GlobalEventId"] == str(event_number("art-1", "e1"))
    assert (g["Day"], g["MonthYear"], g["Year"], g["FractionDate"]) == ("20201112", "202011", "2020", "2020.9370")
    assert (g["Actor1Code"], g["Actor1Name"], g["Actor1CountryCode"], g["Actor1Type1Code"]) == (
        "RUSGOV", "VLADIMIR KOLOKOLTSEV", "RUS", "GOV")
    assert (g["Actor2Code"], g["Actor2Name"], g["Actor2CountryCode"], g["Actor2Type1Code"]) == (
        "FRAGOV", "GERALD DARMANIN", "FRA", "GOV")
    for unknown in ("Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor2Type2Code", "AvgTone",
                    "Actor1Geo_Type", "Actor1Geo_Fullname", "Actor2Geo_Lat", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
                    "ActionGeo_FeatureID"):
        assert g[unknown] == "", unknown
    assert g["IsRootEvent"] == "1"
    assert (g["EventCode"], g["EventBaseCode"], g["EventRootCode"], g["QuadClass"], g["GoldsteinScale"]) == (
        "040", "040", "04", "1", "1")
    assert (g["NumMentions"], g["NumSources"], g["NumArticles"]) == ("1", "1", "1")
    assert (g["ActionGeo_Type"], g["ActionGeo_Fullname"], g["ActionGeo_CountryCode"]) == ("4", "Moscow, Moscow, Russia", "RS")
    assert (g["ActionGeo_Lat"], g["ActionGeo_Long"]) == ("55.75222", "37.61556")
    assert g["DATEADDED"] == "20201112100000" and g["SOURCEURL"] == "https://example.org/art-1"


def test_gdelt_fields_never_carry_tabs_or_newlines() -> None:
    record = make_record()
    record["actors"][0]["name"] = "Vladimir\tKolokoltsev\n"
    [row] = list(gdelt_rows([record]))
    assert gdelt_dict(row)["Actor1Name"] == "VLADIMIR KOLOKOLTSEV"
    out = io.StringIO()
    assert write_gdelt([record, {"schema": "eventwire/1", "id": "r", "source": None,
                                 "rejected": {"stage": "read", "reason": "empty"}}], out, header=True) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert len(lines) == 2 and len(lines[1].split("\t")) == 61


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2015-02-19", ("20150219", "201502", "2015", "2015.2164")),
        ("2020-11", ("", "202011", "2020", "")),
        ("2020", ("", "", "2020", "")),
        (None, ("", "", "", "")),
        ("P2W", ("", "", "", "")),
    ],
)
def test_gdelt_dates_at_their_precision(date: str | None, expected: tuple) -> None:
    assert date_fields(date) == expected


@pytest.mark.parametrize(("iso3", "fips"), [("FRA", "FR"), ("DEU", "GM"), ("GBR", "UK"), ("RUS", "RS"), ("USA", "US"),
                                            ("NGA", "NI"), ("XXX", None), (None, None)])
def test_fips_country_codes(iso3: str | None, fips: str | None) -> None:
    assert fips_country(iso3) == fips


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ({"name": "France", "country": "FRA", "feature": "country", "lat": 46.0, "lon": 2.0},
         ["1", "France", "FR", "FR", "", "46", "2", "FR"]),
        ({"name": "Texas", "country": "USA", "feature": "admin1", "admin1": None, "lat": 31.25, "lon": -99.25},
         ["2", "Texas, United States", "US", "USTX", "", "31.25", "-99.25", "USTX"]),
        ({"name": "Austin", "country": "USA", "feature": "city", "admin1": "Texas", "lat": 30.26715, "lon": -97.74306},
         ["3", "Austin, Texas, United States", "US", "USTX", "", "30.26715", "-97.74306", ""]),
        ({"name": "Kaduna", "country": "NGA", "feature": "admin1", "admin1": None, "lat": 10.33, "lon": 7.75},
         ["5", "Kaduna, Nigeria", "NI", "", "", "10.33", "7.75", ""]),
        ({"name": "West Africa", "country": None, "feature": "region", "lat": None, "lon": None},
         ["", "West Africa", "", "", "", "", "", ""]),
    ],
)
def test_gdelt_action_geo(place: dict, expected: list[str]) -> None:
    assert action_geo(place) == expected


def test_root_event_is_the_lead_paragraph() -> None:
    text = "Headline here\n\nLEAD, May 1 - First thing happened.\n\nLater, more happened."
    assert is_root_event(text, "Headline here", text.index("First"))
    assert is_root_event(text, "Headline here", text.index("LEAD"))
    assert not is_root_event(text, "Headline here", text.index("Later"))
    assert not is_root_event(text, "Headline here", 0)
    # Without a headline paragraph, the first paragraph is the lead.
    assert is_root_event("One.\n\nTwo.", None, 0) and not is_root_event("One.\n\nTwo.", None, 6)


# -- PLOVER ----------------------------------------------------------------------------------------


def validator():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(PLOVER_SCHEMA)
    return jsonschema.Draft202012Validator(PLOVER_SCHEMA)


def test_plover_objects_of_hand_built_records_validate(db: str) -> None:
    with open_store(db) as store:
        objects = list(plover_events(store.iter_records()))
    check = validator()
    for obj in objects:
        errors = sorted(check.iter_errors(obj), key=str)
        assert not errors, errors[0]
    by_id = {o["id"]: o for o in objects}
    consult = by_id["consult-nov/e1"]
    assert consult["event"] == ["CONSULT"] and consult["quad_code"] == 1 and consult["cameo"] == "040"
    assert consult["actor"][0]["code"] == "RUS" and consult["actor"][0]["sector"] == "GOV"
    assert consult["actor"][0]["identifier_text"] == "Vladimir Kolokoltsev" and consult["actor"][0]["office"] == "Interior Minister"
    assert consult["recipient"][0]["cameo_code"] == "FRAGOV"
    assert consult["event_loc"]["resolved_place"] == "Moscow" and consult["event_loc"]["country"] == "Russian Federation"
    assert consult["event_loc"]["resolution"] == 4 and consult["event_loc"]["geonameid"] == 524901
    assert consult["event_text"][0].startswith("MOSCOW, Nov 12") and consult["text_info"]["sequence"] == 1
    assert consult["cite_info"]["publication"] == "Test Wire" and consult["coded_date"] == "2020-11-12"
    assault = by_id["assault-oct/e1"]
    assert assault["recipient"] == [] and assault["event_loc"] is None and assault["mode"] == ["beat"]
    assert assault["date"] == "2020-10" and assault["size"] == {"dead": 3, "injured": None}
    assert assault["factual"] is False and assault["modality"] == "intended"
    assert assault["quote"]["speaker"] == "Vladimir Kolokoltsev"


def test_plover_schema_rejects_what_it_should() -> None:
    check = validator()
    [good] = list(plover_events([make_record()]))
    assert check.is_valid(good)
    for broken in (
        {**good, "event": ["FIGHT"]},
        {**good, "quad_code": 5},
        {**good, "date": "12 Nov 2020"},
        {**good, "colour": "red"},
        {k: v for k, v in good.items() if k != "actor"},
        {**good, "actor": [{**good["actor"][0], "code": 7}]},
    ):
        assert not check.is_valid(broken), broken


def test_plover_output_of_the_examples_validates(pipeline, tmp_path_factory: pytest.TempPathFactory) -> None:
    url = examples_store(pipeline, tmp_path_factory.mktemp("examples-store"))
    with open_store(url) as store:
        objects = list(plover_events(store.iter_records()))
        assert len(objects) == store.stats()["events"] > 100
        rows = list(gdelt_rows(store.iter_records()))
    check = validator()
    for obj in objects:
        errors = list(check.iter_errors(obj))
        assert not errors, (obj["id"], errors[0].message)
    assert len({r[0] for r in rows}) == len(rows)  # GlobalEventIds are unique
    for row in rows:
        g = gdelt_dict(row)
        assert g["QuadClass"] in {"1", "2", "3", "4"} and len(g["EventRootCode"]) == 2
        assert g["EventCode"].startswith(g["EventBaseCode"]) and g["EventBaseCode"].startswith(g["EventRootCode"])
        assert g["ActionGeo_CountryCode"] == "" or len(g["ActionGeo_CountryCode"]) == 2


# -- Parquet, CSV, JSONL and export_records --------------------------------------------------------


def test_parquet_round_trips_with_types(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export_records("parquet", out, db) == 2
    table = pq.read_table(out)
    assert table.schema.equals(events_arrow_schema())
    assert table.column_names == list(EVENT_ROW_COLUMNS)
    rows = {r["article_id"]: r for r in table.to_pylist()}
    assert rows["assault-oct"]["dead"] == 3 and rows["assault-oct"]["factual"] is False
    assert rows["consult-nov"]["contexts"] == ["terrorism"] and rows["consult-nov"]["quad"] == 1
    with open_store(db) as store:
        assert sorted(table.to_pylist(), key=lambda r: r["article_id"]) == sorted(store.iter_events(), key=lambda r: r["article_id"])


def test_empty_parquet_still_has_the_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert write_events_parquet([], tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").schema.equals(events_arrow_schema())


def test_export_records_every_format(db: str, tmp_path: Path) -> None:
    counts = {fmt: export_records(fmt, tmp_path / f"out.{fmt}", db) for fmt in FORMATS}
    assert counts == {"jsonl": 2, "csv": 2, "parquet": 2, "gdelt": 2, "plover": 2}
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["assault-oct", "consult-nov"]
    table = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert table[0] == list(EVENT_ROW_COLUMNS) and len(table) == 3
    assert all(len(line.split("\t")) == 61 for line in (tmp_path / "out.gdelt").read_text().splitlines())
    check = validator()
    assert all(check.is_valid(json.loads(line)) for line in (tmp_path / "out.plover").read_text().splitlines())


def test_export_records_to_stdout(db: str, capsys: pytest.CaptureFixture) -> None:
    assert export_records("plover", Path("-"), db) == 2
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize(
    ("fmt", "output", "message"),
    [
        ("xml", "out.xml", "choose one of: csv, gdelt, jsonl, parquet, plover"),
        ("parquet", "-", "cannot be written to stdout"),
        ("csv", "missing-dir/out.csv", "does not exist"),
        ("csv", ".", "is a directory"),
    ],
)
def test_export_records_errors_say_what_to_do(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              fmt: str, output: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EventwireError, match=message):
        export_records(fmt, Path(output), db)
