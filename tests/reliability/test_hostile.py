"""Hostile inputs through the real `eventwire ingest`: each one coded or rejected with a reason.

One batch holds them all (empty and binary files, PDF bytes, bad encodings, a 30 MB text, a 5 MB
line, 100k nested divs, broken JSONL, truncated gzip and WARC, 2 GB compression bombs, XXE and
billion-laughs feeds, other languages) plus three example stories; see ``conftest.py`` for the
run and ``eventwire/bench/hostile.py`` for the inputs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_helpers import CONTROLS, MAX_RSS_BYTES  # noqa: E402


def test_the_ingest_finishes_without_a_traceback(hostile_batch):
    run, _ = hostile_batch
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "inputs:" in run.stderr  # the CLI's own summary line


def test_every_input_is_coded_or_rejected_with_a_reason(hostile_batch):
    run, items = hostile_batch
    for item in items:
        outcome = run.outcomes[item.name]
        assert outcome["coded"] + outcome["rejected"] >= 1, f"{item.name} ({item.note}) left no record"
        assert all(reason.split(": ", 1)[1].strip() for reason in outcome["reasons"]), outcome
        if item.expect == "coded":
            assert outcome["coded"] >= 1, f"{item.name} ({item.note}) was not coded: {outcome['reasons']}"
        elif item.expect == "rejected":
            assert outcome["coded"] == 0 and outcome["rejected"] >= 1, f"{item.name} ({item.note}): {outcome}"


def test_no_stage_crashed_on_any_input(hostile_batch):
    run, _ = hostile_batch
    internal = [(name, r) for name, o in run.outcomes.items() for r in o["reasons"] if "internal error" in r]
    assert internal == []


def test_the_rest_of_the_batch_is_coded(hostile_batch):
    run, _ = hostile_batch
    for name in CONTROLS:
        assert run.outcomes[name]["coded"] == 1 and run.outcomes[name]["rejected"] == 0, (name, run.outcomes[name])


@pytest.mark.parametrize(("name", "words"), [
    ("bomb.txt.gz", "over the limit"), ("bomb.bin", "over the limit"), ("bomb.jsonl.gz", "compression bomb"),
    ("bomb.xml.gz", "compression bomb"), ("bomb.warc.gz", "compression bomb"),
    ("xxe.xml", "XML entities"), ("xxe-param.xml", "XML entities"), ("billion-laughs.xml", "XML entities"),
    ("french.txt", "not English"), ("russian.txt", "not English"), ("report.pdf", "binary"),
    ("huge.txt", "over the limit"), ("one-line.txt", "over the limit"), ("truncated.txt.gz", "to the end"),
    ("long-words.txt", "without a space"),
])
def test_each_hostile_kind_is_refused_for_its_own_reason(hostile_batch, name: str, words: str):
    run, _ = hostile_batch
    assert any(words in reason for reason in run.outcomes[name]["reasons"]), run.outcomes[name]


def test_cut_containers_keep_the_records_before_the_cut(hostile_batch):
    run, _ = hostile_batch
    for name in ("truncated.jsonl.gz", "truncated.warc", "truncated.warc.gz"):
        outcome = run.outcomes[name]
        assert outcome["coded"] >= 2 and any("truncated" in r or "to the end" in r for r in outcome["reasons"]), outcome


def test_cp1252_smart_quotes_are_decoded_into_the_stored_text(hostile_batch):
    from eventwire.store import open_store

    run, _ = hostile_batch
    with open_store(run.db) as store:
        texts = {r["source"].rsplit("/", 1)[-1]: r["text"] for r in store.iter_records()}
    assert "\u201c" in texts["cp1252.txt"] and "\u2013" in texts["cp1252.txt"]
    assert "Caf\u00e9 \u201cdeal\u201d" in texts["mixed-encoding.txt"] and "Z\u00fcrich" in texts["mixed-encoding.txt"]
    assert "root:" not in "".join(texts.values())  # no external entity was ever read


def test_memory_stays_under_the_documented_limit(hostile_batch):
    run, _ = hostile_batch
    assert 0 < run.peak_rss < MAX_RSS_BYTES, f"peak RSS {run.peak_rss / 2**20:.0f} MB"
