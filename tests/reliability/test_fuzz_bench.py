"""The fuzz bench's machinery (not the fuzzing itself, which is a bench): seeded, counting, saving."""
from __future__ import annotations

import random
from pathlib import Path

from eventwire.bench import fuzz
from eventwire.config import load_config
from eventwire.pipeline import Pipeline
from eventwire.registry import FunctionStage


def model_free(func) -> Pipeline:
    return Pipeline((FunctionStage("probe", frozenset({"text"}), frozenset(), func),), load_config(environ={}))


def test_mutation_is_seeded_and_bounded():
    pool = fuzz.seeds()
    rng, other = random.Random(3), random.Random(3)
    first = [fuzz.mutate(rng, pool) for _ in range(30)]
    again = [fuzz.mutate(other, pool) for _ in range(30)]
    assert first == again and len({data for _, data in first}) > 20
    assert all(len(data) <= fuzz.MAX_INPUT_BYTES for _, data in first)


def test_a_short_run_counts_inputs_and_reasons(tmp_path: Path):
    report = fuzz.run(seconds=1.5, seed=1, out_dir=str(tmp_path), pipeline=model_free(lambda doc: doc))
    summary = report["summary"]
    assert summary["inputs tried"] > 5 and summary["failures"] == 0 and summary["records rejected"] > 0
    assert report["items"] == [] and list(tmp_path.iterdir()) == []


def test_a_stage_that_raises_is_a_saved_failure(tmp_path: Path):
    def fragile(doc):
        if "Kaduna" in doc.text:
            raise KeyError("kaduna")
        return doc

    report = fuzz.run(seconds=1.5, seed=2, out_dir=str(tmp_path), pipeline=model_free(fragile))
    assert report["summary"]["failures"] >= 1
    saved = sorted(tmp_path.iterdir())
    assert saved and any(p.name.endswith(".txt.txt") and "KeyError" in p.read_text() for p in saved)
    assert report["items"][0]["gold"].startswith(str(tmp_path))
