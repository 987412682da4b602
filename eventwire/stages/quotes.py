"""quotes: direct quotes with their cue verb and speaker, and indirect "X said that …" quotes."""
from __future__ import annotations

import re

from eventwire.actors.lookup import actor_at
from eventwire.actors.spans import char_span
from eventwire.model import Document, Quote, Span
from eventwire.ontology import load_ontology
from eventwire.registry import function_stage

_MARKS = re.compile(r'["“”]')
# How far (in tokens) a cue verb may stand from the quote it introduces or closes.
CUE_WINDOW = 8


@function_stage("quotes", requires={"parses", "actors", "segments"}, assigns={"quotes"})
def find_quotes(doc: Document) -> Document:
    """Fill ``doc.quotes``: direct quotes first (in text order), then indirect ones."""
    say = load_ontology().words["say"]
    direct: list[tuple[int, int]] = []
    for seg in doc.segments:
        if seg.kind == "paragraph":
            direct.extend(_quoted_spans(doc.text, seg.start, seg.end))
    quotes: list[Quote] = []
    previous_speaker = None
    for start, end in direct:
        cue, speaker = _cue_and_speaker(doc, start, end, say)
        if speaker is None and doc.text[start - 1] in '"“' and _starts_paragraph(doc, start - 1):
            speaker = previous_speaker  # a quote continued from the paragraph before
        quotes.append(Quote(id="", start=start, end=end, text=doc.text[start:end], kind="direct",
                            speaker=speaker, cue=cue))
        previous_speaker = speaker
    quotes.extend(_indirect(doc, direct, say))
    quotes.sort(key=lambda q: q.start)
    doc.quotes = [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(quotes, start=1)]
    return doc


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the spans inside quote marks in one paragraph, trimmed of edge punctuation."""
    marks = [m.start() for m in _MARKS.finditer(text, start, end)]
    spans = []
    i = 0
    while i < len(marks):
        open_at = marks[i]
        close_at = marks[i + 1] if i + 1 < len(marks) else end  # runs on to the next paragraph
        s, e = open_at + 1, close_at
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e - s >= 3 and " " in text[s:e]:  # a scare-quoted word is not a quote
            spans.append((s, e))
        i += 2
    return spans


def _starts_paragraph(doc: Document, offset: int) -> bool:
    return any(seg.start == offset for seg in doc.segments)


def _tokens_near(doc: Document, offset: int):
    for parse in doc.parses:
        if parse.offset <= offset <= parse.offset + len(parse.doc.text):
            return parse
    return None


def _cue_and_speaker(doc: Document, start: int, end: int, say: frozenset[str]):
    """Find the reporting verb after (", the official said") or before ("X said:") the quote."""
    parse = _tokens_near(doc, end)
    if parse is None:
        return None, None
    sdoc = parse.doc
    after = [t for t in sdoc if parse.offset + t.idx >= end + 1][:CUE_WINDOW]
    before = [t for t in sdoc if parse.offset + t.idx + len(t.text) <= start - 1][-CUE_WINDOW:]
    for tokens in (after, list(reversed(before))):
        for tok in tokens:
            if tok.is_punct and tok.text in ".!?":
                break
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ in say:
                cue_start, cue_end = char_span(parse, [tok])
                cue = Span(start=cue_start, end=cue_end, text=doc.text[cue_start:cue_end])
                return cue, _speaker_of(doc, parse, tok)
    return None, None


def _speaker_of(doc: Document, parse, verb):
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            s, e = char_span(parse, list(child.subtree))
            head, _ = char_span(parse, [child])
            actor = actor_at(doc, s, e, head) or actor_at(doc, s, e)
            return actor.id if actor else None
    return None


def _indirect(doc: Document, direct: list[tuple[int, int]], say: frozenset[str]) -> list[Quote]:
    out = []
    for parse in doc.parses:
        for tok in parse.doc:
            if tok.lemma_ not in say or tok.pos_ != "VERB":
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            words = list(comp.subtree)
            while words and (words[0].dep_ == "mark" or words[0].is_punct):
                words = words[1:]  # "said that …": the quote starts after "that"
            if not words:
                continue
            s, e = char_span(parse, [words[0], words[-1]])
            while e > s and doc.text[e - 1] in ',."”':
                e -= 1
            if any(ds <= s < de or ds < e <= de for ds, de in direct) or e - s < 10:
                continue
            cue_s, cue_e = char_span(parse, [tok])
            out.append(Quote(id="", start=s, end=e, text=doc.text[s:e], kind="indirect",
                             speaker=_speaker_of(doc, parse, tok),
                             cue=Span(start=cue_s, end=cue_e, text=doc.text[cue_s:cue_e])))
    return out
