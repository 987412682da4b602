"""HTML reader: main text and metadata with trafilatura."""
from __future__ import annotations

import logging

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.readers.bytes import decode_text

log = logging.getLogger(__name__)

# trafilatura falls back to whatever text a page has ("Home", a cookie notice); fewer words
# than this is navigation, not an article (the shortest wire briefs run to ~30 words).
MIN_ARTICLE_WORDS = 12


def read(data: bytes, *, source: str | None, limits) -> Article:
    """Return the article in an HTML page, or raise InputError if the page holds none."""
    import trafilatura

    page = decode_text(data, max_bytes=limits.max_bytes, what=source or "stdin")
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError("HTML page has no article text (navigation or boilerplate only)")
    date = getattr(doc, "date", None)
    return Article(text=text, source=source, url=getattr(doc, "url", None),
                   title=getattr(doc, "title", None), outlet=getattr(doc, "sitename", None),
                   published=date or None)
