"""Fixtures of the API tests: a store of the examples coded with the real pipeline."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import examples_store  # noqa: E402


@pytest.fixture(scope="session")
def examples_db(pipeline, tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a SQLite store holding examples/ as `eventwire ingest` codes them."""
    return examples_store(pipeline, tmp_path_factory.mktemp("examples-store"))
