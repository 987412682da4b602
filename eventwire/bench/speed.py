"""Time the full pipeline against spaCy's own parse of the same text, per stage and per worker.

The corpus is synthetic and built only from the project's own ``examples/`` (never ../shared):
article ``i`` takes a headline, a lead paragraph (with its wire dateline) and body paragraphs
drawn from the example stories by ``random.Random(f"{seed}:{i}")`` until it reaches about 500
words, so the same ``n`` and seed always give the same texts, and article ``i`` does not depend on
``n``.

Measured (after a warm-up, so model loading is not counted): the pipeline's articles/s with each
stage's time share (stages are wrapped from outside; pipeline.py is untouched); spaCy's
``nlp.pipe`` over the very texts the nlp stage parses (headline and paragraphs, dateline cut),
both as one stream (spaCy at its best) and one call per article (as the nlp stage calls it); the
ratio pipeline/spaCy; peak RSS (``resource.getrusage``). With ``workers > 1``, articles/s over a
``spawn`` process pool whose workers each build their own Pipeline, and each worker's peak RSS.
Targets (BENCHMARKS.md): >= 8 articles/s on 2 cores, pipeline <= 1.5 x spaCy, RSS <= 1.5 GB/worker.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.config import load_config
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline
from eventwire.text.layout import paragraph_blocks, split_layout

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = 20240314
TARGET_WORDS = 500
PUBLISHED = "2024-05-06"
TARGETS = {"articles/s on 2 cores": ">= 8", "pipeline/spaCy time": "<= 1.5", "peak RSS per worker (MB)": "<= 1536"}


# --------------------------------------------------------------------------- corpus


@dataclass
class Parts:
    """Headlines, lead paragraphs (datelines kept) and body paragraphs of the example stories."""

    headlines: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)


def example_parts(folder: Path = EXAMPLES) -> Parts:
    """Split every example story (.txt, and the bodies of .jsonl feeds) into its parts."""
    parts = Parts()
    for path in sorted(folder.glob("*.txt")):
        _add_story(parts, path.read_text("utf-8"), headline=True)
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                _add_story(parts, json.loads(line)["text"], headline=False)
    return parts


def _add_story(parts: Parts, text: str, headline: bool) -> None:
    blocks = [text[a:b] for a, b in paragraph_blocks(text)]
    if headline and len(blocks) > 2:
        parts.headlines.append(blocks.pop(0))
    if blocks:
        parts.leads.append(blocks[0])
        parts.bodies.extend(blocks[1:])


def build_corpus(n: int, seed: int = SEED, target_words: int = TARGET_WORDS, parts: Parts | None = None) -> list[str]:
    """Return ``n`` synthetic articles of about ``target_words`` words, deterministically."""
    parts = parts or example_parts()
    articles = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        paras = [rng.choice(parts.headlines), rng.choice(parts.leads)]
        words = sum(len(p.split()) for p in paras[1:])
        for body in rng.sample(parts.bodies, len(parts.bodies)):
            if words >= target_words:
                break
            paras.append(body)
            words += len(body.split())
        articles.append("\n\n".join(paras))
    return articles


def parsed_texts(text: str) -> list[str]:
    """Return the texts the nlp stage hands to spaCy: headline and paragraphs, dateline cut."""
    segments, _, _ = split_layout(text)
    return [text[s.start:s.end] for s in segments if s.kind != "dateline"]


# --------------------------------------------------------------------------- timing


class TimedStage:
    """A stage wrapper adding its (wall, cpu) seconds to ``totals[name]``; the stage is untouched."""

    def __init__(self, stage: Any, totals: dict[str, list[float]]) -> None:
        self.stage = stage
        self.totals = totals
        self.name = stage.name
        self.requires = stage.requires
        self.assigns = stage.assigns
        totals.setdefault(stage.name, [0.0, 0.0])

    def __call__(self, doc: Document) -> Document:
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            return self.stage(doc)
        finally:
            spent = self.totals[self.name]
            spent[0] += time.perf_counter() - w0
            spent[1] += time.process_time() - c0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stage, name)


def timed(pipeline: Pipeline) -> tuple[Pipeline, dict[str, list[float]]]:
    """Return a pipeline over the same stage objects, each wrapped in a timer, and the totals."""
    totals: dict[str, list[float]] = {}
    return Pipeline(tuple(TimedStage(s, totals) for s in pipeline.stages), pipeline.config), totals


def spacy_model(pipeline: Pipeline) -> Any:
    """Return the spaCy Language the pipeline's nlp stage uses (loaded once)."""
    stage = next(s for s in pipeline.stages if s.name == "nlp")
    return stage.nlp


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (``getrusage``; KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def own_peak_rss_mb() -> float:
    """Return the peak RSS of this process image alone (VmHWM), falling back to ``getrusage``.

    Linux carries ``ru_maxrss`` over fork and exec, so a spawned worker's getrusage reports at
    least its parent's peak; VmHWM belongs to the current memory map only.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return peak_rss_mb()


@dataclass
class Clock:
    """Wall and CPU seconds of one timed run (CPU time is what a loaded, shared machine hides)."""

    wall: float = 0.0
    cpu: float = 0.0

    def report(self, n: int) -> dict:
        return {"seconds": round(self.wall, 2), "cpu seconds": round(self.cpu, 2),
                "articles/s": round(n / self.wall, 2), "articles per cpu-second": round(n / self.cpu, 2)}


def _clocked(work) -> Clock:
    w0, c0 = time.perf_counter(), time.process_time()
    work()
    return Clock(time.perf_counter() - w0, time.process_time() - c0)


def _time_pipeline(pipeline: Pipeline, texts: list[str]) -> tuple[Clock, dict[str, list[float]], int, int]:
    clocked, totals = timed(pipeline)
    counts = {"events": 0, "rejected": 0}

    def work() -> None:
        for text in texts:
            doc = clocked.run(Article(text=text, published=PUBLISHED))
            counts["events"] += len(doc.events)
            counts["rejected"] += doc.rejected is not None

    clock = _clocked(work)
    return clock, totals, counts["events"], counts["rejected"]


def _time_spacy(nlp: Any, texts: list[str]) -> tuple[Clock, Clock]:
    per_article = [parsed_texts(t) for t in texts]
    stream = _clocked(lambda: [None for _ in nlp.pipe([p for paras in per_article for p in paras])])
    by_article = _clocked(lambda: [None for paras in per_article for _ in nlp.pipe(paras)])
    return stream, by_article


# --------------------------------------------------------------------------- workers

_WORKER: dict[str, Any] = {}


def _init_worker(barrier: Any, warm_text: str) -> None:
    pipeline = Pipeline.build(load_config())
    pipeline.run(Article(text=warm_text, published=PUBLISHED))  # loads the model and tables
    _WORKER["pipeline"] = pipeline
    _WORKER["cpu0"] = time.process_time()
    barrier.wait()


def _code_in_worker(text: str) -> tuple[int, int, float, float]:
    doc = _WORKER["pipeline"].run(Article(text=text, published=PUBLISHED))
    return os.getpid(), len(doc.events), own_peak_rss_mb(), time.process_time() - _WORKER["cpu0"]


def time_workers(texts: list[str], workers: int) -> dict:
    """Code ``texts`` on a spawn pool of ``workers`` processes; time from all workers ready."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(workers + 1)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(barrier, texts[0])) as pool:
        barrier.wait(timeout=900)
        t0 = time.perf_counter()
        results = pool.map(_code_in_worker, texts, chunksize=2)
        seconds = time.perf_counter() - t0
    rss: dict[int, float] = {}
    cpu: dict[int, float] = {}
    for pid, _, mb, used in results:
        rss[pid] = max(rss.get(pid, 0.0), mb)
        cpu[pid] = max(cpu.get(pid, 0.0), used)
    busiest = max(cpu.values())
    return {"workers": workers, "seconds": round(seconds, 2), "articles/s": round(len(texts) / seconds, 2),
            "cpu seconds per worker": sorted(round(c, 2) for c in cpu.values()),
            # what the pool would do with a core per worker and nothing else running
            "articles/s if CPU-bound (n / busiest worker's cpu seconds)": round(len(texts) / busiest, 2),
            "events": sum(r[1] for r in results), "peak RSS MB per worker (VmHWM)": sorted(rss.values())}


# --------------------------------------------------------------------------- report


def run(n: int = 200, workers: int = 1, seed: int = SEED) -> dict:
    """Build the corpus, time pipeline and spaCy in this process, then a pool when ``workers`` > 1."""
    texts = build_corpus(n, seed)
    words = [len(t.split()) for t in texts]
    report: dict = {
        "task": "speed",
        "articles": n,
        "words per article (mean, min, max)": [round(sum(words) / len(words)), min(words), max(words)],
        "cores": os.cpu_count(),
        "load average at start (1 min)": round(os.getloadavg()[0], 2),
    }
    if workers > 1:  # first, while this process is small (its peak is not the workers')
        pool = time_workers(texts, workers)
    pipeline = Pipeline.build(load_config())
    for text in texts[:3]:
        pipeline.run(Article(text=text, published=PUBLISHED))  # warm-up: model, gazetteer, tables
    clock, stages, events, rejected = _time_pipeline(pipeline, texts)
    stream, by_article = _time_spacy(spacy_model(pipeline), texts)
    cpu_total = sum(c for _, c in stages.values()) or 1.0
    report |= {
        "pipeline": clock.report(n) | {"events": events, "rejected": rejected},
        "spacy stream": stream.report(n),
        "spacy per article": by_article.report(n),
        "pipeline/spacy (stream, wall)": round(clock.wall / stream.wall, 2),
        "pipeline/spacy (stream, cpu)": round(clock.cpu / stream.cpu, 2),
        "pipeline/spacy (per article, cpu)": round(clock.cpu / by_article.cpu, 2),
        "stage share (cpu)": {k: round(c / cpu_total, 3) for k, (_, c) in stages.items()},
        "stage cpu ms per article": {k: round(1000 * c / n, 1) for k, (_, c) in stages.items()},
        "stage wall ms per article": {k: round(1000 * w / n, 1) for k, (w, _) in stages.items()},
        "peak RSS MB (this process, getrusage)": peak_rss_mb(),
        "load average at end (1 min)": round(os.getloadavg()[0], 2),
        "targets": TARGETS,
    }
    if workers > 1:
        report[f"workers={workers}"] = pool
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the pipeline against spaCy; prints a JSON report. "
                                     "Example: python -m eventwire.bench.speed --n 200 --workers 2")
    parser.add_argument("--n", type=int, default=200, help="number of synthetic ~500-word articles")
    parser.add_argument("--workers", type=int, default=1, help="also time a process pool of this size")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.n, args.workers), indent=1))


if __name__ == "__main__":
    main()
