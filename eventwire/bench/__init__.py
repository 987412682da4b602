"""Benchmarks: ``eventwire bench TASK`` scores a component on ../shared/bench or the seed gold."""
from __future__ import annotations

from typing import Callable

from eventwire.errors import EventwireError, unknown_choice


def _seed() -> dict:
    from eventwire.bench import seed

    return seed.run()


def _places() -> dict:
    from eventwire.bench import places

    return {"task": "places", "summary": _flat(places.run()), "items": []}


def _timex() -> dict:
    from eventwire.bench import timex

    return {"task": "timex", "summary": _flat(timex.run()), "items": []}


def _flat(result: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in result.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        elif not isinstance(value, list):
            out[f"{prefix}{key}"] = round(value, 4) if isinstance(value, float) else value
    return out


def _examples() -> dict:
    from eventwire.bench import examples

    result = examples.run()
    missed = result.pop("missed types")
    return {"task": "examples", "summary": result | {"types most missed": ", ".join(f"{k} {v}" for k, v in sorted(missed.items(), key=lambda x: -x[1])[:6])}, "items": []}


TASKS: dict[str, Callable[[], dict]] = {"seed": _seed, "examples": _examples, "places": _places, "timex": _timex}


def run_task(task: str) -> dict:
    """Run one benchmark task and return its report: {"task", "summary", "items"}."""
    if task not in TASKS:
        raise EventwireError(unknown_choice("bench task", task, list(TASKS)))
    return TASKS[task]()
