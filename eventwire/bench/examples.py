"""Score the coder on the project's own examples/ against tests/golden/examples.json.

These are development stories (written for the project and read while building the coder),
so the numbers are a regression floor, not a published benchmark.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eventwire import service
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]


def key_of(record: dict) -> str:
    name = (record.get("source") or "").replace("\\", "/").split("/")[-1]
    if ".jsonl" in name:
        return f"{name.split(':')[0]}#{record['id']}"
    return name


def run(pipeline: Pipeline | None = None, root: Path = ROOT) -> dict:
    gold = json.loads((root / "tests" / "golden" / "examples.json").read_text("utf-8"))
    records = {key_of(r): r for r in service.code([str(root / "examples")], pipeline=pipeline)}
    counts: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    found_types: set[str] = set()
    for name, g in gold.items():
        r = records.get(name)
        if r is None or "rejected" in r:
            counts["documents rejected or missing"] += 1
            continue
        counts["published right"] += r.get("published") == g["published"]
        counts["outlet right"] += r.get("outlet") == g["outlet"]
        found_types |= {e["plover"] for e in r["events"]}
        counts["predicted events"] += len(r["events"])
        _score_events(r, g, counts, per_type)
        _score_quotes(r, g, counts)
    n = counts["gold events"] or 1
    return {
        "documents": len(gold),
        "published right": counts["published right"],
        "outlet right": counts["outlet right"],
        "gold events": counts["gold events"],
        "predicted events": counts["predicted events"],
        "type recall": round(counts["type"] / n, 3),
        "type+source country recall": round(counts["type+source"] / n, 3),
        "type+both countries recall": round(counts["type+both"] / n, 3),
        "factual right (typed)": round(counts["factual"] / max(1, counts["type"]), 3),
        "quotes with right speaker": f"{counts['quote speaker']}/{counts['gold quotes']}",
        "PLOVER types produced": len(found_types),
        "missed types": dict(per_type),
    }


def _country(record: dict, actor_id: str | None) -> str | None:
    return next((a["country"] for a in record["actors"] if a["id"] == actor_id), None)


def _score_events(r: dict, g: dict, counts: Counter, per_type: Counter) -> None:
    text = r["text"]
    for ge in g["events"]:
        counts["gold events"] += 1
        s0 = text.find(ge["sentence"])
        s1 = s0 + len(ge["sentence"])
        same = [e for e in r["events"] if e["plover"] == ge["plover"]
                and (e["evidence"]["start"] <= s0 < e["evidence"]["end"] or s0 <= e["trigger"]["start"] < s1)]
        if not same:
            per_type[ge["plover"]] += 1
            continue
        counts["type"] += 1
        counts["factual"] += any(e["factual"] == ge["factual"] for e in same)
        src = [e for e in same if _country(r, e["source"]) == ge["source_country"]]
        counts["type+source"] += bool(src)
        counts["type+both"] += any(_country(r, e["target"]) == ge["target_country"] for e in src)


def _score_quotes(r: dict, g: dict, counts: Counter) -> None:
    names = {a["id"]: a["name"] for a in r["actors"]}
    for gq in g.get("quotes", []):
        counts["gold quotes"] += 1
        start = gq["text_start"][:20]
        q = next((q for q in r["quotes"] if q["kind"] == "direct" and q["text"].startswith(start)), None)
        counts["quote speaker"] += bool(q) and names.get(q["speaker"]) == gq["speaker"]
