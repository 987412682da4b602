"""Pipeline.code in batches: stages with ``pipe`` see many documents, results equal one by one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire import service
from eventwire.config import load_config
from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput
from eventwire.pipeline import Pipeline
from eventwire.registry import FunctionStage

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class Upper:
    """A batch stage: records the batch sizes it was given; rejects texts containing 'reject'."""

    name = "upper"
    requires = frozenset({"text"})
    assigns = frozenset({"title"})

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, doc):
        if "reject" in doc.text:
            raise InputError("asked to reject", stage=self.name)
        doc.title = doc.text.upper()
        return doc

    def pipe(self, docs):
        self.batches.append(len(docs))
        if any("reject" in d.text for d in docs):
            raise InputError("one of the batch asks to be rejected", stage=self.name)
        for doc in docs:
            doc.title = doc.text.upper()
        return docs


def _count(seen: list[str]):
    def count(doc):
        seen.append(doc.text)
        return doc
    return FunctionStage("count", frozenset({"title"}), frozenset(), count)


def test_code_hands_whole_batches_to_pipe_and_keeps_input_order():
    upper, seen = Upper(), []
    pipeline = Pipeline((upper, _count(seen)), load_config(environ={}))
    items = [Article(text=f"story {i}") for i in range(5)]
    items.insert(2, RejectedInput(source="bad.bin", stage="read", reason="binary"))
    records = list(pipeline.code(items, batch_size=4))
    assert [getattr(r, "title", None) for r in records] == ["STORY 0", "STORY 1", None, "STORY 2", "STORY 3", "STORY 4"]
    assert records[2].rejected.reason == "binary"
    assert upper.batches == [3, 2]  # chunks of 4 inputs: 3 articles and a rejection, then 2 articles
    assert seen == [f"story {i}" for i in range(5)]


def test_an_input_error_in_pipe_falls_back_to_one_document_at_a_time():
    upper, seen = Upper(), []
    pipeline = Pipeline((upper, _count(seen)), load_config(environ={}))
    docs = pipeline.run_many([Article(text="one"), Article(text="please reject me"), Article(text="three")])
    assert [d.rejected.reason if d.rejected else d.title for d in docs] == ["ONE", "asked to reject", "THREE"]
    assert docs[1].rejected.stage == "upper" and "title" not in docs[1].filled and "title" in docs[0].filled
    assert seen == ["one", "three"]  # later stages skip the rejected document


def _comparable(record) -> str:
    data = service.as_dict(record)
    data["provenance"].pop("processed_at", None)
    return json.dumps(data, sort_keys=True)


@pytest.mark.model
def test_batched_coding_equals_coding_one_article_at_a_time(pipeline):
    articles = [a for a in service.read_inputs([str(EXAMPLES)], "auto", pipeline.config) if isinstance(a, Article)][:10]
    one_by_one = [_comparable(next(pipeline.code([a]))) for a in articles]
    assert [_comparable(r) for r in pipeline.code(articles, batch_size=10)] == one_by_one
