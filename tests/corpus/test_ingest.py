"""Ingest with the corpus stages: records carry their story; re-runs and interrupted runs converge."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_helpers import EXAMPLES
from fake_pipeline import FakePipeline, config

from eventwire import service
from eventwire.corpus import Corpus
from eventwire.store import open_store

PAIR = [str(EXAMPLES / "20a-eu-madagascar-sanctions-threat.txt"), str(EXAMPLES / "20b-eu-madagascar-sanctions-threat.txt")]
OTHER = str(EXAMPLES / "03-durban-port-strike.txt")


def test_ingest_fills_the_story_field_and_reruns_change_nothing(store_url: str):
    summary = service.ingest([*PAIR, OTHER], store_url, config=config(), pipeline=FakePipeline())
    assert (summary.inputs, summary.written, summary.duplicates) == (3, 3, 1)
    with open_store(store_url) as store:
        records = {Path(r["source"]).name[:3]: r for r in store.iter_records()}
        stories = Corpus(store).stories()
    assert records["20a"]["story"]["cluster"] == records["20b"]["story"]["cluster"] != records["03-"]["story"]["cluster"]
    assert records["20b"]["story"]["duplicate_of"] == records["20a"]["id"]
    assert [s["articles"] for s in stories] == [2, 1] and stories[0]["syndicated"] is True
    again = service.ingest([*PAIR, OTHER], store_url, config=config(), pipeline=FakePipeline())
    assert (again.written, again.unchanged) == (0, 3)


def test_ingest_without_stories_leaves_the_field_empty(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    service.ingest(PAIR, url, config=config(), pipeline=FakePipeline(), stories=False)
    with open_store(url) as store:
        assert all(r["story"]["cluster"] is None for r in store.iter_records())
        assert Corpus(store).stats()["stories"] == 0


def corpus_files(folder: Path) -> list[str]:
    """Example stories and two copies of each (another dateline outlet, a trimmed tail)."""
    folder.mkdir()
    paths = []
    for src in sorted(EXAMPLES.glob("*.txt"))[:12]:
        text = src.read_text("utf-8")
        paragraphs = text.strip().split("\n\n")
        for n, body in enumerate([text, "\n\n".join(["Copy: " + paragraphs[0], *paragraphs[1:-1]]) + "\n",
                                  "\n\n".join(["Brief: " + paragraphs[0], *paragraphs[1:3]]) + "\n"]):
            path = folder / f"{src.stem}-{n}.txt"
            path.write_text(body, "utf-8")
            paths.append(str(path))
    return paths


def snapshot(url: str) -> tuple[list, dict, list]:
    with open_store(url) as store:
        records = sorted((r["id"], r["story"]["cluster"], r["story"]["duplicate_of"]) for r in store.iter_records())
        corpus = Corpus(store)
        stories = sorted((s["id"], s["articles"], tuple(s["members"])) for s in corpus.stories(limit=1000))
        return records, corpus.clusters(), stories


def test_an_ingest_killed_midway_and_rerun_ends_as_a_clean_run(tmp_path: Path):
    paths = corpus_files(tmp_path / "in")
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    service.ingest(paths, clean, config=config(), pipeline=FakePipeline())
    killed = f"sqlite:///{tmp_path / 'killed.db'}"
    script = Path(__file__).with_name("fake_pipeline.py")
    proc = subprocess.Popen([sys.executable, str(script), killed, "0.05", *paths], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        seen = 0
        for _line in proc.stdout:  # wait until it is well into the corpus, between batches or not
            seen += 1
            if seen == 13:
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with open_store(killed) as store:
        assert 0 < store.stats()["articles"] < len(paths)  # interrupted for real
    service.ingest(paths, killed, config=config(), pipeline=FakePipeline())
    assert snapshot(killed) == snapshot(clean)


@pytest.mark.parametrize("n", [3])
def test_the_clean_run_found_the_copies(tmp_path: Path, n: int):
    paths = corpus_files(tmp_path / "in")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    summary = service.ingest(paths, url, config=config(), pipeline=FakePipeline())
    _, clusters, stories = snapshot(url)
    assert summary.duplicates == len(paths) - len(paths) // n
    assert len(stories) == len(paths) // n and all(count == n for _, count, _ in stories)
