"""Score toponym resolution given the gold toponym spans (LGL and GeoWebNews).

Each document's gold toponyms are resolved together with ``resolve_mentions`` (the code the
``places`` stage uses) and compared with the gold GeoNames coordinates:

- ``acc161``: share of gold toponyms resolved within 161 km (100 miles) of the gold point,
  unresolved ones counted as misses; ``acc161_found`` over the resolved ones only;
- ``found``: share of gold toponyms the gazetteer resolved at all;
- ``auc``: mean of ln(1 + error km) / ln(20039), an unresolved toponym counted at 20039 km
  (lower is better; Gritta et al. 2018's AUC of the error curve);
- ``exact``: share resolved to the gold geonameid.

LGL is split by document order: the first half is **dev** (the only data the resolver's
weights and the gazetteer's hand-written points were checked on), the second half is **test**.
GeoWebNews is never tuned on. Gold: LGL toponyms with a GeoNames id; GeoWebNews toponyms
(``is_toponym``) with a GeoNames id and coordinates.
"""
from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.gazetteer import get_index
from eventwire.gazetteer.resolve import haversine_km, resolve_mentions

MAX_KM = 20039.0


def bench_dir() -> Path:
    """Return the shared benchmark folder (``$EVENTWIRE_BENCH_DIR`` or ``../shared/bench``)."""
    env = os.environ.get("EVENTWIRE_BENCH_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "bench"


def _read(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def _gold(doc: dict, dataset: str) -> list[dict]:
    if dataset == "lgl":
        return [t for t in doc["toponyms"] if t.get("geonames_id") and t.get("lat") is not None]
    return [t for t in doc["toponyms"]
            if t.get("is_toponym") and t.get("geonames_id") and t.get("lat") is not None]


def _errors(docs: list[dict], dataset: str) -> Iterator[tuple[float | None, bool]]:
    """Yield (error km or None when unresolved, exact geonameid match) per gold toponym."""
    index = get_index()
    for doc in docs:
        gold = _gold(doc, dataset)
        mentions = [(t["text"], t["start"], t["end"]) for t in gold]
        for t, res in zip(gold, resolve_mentions(doc["text"], mentions, index=index)):
            if res is None:
                yield None, False
            else:
                km = haversine_km(res.entry.lat, res.entry.lon, float(t["lat"]), float(t["lon"]))
                yield km, res.entry.geonameid == int(t["geonames_id"])


def score(docs: list[dict], dataset: str) -> dict:
    """Return the metrics (module docstring) over ``docs``."""
    started = time.perf_counter()
    results = list(_errors(docs, dataset))
    n = len(results)
    found = [km for km, _ in results if km is not None]
    within = sum(1 for km in found if km < 161.0)
    auc = sum(math.log1p(MAX_KM if km is None else min(km, MAX_KM)) for km, _ in results)
    return {
        "docs": len(docs), "toponyms": n,
        "found": round(len(found) / n, 4) if n else None,
        "acc161": round(within / n, 4) if n else None,
        "acc161_found": round(within / len(found), 4) if found else None,
        "exact": round(sum(1 for _, ok in results if ok) / n, 4) if n else None,
        "auc": round(auc / (n * math.log(MAX_KM)), 4) if n else None,
        "mean_km_found": round(sum(found) / len(found), 1) if found else None,
        "seconds": round(time.perf_counter() - started, 2),
    }


def run(limit: int | None = None) -> dict:
    """Score LGL (dev and test halves) and GeoWebNews; ``limit`` caps documents per dataset."""
    started = time.perf_counter()
    get_index()
    index_seconds = round(time.perf_counter() - started, 2)
    root = bench_dir()
    lgl = _read(root / "lgl" / "lgl.jsonl", limit)
    half = len(lgl) // 2
    gwn = _read(root / "geowebnews" / "geowebnews.jsonl", limit)
    return {
        "task": "places",
        "setting": "toponym resolution given gold toponym spans",
        "split": f"LGL dev = documents 1-{half} in file order (tuned on), test = documents "
                 f"{half + 1}-{len(lgl)} (not tuned on); GeoWebNews not tuned on",
        "index_seconds": index_seconds,
        "lgl_dev": score(lgl[:half], "lgl"),
        "lgl_test": score(lgl[half:], "lgl"),
        "geowebnews": score(gwn, "geowebnews"),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
