"""actors: named actors with titles, country and sector codes, and within-article coreference."""
from __future__ import annotations

from eventwire.actors.coref import link_nominals
from eventwire.actors.drafts import Roster
from eventwire.actors.named import find_named
from eventwire.model import Document
from eventwire.ontology import load_ontology
from eventwire.registry import function_stage


@function_stage("actors", requires={"parses", "entities"}, assigns={"actors"})
def find_actors(doc: Document) -> Document:
    """Fill ``doc.actors``: NER persons/orgs/countries, coded, with nominal and pronoun mentions."""
    onto = load_ontology()
    roster = Roster()
    find_named(doc, roster, onto)
    link_nominals(doc, roster, onto)
    doc.actors = roster.finish()
    return doc
