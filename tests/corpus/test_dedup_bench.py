"""`eventwire bench dedup`: the synthetic syndicated corpus and the floors its scores must hold."""
from __future__ import annotations

import random

from eventwire.bench import dedup


def test_copies_change_headline_dateline_and_boilerplate_but_not_the_story(shared_dir):
    docs = dedup.base_stories(shared=shared_dir)
    original = next(d for d in docs if d.id.startswith("20a"))
    others = [d for d in docs if d.family != original.family]
    copies = dedup.make_copies(original, 4, random.Random(1), others)
    assert len({c.outlet for c in copies}) == 4 and original.outlet not in {c.outlet for c in copies}
    for c in copies:
        assert c.family == original.family and c.id.startswith(original.id + "~")
        assert f"({c.outlet})" in c.text and "(Meridian News)" not in c.text
        assert c.text.split("\n", 1)[0] != original.text.split("\n", 1)[0]
        assert f"Copyright {c.outlet}" in c.text
    assert dedup.corpus(2, shared=shared_dir) == dedup.corpus(2, shared=shared_dir)  # deterministic
    assert "seed" in {d.family for d in docs}  # the seed is read from ../shared at run time


def test_pairwise_scores():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert dedup.pairwise(gold, gold)["precision"] == 1.0
    merged = dedup.pairwise(gold, {k: 0 for k in gold})
    assert (merged["precision"], merged["recall"]) == (round(2 / 6, 4), 1.0)
    split = dedup.pairwise(gold, {k: k for k in gold})
    assert (split["precision"], split["recall"]) == (1.0, 0.0)


def test_story_clusters_reach_the_floor(shared_dir):
    result = dedup.story_scores(dedup.corpus(3, shared=shared_dir))
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result
    assert result["stories"] == result["clusters"]


def test_canonical_events_reach_the_floor(pipeline, shared_dir):
    docs = dedup.corpus(1, seed=dedup.SEED + 1, shared=shared_dir, only_gold=True)
    result = dedup.event_scores(docs, pipeline, shared=shared_dir)
    assert result["precision"] >= 0.90 and result["recall"] >= 0.90, result
    assert result["scored reports"] > 100
