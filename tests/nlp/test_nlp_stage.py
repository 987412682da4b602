"""The nlp stage with the real model: spaCy's entities after the fixes, in article offsets."""
from __future__ import annotations

import pytest

from eventwire.model import Article, Document, Segment


@pytest.fixture(scope="module")
def stage(pipeline):
    return next(s for s in pipeline.stages if s.name == "nlp")


def entities(stage, *segments: tuple[str, str]) -> list[tuple[str, str]]:
    text, parts, pos = "", [], 0
    for kind, seg in segments:
        parts.append(Segment(pos, pos + len(seg), kind))
        text += seg + "\n\n"
        pos = len(text)
    doc = Document(article=Article(text=text))
    doc.segments = parts
    doc = stage(doc)
    assert all(text[e.start:e.end] == e.text for e in doc.entities)
    return [(e.text, e.label) for e in doc.entities]


def test_spokeswoman_is_a_person_and_age_no_date(stage) -> None:
    got = entities(stage, ("paragraph", "Russian Interior Ministry spokeswoman Irina Volk said a 21-year-old "
                                        "Tunisian migrant killed three people."))
    assert ("Irina Volk", "PERSON") in got
    assert not any(label == "DATE" for _, label in got)


def test_all_caps_headline_is_recased_for_the_ner(stage) -> None:
    got = entities(stage, ("headline", "RUSSIA AND FRANCE AGREE TO FIGHT TERRORISM"),
                   ("paragraph", "Russia and France agreed on Thursday to fight terrorism together."))
    assert got[:2] == [("RUSSIA", "GPE"), ("FRANCE", "GPE")]


def test_one_label_per_name_in_the_article(stage) -> None:
    got = entities(stage, ("paragraph", "Tennis player Jeff Tarango lost his temper at Wimbledon."),
                   ("paragraph", "At the end of the match, Tarango blew kisses to the crowd."))
    assert ("Tarango", "PERSON") in got


def test_spacy_entities_without_fixes(pipeline) -> None:
    from eventwire.stages.nlp import Nlp

    raw = Nlp(model=pipeline.config.nlp.model, fallbacks=pipeline.config.nlp.fallback_models, fix_entities=False)
    got = entities(raw, ("paragraph", "Russian Interior Ministry spokeswoman Irina Volk said on Thursday."))
    assert ("Irina Volk", "ORG") in got  # the failure the fixes correct
