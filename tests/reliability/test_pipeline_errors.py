"""A bug met on one article (an unexpected exception in a stage) is recorded, and the batch goes on."""
from __future__ import annotations

import logging

from eventwire.config import load_config
from eventwire.model import Article, ArticleRecord, RejectedRecord
from eventwire.pipeline import INTERNAL_ERROR, Pipeline
from eventwire.registry import FunctionStage


def _boom_on(word: str):
    def run(doc):
        if word in doc.text:
            raise ValueError(f"cannot handle {word!r}")
        return doc

    return run


class BatchStage:
    """A stage with a ``pipe`` that fails for the whole batch when one document is bad."""

    name = "batchy"
    requires = frozenset({"text"})
    assigns = frozenset()

    def __call__(self, doc):
        return _boom_on("poison")(doc)

    def pipe(self, docs):
        return [self(doc) for doc in docs]


def test_an_exception_in_a_stage_rejects_only_that_article(caplog):
    stage = FunctionStage("fragile", frozenset({"text"}), frozenset(), _boom_on("poison"))
    pipeline = Pipeline((stage,), load_config(environ={}))
    articles = [Article(text="Troops withdrew from the town.", source="a"),
                Article(text="A poison pen letter.", source="b"),
                Article(text="Talks resumed in Arusha.", source="c")]
    with caplog.at_level(logging.ERROR, logger="eventwire.pipeline"):
        records = list(pipeline.code(articles))
    assert [type(r) for r in records] == [ArticleRecord, RejectedRecord, ArticleRecord]
    bad = records[1]
    assert bad.source == "b" and bad.rejected.stage == "fragile"
    assert bad.rejected.reason.startswith(INTERNAL_ERROR) and "ValueError: cannot handle 'poison'" in bad.rejected.reason
    assert "Traceback" not in caplog.text and "internal error" in caplog.text


def test_a_failing_batch_is_rerun_one_document_at_a_time():
    pipeline = Pipeline((BatchStage(),), load_config(environ={}))
    articles = [Article(text=f"Story {i} about talks.", source=str(i)) for i in range(3)]
    articles.insert(1, Article(text="The poison story.", source="bad"))
    records = list(pipeline.code(articles, batch_size=4))
    assert [isinstance(r, RejectedRecord) for r in records] == [False, True, False, False]
    assert records[1].rejected.reason.startswith(INTERNAL_ERROR)
