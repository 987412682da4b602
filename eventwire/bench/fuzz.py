"""``eventwire bench fuzz``: a seeded mutation fuzzer over the readers and the pipeline.

Seeds are the hostile inputs of ``bench/hostile.py`` and the project's example stories. Each
trial mutates one or two seeds (bit flips, cuts, splices, duplicated chunks, inserted hostile
tokens, gzip wrapping, re-encoding, another file suffix), reads the bytes as a file the way
``eventwire ingest`` does, and codes the first articles it yields with the real pipeline.

A failure is an exception out of the readers or the pipeline, an "internal error" rejection
(a stage raised), or a trial over its time allowance; its input is saved with its traceback to a
temporary folder. Rejections with a reason are the expected answer to junk and are counted
by reason. atheris (coverage-guided) was the other candidate: 3.1.0 has no wheel for this
platform and needs clang and libFuzzer to build, which these machines lack.
"""
from __future__ import annotations

import gzip
import logging
import random
import resource
import signal
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.bench.hostile import hostile_inputs, reason_kind, story

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
# A trial that takes longer than TRIAL_SECONDS plus one second per SECOND_PER_BYTES of input is
# a failure (a hang or a superlinear path): a wire story codes in ~0.2 s, the pipeline runs at
# ~15 KB of text per CPU second (bench speed), so the allowance is ~7x linear on a busy machine.
TRIAL_SECONDS = 30
SECOND_PER_BYTES = 2000
# Mutated inputs are cut to this size: structure, not bulk, is what the fuzzer explores (the
# size limits themselves are tested with 30 MB files and 2 GB bombs in tests/reliability).
MAX_INPUT_BYTES = 400_000
# Articles coded per trial: a mutated JSONL or feed may hold dozens; the first few exercise
# the pipeline, the rest would only slow the fuzzer down.
ARTICLES_PER_TRIAL = 3
SUFFIXES = (".txt", ".html", ".jsonl", ".xml", ".warc", ".txt.gz", ".jsonl.gz", ".warc.gz", "")
TOKENS = (b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1f\x8b\x08", b"\x81\x8d", b"\x93quoted\x94", b"<!ENTITY x SYSTEM 'file:///etc/passwd'>",
          b"<!DOCTYPE rss [", b"&x;", b"]]>", b"<![CDATA[", b"<div>" * 200, b"</p>", b"<script>", b"\r\n\r\n", b"\n\n",
          b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b'{"text": ', b'", "published": "2024-02-30"}', b"\\ud800",
          "\u202e\u200b\ufeff".encode(), "\U0001f600".encode(), b"NAIROBI, March 14, 2024 (Wire) - ", b"\"", b" said.",
          b"0" * 4096, b"A" * 70000, b"on Monday", b"-" * 300, b"\t" * 100)


class _TrialTimeout(BaseException):
    """Raised by the alarm in a trial that runs too long; a BaseException so that the pipeline's
    per-article error handling (``except Exception``) cannot turn it into a rejection."""


def seeds() -> list[tuple[str, bytes]]:
    """Return (suffix, bytes) seeds: every small hostile input and every example story."""
    out = [(_suffix_of(item.name), item.data) for item in hostile_inputs(seed=0, big=False)]
    examples = ROOT / "examples"
    if examples.is_dir():
        out.extend((_suffix_of(p.name), p.read_bytes()) for p in sorted(examples.iterdir()) if p.is_file())
    rng = random.Random(0)
    out.extend((".txt", story(rng, paragraphs=4).encode()) for _ in range(5))
    return out


def mutate(rng: random.Random, pool: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """Return a mutated (suffix, bytes): one to four mutations of a seed, maybe spliced with another."""
    suffix, data = rng.choice(pool)
    for _ in range(rng.randint(1, 4)):
        data = _MUTATIONS[rng.randrange(len(_MUTATIONS))](rng, data, pool)
    if rng.random() < 0.15:
        suffix = rng.choice(SUFFIXES)
    if suffix.endswith(".gz") and not data.startswith(b"\x1f\x8b") and rng.random() < 0.8:
        data = gzip.compress(data, compresslevel=1, mtime=0)
    return suffix, data[:MAX_INPUT_BYTES]


def _flip(rng: random.Random, data: bytes, _pool) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _cut(rng: random.Random, data: bytes, _pool) -> bytes:
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    return data[:a] if rng.random() < 0.5 else data[:a] + data[min(len(data), a + rng.randint(1, 512)):]


def _insert(rng: random.Random, data: bytes, _pool) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(TOKENS) * rng.choice((1, 1, 2, 50)) + data[at:]


def _duplicate(rng: random.Random, data: bytes, _pool) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    chunk = data[a:a + rng.randint(1, 4096)]
    return data[:a] + chunk * rng.randint(2, 64) + data[a:]


def _splice(rng: random.Random, data: bytes, pool) -> bytes:
    _, other = rng.choice(pool)
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def _reencode(rng: random.Random, data: bytes, _pool) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(("cp1252", "utf-16", "latin-1", "utf-8-sig", "koi8-r"))
    return text.encode(encoding, "replace")


def _gzip(rng: random.Random, data: bytes, _pool) -> bytes:
    packed = gzip.compress(data, compresslevel=1, mtime=0)
    return packed[:rng.randrange(10, len(packed) + 1)] if rng.random() < 0.3 else packed


_MUTATIONS = (_flip, _flip, _cut, _insert, _insert, _duplicate, _splice, _reencode, _gzip)


def _suffix_of(name: str) -> str:
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if suffix and name.endswith(suffix):
            return suffix
    return ""


def _on_alarm(_signum, _frame) -> None:
    raise _TrialTimeout("trial over its time allowance (TRIAL_SECONDS + 1 s per SECOND_PER_BYTES)")


def run(seconds: float = 60.0, seed: int = 0, out_dir: str | None = None, pipeline=None) -> dict[str, Any]:
    """Fuzz the readers and the pipeline for ``seconds``; return counts and the saved failures.

    Seeded: the same seed tries the same inputs in the same order (how many fit in the time
    differs with the machine). Failing inputs are written to ``out_dir`` (default: a new
    temporary folder), each beside a ``.txt`` with its traceback.
    """
    from eventwire.config import load_config
    from eventwire.pipeline import INTERNAL_ERROR, Pipeline
    from eventwire.model import Article, RejectedInput
    from eventwire.readers import InputLimits, iter_inputs

    pipeline = pipeline or Pipeline.build(load_config())
    limits = InputLimits(max_bytes=pipeline.config.input.max_bytes)
    rng = random.Random(seed)
    pool = seeds()
    folder = Path(out_dir or tempfile.mkdtemp(prefix="eventwire-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-work-"))
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    failures: list[dict[str, str]] = []
    # Warm up (model load, gazetteer) outside the timed loop: the budget is for fuzzing.
    list(pipeline.code([Article(text=story(random.Random(1)))]))
    quiet = _quiet_loggers()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if hasattr(signal, "SIGALRM") else None
    started = time.monotonic()
    try:
        while time.monotonic() - started < seconds:
            suffix, data = mutate(rng, pool)
            path = work / f"input{suffix}"
            path.write_bytes(data)
            counts["inputs tried"] += 1
            problem = None
            if previous is not None:
                signal.alarm(TRIAL_SECONDS + len(data) // SECOND_PER_BYTES)
            try:
                items = list(iter_inputs([str(path)], "auto", limits))
                articles = [i for i in items if isinstance(i, Article)][:ARTICLES_PER_TRIAL]
                counts["articles read"] += sum(isinstance(i, Article) for i in items)
                for item in items:
                    if isinstance(item, RejectedInput):
                        reasons[reason_kind(item.reason)] += 1
                for record in pipeline.code(articles):
                    if getattr(record, "rejected", None) is None:
                        counts["articles coded"] += 1
                    elif record.rejected.reason.startswith(INTERNAL_ERROR):
                        problem = f"{record.rejected.stage}: {record.rejected.reason}"
                    else:
                        reasons[reason_kind(record.rejected.reason)] += 1
            except _TrialTimeout as exc:
                problem = str(exc)
            except Exception:  # noqa: BLE001 (the fuzzer's job: any escape is a finding)
                problem = traceback.format_exc()
            finally:
                if previous is not None:
                    signal.alarm(0)
            if problem:
                failures.append(_save(folder, len(failures), suffix, data, problem))
    finally:
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)
        for logger, level in quiet:
            logger.setLevel(level)
    elapsed = time.monotonic() - started
    counts["records rejected"] = sum(reasons.values())
    result = {
        "seconds": round(elapsed, 1),
        "seed": seed,
        **dict(counts),
        "inputs per second": round(counts["inputs tried"] / elapsed, 2) if elapsed else 0.0,
        "rejected by reason": dict(reasons.most_common()),
        "failures": len(failures),
        "failures saved to": str(folder),
        "peak RSS MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    from eventwire.bench import flatten

    return {"task": "fuzz", "summary": flatten(result), "result": {**result, "failure list": failures},
            "items": [{"kind": "failure", "gold": f["input"], "found": False, "detail": f["problem"]} for f in failures]}


def _save(folder: Path, n: int, suffix: str, data: bytes, problem: str) -> dict[str, str]:
    path = folder / f"failure-{n:04d}{suffix or '.bin'}"
    path.write_bytes(data)
    path.with_name(path.name + ".txt").write_text(problem, "utf-8")
    log.warning("fuzz failure saved to %s: %s", path, problem.strip().splitlines()[-1][:200])
    return {"input": str(path), "problem": problem.strip().splitlines()[-1][:300]}


def _quiet_loggers() -> list[tuple[logging.Logger, int]]:
    """Silence the readers' and trafilatura's warnings about junk (they are the expected answer)."""
    quiet = []
    for name in ("eventwire.readers", "eventwire.pipeline", "trafilatura", "htmldate", "charset_normalizer"):
        logger = logging.getLogger(name)
        quiet.append((logger, logger.level))
        logger.setLevel(logging.CRITICAL)
    return quiet
