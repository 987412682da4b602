"""Attach a date, a place and casualty counts to an event from its own clause."""
from __future__ import annotations

import re

from eventwire.coder.syntax import ancestors, clause_chain_indices, clause_head_index, tree
from eventwire.model import Document, Place, Timex

_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "on", "into",
                      "through"})
DESTINATION = frozenset({"to"})
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200,
}
KILL = frozenset({"kill", "dead", "die", "death", "murder", "behead", "slay", "execute", "fatality", "body"})
INJURE = frozenset({"injure", "wound", "hurt", "injured", "wounded", "injury"})


# The last document's tokens by article offset: every event of a sentence asks for the tokens
# of the same dates and places (a cache of one slot, holding the document and its parses).
_LAST_TOKENS: list = [None, None, {}]


def _token_at(doc: Document, offset: int):
    """The token that starts at or covers article offset ``offset`` (None in whitespace)."""
    if _LAST_TOKENS[0] is not doc or _LAST_TOKENS[1] is not doc.parses:
        _LAST_TOKENS[:] = [doc, doc.parses, {}]
    found = _LAST_TOKENS[2]
    if offset not in found:
        found[offset] = _find_token(doc, offset)
    return found[offset]


def _find_token(doc: Document, offset: int):
    for parse in doc.parses:
        if parse.covers(offset):
            local = offset - parse.offset
            span = parse.doc.char_span(local, local + 1, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None
            tok = span[0]
            return tok if tok.idx <= local < tok.idx + len(tok.text) else None
    return None


def _reachable(trigger, other) -> bool:
    """True when ``other``'s clause encloses the trigger's clause (or is the same clause)."""
    t = tree(trigger.doc)
    return clause_head_index(t, other.i) in clause_chain_indices(t, trigger.i)


def attach_date(doc: Document, trigger, sent_start: int, sent_end: int) -> Timex | None:
    """Return the date expression of the trigger's clause (or an enclosing one), if any."""
    best = None
    trig_off = None
    for tx in doc.timex:
        if not (sent_start <= tx.start < sent_end) or not _DATE_VALUE.match(tx.value):
            continue
        tok = _token_at(doc, tx.start)
        if tok is None or tok.doc is not trigger.doc:
            continue
        # A date governed by a clause-taking verb of the trigger's subject ("the killing was
        # followed by … on October 29") belongs to that verb's object, not to the subject.
        if trigger.dep_ in {"nsubj", "nsubjpass"} and not _within(tok, trigger):
            continue
        if _reachable(trigger, tok):
            trig_off = trigger.idx
            distance = abs(tok.idx - trig_off)
            if best is None or distance < best[0]:
                best = (distance, tx)
    return best[1] if best else None


def _within(tok, head) -> bool:
    return tok.i == head.i or any(a.i == head.i for a in ancestors(tok))


def attach_place(doc: Document, trigger, sent_start: int, sent_end: int, argument_spans: list[tuple[int, int]]) -> Place | None:
    """Return the place named in a locative phrase of the trigger's clause, if any."""
    best = None
    for place in doc.places:
        for m in place.mentions:
            if not (sent_start <= m.start < sent_end):
                continue
            if any(s <= m.start < e for s, e in argument_spans):
                continue  # "Moscow's readiness": an actor, not where it happened
            tok = _token_at(doc, m.start)
            if tok is None or tok.doc is not trigger.doc:
                continue
            head = tok
            while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
                head = head.head
            prep = head.head if head.dep_ == "pobj" else None
            while prep is not None and prep.dep_ == "pobj":  # "in a church in Nice"
                prep = prep.head.head
            while prep is not None and prep.lower_ == "of" and prep.head.dep_ == "pobj":
                prep = prep.head.head  # "through the streets of Caracas"
            if prep is None or prep.lower_ not in LOCATIVE | DESTINATION:
                continue
            if not _reachable(trigger, tok):
                continue
            distance = abs(tok.i - trigger.i)
            if best is None or distance < best[0]:
                best = (distance, place)
    return best[1] if best else None


def number_value(tok) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def casualties(trigger, sentence_tokens) -> tuple[int | None, int | None]:
    """Return (dead, injured) counts stated in the sentence of an ASSAULT trigger."""
    dead = injured = None
    doc = trigger.doc
    scope = set(tree(doc).subtree(trigger.i))  # (a token whose clause the trigger heads is in it)
    for i in range(sentence_tokens.start, sentence_tokens.end):
        if i not in scope:
            continue  # a count in another clause belongs to another event
        tok = doc[i]
        value = number_value(tok)
        if value is None or tok.dep_ not in {"nummod", "nsubj", "nsubjpass", "dobj", "quantmod", "npadvmod"}:
            continue
        noun = tok.head if tok.dep_ in {"nummod", "quantmod"} else tok
        governor = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "npadvmod"} else None
        words = {noun.lemma_.lower()} | ({governor.lemma_.lower()} if governor is not None else set())
        words |= {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "acl"}}
        if words & KILL and dead is None:
            dead = value
        elif words & INJURE and injured is None:
            injured = value
    return dead, injured
