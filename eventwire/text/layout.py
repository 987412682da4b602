"""Find a story's headline, wire dateline and paragraphs without changing a character."""
from __future__ import annotations

import re

from eventwire.model import Dateline, Segment

_BLOCK = re.compile(r"\S(?:.*?\S)?(?=[ \t\r]*\n[ \t\r]*\n|\s*\Z)", re.S)
# A headline is one short line without a sentence-final period, followed by the body.
MAX_HEADLINE_CHARS = 200
# Wire datelines: "MOSCOW (Pakistan Point News / Sputnik - 12th November, 2020) ",
# "NAIROBI, March 3 (Meridian News) - ", "PARIS (AFP) — ", "LONDON, Nov 12 - ".
_DATELINE = re.compile(
    r"""(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.'’ ]{1,30}?)??)
        (?:,\s+(?P<date1>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?
        \s*(?:\((?P<paren>[^()\n]{2,120})\))?
        \s*(?P<dash>[-–—]{1,2}|:)?\s*""",
    re.X,
)
_PAREN_DATE = re.compile(r"\s+[-–—]\s+(?P<date>[^-–—]*\d{4})\s*$")


def paragraph_blocks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each blank-line-separated block, trimmed of outer whitespace."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def split_layout(text: str, title: str | None = None) -> tuple[list[Segment], Dateline | None, str | None]:
    """Return the segments, the dateline (if any) and the headline text (if any).

    ``title``: the headline a reader found (an HTML page's); when the text starts with it on a
    line of its own, that line is the headline even without a blank line after it.
    """
    blocks = paragraph_blocks(text)
    segments: list[Segment] = []
    headline = None
    if title and blocks:
        first_start, first_end = blocks[0]
        line_end = text.find("\n", first_start, first_end)
        if line_end > first_start and text[first_start:line_end].strip() == title.strip() \
                and text[line_end:first_end].strip():
            rest = line_end + len(text[line_end:first_end]) - len(text[line_end:first_end].lstrip())
            blocks = [(first_start, first_start + len(text[first_start:line_end].rstrip())), (rest, first_end),
                      *blocks[1:]]
    if len(blocks) > 1 and _is_headline(text[blocks[0][0]:blocks[0][1]]):
        segments.append(Segment(blocks[0][0], blocks[0][1], "headline"))
        headline = text[blocks[0][0]:blocks[0][1]]
        blocks = blocks[1:]
    dateline = None
    if blocks:
        dateline = parse_dateline(text, blocks[0][0], blocks[0][1])
    for i, (start, end) in enumerate(blocks):
        if i == 0 and dateline is not None:
            segments.append(Segment(dateline.start, dateline.end, "dateline"))
            start = dateline.end
        if start < end:
            segments.append(Segment(start, end, "paragraph"))
    return segments, dateline, headline


def _is_headline(block: str) -> bool:
    return "\n" not in block and len(block) <= MAX_HEADLINE_CHARS and not block.rstrip().endswith((".", '"', "”"))


def parse_dateline(text: str, start: int, end: int) -> Dateline | None:
    """Return the wire dateline at the start of the first body paragraph, if there is one."""
    m = _DATELINE.match(text, start, end)
    if not m or not (m.group("paren") or m.group("date1") or m.group("dash")):
        return None
    if m.end() >= end or not text[m.end()].isupper() and not text[m.end()] in "\"“'":
        return None
    place = m.group("place").rstrip(" ,")
    if sum(c.isupper() for c in place) < max(2, len(place.replace(" ", "")) // 2):
        return None  # "The Minister (…)" is a sentence, not an all-caps dateline
    line = Dateline(start=m.start(), end=m.end(), place_start=m.start("place"),
                    place_end=m.start("place") + len(place))
    date_text = m.group("date1")
    paren = m.group("paren")
    if paren:
        pm = _PAREN_DATE.search(paren)
        outlet = paren[: pm.start()] if pm else paren
        if pm:
            date_text = pm.group("date")
        outlet = outlet.strip()
        if outlet and not re.search(r"\d{4}", outlet):
            line.outlet = outlet
            line.outlet_start = m.start("paren") + paren.index(outlet)
            line.outlet_end = line.outlet_start + len(outlet)
    if date_text:
        line.published = date_text  # raw; the normalize stage resolves it to ISO
    return line
