"""Score the coder on the seed article's hand-coded gold, item by item."""
from __future__ import annotations

import json
import time

from eventwire import service
from eventwire.bench.data import shared_dir
from eventwire.config import load_config
from eventwire.pipeline import Pipeline


def run() -> dict:
    """Code the seed and report every gold event, quote, time expression, place and actor."""
    folder = shared_dir() / "corpus" / "seed"
    gold = json.loads((folder / "seed.gold.json").read_text("utf-8"))
    pipeline = Pipeline.build(load_config())
    t0 = time.perf_counter()
    record = next(service.code([str(folder / "seed.txt")], pipeline=pipeline))
    first = time.perf_counter() - t0  # includes loading the model
    t0 = time.perf_counter()
    record = next(service.code([str(folder / "seed.txt")], pipeline=pipeline))
    warm = time.perf_counter() - t0
    items = score(record, gold)
    summary: dict = {"published": f"{record.get('published')} (gold {gold['published']})"}
    for kind in ("event", "quote", "timex", "place", "actor"):
        kind_items = [i for i in items if i["kind"] == kind]
        summary[f"{kind}s found"] = f"{sum(i['found'] for i in kind_items)}/{len(kind_items)}"
    summary["predicted events"] = len(record.get("events", []))
    summary["spans consistent"] = spans_consistent(record)
    summary["seconds (first, with model load)"] = round(first, 2)
    summary["seconds (warm)"] = round(warm, 3)
    return {"task": "seed", "summary": summary, "items": items}


def _country(record: dict, actor_id: str | None) -> str | None:
    actor = next((a for a in record["actors"] if a["id"] == actor_id), None)
    return actor["country"] if actor else None


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def score(record: dict, gold: dict) -> list[dict]:
    text = record["text"]
    items = []
    for g in gold["events"]:
        gs, ge = g["evidence"]["start"], g["evidence"]["end"]
        want = (g["source"]["country"] if g["source"] else None, g["target"]["country"] if g["target"] else None)
        cands = [e for e in record["events"] if e["plover"] == g["plover"] and gs <= e["trigger"]["start"] < ge]
        best = None
        for e in cands:
            got = (_country(record, e["source"]), _country(record, e["target"]))
            ok = got == want
            if best is None or ok > best[0] or (ok == best[0] and (e["factual"] == g["factual"]) > best[2]):
                best = (ok, e, e["factual"] == g["factual"], got)
        gold_desc = f"{g['plover']} {want[0]}→{want[1]} «{text[gs:ge][:50]}…»"
        if best is None:
            items.append({"kind": "event", "gold": gold_desc, "found": False, "detail": "no event of this type in the evidence"})
            continue
        ok, e, factual_ok, got = best
        detail = (f"{e['plover']}/{e['cameo']} {got[0]}→{got[1]} trigger «{e['trigger']['text']}» "
                  f"factual {'ok' if factual_ok else 'WRONG'} date {e['date']} (gold {g['date']})")
        items.append({"kind": "event", "gold": gold_desc, "found": ok, "detail": detail})
    names = {a["id"]: a["name"] for a in record["actors"]}
    for g in gold["quotes"]:
        match = next((q for q in record["quotes"] if q["kind"] == "direct" and _overlap(q["start"], q["end"], g["start"], g["end"])), None)
        speaker = names.get(match["speaker"]) if match else None
        items.append({"kind": "quote", "gold": f"«{text[g['start']:g['start'] + 40]}…» — {g['speaker_name']}",
                      "found": bool(match) and speaker == g["speaker_name"],
                      "detail": f"speaker {speaker}" if match else "quote not found"})
    for g in gold["timex"]:
        match = next((t for t in record["timex"] if _overlap(t["start"], t["end"], g["start"], g["end"])), None)
        items.append({"kind": "timex", "gold": f"{text[g['start']:g['end']]} = {g['value']}",
                      "found": bool(match) and match["value"] == g["value"],
                      "detail": f"{match['text']} = {match['value']}" if match else "not found"})
    for g in gold["places"]:
        match = next((p for p in record["places"] for m in p["mentions"] if _overlap(m["start"], m["end"], g["start"], g["end"])), None)
        items.append({"kind": "place", "gold": f"{text[g['start']:g['end']]} = {g['geonameid']}",
                      "found": bool(match) and match["geonameid"] == g["geonameid"],
                      "detail": f"{match['name']} {match['geonameid']}" if match else "not found"})
    for g in gold["actors"]:
        match = next((a for a in record["actors"] for m in a["mentions"] if _overlap(m["start"], m["end"], g["start"], g["end"])), None)
        items.append({"kind": "actor", "gold": f"{g['name']} {g['country']}/{g['sector']}",
                      "found": bool(match) and match["country"] == g["country"] and match["sector"] == g["sector"],
                      "detail": f"{match['name']} {match['country']}/{match['sector']}" if match else "not found"})
    return items


def spans_consistent(record: dict) -> bool:
    """True when every span's text equals the article text at its offsets."""
    text = record["text"]
    spans = [m for a in record["actors"] for m in a["mentions"]] + [m for p in record["places"] for m in p["mentions"]]
    spans += record["timex"] + record["quotes"] + [q["cue"] for q in record["quotes"] if q["cue"]]
    spans += [e["trigger"] for e in record["events"]]
    return all(text[s["start"]:s["end"]] == s["text"] for s in spans)
