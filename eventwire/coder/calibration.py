"""Map the coder's raw event score to a calibrated confidence.

The raw score (stages/events.py) ranks an event by how completely and directly the text states
it (both arguments found, a verb rather than a noun, asserted, not embedded in another event).
``calibration.tsv`` maps it to the probability that the event's PLOVER type is right, fitted by
``python -m eventwire.coder.fit_calibration`` on the GSR dev split (the sentence's
highest-scoring event against the gold type; isotonic regression, so a higher score never
means a lower confidence). The fit is reproducible and never sees the GSR test split; `eventwire
bench events` reports how well it holds there (expected calibration error).
"""
from __future__ import annotations

import bisect
import csv
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Iterator

TABLE = "calibration.tsv"
_raw = False


@lru_cache(maxsize=1)
def _points() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The (raw score, calibrated confidence) knots, raw ascending."""
    try:
        text = resources.files("eventwire.coder").joinpath(TABLE).read_text("utf-8")
    except FileNotFoundError:
        return (), ()
    rows = [r for r in csv.reader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")),
                                  delimiter="\t")]
    pts = sorted((float(a), float(b)) for a, b, *_ in rows[1:])
    return tuple(p[0] for p in pts), tuple(p[1] for p in pts)


def calibrate(raw: float) -> float:
    """Return the calibrated confidence of a raw score (piecewise linear between the knots).

    A small share of the raw score is kept so that distinct scores stay distinct (ties would
    change which event of a sentence ranks first).
    """
    xs, ys = _points()
    if _raw or not xs:
        return raw
    if raw <= xs[0]:
        value = ys[0]
    elif raw >= xs[-1]:
        value = ys[-1]
    else:
        i = bisect.bisect_right(xs, raw)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        value = y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1
    return round(min(0.99, max(0.01, 0.95 * value + 0.05 * raw)), 3)


@contextmanager
def raw_scores() -> Iterator[None]:
    """Within this block events keep their raw scores (used to fit the table)."""
    global _raw
    old, _raw = _raw, True
    try:
        yield
    finally:
        _raw = old
