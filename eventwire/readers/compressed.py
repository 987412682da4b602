"""Gzip decompression that refuses compression bombs instead of inflating them.

Every gzip input (``.gz`` files, gzip bytes without a suffix, gzip served over HTTP) is read
through ``BoundedGunzip``: a stream that counts compressed bytes in and plain bytes out, and
raises ``CompressionBombError`` as soon as the output is both past ``RATIO_FLOOR`` and more than
``MAX_RATIO`` times the input, or past an absolute ``max_bytes``. Nothing is decompressed
beyond what the reader asks for, so a 2 GB bomb costs ~32 MB of inflating, never 2 GB of memory.
"""
from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from eventwire.errors import InputError

# News text, HTML, JSONL and WARC gzip 3-10x; a page of repeated markup stays under ~50x.
# Deflate's limit is ~1030x (long runs of one byte), which is what bombs use. Between them,
# 200x leaves room for a file of many near-identical records while catching every run of zeros.
MAX_RATIO = 200
# The ratio is judged only once this much has been inflated: small files are bounded by the
# per-article limit anyway, and a short run of zeros at the start of a file is no attack.
RATIO_FLOOR = 32 * 1024 * 1024


class CompressionBombError(InputError):
    """A gzip input inflates far beyond what any real news file does."""


class _Counting(io.RawIOBase):
    """A raw stream over ``inner`` that counts the bytes read from it."""

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 (a writable buffer)
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        return n


class BoundedGunzip(io.RawIOBase):
    """A readable stream of the decompressed bytes of the gzip stream ``inner``.

    Multi-member gzip files (``.warc.gz``: one member per record) read as one stream. The
    stream ends early, with the reason in ``failure``, when the output passes ``max_bytes``
    or, past ``ratio_floor`` bytes, exceeds ``max_ratio`` times the compressed bytes read
    (a CompressionBombError), or when the file is truncated or corrupt (EOFError, OSError,
    zlib.error): callers check ``failure`` once they have read to the end.
    """

    def __init__(self, inner: BinaryIO, *, max_bytes: int | None = None, max_ratio: float = MAX_RATIO,
                 ratio_floor: int = RATIO_FLOOR, what: str = "input") -> None:
        self._counting = _Counting(inner)
        self._gzip = gzip.GzipFile(fileobj=io.BufferedReader(self._counting, 1 << 16), mode="rb")
        self._max_bytes = max_bytes
        self._max_ratio = max_ratio
        self._ratio_floor = ratio_floor
        self._what = what
        self.produced = 0
        self.failure: Exception | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        """The position in the decompressed stream (fastwarc asks for it; no seeking)."""
        return self.produced

    def readinto(self, buffer) -> int:  # noqa: ANN001 (a writable buffer)
        # A failure ends the stream (read returns b"") and is kept in ``failure``: raising here
        # would also lose what a buffered reader above has read before it in the same call.
        if self.failure is not None:
            return 0
        try:
            data = self._gzip.read1(len(buffer))
            self.produced += len(data)
            self._check()
        except (CompressionBombError, EOFError, OSError, zlib.error) as exc:
            self.failure = exc
            return 0
        n = len(data)
        buffer[:n] = data
        return n

    def _check(self) -> None:
        if self._max_bytes is not None and self.produced > self._max_bytes:
            raise CompressionBombError(f"{self._what} inflates to over {self._max_bytes:,} bytes; not read further")
        consumed = max(self._counting.consumed, 1)
        if self.produced > self._ratio_floor and self.produced > self._max_ratio * consumed:
            raise CompressionBombError(
                f"{self._what} looks like a compression bomb: {consumed:,} gzip bytes inflate to over "
                f"{self.produced:,} (over {self._max_ratio:g}x); not read further")


def open_gunzip(stream: BinaryIO, *, what: str, max_bytes: int | None = None) -> io.BufferedReader:
    """Return a buffered (peekable, line-readable) bounded stream of ``stream``'s gzip content.

    Its ``raw`` is the BoundedGunzip: check ``failure_of(stream)`` after reading to the end.
    """
    return io.BufferedReader(BoundedGunzip(stream, max_bytes=max_bytes, what=what), 1 << 16)


def failure_of(stream: BinaryIO, what: str) -> InputError | None:
    """Return why a stream from ``open_gunzip`` ended early, as an InputError, or None."""
    raw = getattr(stream, "raw", None)
    failure = getattr(raw, "failure", None)
    if failure is None:
        return None
    if isinstance(failure, InputError):
        return failure
    return InputError(f"cannot read {what} to the end: {failure}")


def gunzip_bytes(data: bytes, *, max_bytes: int, what: str = "input") -> bytes:
    """Return at most ``max_bytes + 1`` decompressed bytes of ``data`` (so "too large" can be told).

    Raises InputError for data that is corrupt, truncated or a bomb.
    """
    stream = open_gunzip(io.BytesIO(data), what=what)
    out = stream.read(max_bytes + 1)
    failure = failure_of(stream, what)
    if failure is not None and len(out) <= max_bytes:
        raise failure
    return out
