"""JSONL reader: one article per line with ``id``, ``text``, ``published`` and optional fields."""
from __future__ import annotations

import json
from typing import Iterator

from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput
from eventwire.readers.bytes import decode_text

_OPTIONAL = ("title", "url", "outlet", "published", "source")


def read(data: bytes, *, source: str | None, limits) -> Iterator[Article | RejectedInput]:
    """Yield one Article per line; a malformed line yields a RejectedInput naming the line."""
    # The size limit applies per article, not per file: a JSONL batch may be large.
    text = decode_text(data, max_bytes=max(limits.max_bytes, len(data)), what=source or "stdin")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source or '<stdin>'}:{number}"
        try:
            yield _article(line, where, limits.max_bytes)
        except InputError as exc:
            yield RejectedInput(source=where, stage="read", reason=exc.reason)


def _article(line: str, where: str, max_bytes: int) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line is not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(obj, dict):
        raise InputError("line is not a JSON object")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError('record has no "text" string')
    if len(body.encode("utf-8")) > max_bytes:
        raise InputError(f"record text is over the limit of {max_bytes:,} bytes")
    fields = {k: str(obj[k]) for k in _OPTIONAL if obj.get(k) not in (None, "")}
    rid = obj.get("id")
    return Article(text=body, id=str(rid) if rid not in (None, "") else None,
                   source=fields.pop("source", where), **fields)
