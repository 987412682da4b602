"""URL reader: fetch an ``http(s)://`` input the user named, then read it by its content type.

Only URLs given as inputs are fetched (and the pages feed entries link to, when asked): never
a URL found inside a document. Each fetch has a timeout per network operation and an overall
deadline, a size cap (the per-article limit, or the feed limit for feeds), a user agent, and
follows at most a few redirects, to http(s) only.
"""
from __future__ import annotations

import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Iterator

from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
# The whole download may take this many times the per-operation timeout: a server that
# trickles one byte per second would otherwise never time out.
DEADLINE_FACTOR = 3
_CHUNK = 65536
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})

_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "rss", "application/atom+xml": "rss", "application/rdf+xml": "rss",
    "application/xml": "rss", "text/xml": "rss",
    "text/plain": "text",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json": "jsonl",
    "application/warc": "warc",
}


@dataclass(frozen=True, slots=True)
class Resource:
    """A fetched document: its final URL (after redirects), content type, charset and bytes."""

    url: str
    content_type: str | None
    charset: str | None
    data: bytes


def read(url: str, fmt: str, limits) -> Iterator[Article | RejectedInput]:
    """Yield the articles at ``url`` (one page, or every entry of a feed); failures are rejections."""
    from eventwire.readers.base import read_data

    try:
        resource = fetch(url, limits, max_bytes=max(limits.max_bytes, limits.max_feed_bytes))
    except InputError as exc:
        yield RejectedInput(source=url, stage=exc.stage, reason=exc.reason)
        return
    data = resource.data
    if data.startswith(b"\x1f\x8b"):
        from eventwire.readers.base import gunzip_bounded

        try:
            data = gunzip_bounded(data, limits.max_feed_bytes)
        except InputError as exc:
            yield RejectedInput(source=url, stage=exc.stage, reason=exc.reason)
            return
    kind = fmt if fmt != "auto" else _kind_of(resource, data)
    if kind in ("html", "text") and len(data) > limits.max_bytes:
        yield RejectedInput(source=url, stage="read",
                            reason=f"{url} is {len(data):,} bytes, over the limit of {limits.max_bytes:,}")
        return
    yield from read_data(url, data, kind, limits, url=resource.url, encoding=resource.charset)


def _kind_of(resource: Resource, data: bytes) -> str:
    """Decide the format from the content type, the URL's suffix and the first bytes."""
    from eventwire.readers.base import kind_of_name, sniff

    declared = _TYPES.get(resource.content_type or "")
    if declared in ("html", "text", "jsonl", "warc"):
        return declared
    sniffed = sniff(data[:1024])
    if declared == "rss":  # generic XML: a feed unless the bytes say it is a page
        return "html" if sniffed == "html" else "rss"
    return kind_of_name(urllib.parse.urlsplit(resource.url).path)[0] or sniffed


def fetch(url: str, limits, max_bytes: int | None = None) -> Resource:
    """Download ``url`` within the limits; raise InputError saying why it could not be read."""
    cap = max_bytes or limits.max_bytes
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": limits.user_agent, "Accept-Encoding": "identity",
                                                   "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                                                             "application/atom+xml, application/xml, text/plain;q=0.8, */*;q=0.5"})
    opener = _opener(parts.hostname)
    deadline = time.monotonic() + limits.fetch_timeout * DEADLINE_FACTOR
    try:
        with opener.open(request, timeout=limits.fetch_timeout) as response:
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise InputError(f"{url} is {int(declared):,} bytes, over the limit of {cap:,}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise InputError(f"{url} is over the limit of {cap:,} bytes; not read further")
                if time.monotonic() > deadline:
                    raise InputError(f"{url} took over {limits.fetch_timeout * DEADLINE_FACTOR:.0f} s to download")
                chunks.append(chunk)
            final = response.geturl()
            content_type = headers.get_content_type() if headers.get("Content-Type") else None
            charset = headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(f"cannot fetch {url}: {_reason(exc.reason)}") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise InputError(f"cannot fetch {url}: no answer within {limits.fetch_timeout:g} s") from exc
    except (OSError, ValueError) as exc:  # connection reset, bad status line, malformed URL
        raise InputError(f"cannot fetch {url}: {_reason(exc)}") from exc
    log.info("fetched %s (%s, %d bytes)", final, content_type, size)
    return Resource(url=final, content_type=content_type, charset=charset, data=b"".join(chunks))


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http URL {newurl!r} refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(host: str) -> urllib.request.OpenerDirector:
    # Proxies from the environment apply, except to this machine's own loopback addresses.
    proxies = urllib.request.ProxyHandler({}) if host.lower() in _LOOPBACK else urllib.request.ProxyHandler()
    return urllib.request.build_opener(proxies, _HttpOnlyRedirects())


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
