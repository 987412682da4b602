"""Checks on raw bytes shared by every reader: size, binary content, encoding."""
from __future__ import annotations

from eventwire.errors import InputError

# A text file has no NUL bytes and few control characters; 5 % leaves room for form feeds
# and stray escapes in scraped text while catching images, archives and executables.
MAX_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = {9, 10, 12, 13}


def decode_text(data: bytes, *, max_bytes: int, what: str = "input") -> str:
    """Return ``data`` decoded as UTF-8, or raise InputError saying why it cannot be coded."""
    if len(data) > max_bytes:
        raise InputError(f"{what} is {len(data):,} bytes, over the limit of {max_bytes:,} "
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
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it, e.g. iconv -f cp1252 -t utf-8") from exc
    return text
