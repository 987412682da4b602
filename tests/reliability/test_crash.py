"""Crash safety: `eventwire ingest` killed with SIGKILL at random points, then re-run, loses nothing.

Several seeded kills per store (SQLite, and PostgreSQL when $EVENTWIRE_TEST_PG is set): some
during start-up and migration, most while records are being written (small store and nlp batches
so that commits are frequent). After a final complete run the store must hold every article
exactly once, with child rows matching each record, story memberships for all, no stale
rejections, and the same records (and stories) as one uninterrupted ingest.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg_helpers import backend_url  # noqa: E402
from reliability_helpers import ROOT  # noqa: E402

from eventwire.bench.hostile import story  # noqa: E402

ARTICLES = 10
KILLS = {"sqlite": 3, "postgresql": 2}
# Small batches: commits every few records, so a kill lands between and inside transactions.
ENV = {"EVENTWIRE_STORE_BATCH_SIZE": "3", "EVENTWIRE_NLP_BATCH_SIZE": "2", "PYTHONUNBUFFERED": "1"}


def write_corpus(folder: Path) -> Path:
    """A JSONL batch of distinct generated stories, two of them copies (story clusters)."""
    rng = random.Random(8)
    lines = []
    for i in range(ARTICLES):
        text = story(rng, paragraphs=3)
        if i in (4, 8):  # a syndicated copy of the story before it
            text = lines[-1]["text"].replace("Eastlake Wire", "Harbor Press")
        lines.append({"id": f"crash-{i:02d}", "text": text, "published": "2024-03-14", "outlet": f"Outlet {i % 3}"})
    path = folder / "crash.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return path


def ingest_command(path: Path, db: str) -> list[str]:
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'eventwire'; from eventwire.cli.main import main; main()",
            "ingest", str(path), "--db", db]


def article_count(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())
    except sa.exc.DBAPIError:
        return 0  # not created yet (the ingest is still migrating)


def kill_at_random_point(path: Path, db: str, rng: random.Random, engine: sa.Engine) -> tuple[str, bool]:
    """Start an ingest and SIGKILL it at a seeded random point; return where it was, and if it was running."""
    env = {**os.environ, **ENV}
    env.pop("EVENTWIRE_CONFIG", None)
    proc = subprocess.Popen(ingest_command(path, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)
    try:
        started = time.monotonic()
        if rng.random() < 0.25:  # during start-up, model loading or migration
            time.sleep(rng.uniform(0.2, 3.0))
        else:  # while writing: after the first commit, a random while later
            before = article_count(engine)
            while proc.poll() is None and article_count(engine) <= before and time.monotonic() - started < 120:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.0))
        where = f"{time.monotonic() - started:.1f}s, {article_count(engine)} articles stored"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=60)
    assert proc.returncode in (-signal.SIGKILL, 0), err.decode()[-2000:]
    return where, proc.returncode == -signal.SIGKILL


def stable(record: dict) -> dict:
    out = {k: v for k, v in record.items() if k != "provenance"}
    out["provenance"] = {k: v for k, v in record["provenance"].items() if k != "processed_at"}
    return out


CHILD_TABLES = {"actors": "actors", "places": "places", "timex": "timex", "quotes": "quotes", "events": "events"}


def check_consistent(db: str, expected_ids: set[str]) -> dict[str, dict]:
    """Assert the store holds each expected article once, with matching child rows; return records."""
    from eventwire.corpus import Corpus
    from eventwire.store import open_store

    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM articles"))]
            assert sorted(ids) == sorted(expected_ids), "articles missing or repeated"
            for key, table in CHILD_TABLES.items():
                orphans = conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                               "(SELECT id FROM articles)")).scalar_one()
                assert orphans == 0, f"{orphans} {table} rows without their article"
            counts = {key: dict(conn.execute(sa.text(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")).all())
                      for key, table in CHILD_TABLES.items()}
            members = dict(conn.execute(sa.text("SELECT article_id, cluster_id FROM story_articles")).all())
            stale = conn.execute(sa.text("SELECT count(*) FROM rejected")).scalar_one()
    finally:
        engine.dispose()
    assert stale == 0, "a coded article is still recorded as rejected"
    with open_store(db) as store:
        records = {r["id"]: r for r in store.iter_records()}
        stories = Corpus(store).stories(limit=1000)
    for rid, record in records.items():
        for key in CHILD_TABLES:
            assert counts[key].get(rid, 0) == len(record[key]), f"{rid}: {key} rows differ from the record"
        assert members.get(rid) == record["story"]["cluster"] is not None, f"{rid}: story membership"
    assert sum(s["articles"] for s in stories) == len(expected_ids)
    return records


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash-corpus"))


@pytest.fixture(scope="module")
def clean_records(corpus_file: Path, pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The records of one uninterrupted ingest of the same batch, with the same batch sizes."""
    from eventwire import service
    from eventwire.config import load_config

    db = f"sqlite:///{tmp_path_factory.mktemp('crash-clean') / 'clean.db'}"
    config = load_config(environ={"EVENTWIRE_STORE_BATCH_SIZE": "3", "EVENTWIRE_NLP_BATCH_SIZE": "2"})
    service.ingest([str(corpus_file)], db, config=config, pipeline=pipeline)
    return check_consistent(db, {f"crash-{i:02d}" for i in range(ARTICLES)})


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_killed_at_random_points_then_rerun_loses_and_repeats_nothing(
        backend: str, corpus_file: Path, clean_records: dict, request: pytest.FixtureRequest, tmp_path: Path):
    db = backend_url(request, tmp_path, backend, "crash.db")
    rng = random.Random(f"issue-8-{backend}")
    engine = sa.create_engine(db)
    try:
        points = [kill_at_random_point(corpus_file, db, rng, engine) for _ in range(KILLS[backend])]
    finally:
        engine.dispose()
    env = {**os.environ, **ENV}
    env.pop("EVENTWIRE_CONFIG", None)
    final = subprocess.run(ingest_command(corpus_file, db), capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=300)
    assert final.returncode == 0 and "Traceback" not in final.stderr, final.stderr[-3000:]
    assert any(killed for _, killed in points), f"every ingest finished before its kill: {points}"
    records = check_consistent(db, set(clean_records))
    assert {rid: stable(r) for rid, r in records.items()} == {rid: stable(r) for rid, r in clean_records.items()}, points
