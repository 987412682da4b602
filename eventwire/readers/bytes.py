"""Checks on raw bytes shared by every reader: size, binary content, encoding."""
from __future__ import annotations

import codecs

from eventwire.errors import InputError

# A text file has no NUL bytes and few control characters; 5 % leaves room for form feeds
# and stray escapes in scraped text while catching images, archives and executables.
MAX_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}

# Text that is not valid UTF-8 is nearly always Windows-1252 (a superset of Latin-1 for
# every printable byte): Word's smart quotes and dashes (0x91-0x97), accented letters.
FALLBACK_ENCODING = "cp1252"
_FALLBACK_ERRORS = "eventwire-cp1252"


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as cp1252 (raises for the five bytes cp1252 lacks)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode(FALLBACK_ENCODING), exc.end


# Registered once at import: a named handler is what lets one linear pass decode UTF-8 with
# stray cp1252 bytes (a UTF-8 page with a pasted "smart quote") without re-decoding slices.
codecs.register_error(_FALLBACK_ERRORS, _cp1252_bytes)


def decode_lenient(data: bytes, encoding: str | None = None) -> str:
    """Return ``data`` as text: the declared ``encoding`` if it fits, else UTF-8, else cp1252.

    Bytes that are not valid UTF-8 are read as cp1252, each where it stands, so a UTF-8 file
    with a few cp1252 bytes keeps its UTF-8 characters. Raises UnicodeDecodeError only for
    bytes neither encoding defines (0x81, 0x8d, 0x8f, 0x90, 0x9d outside UTF-8 sequences).
    """
    if encoding and codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig", "ascii"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        start = 3 if data.startswith(codecs.BOM_UTF8) else 0
        return data[start:].decode("utf-8", errors=_FALLBACK_ERRORS)


def known_encoding(name: str | None) -> str | None:
    """Return ``name`` if Python knows the encoding (a charset from HTTP or a feed), else None."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip('"\'')).name
    except LookupError:
        return None


def decode_text(data: bytes, *, max_bytes: int, what: str = "input", encoding: str | None = None) -> str:
    """Return ``data`` decoded as text, or raise InputError saying why it cannot be coded.

    UTF-8 is expected; a declared ``encoding`` (HTTP or WARC charset) is tried first, and
    bytes that are not UTF-8 are read as cp1252. Empty, oversized and binary inputs are refused.
    """
    if len(data) > max_bytes:
        raise InputError(f"{what} is over the limit of {max_bytes:,} bytes "
                         "(raise input.max_bytes in the config if this is really one article)")
    if not data.strip():
        raise InputError(f"{what} is empty")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"{what} looks binary (contains NUL bytes), not text")
    controls = sum(1 for b in sample if b < 32 and b not in _ALLOWED_CONTROLS)
    if controls / len(sample) > MAX_CONTROL_RATIO:
        raise InputError(f"{what} looks binary ({controls} control bytes in the first {len(sample)}), not text")
    try:
        return decode_lenient(data, known_encoding(encoding))
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is neither UTF-8 nor cp1252 (byte 0x{exc.object[exc.start]:02x} at offset "
                         f"{exc.start}); convert it to UTF-8, e.g. with iconv -f ENCODING -t utf-8") from exc
