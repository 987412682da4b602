"""Rules of eventwire.timex: hand-written sentences with the TimeML values they must get."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.timex import find_timexes, parse_date
from eventwire.timex.patterns import FAST_PATTERNS, PATTERNS

DCT = "2020-11-12"  # a Thursday
SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed"


def values(text: str, published: str | None = DCT) -> dict[str, str]:
    found = find_timexes(text, published)
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
    return {t.text: t.value for t in found}


def types(text: str, published: str | None = DCT) -> dict[str, str]:
    return {t.text: t.type for t in find_timexes(text, published)}


# --- the seven kinds of expression of the seed article, in new sentences ---------------------

def test_dateline_date_with_ordinal_day() -> None:
    text = "PARIS (Example Wire / Agency - 12th November, 2020) The minister arrived."
    assert values(text) == {"12th November, 2020": "2020-11-12"}


def test_weekday_of_a_story_published_that_day_is_the_same_day() -> None:
    text = "A ministry spokesman told reporters on Thursday that the talks went well."
    assert values(text) == {"on Thursday": "2020-11-12"}


def test_early_month_is_the_month() -> None:
    text = "The trip, which was first reported in early November, ended today."
    assert values(text)["early November"] == "2020-11"


def test_recent_weeks_is_past_ref_and_keeps_in() -> None:
    text = "Several bombings have shaken the region in recent weeks, officials said."
    assert values(text) == {"in recent weeks": "PAST_REF"}


def test_full_american_date() -> None:
    text = "The treaty between the two states was signed on May 25, 2006 in Sochi."
    assert values(text) == {"May 25, 2006": "2006-05-25"}


def test_bare_year_after_in() -> None:
    text = "She chairs a commission that was set up in 2009 to fight smuggling."
    assert values(text) == {"2009": "2009"}


def test_month_day_before_the_dct_stays_in_its_year() -> None:
    text = "A gunman attacked a church in Lyon on October 29, police said."
    assert values(text) == {"October 29": "2020-10-29"}


# --- formats ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("It happened on Nov. 12, 2020 in Rome.", "2020-11-12"),
    ("It happened on 12 November 2020 in Rome.", "2020-11-12"),
    ("It happened on 2020-11-12 in Rome.", "2020-11-12"),
    ("It happened on 11/12/2020 in Rome.", "2020-11-12"),
    ("It happened on the 12th of November 2020 in Rome.", "2020-11-12"),
    ("It happened on Thursday, November 12, 2020 in Rome.", "2020-11-12"),
    ("It happened in November 2020 in Rome.", "2020-11"),
    ("It happened in mid-March in Rome.", "2020-03"),
    ("It happened in the 1990s in Rome.", "199"),
    ("It happened in the third quarter of 2019.", "2019-Q3"),
    ("It happened in the first half of next year.", "2021-H1"),
    ("It happened on Christmas Eve in 2019.", "2019-12-24"),
])
def test_one_date(text: str, expected: str) -> None:
    assert list(values(text).values())[0] == expected


def test_month_day_well_after_the_dct_is_last_year() -> None:
    assert values("The deal was signed on December 20 in Kyiv.") == {"December 20": "2019-12-20"}


def test_month_day_ahead_in_a_future_sentence() -> None:
    assert values("The court will rule on January 15.") == {"January 15": "2021-01-15"}


def test_weekday_past_and_future_by_tense() -> None:
    assert values("Protesters gathered on Monday in the capital.") == {"on Monday": "2020-11-09"}
    assert values("Talks will resume on Monday in Geneva.") == {"on Monday": "2020-11-16"}
    assert values("The parliament voted Tuesday, and will vote again Friday.") == {
        "Tuesday": "2020-11-10", "Friday": "2020-11-13"}


def test_weekday_with_relation_words() -> None:
    assert values("He resigned last Thursday.") == {"last Thursday": "2020-11-05"}
    assert values("They meet next Monday.") == {"next Monday": "2020-11-16"}


def test_relative_days_and_parts_of_day() -> None:
    found = values("Yesterday troops left; today they rest, tomorrow they march and tonight they eat.")
    assert found == {"Yesterday": "2020-11-11", "today": "2020-11-12", "tomorrow": "2020-11-13",
                     "tonight": "2020-11-12TNI"}
    assert types("The blast was heard last night.") == {"last night": "TIME"}


def test_relative_units() -> None:
    found = values("Sales rose last week and last month, fell last year, and may grow next week "
                   "and this year.")
    assert found == {"last week": "2020-W45", "last month": "2020-10", "last year": "2019",
                     "next week": "2020-W47", "this year": "2020"}
    assert values("Earlier this month the plan changed.") == {"Earlier this month": "2020-11"}


def test_reference_words() -> None:
    assert values("The minister is now in Paris and currently meets envoys.") == {
        "now": "PRESENT_REF", "currently": "PRESENT_REF"}
    assert values("The group will grow in the coming months.") == {
        "in the coming months": "FUTURE_REF"}


def test_durations() -> None:
    found = values("Prices climbed for the past two weeks after three years of decline.")
    assert found == {"the past two weeks": "P2W", "three years": "P3Y"}
    assert types("A 10-day truce began.") == {"10-day": "DURATION"}
    assert values("He waited for 24 hours and then several months.") == {
        "24 hours": "PT24H", "several months": "PXM"}


def test_ago() -> None:
    assert values("The firm was founded two years ago.") == {"two years ago": "2018"}
    assert values("It rained three days ago.") == {"three days ago": "2020-11-09"}


def test_sets() -> None:
    found = find_timexes("The board meets every week and publishes figures weekly.", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("every week", "SET", "P1W"), ("weekly", "SET", "P1W")]
    assert values("It earns $5 million a year.") == {"a year": "P1Y"}


def test_times() -> None:
    found = find_timexes("The vote closed at 3 p.m. and results came at 10:30 p.m. Thursday.", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("3 p.m.", "TIME", "2020-11-12T15:00"), ("10:30 p.m. Thursday", "TIME", "2020-11-12T22:30")]


def test_not_time_expressions() -> None:
    assert values("A 21-year-old man and his 45-year-old father were 30 years old.") == {}
    assert values("Talks may fail. Theresa May spoke. The March on Rome began.") == {}
    assert values("About 2000 people and 1,500 troops joined. The Daily Beast said so.") == {}


def test_without_a_dct_relative_values_stay_underspecified() -> None:
    found = values("Officials said on Thursday that the October 29 attack changed things now.",
                   published=None)
    assert found == {"on Thursday": "XXXX-WXX-4", "October 29": "XXXX-10-29",
                     "now": "PRESENT_REF"}
    assert values("It happened on May 25, 2006.", published=None) == {"May 25, 2006": "2006-05-25"}


def test_datetime_dct() -> None:
    assert values("He spoke on Thursday.", published="2020-11-12T09:30:00Z") == {
        "on Thursday": "2020-11-12"}


def test_spans_restrict_the_search() -> None:
    text = "It rained on Monday. It snowed on Tuesday."
    found = find_timexes(text, DCT, spans=[(21, len(text))])
    assert [t.text for t in found] == ["on Tuesday"]


def test_abbreviated_month_does_not_end_a_sentence() -> None:
    assert values("The summit was held on Nov. 3 in Baku.") == {"Nov. 3": "2020-11-03"}


def test_first_chars_change_nothing() -> None:
    text = (" ".join([
        "On Thursday, 12 November 2020, the 1990s and mid-2009 were recalled; early May 2019,",
        "the past two weeks, 3 p.m. EST Friday, every other week, twice a day, Q3 2019,",
        "last summer, in recent weeks, three years ago, the 21st century, fiscal 2012, 11/12/2020,",
        "yesterday morning, now, the weekend, Christmas Day, noon, 2020-11-12T09:30, 9 o'clock.",
    ]))
    for name, pattern in PATTERNS.items():
        slow = [m.span() for m in pattern.finditer(text)]
        fast = [m.span() for m in FAST_PATTERNS[name].finditer(text)]
        assert slow == fast, name


# --- parse_date -----------------------------------------------------------------------------

def test_parse_date() -> None:
    assert parse_date("12th November, 2020") == "2020-11-12"
    assert parse_date("Nov. 12, 2020 09:30 GMT") == "2020-11-12"
    assert parse_date("March 3", reference="2020-11-12") == "2020-03-03"
    assert parse_date("March 3") is None
    assert parse_date("") is None


# --- end to end on the seed, when the shared corpus is there ----------------------------------

def test_seed_article() -> None:
    if not (SEED / "seed.txt").exists():
        pytest.skip("shared seed corpus not present")
    text = (SEED / "seed.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "seed.gold.json").read_text(encoding="utf-8"))
    found = {(t.start, t.end): t.value for t in find_timexes(text, gold["published"])}
    assert {(g["start"], g["end"]): g["value"] for g in gold["timex"]}.items() <= found.items()
