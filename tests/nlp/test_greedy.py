"""The parser/NER driver that keeps the GIL leaves every token and entity exactly as spaCy does."""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, ORTH, SENT_START
from spacy.tokens import Doc

from eventwire.nlp.greedy import GreedyParser, greedy_stand_ins
from eventwire.nlp.ruler import faster_components, parse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ATTRS = [ORTH, HEAD, DEP, SENT_START]
TEXTS = ["Kenya and Tanzania resumed trade talks in Nairobi on Monday.", "", "Hi", " ",
         "RUSSIA WARNS NATO OVER BALTIC DRILLS", "Police in Lagos said gunmen killed 12 villagers in Kaduna state.",
         "The European Union threatened Madagascar with sanctions, its envoy said on Tuesday in Antananarivo."]


def annotations(doc: Doc) -> list:
    return doc.to_array(ATTRS).tolist() + [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def untrained():
    """A small English pipeline with a parser and a NER of random (seeded) weights: no model to load.

    The output layers are drawn at random too (spaCy starts them at zero, which would make every
    action tie), so the parses and entities vary as a trained model's do.
    """
    spacy.util.fix_random_seed(7)
    nlp = spacy.blank("en")
    parser = nlp.add_pipe("parser")
    for label in ("nsubj", "dobj", "det", "prep", "pobj"):
        parser.add_label(label)
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "GPE", "DATE"):
        ner.add_label(label)
    nlp.initialize()
    rng = numpy.random.default_rng(7)
    for name in ("parser", "ner"):
        upper = nlp.get_pipe(name).model.get_ref("upper")
        for param in ("W", "b"):
            upper.set_param(param, rng.normal(0, 1, upper.get_param(param).shape).astype("f"))
    return nlp


def test_driver_equals_the_components_on_an_untrained_pipeline(untrained):
    want = [annotations(d) for d in untrained.pipe(TEXTS, batch_size=3)]
    stand_ins = greedy_stand_ins(untrained)
    assert set(stand_ins) == {"parser", "ner"}
    docs = (untrained.make_doc(t) for t in TEXTS)
    for name in ("parser", "ner"):
        docs = stand_ins[name].pipe(docs, batch_size=3)
    got = [annotations(d) for d in docs]
    assert got == want
    # the comparison covers entities and several dependency labels
    assert sum(len(d.ents) for d in untrained.pipe(TEXTS)) > 0
    assert len({t.dep_ for d in untrained.pipe(TEXTS) for t in d}) > 1


def test_one_doc_and_an_empty_batch(untrained):
    ner = GreedyParser(untrained.get_pipe("ner"))
    want = untrained.get_pipe("ner")(untrained.make_doc(TEXTS[0]))
    assert annotations(ner(untrained.make_doc(TEXTS[0]))) == annotations(want)
    empty = [untrained.make_doc(""), untrained.make_doc("")]
    assert [len(d.ents) for d in ner.pipe(empty)] == [0, 0]


@pytest.mark.model
def test_driver_equals_the_model_on_the_examples():
    from spacy.attrs import LEMMA, POS, TAG

    from eventwire.config import load_config
    from eventwire.nlp import load_model

    config = load_config(environ={})
    nlp = load_model(config.nlp.model, config.nlp.fallback_models)
    texts = [p for f in sorted(EXAMPLES.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    texts += TEXTS
    stand_ins = faster_components(nlp)
    assert isinstance(stand_ins["ner"], GreedyParser) and isinstance(stand_ins["parser"], GreedyParser)

    def full(doc: Doc) -> list:
        return annotations(doc) + doc.to_array([TAG, POS, LEMMA]).tolist()

    assert [full(d) for d in parse(nlp, texts, stand_ins)] == [full(d) for d in nlp.pipe(texts)]
    # the recased NER-only pass of the nlp stage
    ner_only = ["tagger", "parser", "attribute_ruler", "lemmatizer", "tok2vec"]
    want = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts, disable=ner_only)]
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in parse(nlp, texts, stand_ins, ner_only)] == want
