"""Which actor a stretch of text names: the mention index follows actors the coder appends or
replaces after it was built, and keeps the first actor in ``doc.actors`` order on ties."""
from __future__ import annotations

from eventwire.actors.lookup import actor_at, actor_covering
from eventwire.model import Article, Document
from eventwire.model.records import Actor, Mention

TEXT = "The Kenyan police met officials of the African Union in Nairobi on Monday."


def actor(aid: str, *spans: tuple[int, int], country: str | None = None, type_: str = "ORG") -> Actor:
    return Actor(id=aid, name=aid, type=type_, country=country,
                 mentions=[Mention(start=s, end=e, text=TEXT[s:e]) for s, e in spans])


def document() -> Document:
    doc = Document(article=Article(text=TEXT))
    doc.actors = [actor("a1", (4, 17)), actor("a2", (39, 51))]  # "Kenyan police", "African Union"
    return doc


def test_longest_mention_inside_wins_and_head_must_be_covered():
    doc = document()
    doc.actors.append(actor("a3", (4, 10), type_="GPE"))  # "Kenyan"
    assert actor_at(doc, 0, 20).id == "a1"
    assert actor_at(doc, 0, 20, head=4).id == "a1"
    assert actor_at(doc, 0, 10).id == "a3"
    assert actor_at(doc, 0, 20, head=18) is None


def test_ties_go_to_the_first_actor():
    doc = document()
    doc.actors.append(actor("a3", (39, 51)))
    assert actor_at(doc, 30, 60).id == "a2"
    assert actor_covering(doc, 40).id == "a2"


def test_an_actor_appended_after_a_lookup_is_found():
    doc = document()
    assert actor_at(doc, 55, 62) is None  # builds the index
    doc.actors.append(actor("a3", (55, 62), type_="GPE"))  # "Nairobi"
    assert actor_at(doc, 55, 62).id == "a3"
    assert actor_covering(doc, 57).id == "a3"


def test_a_replaced_actor_is_returned_as_it_is_now():
    doc = document()
    assert actor_at(doc, 0, 20).country is None
    doc.actors[0] = doc.actors[0].model_copy(update={"country": "KEN"})
    assert actor_at(doc, 0, 20).country == "KEN"
    doc.actors[1] = actor("a2", (63, 69))  # now "Monday", no longer "African Union"
    assert actor_at(doc, 30, 55) is None
    assert actor_covering(doc, 64).id == "a2"


def test_a_new_list_or_document_is_indexed_anew():
    doc = document()
    assert actor_covering(doc, 5).id == "a1"
    doc.actors = [actor("b1", (55, 62))]
    assert actor_covering(doc, 5) is None
    other = document()
    assert actor_covering(other, 5).id == "a1"


def test_covering_skips_actors_not_accepted():
    doc = document()
    doc.actors.append(actor("a3", (4, 10), country="KEN"))
    assert actor_covering(doc, 5).id == "a1"
    assert actor_covering(doc, 5, lambda a: a.country is not None).id == "a3"
    assert actor_covering(doc, 17) is None  # end is exclusive


def test_position_finds_the_actor_itself_else_an_equal_one() -> None:
    from eventwire.actors.lookup import position
    from eventwire.model import Actor

    a = Actor(id="a1", name="Kenya", type="GPE", country="KEN", sector="GOV", code="KENGOV", mentions=[])
    b = Actor(id="a2", name="police", type="GROUP", country="KEN", sector="COP", code="KENCOP", mentions=[])
    assert position([a, b], b) == 1
    assert position([a, b], b.model_copy()) == 1  # an equal copy: found by equality
