"""The seed article end to end through the real model: the spine's acceptance criteria."""
from eventwire.bench.seed import score, spans_consistent


def found(items, kind):
    return [i for i in items if i["kind"] == kind and i["found"]]


def test_seed_published_from_dateline(seed_record):
    assert seed_record["published"] == "2020-11-12"
    assert seed_record["outlet"] == "Pakistan Point News / Sputnik"
    assert seed_record["title"].startswith("Russian Interior Ministry Says")


def test_seed_events_types_and_countries(seed_record, seed_gold):
    events = found(score(seed_record, seed_gold), "event")
    assert len(events) == len(seed_gold["events"]) == 8, [e for e in score(seed_record, seed_gold) if not e["found"]]


def test_seed_background_events_keep_their_own_dates(seed_record):
    by_trigger = {e["trigger"]["text"]: e for e in seed_record["events"]}
    assert by_trigger["signed"]["date"] == "2006-05-25" and by_trigger["signed"]["date_basis"] == "timex"
    assert by_trigger["killed"]["date"] == "2020-10-29"
    assert by_trigger["killed"]["dead"] == 3
    assert by_trigger["beheading"]["date"] is None  # background, undated: never the report's date
    assert by_trigger["deportation"]["factual"] is False


def test_seed_quotes_attributed_to_volk(seed_record, seed_gold):
    quotes = found(score(seed_record, seed_gold), "quote")
    assert len(quotes) == 2
    direct = [q for q in seed_record["quotes"] if q["kind"] == "direct"]
    assert direct[1]["cue"]["text"] == "said"


def test_seed_time_expressions(seed_record, seed_gold):
    assert len(found(score(seed_record, seed_gold), "timex")) >= 6
    values = {t["text"]: t["value"] for t in seed_record["timex"]}
    assert values["October 29"] == "2020-10-29"
    assert any(k.endswith("Thursday") and v == "2020-11-12" for k, v in values.items())


def test_seed_places_resolved(seed_record):
    ids = {m["text"]: p["geonameid"] for p in seed_record["places"] for m in p["mentions"]}
    assert ids.get("Moscow") == 524901
    assert ids.get("Paris") == 2988507
    assert ids.get("Nice") == 2990440


def test_seed_spans_match_text(seed_record):
    assert spans_consistent(seed_record)


def test_seed_coreference(seed_record):
    kolokoltsev = next(a for a in seed_record["actors"] if a["name"] == "Vladimir Kolokoltsev")
    assert kolokoltsev["code"] == "RUSGOV"
    assert "Russian minister" in {m["text"] for m in kolokoltsev["mentions"]}
    volk = next(a for a in seed_record["actors"] if a["name"] == "Irina Volk")
    assert {"spokeswoman", "official"} <= {m["text"] for m in volk["mentions"]}
