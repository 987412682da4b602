"""The places stage: documents built by hand with their NER entities (no spaCy)."""
from __future__ import annotations

from eventwire.model import Article, Dateline, Document, Entity
from eventwire.stages.places import country_of_place, place_mentions, resolve_places


def make_doc(text: str, *names: tuple[str, str], dateline: tuple[int, int] | None = None) -> Document:
    """Return a Document whose entities are the (surface, label) pairs, each at every occurrence."""
    entities = []
    for surface, label in names:
        start = text.find(surface)
        assert start != -1, surface
        while start != -1:
            entities.append(Entity(start=start, end=start + len(surface), label=label, text=surface))
            start = text.find(surface, start + 1)
    entities.sort(key=lambda e: e.start)
    doc = Document(article=Article(text=text), entities=entities)
    if dateline:
        doc.dateline = Dateline(start=0, end=dateline[1], place_start=dateline[0], place_end=dateline[1])
    return resolve_places(doc)


def by_name(doc: Document) -> dict:
    return {p.name: p for p in doc.places}


def test_moscow_and_russia() -> None:
    doc = make_doc("Police in Moscow detained 12 people, Russia's interior ministry said.",
                   ("Moscow", "GPE"), ("Russia", "GPE"))
    places = by_name(doc)
    assert places["Moscow"].geonameid == 524901 and places["Moscow"].feature == "city"
    russia = places["Russia"]
    assert (russia.geonameid, russia.feature, russia.lat, russia.lon) == (2017370, "country", 60.0, 100.0)
    assert [p.id for p in doc.places] == ["p1", "p2"]
    assert 0.0 < russia.confidence <= 1.0


def test_paris_in_an_article_about_france_and_russia() -> None:
    doc = make_doc("Talks between France and Russia resumed in Paris on Monday.",
                   ("France", "GPE"), ("Russia", "GPE"), ("Paris", "GPE"))
    places = by_name(doc)
    assert places["Paris"].geonameid == 2988507
    assert places["France"].geonameid == 3017382 and places["France"].country == "FRA"


def test_nice_in_an_article_mentioning_france() -> None:
    doc = make_doc("The attack in Nice shocked France.", ("Nice", "GPE"), ("France", "GPE"))
    nice = by_name(doc)["Nice"]
    assert (nice.geonameid, nice.country, nice.feature) == (2990440, "FRA", "city")
    assert nice.admin1 == "Provence-Alpes-Côte d'Azur"


def test_context_picks_between_namesakes() -> None:
    texas = make_doc("Storms hit Paris, Texas, on Sunday.", ("Paris", "GPE"), ("Texas", "GPE"))
    assert by_name(texas)["Paris"].geonameid == 4717560
    us = make_doc("Georgia lawmakers met in Atlanta to discuss the budget.",
                  ("Georgia", "GPE"), ("Atlanta", "GPE"))
    assert by_name(us)["Georgia"].feature == "admin1"
    caucasus = make_doc("Russia and Georgia traded accusations over Tbilisi.",
                        ("Russia", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE"))
    assert by_name(caucasus)["Georgia"].geonameid == 614540


def test_nationalities_count_as_context() -> None:
    plain = make_doc("Clashes were reported in Tripoli.", ("Tripoli", "GPE"))
    lebanese = make_doc("Lebanese troops deployed in Tripoli.", ("Lebanese", "NORP"), ("Tripoli", "GPE"))
    assert by_name(plain)["Tripoli"].country == "LBY"
    assert by_name(lebanese)["Tripoli"].country == "LBN"
    assert [p.name for p in lebanese.places] == ["Tripoli"]  # the nationality is no place


def test_mentions_merge_strip_the_and_keep_offsets() -> None:
    text = "The United States and the U.S. Navy: the United States said Washington agreed."
    doc = make_doc(text, ("The United States", "GPE"), ("the United States", "GPE"), ("U.S.", "GPE"),
                   ("Washington", "GPE"))
    us = by_name(doc)["United States"]
    assert [m.text for m in us.mentions] == ["United States", "U.S.", "United States"]
    for place in doc.places:
        for m in place.mentions:
            assert text[m.start:m.end] == m.text
    assert country_of_place(doc, us.id) == "USA"
    assert country_of_place(doc, "p99") is None


def test_uppercase_dateline_without_entity() -> None:
    text = "MOSCOW (Sputnik) - Officials said the talks would go on."
    doc = make_doc(text, dateline=(0, 6))
    assert len(doc.places) == 1
    moscow = doc.places[0]
    assert moscow.geonameid == 524901 and moscow.mentions[0].text == "MOSCOW"


def test_dateline_covered_by_an_entity_is_not_counted_twice() -> None:
    doc = make_doc("PARIS, France - Strikes closed schools.", ("PARIS", "GPE"), ("France", "GPE"),
                   dateline=(0, 14))
    assert [(m.start, m.end) for m in by_name(doc)["Paris"].mentions] == [(0, 5)]
    assert by_name(doc)["Paris"].geonameid == 2988507


def test_unknown_and_non_place_entities_are_skipped() -> None:
    doc = make_doc("Xyzzyville officials met Vladimir Putin in Moscow.", ("Xyzzyville", "GPE"),
                   ("Vladimir Putin", "PERSON"), ("Moscow", "GPE"))
    assert [p.name for p in doc.places] == ["Moscow"]
    assert [p.id for p in doc.places] == ["p1"]


def test_place_mentions_trim_possessives_and_punctuation() -> None:
    text = "Russia's army, and Va. roads."
    doc = Document(article=Article(text=text), entities=[
        Entity(start=0, end=8, label="GPE", text="Russia's"),
        Entity(start=19, end=22, label="GPE", text="Va."),
    ])
    assert place_mentions(doc) == [("Russia", 0, 6), ("Va.", 19, 22)]


def test_outlet_in_the_dateline_is_no_place() -> None:
    text = "MOSCOW (Pakistan Point News / Sputnik - 12th November, 2020) Russian police met."
    doc = Document(article=Article(text=text), entities=[
        Entity(start=8, end=27, label="ORG", text="Pakistan Point News"),
        Entity(start=61, end=68, label="NORP", text="Russian"),
    ])
    doc.dateline = Dateline(start=0, end=61, place_start=0, place_end=6, outlet="Pakistan Point News",
                            outlet_start=8, outlet_end=27)
    resolve_places(doc)
    assert [(p.name, p.country) for p in doc.places] == [("Moscow", "RUS")]


def test_places_the_ner_missed_or_put_in_an_organisation() -> None:
    doc = make_doc("The crackdown on protesters in Antananarivo, where police killed four people, "
                   "was condemned by the Gainesville Police Department.",
                   ("Gainesville Police Department", "ORG"))
    places = by_name(doc)
    assert places["Antananarivo"].country == "MDG" and places["Antananarivo"].feature == "city"
    assert places["Gainesville"].country == "USA"
    assert all(0 < p.confidence <= 1 for p in doc.places)


def test_place_confidence_is_lower_for_an_ambiguous_name() -> None:
    paris = make_doc("Officials in Paris spoke.", ("Paris", "GPE")).places[0]
    springfield = make_doc("Officials in Springfield spoke.", ("Springfield", "GPE")).places[0]
    assert paris.geonameid == 2988507 and paris.confidence > 0.5
    assert springfield.confidence < paris.confidence


def test_landmarks_are_no_places_of_the_news() -> None:
    doc = make_doc("The White House said the talks in Geneva would go on.",
                   ("White House", "ORG"), ("Geneva", "GPE"))
    assert [p.name for p in doc.places] == ["Geneva"]
