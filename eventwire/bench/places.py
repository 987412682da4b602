"""``eventwire bench places``: toponym resolution given the gold spans, LGL and GeoWebNews only.

Kept for the ``places`` task; ``eventwire.bench.geo`` is the full benchmark (four corpora,
dev/test halves, recognition end to end, timing) and holds the metric definitions. This module
reports the resolution part of it for LGL (dev and test halves) and GeoWebNews (test half).
"""
from __future__ import annotations

import json

from eventwire.bench.geo import bench_dir
from eventwire.bench.geo import run as run_geo

__all__ = ["bench_dir", "run"]


def run(limit: int | None = None) -> dict:
    """Score LGL and GeoWebNews (dev and test halves); ``limit`` caps documents per dataset."""
    geo = run_geo(limit, recognition=False, timing=False, datasets=("lgl", "geowebnews"))
    report: dict = {
        "task": "places",
        "setting": "toponym resolution given gold toponym spans",
        "split": geo["split"],
        "index_seconds": geo["index_seconds"],
    }
    for name, entry in geo.items():
        if isinstance(entry, dict) and "resolution" in entry:
            result = {k: v for k, v in entry["resolution"].items() if k not in {"errors", "seconds"}}
            report[name] = {"docs": entry["docs"], **result}
    return report


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
