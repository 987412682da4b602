"""The dependency helpers read a per-document table of the tree: it must answer as spaCy's own
tokens do, for the document asked about (not the last one), and callers may change what they get."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.coder import attach
from eventwire.coder.syntax import (ancestors, child, clause_chain, clause_head, depth_of, has_child, phrase,
                                    prep_objects, tree)
from eventwire.model import Article, Document, Parse

VOCAB = spacy.blank("en").vocab  # with the English lower-casing


def sentence() -> Doc:
    # "Police who arrived arrested the men in Kano on Monday ."
    words = ["Police", "who", "arrived", "arrested", "the", "men", "in", "Kano", "on", "Monday", "."]
    heads = [3, 2, 0, 3, 5, 3, 3, 6, 3, 8, 3]
    deps = ["nsubj", "nsubj", "relcl", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj", "punct"]
    return Doc(VOCAB, words=words, heads=heads, deps=deps)


def test_table_answers_as_spacy_tokens():
    doc = sentence()
    t = tree(doc)
    for tok in doc:
        assert t.children[tok.i] == [c.i for c in tok.children]
        assert t.subtree(tok.i) == [s.i for s in tok.subtree]
        assert t.dep[tok.i] == tok.dep_ and t.lower[tok.i] == tok.lower_
        assert depth_of(tok) == len(list(tok.ancestors))
        assert [a.i for a in ancestors(tok)] == [a.i for a in tok.ancestors]


def test_helpers_on_a_sentence():
    doc = sentence()
    assert child(doc[3], "dobj").i == 5
    assert child(doc[3], "nsubjpass") is None
    assert [o.text for o in prep_objects(doc[3], {"in"})] == ["Kano"]
    assert [w.text for w in phrase(doc[0])] == ["Police"]  # not its relative clause
    assert has_child(doc[3], ("prep",), {"on"}) and not has_child(doc[3], ("prep",), {"at"})
    assert clause_head(doc[1]).i == 2
    assert [h.i for h in clause_chain(doc[1])] == [2, 3]


def test_each_document_gets_its_own_table():
    first, second = sentence(), Doc(VOCAB, words=["Troops", "left"], heads=[1, 1], deps=["nsubj", "ROOT"])
    assert child(first[3], "nsubj").text == "Police"
    assert child(second[1], "nsubj").text == "Troops"
    assert child(first[3], "nsubj").text == "Police"


def test_a_phrase_can_be_changed_by_its_caller():
    doc = sentence()
    words = phrase(doc[5])
    words.clear()
    assert [w.text for w in phrase(doc[5])] == ["the", "men"]


def test_token_at_follows_the_document_and_its_parses():
    doc = Document(article=Article(text="Police arrested the men"))
    doc.parses = [Parse(0, sentence())]
    assert attach._token_at(doc, 0).text == "Police"
    doc.parses = [Parse(0, Doc(VOCAB, words=["Troops", "left"], heads=[1, 1], deps=["nsubj", "ROOT"]))]
    assert attach._token_at(doc, 0).text == "Troops"
    other = Document(article=Article(text="Police arrested the men"))
    other.parses = [Parse(0, sentence())]
    assert attach._token_at(other, 0).text == "Police"
