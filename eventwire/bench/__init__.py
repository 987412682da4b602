"""Benchmarks: ``eventwire bench TASK`` scores a component on ../shared/bench or the seed gold.

Every task returns a report ``{"task", "summary", "items"}``; the summary is flat so the CLI can
print it as one table, and ``--json`` prints the task's full result beside it.
"""
from __future__ import annotations

import importlib
import inspect
from typing import Any

from eventwire.errors import EventwireError, unknown_choice

# task -> (module under eventwire.bench, what it measures)
TASKS: dict[str, tuple[str, str]] = {
    "seed": ("seed", "every gold item of the seed article found or missed"),
    "examples": ("examples", "the coder on the project's own examples (regression floor)"),
    "events": ("events", "PLOVER GSR, ConfliBERT CAMEO, CASE 2021, IndiaPoliceEvents"),
    "speed": ("speed", "articles/s, ratio to spaCy, per-stage time, peak RSS"),
    "timex": ("timex", "TempEval-3 platinum value F1 and the seed's time expressions"),
    "geo": ("geo", "toponym resolution and recognition on LGL, GeoWebNews, TR-News, GeoVirus"),
    "places": ("places", "toponym resolution given gold names (LGL, GeoWebNews)"),
    "ner": ("ner", "entity F1 on CoNLL-2003 and re3d"),
    "quotes": ("quotes", "direct quotes and speakers on PolNeAR"),
    "extraction": ("extraction", "main text from news HTML through the HTML reader (shingle F1)"),
    "dedup": ("dedup", "story clusters and canonical events on a synthetic syndication set"),
    "api": ("api", "API latency under 20 concurrent clients"),
    "fuzz": ("fuzz", "readers and pipeline on mutated hostile inputs for --seconds: tried, coded, rejected, crashes"),
}


def flatten(result: dict, prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts to "a.b" keys; lists of scalars are joined, other lists dropped."""
    out: dict[str, Any] = {}
    for key, value in result.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value) and len(value) <= 8:
                out[name] = ", ".join(str(v) for v in value)
        else:
            out[name] = round(value, 4) if isinstance(value, float) else value
    return out


def run_task(task: str, limit: int | None = None, **options: Any) -> dict:
    """Run one benchmark task and return its report: {"task", "summary", "items", "result"}.

    ``options`` (e.g. ``seconds``) go to the task's ``run`` when it takes them and are not None.
    """
    if task not in TASKS:
        raise EventwireError(unknown_choice("bench task", task, list(TASKS)))
    module_name, _ = TASKS[task]
    try:
        module = importlib.import_module(f"eventwire.bench.{module_name}")
    except ImportError as exc:
        raise EventwireError(f"bench task {task!r} is not available in this build: {exc}") from exc
    accepted = inspect.signature(module.run).parameters
    kwargs = {name: value for name, value in {"limit": limit, **options}.items()
              if value is not None and name in accepted}
    result = module.run(**kwargs)
    if isinstance(result, dict) and "summary" in result and "items" in result:
        return result  # already a report (seed)
    summary = flatten({k: v for k, v in result.items() if k not in {"task", "items"}})
    return {"task": task, "summary": summary, "items": [], "result": result}
