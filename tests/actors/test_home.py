"""The story's dominant country: counted from places, demonyms, actors and the dateline; the
place counts are reused for the same document and taken anew when it changes."""
from __future__ import annotations

from eventwire.actors import home
from eventwire.actors.home import dominant_country
from eventwire.model import Article, Document
from eventwire.model.document import Dateline, Entity
from eventwire.model.records import Actor, Mention, Place, Span

TEXT = "NAIROBI - Kenyan police met officials from Madagascar in Nairobi and Antananarivo."


def place(pid: str, name: str, country: str, *starts: int) -> Place:
    return Place(id=pid, name=name, country=country,
                 mentions=[Span(start=s, end=s + len(name), text=name) for s in starts])


def actor(aid: str, country: str, names: int, sector: str = "GOV") -> Actor:
    return Actor(id=aid, name=aid, type="ORG", country=country, sector=sector,
                 mentions=[Mention(start=i, end=i + 1, text="x", kind="name") for i in range(names)])


def document() -> Document:
    doc = Document(article=Article(text=TEXT))
    doc.dateline = Dateline(start=0, end=7, place_start=0, place_end=7)
    doc.places = [place("p1", "Nairobi", "KEN", 0, 55), place("p2", "Madagascar", "MDG", 38)]
    doc.entities = [Entity(11, 17, "NORP", "Kenyan")]
    return doc


def test_places_demonyms_and_dateline_vote():
    doc = document()
    assert dominant_country(doc) == "KEN"  # 2 places + 1 demonym + dateline against 1 place


def test_actors_are_counted_on_every_call():
    doc = document()
    assert dominant_country(doc) == "KEN"
    doc.actors = [actor("a1", "MDG", 5)]
    assert dominant_country(doc) == "MDG"  # the place counts are reused, the new actor counts
    assert dominant_country(doc, actors=[]) == "KEN"
    assert dominant_country(doc, actors=[actor("a2", "MDG", 5, sector="MED")]) == "KEN"  # media do not vote


def test_changed_places_are_counted_anew():
    doc = document()
    assert dominant_country(doc) == "KEN"
    doc.places[1].mentions.extend(Span(start=i, end=i + 1, text="M") for i in range(1, 5))  # grew in place
    assert dominant_country(doc) == "MDG"
    doc.places = [place("p2", "Madagascar", "MDG", 38)]  # replaced
    doc.entities = []
    assert dominant_country(doc) == "MDG"
    doc.places = []
    assert dominant_country(doc) is None


def test_another_document_is_not_answered_from_the_cache():
    first, second = document(), document()
    second.places = [place("p2", "Madagascar", "MDG", 38, 60)]
    second.entities = []
    assert dominant_country(first) == "KEN"
    assert dominant_country(second) == "MDG"
    assert dominant_country(first) == "KEN"
    assert home._last_counts[0][0] is first  # one slot: the last document asked about


def test_actors_appended_or_replaced_after_a_call_are_counted():
    doc = document()
    doc.actors = [actor("a1", "MDG", 1)]
    assert dominant_country(doc) == "KEN"  # counts the actors seen so far
    doc.actors.append(actor("a2", "MDG", 4))  # appended to the same list
    assert dominant_country(doc) == "MDG"
    doc.actors[1] = actor("a2", "MDG", 4, sector="MED")  # replaced: media do not vote
    assert dominant_country(doc) == "KEN"
    doc.actors[0] = actor("a1", "MDG", 4)
    assert dominant_country(doc) == "MDG"
    doc.actors.pop()
    assert dominant_country(doc) == "MDG"
    doc.actors.pop()
    assert dominant_country(doc) == "KEN"


def test_a_tie_goes_to_the_country_named_first():
    doc = Document(article=Article(text=TEXT))
    doc.actors = [actor("a1", "MDG", 0), actor("a2", "KEN", 0)]
    assert dominant_country(doc) == "MDG"  # no votes at all: the first country counted wins
    doc.actors.append(actor("a3", "KEN", 1))
    doc.actors.append(actor("a4", "MDG", 1))
    assert dominant_country(doc) == "MDG"
