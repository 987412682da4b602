"""HTML reader: main text and metadata with trafilatura; plain text of small HTML fragments."""
from __future__ import annotations

import logging
import re

from eventwire.errors import InputError
from eventwire.model import Article
from eventwire.readers.bytes import decode_text

log = logging.getLogger(__name__)

# trafilatura falls back to whatever text a page has ("Home", a cookie notice); fewer words
# than this is navigation, not an article (the shortest wire briefs run to ~30 words).
MIN_ARTICLE_WORDS = 12

# Elements that end a paragraph when an HTML fragment (a feed entry's content) becomes text.
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "table", "tr", "section", "article", "header", "footer", "figure"})
_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def read(data: bytes, *, source: str | None, limits, url: str | None = None,
         encoding: str | None = None, published: str | None = None) -> Article:
    """Return the article in an HTML page, or raise InputError if the page holds none.

    ``url`` is where the page came from (a fetched URL or a WARC target), ``encoding`` a charset
    declared outside the page, ``published`` a date to use when the page states none.
    """
    import trafilatura

    page = decode_text(data, max_bytes=limits.max_bytes, what=source or "stdin", encoding=encoding)
    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError("HTML page has no article text (navigation or boilerplate only)")
    date = getattr(doc, "date", None)
    return Article(text=text, source=source, url=getattr(doc, "url", None) or url,
                   title=getattr(doc, "title", None), outlet=getattr(doc, "sitename", None),
                   published=date or published or None)


def fragment_text(fragment: str) -> str:
    """Return the text of an HTML fragment with one blank line between blocks.

    For feed entries: their content is a few paragraphs of markup, too little for main-text
    extraction (which would discard it as boilerplate), and its paragraphs must stay apart
    because ``normalize`` finds headline, dateline and paragraphs by blank lines.
    """
    import lxml.html

    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception as exc:  # lxml raises several parser error types for broken markup
        log.debug("unparseable HTML fragment (%s); using it as text", exc)
        return _tidy(re.sub(r"<[^>]+>", " ", fragment))
    parts: list[str] = []
    _walk(root, parts)
    return _tidy("".join(parts))


def _walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP:
        if element.tail:
            parts.append(element.tail)
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n\n")
    if element.tail:
        parts.append(element.tail)


def _tidy(text: str) -> str:
    paragraphs = (" ".join(_SPACES.sub(" ", block).split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
