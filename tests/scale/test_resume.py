"""Resumability with a real kill: ``eventwire ingest --scheduler`` SIGKILLed midway, then re-run.

tests/corpus/test_ingest.py kills an ingest driven by a stand-in pipeline in one process; this
one kills the real command while Dask workers are coding with the real model, between store
batches, and checks the re-run ends exactly where an uninterrupted single-process run does.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import example_stories, store_contents

from eventwire import service
from eventwire.config import load_config

EVENTWIRE = [sys.executable, "-c", "from eventwire.cli.main import main; main()"]
STORE_BATCH = 3  # records per store write: a kill after the first Dask batch leaves some unwritten


def inputs(folder: Path) -> list[str]:
    """Twelve example stories and a re-headlined copy of every third one (syndication to find).

    16 articles: two Dask batches, so the kill lands after the first batch's records.
    """
    folder.mkdir()
    paths = []
    for n, src in enumerate(example_stories()[:12]):
        paths.append(str(src))
        if n % 3 == 0:
            head, body = src.read_text("utf-8").split("\n\n", 1)
            copy = folder / f"{src.stem}-copy.txt"
            copy.write_text(f"Wire copy: {head}\n\n{body}", "utf-8")
            paths.append(str(copy))
    return paths


def count_articles(db_file: Path) -> int:
    try:
        with sqlite3.connect(db_file, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.model
def test_an_ingest_killed_on_dask_and_rerun_equals_an_uninterrupted_run(tmp_path: Path, pipeline, scheduler_address):
    paths = inputs(tmp_path / "in")
    config = load_config(overrides={"store": {"batch_size": STORE_BATCH}}, environ={})
    service.ingest(paths, f"sqlite:///{tmp_path / 'clean.db'}", config=config, pipeline=pipeline)

    killed = tmp_path / "killed.db"
    command = [*EVENTWIRE, "ingest", *paths, "--db", f"sqlite:///{killed}", "--scheduler", scheduler_address]
    env = {**os.environ, "EVENTWIRE_STORE_BATCH_SIZE": str(STORE_BATCH)}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while count_articles(killed) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, stderr.decode()[-2000:]
    assert 0 < count_articles(killed) < len(paths)  # interrupted for real, after some writes

    rerun = subprocess.run(command, env=env, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    assert f"{len(paths)} inputs:" in rerun.stderr.decode()
    clean, resumed = store_contents(tmp_path / "clean.db"), store_contents(killed)
    assert len(resumed["articles"]) == len(paths)
    assert len({row[0] for row in resumed["articles"]}) == len(paths)  # each article exactly once
    assert len(resumed["story_articles"]) == len(paths) and resumed["canonical_members"]
    for table in clean:
        assert resumed[table] == clean[table], table
