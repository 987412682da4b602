"""actors: named actors with titles, country and sector codes, and within-article coreference."""
from __future__ import annotations

from eventwire.actors.coref import link_nominals
from eventwire.actors.drafts import Roster
from eventwire.actors.home import dominant_country, infer_country
from eventwire.actors.named import find_named
from eventwire.actors.outlets import add_outlets
from eventwire.model import Document
from eventwire.ontology import load_ontology
from eventwire.registry import function_stage


@function_stage("actors", requires={"parses", "entities", "places"}, assigns={"actors"})
def find_actors(doc: Document) -> Document:
    """Fill ``doc.actors``: NER persons/orgs/countries, coded, with nominal and pronoun mentions."""
    onto = load_ontology()
    roster = Roster()
    add_outlets(doc, roster)
    find_named(doc, roster, onto)
    link_nominals(doc, roster, onto)
    actors = roster.finish()
    dominant = dominant_country(doc, actors)
    doc.actors = [infer_country(doc, a, dominant=dominant, actors=actors) for a in actors]
    return doc
