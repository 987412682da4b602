"""Fixtures of the corpus-stage tests: stores on SQLite (and PostgreSQL when EVENTWIRE_TEST_PG is set)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("EVENTWIRE_TEST_PG") else [])


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path: Path) -> str:
    from pg_helpers import backend_url

    return backend_url(request, tmp_path, request.param, "corpus.db")


@pytest.fixture
def store(store_url: str):
    from eventwire.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def corpus(store):
    from eventwire.corpus import Corpus

    return Corpus(store)
