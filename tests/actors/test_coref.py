"""Within-article coreference: pure helpers by hand, the mention kinds through the real model."""
from __future__ import annotations

import pytest

from eventwire.actors.coref import _recent_person, _speaker_noun, _title_genders
from eventwire.actors.drafts import Draft, Roster
from eventwire.model import Mention


def person(roster: Roster, name: str, start: int, title: str | None = None) -> Draft:
    draft = Draft(name=name, type="PERSON", title=title)
    roster.mention(draft, Mention(start=start, end=start + len(name), text=name, kind="name"))
    return draft


def test_pronouns_agree_in_gender() -> None:
    roster = Roster()
    volk = person(roster, "Irina Volk", 0, title="spokeswoman")
    kolokoltsev = person(roster, "Vladimir Kolokoltsev", 50, title="Interior Minister")
    genders = _title_genders(roster)
    assert genders == {id(volk): "F"}
    assert _recent_person(roster, 100, "F", genders) is volk
    assert _recent_person(roster, 100, "M", genders) is kolokoltsev
    assert _recent_person(roster, 40, "M", {id(volk): "F"}) is None  # only a woman before
    genders[id(kolokoltsev)] = "M"
    assert _recent_person(roster, 2000, "M", genders) is None  # too far back


def test_speaker_nouns(blank_nlp) -> None:
    from eventwire.ontology import load_ontology

    onto = load_ontology()
    doc = blank_nlp("source announcer letter analyst Trump")
    for tok, pos, lemma in zip(doc, ["NOUN", "NOUN", "NOUN", "NOUN", "PROPN"], ["source", "announcer", "letter", "analyst", "Trump"]):
        tok.pos_ = pos
        tok.lemma_ = lemma
    assert [_speaker_noun(t, onto) for t in doc] == [True, True, False, True, False]


def mentions(record: dict, name: str) -> set[tuple[str, str]]:
    actor = next(a for a in record["actors"] if a["name"] == name)
    return {(m["text"], m["kind"]) for m in actor["mentions"]}


@pytest.mark.model
def test_surnames_titles_and_pronouns(code_text) -> None:
    record = code_text(
        "Russian Interior Minister Vladimir Kolokoltsev met his French counterpart, Gerald Darmanin, "
        "Russian Interior Ministry spokeswoman Irina Volk said on Thursday.\n\n"
        "Kolokoltsev noted that the head of the Russian Interior Ministry was ready to cooperate, she added. "
        "The French minister said he would return.")
    kolokoltsev = mentions(record, "Vladimir Kolokoltsev")
    assert ("Kolokoltsev", "name") in kolokoltsev
    assert ("head", "title") in kolokoltsev  # "the head of the Russian Interior Ministry"
    assert ("she", "pronoun") in mentions(record, "Irina Volk")
    assert {("French minister", "title"), ("he", "pronoun")} <= mentions(record, "Gerald Darmanin")


@pytest.mark.model
def test_groups_of_named_persons(code_text) -> None:
    record = code_text("Interior Minister Vladimir Kolokoltsev met French Interior Minister Gerald Darmanin "
                       "in Moscow on Thursday.\n\nThe two ministers discussed terrorism.")
    group = next(a for a in record["actors"] if a["type"] == "GROUP")
    assert "Kolokoltsev" in group["name"] and "Darmanin" in group["name"]
    assert [m["text"] for m in group["mentions"]] == ["two ministers"]


@pytest.mark.model
def test_a_speaking_nominal_becomes_an_actor(code_text) -> None:
    record = code_text("Clashes broke out in the capital on Monday.\n\n"
                       "Three people were hurt, a hospital official said.")
    official = next(a for a in record["actors"] if "hospital official" in a["name"])
    assert official["type"] == "PERSON" and official["mentions"][0]["kind"] == "nominal"
