"""Toponym recognition: NER places, datelines, organisation heads, discourse, gazetteer matching."""
from __future__ import annotations

from eventwire.gazetteer import get_index
from eventwire.gazetteer.recognize import Token, ambiguous_words, find_toponyms, trim_span
from eventwire.model import Entity


def ents(text: str, *names: tuple[str, str]) -> list[Entity]:
    """Return entities for each (surface, label) at its first occurrence."""
    out = []
    for surface, label in names:
        start = text.index(surface)
        out.append(Entity(start, start + len(surface), label, surface))
    return sorted(out, key=lambda e: e.start)


def found(text: str, entities=(), **kw) -> list[str]:
    return [text[t.start:t.end] for t in find_toponyms(text, list(entities), get_index(), **kw)]


def test_gazetteer_matching_finds_what_the_ner_missed() -> None:
    text = "Rights groups condemned the crackdown on protesters in Antananarivo, where police killed four people."
    assert found(text) == ["Antananarivo"]


def test_gazetteer_matching_with_tokens_takes_proper_nouns_only() -> None:
    text = "Crowds gathered in Antananarivo on Monday."
    tokens = [Token(0, 6, "NOUN", True), Token(7, 15, "VERB", False), Token(16, 18, "ADP", False),
              Token(19, 31, "PROPN", False), Token(32, 34, "ADP", False),
              Token(35, 41, "PROPN", False), Token(41, 42, "PUNCT", False)]
    assert found(text, tokens=tokens) == ["Antananarivo"]
    tokens[3] = Token(19, 31, "NOUN", False)  # the tagger says it is no name
    assert found(text, tokens=tokens) == []


def test_no_place_from_an_outlet_or_a_person() -> None:
    text = "MOSCOW (Pakistan Point News / Sputnik) Paris Hilton visited a club in Moscow."
    outlet = (text.index("Pakistan"), text.index(" / Sputnik"))
    entities = ents(text, ("Pakistan Point News", "ORG"), ("Paris Hilton", "PERSON"),
                    ("Moscow", "GPE"))
    names = found(text, entities, dateline=(0, 6), excluded=[outlet])
    assert names == ["MOSCOW", "Moscow"]


def test_places_heading_an_organisation_but_not_an_outlet() -> None:
    text = "The Gainesville Police Department said the New York Times reporter left."
    entities = ents(text, ("Gainesville Police Department", "ORG"), ("New York Times", "ORG"))
    assert found(text, entities) == ["Gainesville"]
    text = "She studied at the University of Kentucky."
    assert found(text, ents(text, ("University of Kentucky", "ORG"))) == ["Kentucky"]


def test_one_sense_per_discourse_but_not_for_surnames() -> None:
    text = "Tbilisi accused Moscow. Later Tbilisi said talks were over."
    entities = ents(text, ("Tbilisi", "GPE"), ("Moscow", "GPE"))
    entities.append(Entity(30, 37, "PERSON", "Tbilisi"))
    assert found(text, entities) == ["Tbilisi", "Moscow", "Tbilisi"]
    text = "Officer Jim Bell said Bell was not armed."
    entities = ents(text, ("Jim Bell", "PERSON"))
    assert found(text, entities) == []


def test_common_words_and_names_are_not_matched() -> None:
    assert ambiguous_words()["March"] == "word" and ambiguous_words()["Jordan"] == "name"
    assert found("In March the Police Union met Jordan at the Church.") == []
    text = "Talks in Jordan resumed."
    assert found(text, ents(text, ("Jordan", "GPE"))) == ["Jordan"]  # the NER is trusted


def test_longest_name_first_and_dateline_openings() -> None:
    assert found("He moved to New York City last year.") == ["New York City"]
    text = "Council approves budget. MANSFIELD — The council voted on Monday."
    assert found(text) == ["MANSFIELD"]
    assert found("Rep. Jim Clyburn, D-S.C., spoke.") == ["S.C."]


def test_trim_span() -> None:
    text = "the United States's army, W.Va. 61"
    assert text[slice(*trim_span(text, 0, 19))] == "United States"
    start = text.index("W.Va.")
    assert text[slice(*trim_span(text, start, len(text)))] == "W.Va."
