"""WARC reader (fastwarc): each HTTP response record holding a page becomes an Article.

A CC-NEWS shard is a ``.warc.gz`` file. Records are streamed (fastwarc detects gzip itself);
only ``response`` records are read, and a response that is not a readable page (an image, an
error status, an oversized payload) yields a RejectedInput with its reason, so every response
in the archive is accounted for. Sources are ``file.warc.gz#<WARC-Record-ID>``.
"""
from __future__ import annotations

import logging
from typing import BinaryIO, Iterator

from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput

log = logging.getLogger(__name__)

_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})


def read_stream(stream: BinaryIO, *, source: str, limits) -> Iterator[Article | RejectedInput]:
    """Yield one Article or RejectedInput per response record of the WARC in ``stream``.

    A corrupt or truncated archive ends with a RejectedInput saying how far it was read.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True,
                              auto_decode="all", fsspec_args=False)
    count = 0
    try:
        for record in records:
            count += 1
            yield _read_record(record, source, limits)
    except (OSError, ValueError) as exc:
        yield RejectedInput(source=source, stage="read",
                            reason=f"WARC archive is corrupt or truncated after {count} response records: {exc}")
    if count == 0:
        log.warning("%s: no WARC response records", source)


def _read_record(record, source: str, limits) -> Article | RejectedInput:
    from eventwire.readers import html, text

    rid = (record.record_id or "").strip("<>") or f"offset-{record.stream_pos}"
    where = f"{source}#{rid}"
    try:
        return _article(record, where, limits, html, text)
    except InputError as exc:
        return RejectedInput(source=where, stage=exc.stage, reason=exc.reason)


def _article(record, where: str, limits, html, text) -> Article:
    target = record.headers.get("WARC-Target-URI") or None
    http = record.http_headers
    status = getattr(http, "status_code", None) if http is not None else None
    if status is not None and not 200 <= status < 300:
        raise InputError(f"WARC response has HTTP status {status}, not a page")
    content_type = (record.http_content_type or "").lower() or None
    if content_type and content_type not in _PAGE_TYPES | _TEXT_TYPES:
        raise InputError(f"WARC response is {content_type}, not an HTML page")
    if record.content_length > limits.max_bytes * 2:  # headers included; the payload check is below
        raise InputError(f"WARC record is {record.content_length:,} bytes, over the limit of {limits.max_bytes:,}")
    payload = record.reader.read(limits.max_bytes + 1)
    encoded = http is not None and (http.get("Transfer-Encoding") or http.get("Content-Encoding"))
    if not encoded and len(payload) < min(record.content_length, limits.max_bytes + 1):
        # fastwarc stops quietly at the end of a cut file: the short record is the only sign.
        raise InputError(f"WARC record is truncated ({len(payload):,} of {record.content_length:,} bytes)")
    # A news crawl fetches pages within hours of publication: the crawl day stands in for the
    # publication date only when the page states none (trafilatura finds most).
    crawled = record.record_date.date().isoformat() if record.record_date else None
    if content_type in _TEXT_TYPES:
        article = text.read(payload, source=where, limits=limits, encoding=record.http_charset)
        return Article(text=article.text, source=where, url=target, published=crawled)
    return html.read(payload, source=where, limits=limits, url=target, encoding=record.http_charset,
                     published=crawled)
