"""Canonical events: one real event with every (article, event id) that reports it."""
from __future__ import annotations

import copy

import pytest
from helpers_records import make_record

from eventwire.corpus import Corpus, events
from eventwire.store import open_store

OTHER_TEXT = (
    "Moscow talks on terrorism\n\n"
    "PARIS, Nov 12 - France's Gerald Darmanin and his Russian counterpart Vladimir Kolokoltsev met "
    "in Moscow on Thursday, the French ministry said, to discuss deportations of radicals."
)


def report(id: str, *, outlet: str = "Test Wire", text: str | None = None, **changes) -> dict:
    """make_record's article (one CONSULT event RUSGOV -> FRAGOV in Moscow), with changes to it.

    ``text`` replaces the article text (another outlet's own story: another story cluster).
    """
    record = make_record(id, outlet=outlet)
    if text:
        record["text"] = text
        record["events"][0]["trigger"] = {"start": text.index("met"), "end": text.index("met") + 3, "text": "met"}
        record["events"][0]["evidence"] = {"start": text.index("PARIS"), "end": len(text)}
    event = record["events"][0]
    for key, value in changes.items():
        if key in ("source", "target"):
            next(a for a in record["actors"] if a["id"] == event[key]).update(value)
        elif key == "place":
            record["places"][0].update(value)
        else:
            event[key] = value
    return record


@pytest.fixture
def linked(corpus: Corpus):
    def add(*records: dict) -> list[str]:
        for r in records:
            corpus.add(r)
        links = corpus.canonical_links()
        return [links[(r["id"], r["events"][0]["id"])] for r in records]

    return add


def test_reports_of_one_meeting_by_two_outlets_are_one_canonical_event(corpus: Corpus, linked):
    a, b = linked(report("tass", outlet="TASS"), report("afp", outlet="AFP", text=OTHER_TEXT))
    assert a == b
    [event] = corpus.canonical_events()
    assert (event["plover"], event["source_code"], event["target_code"], event["date"]) == ("CONSULT", "RUSGOV", "FRAGOV", "2020-11-12")
    assert (event["articles"], event["sources"], event["reports"], event["stories"]) == (2, 2, 2, 2)
    assert event["members"] == [{"article_id": "afp", "event_id": "e1"}, {"article_id": "tass", "event_id": "e1"}]


def test_symmetric_types_match_with_sides_swapped(linked):
    swapped = report("b", text=OTHER_TEXT)
    swapped["events"][0]["source"], swapped["events"][0]["target"] = "a2", "a1"
    assert len(set(linked(report("a"), swapped))) == 1
    accuse = report("c", plover="ACCUSE", cameo="112", text=OTHER_TEXT)
    accuse_back = report("d", plover="ACCUSE", cameo="112")
    accuse_back["events"][0]["source"], accuse_back["events"][0]["target"] = "a2", "a1"
    one, two = linked(accuse, accuse_back)
    assert one != two  # "A accuses B" is not "B accuses A"


@pytest.mark.parametrize(("changes", "same"), [
    ({"date": "2020-11-14"}, True),  # within the tolerance
    ({"date": "2020-11-16"}, False),
    ({"date": "2020-11", "date_precision": "month"}, True),  # the month holds the day
    ({"date": None, "date_precision": None}, False),
    ({"factual": False, "modality": "proposed"}, False),
    ({"plover": "AGREE", "cameo": "031"}, False),
    ({"source": {"country": "UKR", "code": "UKRGOV"}}, False),
    ({"source": {"sector": "MIL", "code": "RUSMIL"}}, False),
    ({"source": {"country": None, "sector": None, "code": None}}, True),  # unknown fits; the target agrees
    ({"place": {"name": "Khimki", "geonameid": 548012, "lat": 55.89, "lon": 37.44}}, True),  # 20 km away
    ({"place": {"name": "Kazan", "geonameid": 551487, "lat": 55.79, "lon": 49.12}}, False),  # 720 km away
    ({"place": {"name": "Russia", "geonameid": 2017370, "feature": "country", "lat": 60.0, "lon": 100.0}}, True),
    ({"place": {"name": "Paris", "geonameid": 2988507, "country": "FRA", "lat": 48.85, "lon": 2.35}}, False),
])
def test_matching_rules(linked, changes: dict, same: bool):
    first, second = linked(report("a"), report("b", outlet="Other Wire", text=OTHER_TEXT, **changes))
    assert (first == second) is same


def test_events_with_no_identified_party_or_city_stay_apart(linked):
    nobody = {"source": {"country": None, "sector": None, "code": None},
              "target": {"country": None, "sector": None, "code": None},
              "place": {"name": "Russia", "geonameid": 2017370, "feature": "country", "lat": 60.0, "lon": 100.0}}
    one, two = linked(report("a", **nobody), report("b", text=OTHER_TEXT, **nobody))
    assert one != two


def two_events(id: str, second_dead: int | None) -> dict:
    record = report(id, plover="ASSAULT", cameo="190", dead=2)
    record["events"].append(dict(copy.deepcopy(record["events"][0]), id="e2", dead=second_dead,
                                 trigger={"start": 0, "end": 6, "text": "Russia"}))
    return record


def test_one_article_reporting_two_alike_events_keeps_them_apart(corpus: Corpus):
    corpus.add(two_events("two", second_dead=None))
    links = corpus.canonical_links()
    assert links[("two", "e1")] != links[("two", "e2")]


def test_one_article_telling_an_event_twice_gives_one_canonical_event(corpus: Corpus):
    corpus.add(two_events("three", second_dead=2))  # the same toll: told twice
    links = corpus.canonical_links()
    assert links[("three", "e1")] == links[("three", "e2")]
    [event] = corpus.canonical_events()
    assert (event["reports"], event["articles"]) == (2, 1)


def test_ids_are_deterministic_and_adding_again_changes_nothing(store_url: str, tmp_path):
    records = [report("a"), report("b", outlet="AFP", text=OTHER_TEXT), report("c", plover="AID", cameo="070")]
    runs = []
    for url in (store_url, f"sqlite:///{tmp_path / 'other.db'}"):
        with open_store(url) as store:
            corpus = Corpus(store)
            for r in records:
                corpus.add(r)
            before = corpus.canonical_events()
            for r in records:
                corpus.add(r)
            assert corpus.canonical_events() == before
            runs.append(sorted(e["id"] for e in before))
    assert runs[0] == runs[1] and len(runs[0]) == 2


def test_a_recoded_article_replaces_its_links(corpus: Corpus):
    corpus.add(report("a"))
    corpus.add(report("b", outlet="AFP", text=OTHER_TEXT))
    corpus.add(report("b", outlet="AFP", text=OTHER_TEXT, plover="AGREE", cameo="031"))
    counts = sorted((e["plover"], e["articles"]) for e in corpus.canonical_events())
    assert counts == [("AGREE", 1), ("CONSULT", 1)]
    corpus.remove("b")
    assert [(e["plover"], e["articles"]) for e in corpus.canonical_events()] == [("CONSULT", 1)]


def test_day_ranges_and_gaps():
    assert events.day_range("2020-02") == (events.day_range("2020-02-01")[0], events.day_range("2020-02-29")[0])
    assert events.day_range("2020")[1] - events.day_range("2020")[0] == 365
    assert events.day_range("not a date") is None
    assert events.date_gap((10, 10), (13, 20)) == 3 and events.date_gap((10, 30), (13, 20)) == 0
    assert events.date_gap(None, None) == 0 and events.date_gap(None, (1, 1)) is None
