"""Offsets between spaCy tokens of a segment and the article's text."""
from __future__ import annotations

from typing import Sequence

from eventwire.model import Mention, Parse

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def char_span(parse: Parse, tokens: Sequence) -> tuple[int, int]:
    """Return the article offsets covering ``tokens`` (contiguous, in order)."""
    return parse.offset + tokens[0].idx, parse.offset + tokens[-1].idx + len(tokens[-1].text)


def trim(tokens: Sequence) -> list:
    """Drop leading determiners and punctuation and a trailing possessive marker."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].text in POSSESSIVE or toks[-1].is_punct):
        toks = toks[:-1]
    return toks


def mention(parse: Parse, tokens: Sequence, text: str, kind: str = "name") -> Mention:
    start, end = char_span(parse, tokens)
    return Mention(start=start, end=end, text=text[start:end], kind=kind)
