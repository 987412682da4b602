"""Fit calibration.tsv: isotonic regression of "top event's type is right" on its raw score.

Run ``python -m eventwire.coder.fit_calibration`` (needs ../shared). Data: the GSR dev split
only (``eventwire.bench.events.gsr_split``); each sentence gives one point, its highest-scoring
event's raw score and whether its PLOVER type equals the gold type (a sentence with no event
gives no point). Pool-adjacent-violators, then knots at the mean raw score of each pooled block.
"""
from __future__ import annotations

import argparse
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("calibration.tsv")
MIN_BLOCK = 8  # points per knot at least: fewer make the curve follow noise


def isotonic(points: list[tuple[float, int]], min_block: int = MIN_BLOCK) -> list[tuple[float, float, int]]:
    """Return (mean x, mean y, n) blocks, non-decreasing in y, each of ``min_block`` points or more."""
    blocks: list[list[float]] = []  # [sum x, sum y, n]
    for x, y in sorted(points):
        blocks.append([x, float(y), 1])
        while len(blocks) > 1 and (blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]
                                   or blocks[-2][2] < min_block):
            b = blocks.pop()
            for k in range(3):
                blocks[-1][k] += b[k]
    while len(blocks) > 1 and blocks[-1][2] < min_block:
        b = blocks.pop()
        for k in range(3):
            blocks[-1][k] += b[k]
    return [(sx / n, sy / n, int(n)) for sx, sy, n in blocks]


def gsr_dev_points() -> list[tuple[float, int]]:
    from eventwire.bench import events as bench
    from eventwire.bench.data import shared_dir
    from eventwire.coder.calibration import raw_scores
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    records = bench._jsonl(shared_dir() / "bench" / "events-plover-gsr" / "plover_gsr.jsonl")
    split = bench.gsr_split(records)
    coder = bench.Coder(Pipeline.build(load_config()))
    points = []
    with raw_scores():
        for rec, part in zip(records, split):
            if part != "dev":
                continue
            top = bench.top_event(coder(rec["text"]))
            if top is not None:
                points.append((top.confidence, int(top.plover == rec["gold"]["event"])))
    return points


def write_table(blocks: list[tuple[float, float, int]], path: Path = TABLE_PATH) -> None:
    lines = ["# Written by `python -m eventwire.coder.fit_calibration` (GSR dev split, isotonic); do not edit.",
             "raw\tconfidence\tpoints"]
    lines += [f"{x:.4f}\t{y:.4f}\t{n}" for x, y, n in blocks]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    args = parser.parse_args(argv)
    points = gsr_dev_points()
    blocks = isotonic(points)
    write_table(blocks, args.out)
    for x, y, n in blocks:
        print(f"raw {x:.3f} -> {y:.3f} ({n} points)")


if __name__ == "__main__":
    main()
