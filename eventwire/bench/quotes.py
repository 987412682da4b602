"""Score the ``quotes`` stage on PolNeAR (political news attribution relations).

The pipeline runs up to ``quotes`` (normalize, nlp, places, actors, quotes) on each article.

**Direct quotes.** A gold direct quote is an attribution whose content starts and ends with a
quote mark (the corpus' own ``content_is_direct_quote_heuristic``). It is *found* when one of our
``direct`` quotes matches it:

- ``overlap``: our span and one of the gold content spans share a character;
- ``exact``: our span equals a gold content span once quote marks, whitespace and the edge
  punctuation inside the marks (",", ".") are stripped from both.

Precision counts our direct quotes that overlap the content of *any* gold attribution (a
quoted phrase inside an indirect attribution is a quote too); the rest are false positives.

**Speaker.** On found quotes: right when our speaker actor has a mention overlapping the gold
source span, or when the gold source text equals or contains the actor's name or one of its
mentions' text (case-insensitive). No speaker counts as wrong.

**Indirect attributions** (reported): recall of gold attributions that are not direct quotes
by our ``indirect`` quotes (overlap), their precision against any gold content, and speaker
accuracy on the found ones, as above.

Tune on ``train``/``dev``; report ``test`` (BENCHMARKS.md).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from eventwire.bench.data import shared_dir
from eventwire.errors import EventwireError

STAGES = ("normalize", "nlp", "places", "actors", "quotes")
SPLITS = ("train", "dev", "test")
_MARKS = "\"'“”‘’«»"
_EDGE = _MARKS + " \t\n,.;:—–-"


def load(split: str = "test", root: Path | None = None) -> list[dict]:
    """Return PolNeAR's documents of ``split`` (see its SOURCE.md for the record format)."""
    if split not in SPLITS:
        raise EventwireError(f"unknown PolNeAR split {split!r}; choose one of {', '.join(SPLITS)}")
    path = (root or shared_dir()) / "bench" / "polnear" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pipeline():
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    return Pipeline.build(load_config(overrides={"pipeline": {"stages": list(STAGES)}}))


def code(records: list[dict], pipeline=None) -> list[dict]:
    """Run the pipeline (up to ``quotes``) on each record; return the output records as dicts."""
    from eventwire.model import Article
    from eventwire.service import as_dict

    pipeline = pipeline or _pipeline()
    articles = [Article(text=r["text"], id=r["id"], published=r.get("date"), title=None) for r in records]
    return [as_dict(rec) for rec in pipeline.code(articles)]


def _norm(text: str) -> str:
    return " ".join(text.strip(_EDGE).split()).lower()


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _touches(q: dict, spans: list[list[int]]) -> bool:
    return any(_overlap(q["start"], q["end"], s, e) for s, e in spans)


def _exact(q: dict, text: str, spans: list[list[int]]) -> bool:
    ours = _norm(q["text"])
    return any(ours == _norm(text[s:e]) for s, e in spans) or ours == _norm(" ".join(text[s:e] for s, e in spans))


def speaker_right(record: dict, quote: dict, gold: dict) -> bool:
    """True when our speaker of ``quote`` is the gold attribution's source (see the module doc)."""
    source = gold.get("source")
    actor = next((a for a in record.get("actors", []) if a["id"] == quote.get("speaker")), None)
    if not source or actor is None:
        return False
    gold_text = source["text"].lower()
    for m in actor["mentions"]:
        if any(_overlap(m["start"], m["end"], s, e) for s, e in source["spans"]):
            return True
    names = {actor["name"].lower()} | {m["text"].lower() for m in actor["mentions"] if m["kind"] != "pronoun"}
    return any(n and (n == gold_text or n in gold_text) for n in names)


def score(records: list[dict], coded: list[dict]) -> dict:
    """Return the direct-quote, speaker and indirect-attribution scores (see the module doc)."""
    c: Counter[str] = Counter()
    misses: list[dict] = []
    for gold_doc, rec in zip(records, coded):
        if "rejected" in rec:
            c["rejected"] += 1
            continue
        text = rec["text"]
        ours_direct = [q for q in rec["quotes"] if q["kind"] == "direct"]
        ours_indirect = [q for q in rec["quotes"] if q["kind"] == "indirect"]
        all_content = [sp for a in gold_doc["attributions"] for sp in a["content"]["spans"]]
        c["ours direct"] += len(ours_direct)
        c["ours direct in gold content"] += sum(_touches(q, all_content) for q in ours_direct)
        c["ours indirect"] += len(ours_indirect)
        c["ours indirect in gold content"] += sum(_touches(q, all_content) for q in ours_indirect)
        for a in gold_doc["attributions"]:
            spans = a["content"]["spans"]
            direct = a["content_is_direct_quote_heuristic"]
            pool = ours_direct if direct else ours_indirect
            kind = "direct" if direct else "indirect"
            c[f"gold {kind}"] += 1
            found = [q for q in pool if _touches(q, spans)]
            if not found:
                if direct:
                    misses.append({"id": gold_doc["id"], "kind": "missed", "gold": a["content"]["text"][:80]})
                continue
            c[f"{kind} found"] += 1
            if direct:
                c["direct exact"] += any(_exact(q, text, spans) for q in found)
            if a.get("source"):
                c[f"{kind} found with gold source"] += 1
                ok = any(speaker_right(rec, q, a) for q in found)
                c[f"{kind} speaker right"] += ok
                if direct and not ok:
                    names = {x["id"]: x["name"] for x in rec["actors"]}
                    misses.append({"id": gold_doc["id"], "kind": "speaker", "gold": a["source"]["text"],
                                   "ours": [names.get(q["speaker"]) for q in found], "quote": a["content"]["text"][:60]})
    ratio = lambda a, b: round(c[a] / c[b], 4) if c[b] else 0.0  # noqa: E731
    result = {
        "documents": len(records),
        "direct": {
            "gold": c["gold direct"], "predicted": c["ours direct"],
            "found (overlap)": ratio("direct found", "gold direct"),
            "found (exact)": ratio("direct exact", "gold direct"),
            "precision (overlap)": ratio("ours direct in gold content", "ours direct"),
            "speaker right": ratio("direct speaker right", "direct found with gold source"),
        },
        "indirect": {
            "gold": c["gold indirect"], "predicted": c["ours indirect"],
            "found (overlap)": ratio("indirect found", "gold indirect"),
            "precision (overlap)": ratio("ours indirect in gold content", "ours indirect"),
            "speaker right": ratio("indirect speaker right", "indirect found with gold source"),
        },
        "rejected": c["rejected"],
    }
    result["misses"] = misses
    return result


def run(split: str = "test", limit: int | None = None, pipeline=None) -> dict:
    """Code PolNeAR ``split`` and score its quotes: {"direct": {…}, "indirect": {…}, …}."""
    records = load(split)[:limit]
    t0 = time.perf_counter()
    coded = code(records, pipeline)
    result = score(records, coded)
    result.update({"task": "quotes", "dataset": "polnear", "split": split,
                   "seconds": round(time.perf_counter() - t0, 2)})
    return result


def table(result: dict) -> str:
    """Return the report as a few text lines."""
    d, i = result["direct"], result["indirect"]
    return "\n".join([
        f"polnear {result['split']} ({result['documents']} documents)",
        f"  direct   gold {d['gold']} ours {d['predicted']}: found {d['found (overlap)']:.3f} overlap / "
        f"{d['found (exact)']:.3f} exact, precision {d['precision (overlap)']:.3f}, speaker right {d['speaker right']:.3f}",
        f"  indirect gold {i['gold']} ours {i['predicted']}: found {i['found (overlap)']:.3f}, "
        f"precision {i['precision (overlap)']:.3f}, speaker right {i['speaker right']:.3f}",
    ])


if __name__ == "__main__":  # python -m eventwire.bench.quotes [split]
    import sys

    print(table(run(*sys.argv[1:2])))
