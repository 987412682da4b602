"""RSS/Atom reader (feedparser): one Article per feed entry.

An entry's text is its full content when the feed carries it (``content:encoded``, Atom
``content``), else its summary; its title, link and publication time become the Article's.
The linked page is fetched (and its main text used instead) only when ``limits.fetch_links``
is set: the feed is parsed from bytes, so parsing alone never touches the network.
"""
from __future__ import annotations

import calendar
import logging
import re
import time
from typing import Any, Iterator

from eventwire.errors import InputError
from eventwire.model import Article, RejectedInput
from eventwire.readers import html
from eventwire.readers.bytes import known_encoding

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# The root element's start tag: what comes before it (XML declaration, DOCTYPE) is the prolog.
_ROOT = re.compile(rb"<[A-Za-z_]")


def read(data: bytes, *, source: str | None, limits, encoding: str | None = None) -> Iterator[Article | RejectedInput]:
    """Yield one Article (or RejectedInput) per entry of the feed in ``data``.

    Raises InputError when ``data`` is not a feed at all (no entries and a parse error).
    """
    import io

    import feedparser

    if len(data) > limits.max_feed_bytes:
        raise InputError(f"feed is {len(data):,} bytes, over the limit of {limits.max_feed_bytes:,}")
    _refuse_entity_declarations(data)
    headers = {"content-type": f"application/xml; charset={known_encoding(encoding)}"} if known_encoding(encoding) else None
    # A stream, never a URL or a path (feedparser would fetch or open those itself; even bare
    # bytes are first tried as a file name).
    feed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        if feed.bozo:
            raise InputError(f"not an RSS/Atom feed ({_bozo_reason(feed)})")
        raise InputError("feed has no entries")
    outlet = _clean(feed.feed.get("title"))
    name = source or "<stdin>"
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{name}#{number}"
        try:
            yield _article(entry, where, outlet, limits)
        except InputError as exc:
            yield RejectedInput(source=where, stage=exc.stage, reason=exc.reason)


def _refuse_entity_declarations(data: bytes) -> None:
    """Raise InputError if the feed's prolog declares XML entities.

    feedparser keeps only entities with plain values and expat caps expansion, but a feed
    has no need for entity declarations at all: refusing them outright rules out external
    entities (file or network reads) and billion-laughs expansion whatever the parser does.
    UTF-16 feeds are checked with their NUL bytes removed.
    """
    text = data.replace(b"\x00", b"") if b"\x00" in data[:4096] else data
    root = _ROOT.search(text)
    prolog = text[:root.start()] if root else text
    if b"<!ENTITY" in prolog:
        raise InputError("feed declares XML entities (<!ENTITY> in its DOCTYPE); refused, since "
                         "external entities and entity expansion are attacks and no news feed needs them")


def _article(entry: Any, where: str, outlet: str | None, limits) -> Article:
    title = _clean(entry.get("title"))
    link = _clean(entry.get("link"))
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    text = _entry_text(entry)
    if limits.fetch_links and link and link.lower().startswith(("http://", "https://")):
        page = _fetch_page(link, where, limits)
        if page is not None:
            return Article(text=page.text, source=where, url=page.url or link, outlet=outlet or page.outlet,
                           title=title or page.title, published=published or page.published)
        if not text:
            raise InputError(f"linked page {link} could not be read and the entry has no text")
    if not text:
        raise InputError("feed entry has no content or summary text")
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise InputError(f"feed entry text is over the limit of {limits.max_bytes:,} bytes")
    return Article(text=text, source=where, url=link, outlet=outlet, title=title, published=published)


def _entry_text(entry: Any) -> str:
    """Return the entry's longest content, else its summary, as plain paragraphs."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or []]
    if not any(value.strip() for value, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(candidates, key=lambda c: len(c[0]))
    if kind in _HTML_TYPES or "<" in value:
        return html.fragment_text(value)
    return value.strip()


def _fetch_page(link: str, where: str, limits) -> Article | None:
    from eventwire.readers import url as url_reader

    try:
        resource = url_reader.fetch(link, limits)
        return html.read(resource.data, source=where, limits=limits, url=resource.url, encoding=resource.charset)
    except InputError as exc:
        log.warning("%s: linked page %s not used: %s", where, link, exc.reason)
        return None


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's struct_time is UTC: return it as an ISO 8601 UTC timestamp."""
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))
    except (OverflowError, ValueError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _bozo_reason(feed: Any) -> str:
    exc = feed.get("bozo_exception")
    return " ".join(str(exc).split())[:200] if exc else "unparseable"
