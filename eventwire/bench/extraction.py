"""``eventwire bench extraction``: main text from news HTML through eventwire's HTML reader.

Dataset: ``../shared/bench/article_extraction_benchmark/aeb.jsonl`` (Zyte/ScrapingHub's
article-extraction-benchmark, 181 English news pages with their gold ``articleBody``). Every
page goes through ``eventwire.readers.html.read`` exactly as ``eventwire ingest page.html``
would read it; a page the reader rejects (no article text) is scored as an empty prediction.

Metric (the benchmark's own, as its SOURCE.md describes it; reimplemented here):

- a text's tokens are the regex ``\\w+`` matches, case kept; its shingles are the multiset of
  runs of 4 consecutive tokens (a text of fewer than 4 tokens is one shingle of them all);
- per page, tp/fp/fn are counted over shingle multisets and divided by tp + fp + fn, so every
  page weighs the same whatever its length;
- precision is the mean of per-page precision over the pages with tp + fp > 0, recall the
  mean of per-page recall over the pages with tp + fn > 0 (a page with fp = fn = 0 scores 1
  on both); F1 = 2PR / (P + R) of those means (not a mean of per-page F1s);
- accuracy is the share of pages whose predicted token sequence equals the gold one.

The benchmark's published figures for trafilatura 2.0 are F1 0.958, P 0.938, R 0.978.
"""
from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DATASET = "article_extraction_benchmark"
FILE = "aeb.jsonl"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    """Return the word tokens of ``text`` (``\\w+`` runs, case kept)."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Return the multiset of ``n``-token runs of ``text``; fewer than n tokens make one run."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's shingle counts, each divided by their sum (tp + fp + fn)."""

    id: str
    tp: float
    fp: float
    fn: float
    exact: bool
    rejected: str | None = None

    @property
    def precision(self) -> float:
        """Share of predicted shingles in the gold (1 when both agree, 0 for no prediction)."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold shingles predicted (1 when both agree, 0 for an empty gold text)."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def score_page(page_id: str, gold: str, predicted: str | None,
               rejected: str | None = None) -> PageScore:
    """Compare one predicted main text with the gold one over 4-token shingles."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(page_id, tp, fp, fn, tokens(gold) == tokens(predicted), rejected)


def aggregate(pages: list[PageScore]) -> dict:
    """Return precision, recall, F1 (of the means) and accuracy over scored pages."""
    if not pages:
        return {"pages": 0}
    precisions = [s.precision for s in pages if s.tp + s.fp > 0]
    recalls = [s.recall for s in pages if s.tp + s.fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {
        "pages": len(pages),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "accuracy": round(sum(s.exact for s in pages) / len(pages), 4),
        "rejected": sum(s.rejected is not None for s in pages),
    }


def dataset_path() -> Path:
    """Return the benchmark file (``$EVENTWIRE_BENCH_DIR`` or ``../shared/bench``)."""
    from eventwire.bench.geo import bench_dir

    return bench_dir() / DATASET / FILE


def read_pages(path: Path | None = None, limit: int | None = None) -> Iterator[dict]:
    """Yield the benchmark's records (id, url, html, gold_text) in file order."""
    with (path or dataset_path()).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def extract(html: str, url: str | None = None) -> tuple[str, str | None]:
    """Return (main text, None) as the HTML reader reads the page, or ("", why it refused)."""
    from eventwire.errors import InputError
    from eventwire.readers.base import InputLimits
    from eventwire.readers.html import read

    try:
        article = read(html.encode("utf-8"), source=url, limits=InputLimits(), url=url)
    except InputError as exc:
        return "", str(exc)
    return article.text, None


def score_records(records: Iterable[dict]) -> list[PageScore]:
    """Run every record's page through the reader and score it against its gold text."""
    scores = []
    for rec in records:
        text, why = extract(rec["html"], rec.get("url"))
        scores.append(score_page(rec["id"], rec["gold_text"], text, why))
    return scores


def run(limit: int | None = None) -> dict:
    """Score the HTML reader on the benchmark (the first ``limit`` pages when given)."""
    started = time.perf_counter()
    pages = score_records(read_pages(limit=limit))
    seconds = time.perf_counter() - started
    worst = sorted(pages, key=lambda s: s.tp)[:10]
    return {
        "task": "extraction",
        "dataset": f"{DATASET}/{FILE}",
        "reader": "eventwire.readers.html.read",
        "metric": "word 4-gram shingles, per-page normalised; F1 of mean P and mean R",
        **aggregate(pages),
        "seconds": round(seconds, 1),
        "pages_per_s": round(len(pages) / seconds, 2) if seconds else None,
        "worst": [{"id": s.id[:12], "precision": round(s.precision, 3),
                   "recall": round(s.recall, 3), "rejected": s.rejected} for s in worst],
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
