"""The gazetteer index: country names, aliases and demonyms; candidates; the stored data."""
from __future__ import annotations

import csv
import marshal
from collections import Counter
from pathlib import Path

import pytest

from eventwire.gazetteer import CountryInfo, candidates, get_index, lookup_country, name_key
from eventwire.gazetteer.index import ALTERNATE, NAME, GazetteerIndex

DATA = Path(__file__).resolve().parents[2] / "eventwire" / "gazetteer"


@pytest.mark.parametrize(("text", "iso3"), [
    ("Russian", "RUS"), ("Russians", "RUS"), ("French", "FRA"), ("Tunisian", "TUN"),
    ("Russia", "RUS"), ("RUSSIA", "RUS"), ("Russia's", "RUS"), ("Britain", "GBR"),
    ("UK", "GBR"), ("the United Kingdom", "GBR"), ("the United States", "USA"), ("US", "USA"),
    ("U.S.", "USA"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Netherlands", "NLD"),
    ("The Gambia", "GMB"), ("Burma", "MMR"), ("Palestinian", "PSE"),
])
def test_lookup_country_names_aliases_and_demonyms(text: str, iso3: str) -> None:
    info = lookup_country(text)
    assert info is not None and info.iso3 == iso3


@pytest.mark.parametrize("text", ["Chechen", "Scottish", "Kurdish", "russian", "french",
                                  "Moscow", "Texas", ""])
def test_lookup_country_rejects_sub_national_and_lowercase(text: str) -> None:
    assert lookup_country(text) is None


def test_country_points_are_geonames_points() -> None:
    assert lookup_country("Russia") == CountryInfo("RUS", "RU", "Russia", 2017370, 60.0, 100.0)
    assert lookup_country("France") == CountryInfo("FRA", "FR", "France", 3017382, 46.0, 2.0)


def test_candidates_rank_countries_first_then_population() -> None:
    russia = candidates("Russia")
    assert (russia[0].geonameid, russia[0].feature) == (2017370, "country")
    assert (russia[0].lat, russia[0].lon) == (60.0, 100.0)
    assert any(e.feature == "city" and e.country_iso3 == "USA" for e in russia)  # Russia, Ohio
    moscow = [e for e in candidates("Moscow") if e.feature == "city"]
    assert moscow[0].geonameid == 524901 and moscow[0].country_iso3 == "RUS"
    assert any(e.geonameid == 5601538 for e in moscow)  # Moscow, Idaho


def test_candidates_know_cities_divisions_and_regions() -> None:
    nice = candidates("Nice")[0]
    assert (nice.geonameid, nice.country_iso3, nice.admin1) == (
        2990440, "FRA", "Provence-Alpes-Côte d'Azur")
    assert candidates("W.Va.")[0].name == "West Virginia"
    texas = next(e for e in candidates("Texas") if e.feature == "admin1")
    assert (texas.geonameid, texas.lat, texas.lon) == (4736286, 31.25044, -99.25061)
    assert candidates("Middle East")[0].geonameid == 6269133
    assert any(e.name == "Rapides Parish" for e in candidates("Rapides Parish"))
    assert candidates("Gotham Xyzzy") == []


def test_names_match_without_case_accents_or_article() -> None:
    assert name_key("  Zürich ") == name_key("zurich") == "zurich"
    assert candidates("MOSCOW") == candidates("Moscow")
    assert candidates("the Netherlands")[0].country_iso3 == "NLD"
    assert [e.geonameid for e in candidates("Saint Louis")][:1] == [
        e.geonameid for e in candidates("St. Louis")][:1]


def test_index_state_round_trips_through_marshal() -> None:
    rows = [(1, "Alpha", "AAA", "North", "city", 1.5, 2.5, 10),
            (None, "Beta", None, None, "region", -3.0, 4.0, 0)]
    keys = {"alpha": [(0, NAME)], "beta": [(1, NAME), (0, ALTERNATE)]}
    index = GazetteerIndex.from_rows(rows, keys, [("AAA", "AA", "Aland", 7, 1.0, 2.0)],
                                     {"Aland": ("AAA", NAME)}, [1])
    copy = GazetteerIndex(marshal.loads(marshal.dumps(index.state())))
    assert [(e.name, kind) for e, kind in copy.matches("BETA")] == [("Beta", NAME), ("Alpha", ALTERNATE)]
    assert copy.matches("alpha")[0][0].admin1 == "North"
    assert copy.matches("beta")[0][0].geonameid is None
    assert copy.country_form("Aland") == ("AAA", NAME) and 1 in copy.capitals


def test_countries_tsv_is_complete_and_demonyms_unambiguous() -> None:
    with (DATA / "countries.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 245
    assert len({r["iso3"] for r in rows}) == len(rows)
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["iso3"]
        assert r["geonameid"].isdigit()
    demonyms = Counter(d for r in rows for d in r["demonyms"].split("|") if d)
    assert [d for d, n in demonyms.items() if n > 1] == []


def test_index_is_built_once() -> None:
    assert get_index() is get_index()


def test_landmarks_are_known_as_such() -> None:
    index = get_index()
    white_house = next(e for e, _ in index.matches("White House") if e.country_iso3 == "USA"
                       and e.geonameid == 9675434)
    assert index.is_landmark(white_house)
    assert not any(index.is_landmark(e) for e, _ in index.matches("Moscow"))
