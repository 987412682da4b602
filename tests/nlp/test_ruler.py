"""The attribute ruler's stand-in leaves every token exactly as spaCy's ruler does."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, ORTH, POS, TAG
from spacy.tokens import Doc

from eventwire.nlp.ruler import FastAttributeRuler, needs_tok2vec, parse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ATTRS = [ORTH, TAG, POS, LEMMA, HEAD, DEP]
# Multi-token patterns of en_core_web_sm's ruler, and words its one-token patterns single out.
TRICKY = ["He ain't gonna say it.", "Y'all wanna go, there is time.", "There's  \n more to come.",
          "I'm not, you're not; they'd go.", "Ca n't stop : ( ok ) !"]


def token_attrs(doc: Doc) -> list[tuple]:
    return [tuple(row) + (str(tok.morph),) for row, tok in zip(doc.to_array(ATTRS).tolist(), doc)]


def hand_made(nlp, words, tags, deps) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


@pytest.fixture()
def ruler(blank_nlp):
    nlp = blank_nlp.__class__()  # a fresh blank English pipeline: its own ruler and patterns
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": "NN", "LOWER": "cat"}]], {"LEMMA": "feline"})  # later patterns win
    ruler.add([[{"TAG": "NN"}]], {"POS": "PROPN"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"LEMMA": "be"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"POS": "PRON"}, index=0)
    ruler.add([[{"NORM": "going"}]], {"MORPH": "VerbForm=Ger"})  # not keyed by text: matched in place
    return nlp, ruler


def test_stand_in_equals_the_ruler_on_hand_made_docs(ruler):
    nlp, original = ruler
    fast = FastAttributeRuler(original)
    cases = [(["the", "cat", "sat"], ["DT", "NN", "VBD"], ["det", "nsubj", "ROOT"]),
             (["there", "is", "a", "cat"], ["EX", "VBZ", "DT", "NN"], ["expl", "ROOT", "det", "attr"]),
             (["y'", "all", "dog"], ["PRP", "DT", "NN"], ["nsubj", "det", "ROOT"]),
             (["Cat", "going"], ["NN", "VBG"], ["nsubj", "ROOT"])]
    for words, tags, deps in cases:
        want = original(hand_made(nlp, words, tags, deps))
        got = fast(hand_made(nlp, words, tags, deps))
        assert token_attrs(got) == token_attrs(want), words
    assert token_attrs(fast(hand_made(nlp, ["the", "cat"], ["DT", "NN"], ["det", "ROOT"])))[1][2:4] == (
        nlp.vocab.strings["PROPN"], nlp.vocab.strings["feline"])


def test_stand_in_leaves_a_doc_without_tags_to_the_ruler(ruler):
    nlp, original = ruler
    doc = Doc(nlp.vocab, words=["a", "cat"])
    assert token_attrs(FastAttributeRuler(original)(doc)) == token_attrs(original(Doc(nlp.vocab, words=["a", "cat"])))


@pytest.mark.model
def test_stand_in_equals_the_models_ruler_on_the_examples():
    from eventwire.config import load_config
    from eventwire.nlp import load_model

    config = load_config(environ={})
    nlp = load_model(config.nlp.model, config.nlp.fallback_models)
    texts = [p for f in sorted(EXAMPLES.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    texts += TRICKY
    stand_ins = {"attribute_ruler": FastAttributeRuler(nlp.get_pipe("attribute_ruler"))}
    want = [token_attrs(d) + [(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    got = [token_attrs(d) + [(e.start, e.end, e.label_) for e in d.ents] for d in parse(nlp, texts, stand_ins)]
    assert got == want
    # the NER alone needs no shared tok2vec in the small model; the parser does
    assert not needs_tok2vec(nlp, ["ner"]) and needs_tok2vec(nlp, ["parser", "ner"])
