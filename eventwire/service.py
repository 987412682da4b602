"""Service functions: what the CLI and the API do, with no argument parsing and no printing."""
from __future__ import annotations

import dataclasses
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import orjson

from eventwire.config import Config, load_config
from eventwire.errors import ConfigError
from eventwire.model import Article, ArticleRecord, RejectedInput, RejectedRecord
from eventwire.pipeline import Pipeline
from eventwire.readers import InputLimits, iter_inputs
from eventwire.store import open_store

log = logging.getLogger(__name__)


def read_inputs(paths: Iterable[str], fmt: str, config: Config, published: str | None = None,
                fetch_links: bool = False) -> Iterator[Article | RejectedInput]:
    """Yield the articles named by ``paths``; ``published`` overrides each article's date.

    ``http(s)://`` paths are fetched; the pages feed entries link to only with ``fetch_links``.
    """
    limits = InputLimits(max_bytes=config.input.max_bytes, fetch_links=fetch_links)
    for item in iter_inputs(paths, fmt, limits):
        if published and isinstance(item, Article):
            item = dataclasses.replace(item, published=published)
        yield item


def code(paths: Iterable[str], fmt: str = "auto", published: str | None = None,
         config: Config | None = None, pipeline: Pipeline | None = None, fetch_links: bool = False) -> Iterator[dict]:
    """Yield one output record (a dict, SCHEMA.md) per input, in input order."""
    config = config or load_config()
    pipeline = pipeline or Pipeline.build(config)
    for record in pipeline.code(read_inputs(paths, fmt, config, published, fetch_links)):
        yield as_dict(record)


def as_dict(record: ArticleRecord | RejectedRecord) -> dict:
    """The record as plain JSON types (pydantic's JSON serializer is ~10x faster than its
    python-mode dump of the same record; the result is identical)."""
    return orjson.loads(record.model_dump_json(by_alias=True))


@dataclass
class IngestSummary:
    inputs: int = 0
    written: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates: int = 0  # coded articles that copy an earlier one (their story's duplicate_of)


def ingest(paths: Iterable[str], db: str | None = None, fmt: str = "auto", config: Config | None = None,
           progress: Callable[[dict], None] | None = None, pipeline: Pipeline | None = None,
           fetch_links: bool = False, stories: bool = True, workers: int | None = None,
           scheduler: str | None = None) -> IngestSummary:
    """Code ``paths`` into the store at ``db``; re-running adds nothing (idempotent upserts).

    With ``stories`` (the default) each article is first placed in a story cluster and its
    events linked to canonical events (``eventwire.corpus``), and its record's ``story`` field
    says where. Records go to the store ``[store] batch_size`` at a time, each batch's corpus
    work, records and rejections in one transaction (one commit, not one per article), so an
    interrupted ingest loses at most the batch in progress, and re-run over the same inputs
    finishes the job with the same results.

    With ``workers`` (a LocalCluster of that many processes) or ``scheduler`` (a Dask
    scheduler address) the coding runs on Dask (``eventwire.scale.dask``); reading, stories
    and store writes stay here, in input order, so the store ends the same as in one process.
    """
    from eventwire.corpus import Corpus

    config = config or load_config()
    summary = IngestSummary()
    store = open_store(db or config.store.url)
    corpus = Corpus(store) if stories else None
    batch: list[dict] = []
    try:
        with _coder(paths, fmt, config, pipeline, fetch_links, workers, scheduler) as records:
            for record in records:
                summary.inputs += 1
                batch.append(record)
                if progress:
                    progress(record)
                if len(batch) >= config.store.batch_size:
                    _commit(store, corpus, batch, summary)
        _commit(store, corpus, batch, summary)
    finally:
        store.close()
    return summary


@contextmanager
def _coder(paths: Iterable[str], fmt: str, config: Config, pipeline: Pipeline | None, fetch_links: bool,
           workers: int | None, scheduler: str | None) -> Iterator[Iterator[dict]]:
    """Give the records of ``paths`` coded in this process, or on Dask with workers/scheduler."""
    if workers is None and scheduler is None:
        yield code(paths, fmt, config=config, pipeline=pipeline, fetch_links=fetch_links)
        return
    if pipeline is not None:
        raise ConfigError("a ready-built pipeline cannot be sent to Dask workers; they build their own from the config")
    from eventwire.scale.dask import DaskCoder

    with DaskCoder(config, workers=workers, scheduler=scheduler) as coder:
        yield coder.code(read_inputs(paths, fmt, config, fetch_links=fetch_links))


def _commit(store, corpus, batch: list[dict], summary: IngestSummary) -> None:
    """Place a batch's articles in stories, write their records and rejections: one transaction.

    In input order, as one article at a time would: each article's corpus work sees the
    articles before it (the transaction's own writes).
    """
    if not batch:
        return
    coded = []
    with store.writing() as conn:
        for record in batch:
            if "rejected" in record:
                summary.rejected += 1
                store.record_rejection(record, conn)
                continue
            if corpus is not None:
                record["story"] = corpus.add(record, conn)
                summary.duplicates += record["story"]["duplicate_of"] is not None
            coded.append(record)
        written, unchanged = store.upsert_in(conn, coded) if coded else (0, 0)
    store.wrote(written)
    summary.written += written
    summary.unchanged += unchanged
    batch.clear()
