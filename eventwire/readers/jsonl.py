"""JSONL reader: one article per line with ``id``, ``text``, ``published`` and optional fields.

Files are read line by line (``.jsonl.gz`` decompressed on the fly), so a batch of any size
streams through in constant memory; the size limit applies to each article, not the file.
"""
from __future__ import annotations

import json
import re
from typing import BinaryIO, Iterable, Iterator

from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput
from eventwire.readers.bytes import decode_lenient
from eventwire.readers.fields import iso_published

_OPTIONAL = ("title", "url", "outlet", "published", "source")

# A line may carry metadata and JSON escapes besides the text ("\u00e9" is 6 bytes for 2):
# allow this many times the article limit before a line is refused unread.
LINE_FACTOR = 6

_SURROGATES = re.compile("[\ud800-\udfff]")


def read(data: bytes, *, source: str | None, limits) -> Iterator[Article | RejectedInput]:
    """Yield one Article per line of ``data``; a malformed line yields a RejectedInput naming it."""
    if not data.strip():
        yield RejectedInput(source=source or "<stdin>", stage="read", reason=f"{source or 'stdin'} is empty")
        return
    yield from read_lines(((line, False) for line in data.splitlines()), source=source, limits=limits)


def read_stream(stream: BinaryIO, *, source: str | None, limits) -> Iterator[Article | RejectedInput]:
    """Yield one Article per line of a binary stream (a file, a gzip file, stdin)."""
    yield from read_lines(_without_cut_line(bounded_lines(stream, limits.max_bytes * LINE_FACTOR), stream),
                          source=source, limits=limits)


def _without_cut_line(lines: Iterator[tuple[bytes, bool]], stream: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """Drop the last line of a gzip stream that ended early (the caller reports the cut)."""
    for line, too_long in lines:
        if line and not line.endswith(b"\n") and getattr(getattr(stream, "raw", None), "failure", None) is not None:
            return
        yield line, too_long


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes, bool]]:
    """Yield (line, too_long) pairs; a line over ``limit`` bytes is skipped, not loaded."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield b"", True
        else:
            yield line, False


def read_lines(lines: Iterable[tuple[bytes, bool]], *, source: str | None, limits) -> Iterator[Article | RejectedInput]:
    """Yield one Article (or RejectedInput) per non-blank line, numbered from 1."""
    for number, (raw, too_long) in enumerate(lines, start=1):
        where = f"{source or '<stdin>'}:{number}"
        if too_long:
            yield RejectedInput(source=where, stage="read",
                                reason=f"line is over {limits.max_bytes * LINE_FACTOR:,} bytes; not read")
            continue
        if not raw.strip():
            continue
        try:
            yield _article(raw, where, limits.max_bytes)
        except InputError as exc:
            yield RejectedInput(source=where, stage="read", reason=exc.reason)


def _article(raw: bytes, where: str, max_bytes: int) -> Article:
    try:
        line = decode_lenient(raw)
    except UnicodeDecodeError as exc:
        raise InputError(f"line is neither UTF-8 nor cp1252 (byte 0x{exc.object[exc.start]:02x})") from exc
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line is not valid JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise InputError("line nests JSON arrays or objects too deeply to read") from exc
    if not isinstance(obj, dict):
        raise InputError("line is not a JSON object")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError('record has no "text" string')
    body = _without_surrogates(body)
    if len(body.encode("utf-8")) > max_bytes:
        raise InputError(f"record text is over the limit of {max_bytes:,} bytes")
    fields = {k: _without_surrogates(str(obj[k])) for k in _OPTIONAL if obj.get(k) not in (None, "")}
    if "published" in fields:
        fields["published"] = iso_published(fields["published"], where)
    rid = obj.get("id")
    return Article(text=body, id=_without_surrogates(str(rid)) if rid not in (None, "") else None,
                   source=fields.pop("source", where), **fields)


def _without_surrogates(value: str) -> str:
    """Replace lone surrogates (JSON may escape "\\ud800", no encoding can write it) with U+FFFD.

    One character for one keeps every offset into the text where it was.
    """
    return _SURROGATES.sub("\ufffd", value)
