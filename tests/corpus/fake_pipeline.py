"""A stand-in for the coding pipeline (no model): each article becomes a record with no events.

Also a script: ``python fake_pipeline.py DB DELAY PATH...`` ingests PATHs with it, sleeping
DELAY seconds per article and printing one line per record (the resumability test kills it).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eventwire.config import load_config  # noqa: E402
from eventwire.model import Article, RejectedInput  # noqa: E402
from eventwire.model.records import ArticleRecord, Provenance, RejectedRecord, Rejection  # noqa: E402


class FakePipeline:
    """Yields one ArticleRecord per Article (headline as title), like Pipeline.code."""

    def __init__(self, delay: float = 0.0) -> None:
        self.config = load_config(environ={})
        self.delay = delay

    def code(self, items: Iterable[Article | RejectedInput]) -> Iterator[ArticleRecord | RejectedRecord]:
        for item in items:
            if isinstance(item, RejectedInput):
                yield RejectedRecord(id=item.content_id(), source=item.source,
                                     rejected=Rejection(stage=item.stage, reason=item.reason))
                continue
            time.sleep(self.delay)
            yield ArticleRecord(id=item.content_id(), source=item.source, url=item.url, outlet=item.outlet,
                                title=item.title or item.text.split("\n", 1)[0], published=item.published,
                                language="en", text=item.text,
                                provenance=Provenance(eventwire="0.1.0", processed_at="2024-01-01T00:00:00Z"))


def config(batch_size: int = 2):
    return load_config(overrides={"store": {"batch_size": batch_size}}, environ={})


if __name__ == "__main__":
    from eventwire import service

    db, delay, *paths = sys.argv[1:]

    def tick(record: dict) -> None:
        print(record["id"], flush=True)

    service.ingest(paths, db, config=config(), pipeline=FakePipeline(float(delay)), progress=tick)
    print("done", flush=True)
