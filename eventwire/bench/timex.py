"""Score the time-expression rules on TempEval-3 platinum and on the seed article.

TempEval-3 Task A, re-implemented on character offsets (SOURCE.md of the dataset): a system
timex matches a gold one when their spans overlap (relaxed, 1:1, greedy) or are identical
(strict). Value F1 counts relaxed matches whose TimeML value is exactly the gold value — the
same number as TE3's "value accuracy × relaxed F1". The platinum set is the test set: rules
are written on the seed and hand-made sentences, never tuned on it.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eventwire.model.records import Timex
from eventwire.timex import find_timexes

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
PLATINUM = SHARED / "bench" / "tempeval3_platinum" / "te3_platinum.jsonl"
SEED_TEXT = SHARED / "corpus" / "seed" / "seed.txt"
SEED_GOLD = SHARED / "corpus" / "seed" / "seed.gold.json"

# Leading words our spans keep to follow the seed gold ("on Thursday", "in recent weeks") and
# that TimeML leaves outside the TIMEX3; dropped only for the "strict_timeml" score.
_PREPOSITIONS = ("on ", "in ", "On ", "In ")

Span = tuple[int, int]


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _match(system: Sequence[Span], gold: Sequence[Span], strict: bool) -> list[tuple[int, int]]:
    """Pair system and gold spans 1:1, greedily by largest overlap (or equality when strict)."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if (s == g) if strict else _overlap(s, g) > 0:
                pairs.append((-_overlap(s, g), i, j))
    pairs.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def _prf(correct: int, n_system: int, n_gold: int) -> dict[str, float]:
    precision = correct / n_system if n_system else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _timeml_span(timex: Timex) -> Span:
    if timex.text.startswith(_PREPOSITIONS):
        return timex.start + 3, timex.end
    return timex.start, timex.end


def score(docs: Iterable[tuple[str, str | None, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Return relaxed, strict and value scores of ``find_timexes`` on (text, dct, gold) triples."""
    counts = {"system": 0, "gold": 0, "relaxed": 0, "strict": 0, "strict_timeml": 0,
              "value": 0, "type": 0}
    n_docs = 0
    elapsed = 0.0
    for text, dct, gold in docs:
        n_docs += 1
        started = time.perf_counter()
        found = find_timexes(text, dct)
        elapsed += time.perf_counter() - started
        gold_spans = [(g["start"], g["end"]) for g in gold]
        system_spans = [(t.start, t.end) for t in found]
        counts["system"] += len(found)
        counts["gold"] += len(gold)
        relaxed = _match(system_spans, gold_spans, strict=False)
        counts["relaxed"] += len(relaxed)
        counts["value"] += sum(found[i].value == gold[j]["value"] for i, j in relaxed)
        counts["type"] += sum(found[i].type == gold[j].get("type") for i, j in relaxed)
        counts["strict"] += len(_match(system_spans, gold_spans, strict=True))
        timeml = [_timeml_span(t) for t in found]
        counts["strict_timeml"] += len(_match(timeml, gold_spans, strict=True))
    result: dict[str, Any] = {"docs": n_docs, **counts}
    for key in ("relaxed", "strict", "strict_timeml", "value", "type"):
        result[key] = {**_prf(counts[key], counts["system"], counts["gold"]), "n": counts[key]}
    result["docs_per_second"] = round(n_docs / elapsed, 1) if elapsed else None
    return result


def _platinum(limit: int | None) -> list[tuple[str, str | None, list[dict[str, Any]]]]:
    docs = []
    with PLATINUM.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            docs.append((record["text"], record["dct"], record["timexes"]))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def seed_score() -> dict[str, Any]:
    """Return how many of the seed gold timexes are found (overlapping span, same value)."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    items = gold["timex"]
    found = find_timexes(text, gold.get("published"))
    pairs = _match([(t.start, t.end) for t in found], [(g["start"], g["end"]) for g in items],
                   strict=False)
    right = sum(found[i].value == items[j]["value"] for i, j in pairs)
    exact = sum((found[i].start, found[i].end) == (items[j]["start"], items[j]["end"])
                for i, j in pairs)
    return {"found": right, "total": len(items), "exact_spans": exact, "system": len(found)}


def run(limit: int | None = None) -> dict[str, Any]:
    """Score on TempEval-3 platinum (first ``limit`` documents) and on the seed article."""
    report: dict[str, Any] = {"task": "timex", "dataset": "tempeval3_platinum"}
    report["tempeval3"] = score(_platinum(limit))
    report["seed"] = seed_score() if SEED_GOLD.exists() else None
    return report


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
