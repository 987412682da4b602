"""Plain text reader: the file's text is taken verbatim so offsets line up with the file."""
from __future__ import annotations

from eventwire.model import Article
from eventwire.readers.bytes import decode_text


def read(data: bytes, *, source: str | None, limits, encoding: str | None = None) -> Article:
    """Return the Article in a text file; headline and dateline are found by ``normalize``.

    ``encoding`` is a charset declared outside the text (HTTP); UTF-8 is assumed otherwise.
    """
    text = decode_text(data, max_bytes=limits.max_bytes, what=source or "stdin", encoding=encoding)
    return Article(text=text, source=source)
