"""Service functions: what the CLI and the API do, with no argument parsing and no printing."""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from eventwire.config import Config, load_config
from eventwire.model import Article, ArticleRecord, RejectedInput, RejectedRecord
from eventwire.pipeline import Pipeline
from eventwire.readers import InputLimits, iter_inputs
from eventwire.store import open_store

log = logging.getLogger(__name__)


def read_inputs(paths: Iterable[str], fmt: str, config: Config, published: str | None = None) -> Iterator[Article | RejectedInput]:
    """Yield the articles named by ``paths``; ``published`` overrides each article's date."""
    for item in iter_inputs(paths, fmt, InputLimits(max_bytes=config.input.max_bytes)):
        if published and isinstance(item, Article):
            item = dataclasses.replace(item, published=published)
        yield item


def code(paths: Iterable[str], fmt: str = "auto", published: str | None = None,
         config: Config | None = None, pipeline: Pipeline | None = None) -> Iterator[dict]:
    """Yield one output record (a dict, SCHEMA.md) per input, in input order."""
    config = config or load_config()
    pipeline = pipeline or Pipeline.build(config)
    for record in pipeline.code(read_inputs(paths, fmt, config, published)):
        yield as_dict(record)


def as_dict(record: ArticleRecord | RejectedRecord) -> dict:
    return record.model_dump(mode="json", by_alias=True)


@dataclass
class IngestSummary:
    inputs: int = 0
    written: int = 0
    unchanged: int = 0
    rejected: int = 0


def ingest(paths: Iterable[str], db: str | None = None, fmt: str = "auto", config: Config | None = None,
           progress: Callable[[dict], None] | None = None) -> IngestSummary:
    """Code ``paths`` into the store at ``db``; re-running adds nothing (idempotent upserts)."""
    config = config or load_config()
    summary = IngestSummary()
    store = open_store(db or config.store.url)
    batch: list[dict] = []
    try:
        for record in code(paths, fmt, config=config):
            summary.inputs += 1
            if "rejected" in record:
                summary.rejected += 1
                store.record_rejection(record)
            else:
                batch.append(record)
            if progress:
                progress(record)
            if len(batch) >= config.store.batch_size:
                _flush(store, batch, summary)
        _flush(store, batch, summary)
    finally:
        store.close()
    return summary


def _flush(store, batch: list[dict], summary: IngestSummary) -> None:
    if batch:
        written, unchanged = store.upsert_many(batch)
        summary.written += written
        summary.unchanged += unchanged
        batch.clear()
