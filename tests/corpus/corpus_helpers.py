"""Shared by the corpus tests: where the example stories are."""
from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_text(name: str) -> str:
    return (EXAMPLES / name).read_text("utf-8")
