"""The model multiplies with numpy's BLAS on one thread, and annotates as it does with blis."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from eventwire.nlp.blas import one_blas_thread, use_numpy_blas

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ATTRS = [TAG, POS, LEMMA, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]


def all_ops(nlp) -> list:
    return [node.ops for _, proc in nlp.pipeline if getattr(proc, "model", None) is not None for node in proc.model.walk()]


def test_every_layer_multiplies_with_numpy():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger").add_label("NN")
    nlp.add_pipe("ner").add_label("ORG")
    nlp.initialize()
    assert all(ops.use_blis for ops in all_ops(nlp))  # thinc's default
    use_numpy_blas(nlp)
    use_numpy_blas(nlp)  # idempotent
    ops = all_ops(nlp)
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)
    assert [t.tag_ for t in nlp("a test")] == ["NN", "NN"]  # still runs


def test_one_blas_thread_limits_and_restores_numpys_blas():
    def threads() -> list[int]:  # numpy's own BLAS (scipy, when loaded, brings another)
        return [lib["num_threads"] for lib in ThreadpoolController().info()
                if lib["user_api"] == "blas" and "numpy" in Path(lib["filepath"]).parent.name]

    before = threads()
    assert before  # numpy's BLAS is loaded
    with one_blas_thread():
        assert threads() == [1] * len(before)
    assert threads() == before


@pytest.mark.model
def test_numpy_blas_annotates_the_examples_as_blis_does():
    from eventwire.config import load_config
    from eventwire.nlp import load_model

    config = load_config(environ={})
    ours = load_model(config.nlp.model, config.nlp.fallback_models)
    blis = importlib.import_module(ours.meta["lang"] + "_" + ours.meta["name"]).load()  # a fresh copy: thinc's blis
    assert all(o.use_blis for o in all_ops(blis)) and not any(o.use_blis for o in all_ops(ours))
    texts = [p for f in sorted(EXAMPLES.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    texts += [t.upper() for t in texts[:20]]
    with one_blas_thread():
        got = [d.to_array(ATTRS).tolist() for d in ours.pipe(texts)]
    assert got == [d.to_array(ATTRS).tolist() for d in blis.pipe(texts)]
