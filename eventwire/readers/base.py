"""Find inputs (files, directories, globs, URLs, stdin) and dispatch them to the right reader.

Formats: plain text, JSONL (also ``.jsonl.gz``), HTML, RSS/Atom feeds, WARC (also ``.warc.gz``).
Containers (JSONL, WARC) are streamed record by record; other files are read whole, bounded
by the per-article limit. ``http(s)://`` inputs are fetched only because the user named them.
"""
from __future__ import annotations

import glob
import io
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from eventwire import __version__
from eventwire.errors import InputError, unknown_choice
from eventwire.model import Article, RejectedInput
from eventwire.readers.compressed import failure_of, gunzip_bytes, open_gunzip
from eventwire.readers.fields import text_problem

FORMATS = ("auto", "text", "jsonl", "html", "rss", "warc")
_SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".html": "html", ".htm": "html", ".rss": "rss", ".atom": "rss", ".xml": "rss",
             ".warc": "warc"}
# Formats read record by record from an open stream rather than loaded whole.
_STREAMED = frozenset({"jsonl", "warc"})
_GZIP_MAGIC = b"\x1f\x8b"
URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class InputLimits:
    """How much a reader may read, and what it may fetch.

    ``max_bytes`` bounds one article (a text file, an HTML page, a JSONL record, a WARC
    record's payload); ``max_feed_bytes`` one feed file. URLs are fetched only when the user
    names them, with ``fetch_timeout`` seconds per network operation and ``user_agent``; the
    pages an RSS entry links to only when ``fetch_links`` is set.
    """

    max_bytes: int = 2_000_000
    # A feed with full content for 100 entries is ~1-2 MB; 50 MB is a dump, not a feed.
    max_feed_bytes: int = 50_000_000
    fetch_links: bool = False
    fetch_timeout: float = 20.0
    user_agent: str = f"eventwire/{__version__} (news event coder)"


def is_url(path: str) -> bool:
    return path.lower().startswith(URL_SCHEMES)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield inputs named by ``paths``: files, directories walked in sorted order, globs, URLs, '-'."""
    for raw in paths:
        if raw == "-" or is_url(raw):
            yield raw  # a URL's "?" is no glob
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield raw  # reported as missing by the reader, never silently dropped
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from (str(p) for p in sorted(path.rglob("*"))
                            if p.is_file() and not p.name.startswith(".") and kind_of_name(p.name)[0])
            else:
                yield match


def kind_of_name(name: str) -> tuple[str | None, bool]:
    """Return (format from the file name or None, whether it is gzip-compressed)."""
    lower = name.lower()
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    return _SUFFIXES.get(Path(lower).suffix), compressed


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes of (uncompressed) content."""
    start = head.lstrip()[:1024].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (
            start.startswith(b"<?xml") and any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf"))):
        return "rss"
    if start.startswith(b"<?xml") and b"<html" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def detect_format(path: str, data: bytes) -> str:
    """Guess the input format from the suffix, else from the first bytes."""
    kind, _ = kind_of_name(path)
    return kind or sniff(data[:1024])


def read_path(path: str, data: bytes, fmt: str, limits: InputLimits) -> Iterator[Article | RejectedInput]:
    """Yield the articles in one input's bytes; a bad input yields a RejectedInput."""
    _check_format(fmt)
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gunzip_bounded(data, limits.max_feed_bytes)
        except InputError as exc:
            yield RejectedInput(source=None if path == "-" else path, stage=exc.stage, reason=exc.reason)
            return
    kind = detect_format(path, data) if fmt == "auto" else fmt
    yield from checked(read_data(None if path == "-" else path, data, kind, limits))


def read_data(source: str | None, data: bytes, kind: str, limits: InputLimits, *, url: str | None = None,
              encoding: str | None = None) -> Iterator[Article | RejectedInput]:
    """Yield the articles in ``data`` read as ``kind``; ``url`` and ``encoding`` come from HTTP."""
    from eventwire.readers import html, jsonl, rss, text, warc

    try:
        if kind == "jsonl":
            yield from jsonl.read(data, source=source, limits=limits)
        elif kind == "warc":
            yield from warc.read_stream(io.BytesIO(data), source=source or "<stdin>", limits=limits)
        elif kind == "rss":
            yield from rss.read(data, source=source, limits=limits, encoding=encoding)
        elif kind == "html":
            yield html.read(data, source=source, limits=limits, url=url, encoding=encoding)
        else:
            article = text.read(data, source=source, limits=limits, encoding=encoding)
            yield article if url is None else Article(text=article.text, source=source, url=url)
    except InputError as exc:
        yield RejectedInput(source=source or "<stdin>", stage=exc.stage, reason=exc.reason)


def iter_inputs(paths: Iterable[str], fmt: str = "auto", limits: InputLimits | None = None) -> Iterator[Article | RejectedInput]:
    """Yield every article named by ``paths`` in order; unreadable inputs yield RejectedInputs."""
    _check_format(fmt)
    limits = limits or InputLimits()
    for path in expand_paths(paths):
        if is_url(path):
            from eventwire.readers import url

            yield from checked(url.read(path, fmt, limits))
        elif path == "-":
            yield from checked(_read_stream(sys.stdin.buffer, None, fmt, limits))
        else:
            try:
                with open(path, "rb") as fh:
                    yield from checked(_read_stream(fh, path, fmt, limits))
            except OSError as exc:
                # Only an open failure gets here: readers turn read errors into rejections.
                yield RejectedInput(source=path, stage="read", reason=f"cannot read {path}: {exc.strerror or exc}")


def checked(items: Iterable[Article | RejectedInput]) -> Iterator[Article | RejectedInput]:
    """Pass ``items`` on, turning an Article whose text is not prose into a RejectedInput."""
    for item in items:
        problem = text_problem(item.text) if isinstance(item, Article) else None
        if problem is None:
            yield item
        else:
            yield RejectedInput(source=item.source or "<stdin>", stage="read", reason=problem, id=item.id)


def _read_stream(raw: BinaryIO, path: str | None, fmt: str, limits: InputLimits) -> Iterator[Article | RejectedInput]:
    from eventwire.readers import jsonl, warc

    source = path or "<stdin>"
    named_kind, _ = kind_of_name(path or "")
    stream: BinaryIO = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    try:
        head = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
    except OSError as exc:
        yield RejectedInput(source=source, stage="read", reason=f"cannot read {source}: {exc.strerror or exc}")
        return
    compressed = head.startswith(_GZIP_MAGIC)
    kind = fmt if fmt != "auto" else named_kind
    if kind is None:
        kind = sniff(_gunzip_head(head) if compressed else head)
    try:
        if compressed:
            # Every gzip input inflates through the bomb guard (readers/compressed.py), WARC
            # included: fastwarc would inflate a bomb's members itself, unbounded.
            stream = open_gunzip(stream, what=source)
        if kind == "warc":
            yield from warc.read_stream(stream, source=source, limits=limits)
        elif kind == "jsonl":
            yield from jsonl.read_stream(stream, source=path, limits=limits)
        else:
            cap = limits.max_feed_bytes if kind == "rss" else limits.max_bytes
            data = stream.read(cap + 1)
            failure = failure_of(stream, source) if compressed else None
            if failure is not None and len(data) <= cap:
                raise failure  # a cut or bomb file is not coded from its first part
            yield from read_data(path, data, kind, limits)
            return
        failure = failure_of(stream, source) if compressed else None
        if failure is not None:
            raise failure  # the records read before it stand
    except InputError as exc:
        yield RejectedInput(source=source, stage=exc.stage, reason=exc.reason)
    except (OSError, EOFError, zlib.error) as exc:
        # A disk error mid-file: the records read so far stand.
        yield RejectedInput(source=source, stage="read", reason=f"cannot read {source} to the end: {exc}")


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Return at most ``max_bytes + 1`` decompressed bytes of gzip ``data``; InputError if corrupt or a bomb."""
    return gunzip_bytes(data, max_bytes=max_bytes, what="gzip data")


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 4096)
    except zlib.error:
        return b""


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(unknown_choice("input format", fmt, FORMATS))
