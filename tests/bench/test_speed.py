"""The speed benchmark's corpus builder and stage timers (no model needed), and its spaCy-alone copy."""
from __future__ import annotations

import pytest

from eventwire.bench import speed
from eventwire.config import load_config
from eventwire.model import Article
from eventwire.pipeline import Pipeline


def test_corpus_is_deterministic_and_prefix_stable():
    first = speed.build_corpus(6)
    assert first == speed.build_corpus(6)
    assert speed.build_corpus(3) == first[:3]
    assert speed.build_corpus(6, seed=7) != first
    assert len(set(first)) == 6


def test_corpus_articles_are_about_500_words_with_headline_and_dateline():
    parts = speed.example_parts()
    assert parts.headlines and parts.leads and len(parts.bodies) > 20
    for text in speed.build_corpus(20, parts=parts):
        assert 480 <= len(text.split()) <= 650
        blocks = text.split("\n\n")
        assert blocks[0] in parts.headlines and blocks[1] in parts.leads


def test_corpus_comes_from_the_projects_examples():
    assert speed.EXAMPLES == speed.ROOT / "examples"
    assert "shared" not in speed.EXAMPLES.parts


def test_parsed_texts_follow_the_nlp_stage_split():
    text = ("Talks Resume In Nairobi\n\nNAIROBI, March 3 (Meridian News) - The minister said talks resumed."
            "\n\nA second paragraph follows.")
    assert speed.parsed_texts(text) == ["Talks Resume In Nairobi", "The minister said talks resumed.",
                                        "A second paragraph follows."]


class Upper:
    name = "upper"
    requires = frozenset({"text"})
    assigns = frozenset({"title"})

    def __call__(self, doc):
        doc.title = doc.text.upper()
        return doc


def test_timed_pipeline_wraps_stages_from_outside():
    stage = Upper()
    pipeline = Pipeline((stage,), load_config(environ={}))
    clocked, totals = speed.timed(pipeline)
    doc = clocked.run(Article(text="some words here"))
    assert doc.title == "SOME WORDS HERE" and "title" in doc.filled
    assert set(totals) == {"upper"} and totals["upper"][0] > 0
    assert pipeline.stages == (stage,)  # the original pipeline is untouched


def test_peak_rss_is_reported_in_megabytes():
    assert 1 < speed.peak_rss_mb() < 100_000
    assert 1 < speed.own_peak_rss_mb() < 100_000


class BatchUpper(Upper):
    def __init__(self):
        self.batches = []

    def pipe(self, docs):
        self.batches.append(len(docs))
        return [self(doc) for doc in docs]


def test_timed_pipeline_keeps_the_batch_path_and_times_it():
    stage, plain = BatchUpper(), Upper()
    clocked, totals = speed.timed(Pipeline((stage, plain), load_config(environ={})))
    assert hasattr(clocked.stages[0], "pipe") and not hasattr(clocked.stages[1], "pipe")
    docs = clocked.run_many([Article(text="one two"), Article(text="three four")])
    assert [d.title for d in docs] == ["ONE TWO", "THREE FOUR"]
    assert stage.batches == [2] and totals["upper"][0] > 0


def test_clocks_add_up_over_rounds():
    clock = speed.Clock()
    clock.add(speed.Clock(1.0, 0.5))
    clock.add(speed.Clock(2.0, 1.5))
    assert clock.report(6) == {"seconds": 3.0, "cpu seconds": 2.0, "articles/s": 2.0, "articles per cpu-second": 3.0}


@pytest.mark.model
def test_spacy_alone_is_a_fresh_copy_of_the_model_as_shipped(pipeline):
    ours = speed.spacy_model(pipeline)
    shipped = speed.shipped_spacy(pipeline)
    assert shipped is not ours and shipped.pipe_names == ours.pipe_names and shipped.meta == ours.meta

    def blis(nlp) -> set[bool]:
        return {node.ops.use_blis for _, proc in nlp.pipeline if getattr(proc, "model", None) is not None
                for node in proc.model.walk()}

    assert blis(shipped) == {True} and blis(ours) == {False}  # thinc's blis there, numpy's BLAS here


def test_coder_share_is_the_events_stage_against_the_rest() -> None:
    stages = {"nlp": [1.0, 0.6], "places": [0.2, 0.2], "events": [0.3, 0.2]}
    assert speed.coder_share(stages) == {"share of pipeline CPU": 0.2, "added to the other stages": 0.25}
    assert speed.coder_share({}) == {"share of pipeline CPU": 0.0, "added to the other stages": 0.0}
