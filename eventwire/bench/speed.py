"""Time the full pipeline against spaCy's own parse of the same text, per stage and per worker.

The corpus is synthetic and built only from the project's own ``examples/`` (never ../shared):
article ``i`` takes a headline, a lead paragraph (with its wire dateline) and body paragraphs
drawn from the example stories by ``random.Random(f"{seed}:{i}")`` until it reaches about 500
words, so the same ``n`` and seed always give the same texts, and article ``i`` does not depend on
``n``.

Measured (after a warm-up, so model loading is not counted): the pipeline's articles/s, coded
in batches as ``Pipeline.code`` does, with each stage's time share (stages are wrapped from
outside); spaCy alone (``nlp.pipe`` of a fresh copy of the model as spaCy ships it) over the
very texts the nlp stage parses (headline and paragraphs, dateline cut) as one stream (spaCy
at its best) and one call per article; the same model's components as the nlp stage runs them
(``eventwire.nlp.ruler.parse``: numpy's BLAS and the stand-ins, no entity fixes); the ratio
pipeline/spaCy (CPU seconds); peak RSS. Pipeline and spaCy alternate in rounds of
``ROUND`` articles, so load from other processes on a shared machine falls on both alike.

Then the real Dask path (``eventwire.scale.dask``, what ``ingest --workers N`` runs) with 1 and
``workers`` local workers: articles/s of coding on the workers with the records back in the
client in input order, timed once every worker's pipeline is warm; each worker's own peak RSS
(VmHWM); and articles/s of a whole ``service.ingest`` (stories, canonical events and SQLite
writes in the client) on the same cluster. The top-level ``articles_per_s`` is the Dask coding
rate with ``workers``, ``ratio_to_spacy`` the CPU ratio to the spaCy stream, ``peak_rss_mb``
the largest worker peak.
Targets (BENCHMARKS.md): >= 8 articles/s on 2 cores, pipeline <= 1.5 x spaCy, RSS <= 1.5 GB/worker.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from eventwire.config import load_config
from eventwire.model import Article, Document
from eventwire.nlp.ruler import parse
from eventwire.pipeline import Pipeline
from eventwire.text.layout import paragraph_blocks, split_layout

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = 20240314
TARGET_WORDS = 500
PUBLISHED = "2024-05-06"
ROUND = 20  # articles per alternating pipeline/spaCy round
# Articles coded before timing, in this process and on every Dask worker alike, so that what the
# stages load on first use (model, gazetteer index, dateparser's tables) is not timed. They
# come after the timed ones in the corpus, so no timed article was seen before.
WARM = 3
TARGETS = {"articles/s on 2 cores": ">= 8", "pipeline/spaCy time": "<= 1.5", "peak RSS per worker (MB)": "<= 1536",
           "coder (events stage) share of pipeline CPU": "<= 0.20"}
CODER_STAGE = "events"


def coder_share(stages: dict[str, list[float]]) -> dict[str, float]:
    """The coder's (events stage's) CPU as a share of the whole pipeline's, and as what it adds
    to the time of all the other stages together."""
    total = sum(c for _, c in stages.values())
    coder = stages.get(CODER_STAGE, [0.0, 0.0])[1]
    rest = total - coder
    return {"share of pipeline CPU": round(coder / total, 3) if total else 0.0,
            "added to the other stages": round(coder / rest, 3) if rest else 0.0}


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
        if hasattr(stage, "pipe"):  # keep the batch path the pipeline would take
            self.pipe = self._pipe

    def __call__(self, doc: Document) -> Document:
        with self._timer():
            return self.stage(doc)

    def _pipe(self, docs: list[Document]) -> list[Document]:
        with self._timer():
            return self.stage.pipe(docs)

    def __getattr__(self, name: str) -> Any:
        if name == "stage":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.stage, name)

    @contextmanager
    def _timer(self) -> Iterator[None]:
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            spent = self.totals[self.name]
            spent[0] += time.perf_counter() - w0
            spent[1] += time.process_time() - c0


def timed(pipeline: Pipeline) -> tuple[Pipeline, dict[str, list[float]]]:
    """Return a pipeline over the same stage objects, each wrapped in a timer, and the totals."""
    totals: dict[str, list[float]] = {}
    return Pipeline(tuple(TimedStage(s, totals) for s in pipeline.stages), pipeline.config), totals


def nlp_stage(pipeline: Pipeline) -> Any:
    """Return the pipeline's nlp stage (its spaCy Language and stand-ins, loaded once)."""
    return next(s for s in pipeline.stages if s.name == "nlp")


def spacy_model(pipeline: Pipeline) -> Any:
    """Return the spaCy Language the pipeline's nlp stage uses (loaded once)."""
    return nlp_stage(pipeline).nlp


def shipped_spacy(pipeline: Pipeline) -> Any:
    """Return a fresh copy of the pipeline's model as spaCy ships it: "spaCy alone".

    ``eventwire.nlp.load_model`` changes how its copy multiplies (``eventwire.nlp.blas``), and
    the nlp stage parses through stand-ins (``eventwire.nlp.ruler``, ``eventwire.nlp.greedy``);
    this copy has neither, so it times what running spaCy itself on the text costs.
    """
    meta = spacy_model(pipeline).meta
    return importlib.import_module(f"{meta['lang']}_{meta['name']}").load()


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (``getrusage``; KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def own_peak_rss_mb() -> float:
    """Return the peak RSS of this process image alone (VmHWM), falling back to ``getrusage``.

    Linux carries ``ru_maxrss`` over fork and exec, so a spawned worker's getrusage reports at
    least its parent's peak; VmHWM belongs to the current memory map only.
    """
    from eventwire.scale.dask import peak_rss_mb as vmhwm

    return vmhwm()


@dataclass
class Clock:
    """Wall and CPU seconds of timed work (CPU time is what a loaded, shared machine hides)."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, other: "Clock") -> None:
        self.wall += other.wall
        self.cpu += other.cpu

    def report(self, n: int) -> dict:
        return {"seconds": round(self.wall, 2), "cpu seconds": round(self.cpu, 2),
                "articles/s": round(n / self.wall, 2), "articles per cpu-second": round(n / self.cpu, 2)}


def _clocked(work: Callable[[], object]) -> Clock:
    w0, c0 = time.perf_counter(), time.process_time()
    work()
    return Clock(time.perf_counter() - w0, time.process_time() - c0)


@dataclass
class Rounds:
    """What ``time_rounds`` measured: clocks by name, per-stage (wall, cpu) totals, counts."""

    clocks: dict[str, Clock]
    stages: dict[str, list[float]]
    events: int = 0
    rejected: int = 0


def time_rounds(pipeline: Pipeline, texts: list[str], round_size: int = ROUND) -> Rounds:
    """Time the pipeline (batched, as ``Pipeline.code`` runs) and spaCy in alternating rounds."""
    clocked, totals = timed(pipeline)
    stage = nlp_stage(pipeline)
    nlp = shipped_spacy(pipeline)
    size = pipeline.config.nlp.batch_size
    result = Rounds({"pipeline": Clock(), "spacy stream": Clock(), "spacy per article": Clock(),
                     "eventwire parse stream": Clock()}, totals)
    list(nlp.pipe(parsed_texts(texts[0])))  # warm the fresh copy too

    def code(chunk: list[str]) -> None:
        for start in range(0, len(chunk), size):
            for doc in clocked.run_many([Article(text=t, published=PUBLISHED) for t in chunk[start:start + size]]):
                result.events += len(doc.events)
                result.rejected += doc.rejected is not None

    for start in range(0, len(texts), round_size):
        chunk = texts[start:start + round_size]
        segments = [parsed_texts(t) for t in chunk]
        result.clocks["pipeline"].add(_clocked(lambda: code(chunk)))
        stream = [s for ss in segments for s in ss]
        result.clocks["spacy stream"].add(_clocked(lambda: list(nlp.pipe(stream))))
        result.clocks["spacy per article"].add(_clocked(lambda: [list(nlp.pipe(ss)) for ss in segments]))
        # the same components as the nlp stage runs them (numpy's BLAS, stand-ins), no entity fixes
        result.clocks["eventwire parse stream"].add(_clocked(lambda: list(parse(stage.nlp, stream, stage.stand_ins))))
    return result


# --------------------------------------------------------------------------- Dask


def time_dask(texts: list[str], workers: int, ingest: bool = True, warm: list[str] | None = None) -> dict:
    """Code ``texts`` through ``eventwire.scale.dask`` on a LocalCluster of ``workers`` workers.

    Timed from all workers warm: pipeline built and the ``warm`` articles (others than the
    timed ones; by default the first) coded on each, as the in-process timing is. With ``ingest``, a whole
    ``service.ingest`` of the same articles (as JSONL) into a fresh SQLite store is timed on the
    same cluster (``scheduler=``), so the client's stories and store writes count too.
    """
    from eventwire import service
    from eventwire.scale.dask import DaskCoder

    config = load_config()
    articles = [Article(text=t, published=PUBLISHED) for t in texts]
    n = len(texts)
    with DaskCoder(config, workers=workers) as coder:
        coder.warm_up(warm or texts[:1])
        load = round(os.getloadavg()[0], 2)
        cpu0 = coder.cpu_seconds()
        w0, c0 = time.perf_counter(), time.process_time()
        events = sum(len(record.get("events", [])) for record in coder.code(articles))
        seconds, client_cpu = time.perf_counter() - w0, time.process_time() - c0
        used = sorted(round(c - cpu0.get(w, 0.0), 2) for w, c in coder.cpu_seconds().items())
        report: dict[str, Any] = {
            "workers": workers, "load average at start (1 min)": load, "seconds": round(seconds, 2),
            "articles/s": round(n / seconds, 2), "cpu seconds per worker": used,
            # user+sys of the worker processes: what coding costs, whatever else runs on the machine
            "worker cpu ms per article": round(1000 * sum(used) / n, 1),
            # the client process: reading, sending, receiving, and the LocalCluster's scheduler and nannies
            "client cpu seconds": round(client_cpu, 2), "client cpu ms per article": round(1000 * client_cpu / n, 1),
            # what the cluster would do with a core per worker and nothing else running
            "articles/s if CPU-bound (n / busiest worker's cpu seconds)": round(n / max(used), 2),
            "events": events, "peak RSS MB per worker (VmHWM)": sorted(coder.peak_rss().values())}
        if ingest:
            address = coder.client.scheduler.address  # type: ignore[union-attr]
            with tempfile.TemporaryDirectory() as tmp:
                feed = Path(tmp) / "speed.jsonl"
                feed.write_text("".join(json.dumps({"id": f"speed-{i}", "text": t, "published": PUBLISHED}) + "\n"
                                        for i, t in enumerate(texts)), "utf-8")
                load = round(os.getloadavg()[0], 2)
                cpu0 = coder.cpu_seconds()
                w0, c0 = time.perf_counter(), time.process_time()
                summary = service.ingest([str(feed)], f"sqlite:///{Path(tmp) / 'speed.db'}", config=config,
                                         scheduler=address)
                seconds, client_cpu = time.perf_counter() - w0, time.process_time() - c0
                worker_cpu = sum(c - cpu0.get(w, 0.0) for w, c in coder.cpu_seconds().items())
            report["ingest (stories and SQLite in the client)"] = {
                "load average at start (1 min)": load, "seconds": round(seconds, 2), "articles/s": round(n / seconds, 2),
                "written": summary.written, "worker cpu ms per article": round(1000 * worker_cpu / n, 1),
                # reading, stories, canonical events, registry and store writes (and the scheduler)
                "client cpu ms per article": round(1000 * client_cpu / n, 1)}
    return report


# --------------------------------------------------------------------------- report


def run(n: int = 200, workers: int = 2, seed: int = SEED) -> dict:
    """Build the corpus, time pipeline and spaCy here, then Dask with 1 and ``workers`` workers."""
    texts = build_corpus(n + WARM, seed)  # article i does not depend on n: the last WARM are not timed
    texts, warm = texts[:n], texts[n:]
    words = [len(t.split()) for t in texts]
    report: dict = {
        "task": "speed",
        "articles": n,
        "words per article (mean, min, max)": [round(sum(words) / len(words)), min(words), max(words)],
        "cores": os.cpu_count(),
        "load average at start (1 min)": round(os.getloadavg()[0], 2),
    }
    dask = {w: time_dask(texts, w, warm=warm) for w in sorted({1, workers})}  # first, while this process is small
    pipeline = Pipeline.build(load_config())
    list(pipeline.code(Article(text=t, published=PUBLISHED) for t in warm))  # warm-up: model, tables
    rounds = time_rounds(pipeline, texts)
    clock, stream, by_article, ours = (rounds.clocks[k] for k in ("pipeline", "spacy stream", "spacy per article",
                                                                  "eventwire parse stream"))
    cpu_total = sum(c for _, c in rounds.stages.values()) or 1.0
    best = dask[max(dask)]
    report |= {
        "articles_per_s": best["articles/s"],
        "ratio_to_spacy": round(clock.cpu / stream.cpu, 2),
        "peak_rss_mb": max(mb for d in dask.values() for mb in d["peak RSS MB per worker (VmHWM)"]),
        "pipeline": clock.report(n) | {"events": rounds.events, "rejected": rounds.rejected},
        "spacy stream": stream.report(n),
        "spacy per article": by_article.report(n),
        "pipeline/spacy (stream, wall)": round(clock.wall / stream.wall, 2),
        "pipeline/spacy (stream, cpu)": round(clock.cpu / stream.cpu, 2),
        "pipeline/spacy (per article, cpu)": round(clock.cpu / by_article.cpu, 2),
        "eventwire parse stream": ours.report(n),
        "pipeline/eventwire parse (stream, cpu)": round(clock.cpu / ours.cpu, 2),
        "stage share (cpu)": {k: round(c / cpu_total, 3) for k, (_, c) in rounds.stages.items()},
        "coder (events stage)": coder_share(rounds.stages),
        "stage cpu ms per article": {k: round(1000 * c / n, 1) for k, (_, c) in rounds.stages.items()},
        "stage wall ms per article": {k: round(1000 * w / n, 1) for k, (w, _) in rounds.stages.items()},
        "peak RSS MB (this process, getrusage)": peak_rss_mb(),
        "load average at end (1 min)": round(os.getloadavg()[0], 2),
        "targets": TARGETS,
    }
    for w, result in dask.items():
        report[f"dask workers={w}"] = result
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the pipeline against spaCy and on Dask; prints a JSON "
                                     "report. Example: python -m eventwire.bench.speed --n 200 --workers 2")
    parser.add_argument("--n", type=int, default=200, help="number of synthetic ~500-word articles")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers to compare with one worker")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.n, args.workers), indent=1))


if __name__ == "__main__":
    main()
