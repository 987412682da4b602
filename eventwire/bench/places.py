"""``eventwire bench places``: toponym resolution given the gold spans, LGL and GeoWebNews only.

Kept for the ``places`` task; ``eventwire.bench.geo`` is the full benchmark (four corpora,
dev/test halves, recognition end to end, timing) and holds the metric definitions. This module
reports the resolution part of it for LGL (dev and test halves) and GeoWebNews (test half).
"""
from __future__ import annotations

import json
import time

from eventwire.bench.geo import bench_dir, read_docs, resolve_outcomes, score_resolution, split
from eventwire.gazetteer import get_index

__all__ = ["bench_dir", "run"]


def run(limit: int | None = None) -> dict:
    """Score LGL (dev and test halves) and GeoWebNews; ``limit`` caps documents per dataset."""
    started = time.perf_counter()
    index = get_index()
    report: dict = {
        "task": "places",
        "setting": "toponym resolution given gold toponym spans",
        "split": "dev = first half of each file in file order (tuned on), test = second half",
        "index_seconds": round(time.perf_counter() - started, 2),
    }
    for dataset, parts in (("lgl", ("dev", "test")), ("geowebnews", ("dev", "test"))):
        halves = split(read_docs(dataset, limit))
        for part in parts:
            docs = halves[part]
            result = score_resolution(resolve_outcomes(docs, dataset, index))
            result.pop("errors", None)
            name = f"{dataset}_{part}" if dataset == "lgl" else f"geowebnews_{part}"
            report[name] = {"docs": len(docs), **result}
    return report


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
