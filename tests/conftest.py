"""Shared fixtures. Unit tests build documents by hand; the few model tests share one pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SEED / "seed.txt").is_file():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline with the real spaCy model (loaded once per test session)."""
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    return Pipeline.build(load_config(environ={}))


@pytest.fixture(scope="session")
def seed_record(pipeline, shared_dir) -> dict:
    from eventwire import service

    return next(service.code([str(shared_dir / "corpus" / "seed" / "seed.txt")], pipeline=pipeline))


@pytest.fixture(scope="session")
def seed_gold(shared_dir) -> dict:
    import json

    return json.loads((shared_dir / "corpus" / "seed" / "seed.gold.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only English pipeline: tokens without loading the model."""
    import spacy

    return spacy.blank("en")


@pytest.fixture()
def code_text(pipeline):
    """Code one text with the real pipeline and return the output record as a dict."""
    from eventwire.model import Article
    from eventwire.service import as_dict

    def run(text: str, published: str | None = "2024-03-14") -> dict:
        return as_dict(next(pipeline.code([Article(text=text, published=published)])))

    return run


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "pipeline" in getattr(item, "fixturenames", ()) or "seed_record" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)
