"""quotes: direct quotes with their cue verb and speaker, and indirect "X said that …" quotes.

Direct quotes are the stretches between quote marks, straight or curly (a stray closing mark
used to open, as in ``”Mr. Trump …”``, is tolerated); single quotes inside are nested quotes
and stay part of the text; a one-word stretch is a scare quote, not a quote. A quote left open
at the end of a paragraph goes on in the next one when that one opens with a mark (the wire
convention), and the pieces share one speaker.

The speaker is found, in this order, from:

1. a reporting verb right after the quote: ``“…,” Volk said`` / ``“…,” said Volk, the
   spokeswoman`` / ``“…” ― Sonya Herridge`` (a dash and a name); after a quote that ends in
   a comma, "!" or "?", any verb next to an actor's mention (``“…!” Trump barked``);
2. one right before it: ``X said: “…”`` / ``X told reporters, “…”`` / ``according to X, “…”``
   / ``Said Ellis: “…”`` / ``X: “…”``; any verb whose subject is an actor before ``:`` or ``,``
   (``Trump boomed: “…”``);
3. a reporting verb the quote depends on (a partial quote: ``Trump called it “a disaster”``);
4. the paragraph before, when it ends with a colon (``He said:`` / ``Limbaugh continued:``);
5. the quote before, when this one continues it (the next paragraph, or the same sentence
   after the cue: ``“…,” he said, “…”``).

The speaker is an actor id through the actors' mentions, so pronouns and nominals resolve
through coreference ("the official" → Irina Volk). Indirect quotes are the clausal
complements of reporting verbs ("X said that …", "according to X, …") outside direct quotes.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from eventwire.actors.coref import REPORTING_VERBS  # also what makes a speaking nominal an actor
from eventwire.actors.lookup import actor_at
from eventwire.actors.spans import char_span
from eventwire.model import Document, Parse, Quote, Span
from eventwire.ontology import load_ontology
from eventwire.registry import function_stage

# Double quote marks: straight, curly, guillemets, and the doubled apostrophes of some archives.
_DOUBLE = re.compile(r"''|``|[\"“”«»„]")
_OPENERS = frozenset({"“", "«", "„", "``"})
_CLOSERS = frozenset('”»')
# How far (in tokens, brackets not counted) a cue verb may stand from the quote it introduces
# or closes: "“…,” Sen. Claire McCaskill (D-Mo.) said" (PolNeAR dev).
CUE_WINDOW = 10
# A quote this short (characters) with no space is a scare-quoted word, not a quote.
MIN_QUOTE_CHARS = 3
_QUOTE_TOKENS = frozenset({'"', "“", "”", "«", "»", "„", "''", "``"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})


@dataclass
class _Raw:
    start: int  # the quoted words (article offsets), without the marks
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the quote runs to the paragraph's end
    segment: int  # index into doc.segments


@function_stage("quotes", requires={"parses", "actors", "segments"}, assigns={"quotes"})
def find_quotes(doc: Document) -> Document:
    """Fill ``doc.quotes``: direct quotes first (in text order), then indirect ones."""
    say = load_ontology().words["say"] | REPORTING_VERBS
    tokens = _TokenIndex(doc)
    raw: list[_Raw] = []
    for index, seg in enumerate(doc.segments):
        if seg.kind == "paragraph":
            raw.extend(_quoted_spans(doc.text, seg.start, seg.end, index))
    quotes: list[Quote] = []
    previous: tuple[_Raw, Span | None, str | None] | None = None
    for q in raw:
        cue, speaker = _attribute(doc, tokens, q, say)
        if speaker is None and previous is not None and _continues(doc, previous[0], q, previous[1]):
            cue, speaker = cue or previous[1], previous[2]
        if speaker is None:
            cue2, speaker = _colon_intro(doc, tokens, q, say)
            cue = cue or cue2
        quotes.append(Quote(id="", start=q.start, end=q.end, text=doc.text[q.start:q.end], kind="direct",
                            speaker=speaker, cue=cue))
        previous = (q, cue, speaker)
    quotes = _backfill(doc, raw, quotes)
    quotes.extend(_indirect(doc, [(q.start, q.end) for q in raw], say))
    quotes.sort(key=lambda q: q.start)
    doc.quotes = [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(quotes, start=1)]
    return doc


# ---------------------------------------------------------------- quote spans


def _quoted_spans(text: str, start: int, end: int, segment: int) -> list[_Raw]:
    """Return the quotes of one paragraph (see the module docstring for the marks)."""
    spans: list[_Raw] = []
    open_at: int | None = None
    width = 1
    for m in _DOUBLE.finditer(text, start, end):
        pos, ch, size = m.start(), m.group(), m.end() - m.start()
        if open_at is None:
            if ch in _CLOSERS and _closing_like(text, pos, size, start, end) and not _opening_like(text, pos, size, start, end):
                continue  # a stray closing mark
            open_at, width = pos, size
            continue
        if ch in _OPENERS and not _closing_like(text, pos, size, start, end):
            _add(text, spans, open_at, width, pos, segment)  # an unclosed quote before a new one
            open_at, width = pos, size
            continue
        _add(text, spans, open_at, width, pos, segment, closed=True)
        open_at = None
    if open_at is not None:
        _add(text, spans, open_at, width, end, segment)
    return spans


def _opening_like(text: str, pos: int, size: int, start: int, end: int) -> bool:
    return (pos == start or not text[pos - 1].isalnum()) and pos + size < end and not text[pos + size].isspace()


def _closing_like(text: str, pos: int, size: int, start: int, end: int) -> bool:
    return pos > start and not text[pos - 1].isspace() and (pos + size >= end or not text[pos + size].isalnum())


def _add(text: str, spans: list[_Raw], open_at: int, width: int, close: int, segment: int, closed: bool = False) -> None:
    s, e = open_at + width, close
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    if e - s >= MIN_QUOTE_CHARS and " " in text[s:e].strip():
        spans.append(_Raw(s, e, open_at, close if closed else None, segment))


def _continues(doc: Document, prev: _Raw, q: _Raw, prev_cue: Span | None = None) -> bool:
    """True when ``q`` goes on with ``prev``: in the same paragraph right after it (“…” “…”) or
    after its attribution (“…,” said X. “…”); in the next paragraph after an unclosed quote; or
    a whole-paragraph quote after a whole-paragraph one."""
    if q.segment == prev.segment:
        gap_start = (prev.close_at if prev.close_at is not None else prev.end) + 1
        between = doc.text[gap_start:q.open_at]
        if not between.strip(" ,;:—–-"):
            return True
        return prev_cue is not None and gap_start <= prev_cue.start < q.open_at and "\n" not in between and len(between) < 160
    if q.segment != prev.segment + 1 or q.open_at != doc.segments[q.segment].start:
        return False
    if prev.close_at is None:
        return True
    seg = doc.segments[prev.segment]
    return prev.open_at == seg.start and doc.text[prev.close_at + 1:seg.end].strip(" .") == ""


def _backfill(doc: Document, raw: list[_Raw], quotes: list[Quote]) -> list[Quote]:
    """Give an unattributed piece the speaker of the next piece it continues ("“…” / “…,” X said")."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        if out[i].speaker is None and out[i + 1].speaker is not None and _continues(doc, raw[i], raw[i + 1], None):
            out[i] = out[i].model_copy(update={"speaker": out[i + 1].speaker, "cue": out[i].cue or out[i + 1].cue})
    return out


# ---------------------------------------------------------------- tokens


class _TokenIndex:
    """Find the spaCy tokens at and around an article offset across the segment parses."""

    def __init__(self, doc: Document) -> None:
        self.parses = sorted(doc.parses, key=lambda p: p.offset)
        self.starts = [p.offset for p in self.parses]
        self.ends = [p.offset + (p.doc[-1].idx + len(p.doc[-1].text) if len(p.doc) else 0) for p in self.parses]
        self._tokens: dict[int, tuple[list, list[int]]] = {}

    def parse_at(self, offset: int) -> Parse | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        return self.parses[i] if offset <= self.ends[i] else None

    def tokens(self, parse: Parse) -> tuple[list, list[int]]:
        """Return the parse's tokens and their article offsets (built once per parse)."""
        key = id(parse)
        if key not in self._tokens:
            toks = list(parse.doc)
            self._tokens[key] = (toks, [parse.offset + t.idx for t in toks])
        return self._tokens[key]

    def token_at(self, offset: int):
        parse = self.parse_at(offset)
        if parse is None:
            return None, None
        toks, starts = self.tokens(parse)
        i = bisect.bisect_right(starts, offset) - 1
        return parse, toks[max(i, 0)] if toks else None


def _ends_sentence(tok) -> bool:
    """A period that closes a sentence, not an abbreviation's ("Sen.", "D-Mo.")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.is_sent_start or nxt.text in _QUOTE_TOKENS


def _cue_span(doc: Document, parse: Parse, toks) -> Span:
    s, e = char_span(parse, toks)
    return Span(start=s, end=e, text=doc.text[s:e])


def _is_cue(tok, say: frozenset[str]) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in say or (tok.lower_ in say and tok.tag_.startswith("VB"))


# ---------------------------------------------------------------- attribution


def _attribute(doc: Document, index: _TokenIndex, q: _Raw, say: frozenset[str]) -> tuple[Span | None, str | None]:
    """Return (cue, speaker id) of quote ``q`` from its own sentence (steps 1–3)."""
    parse = index.parse_at(q.start)
    if parse is None:
        return None, None
    sdoc = parse.doc
    inside = lambda t: q.open_at <= parse.offset + t.idx <= (q.close_at if q.close_at is not None else q.end)  # noqa: E731
    toks, starts = index.tokens(parse)
    after = []
    if q.close_at is not None:
        depth = 0
        for tok in toks[bisect.bisect_right(starts, q.close_at):]:
            if tok.text in _QUOTE_TOKENS or (tok.text in ".!?" and depth == 0 and after and _ends_sentence(tok)):
                break
            depth += (tok.text == "(") - (tok.text == ")")
            after.append(tok)
            if sum(1 for x in after if x.text not in "()") >= CUE_WINDOW:
                break
    before = []
    for tok in reversed(toks[:bisect.bisect_left(starts, q.open_at)]):
        if tok.text in _QUOTE_TOKENS or (tok.text in ".!?" and _ends_sentence(tok)):
            break
        before.append(tok)
        if len(before) >= CUE_WINDOW + 4:
            break
    # 1. "“…,” X said" / "“…,” said X" / "“…” ― Sonya Herridge"
    for k, tok in enumerate(after):
        if _is_cue(tok, say) or (k <= 3 and tok.pos_ == "NOUN" and tok.text.endswith("s") and tok.lemma_.lower() in say
                                 and k > 0 and after[k - 1].pos_ in {"PROPN", "PRON"}):  # "“…,” Bozell answers."
            return _cue_span(doc, parse, [tok]), _speaker_of(doc, parse, tok, inside)
    # 1b. "“…,” Trump barked" / "“…!” beamed Donald Hartley": any verb next to a speaker's mention
    words = [t for t in after if not t.is_punct][:4]
    ends_open = q.close_at is not None and (
        (after and after[0].text in {",", "!", "?", "—", "–"}) or doc.text[q.close_at - 1] in ",!?—")
    if len(words) >= 2 and ends_open:  # "“….” Trump …" starts a new sentence: no attribution
        verb = next((t for t in words[:3] if t.pos_ == "VERB"), None)
        if verb is not None:
            others = [t for t in words if t.i != verb.i and t.pos_ in {"PROPN", "PRON", "NOUN"}]
            actor = _actor_near(doc, parse, others[:3], inside)
            if actor:
                return _cue_span(doc, parse, [verb]), actor
    if after and after[0].text in _DASHES:
        actor = _actor_near(doc, parse, after[1:5], inside)
        if actor:
            return None, actor
    # 2. "X said: “…”", "according to X, “…”", "X: “…”"
    for tok in before:
        if tok.lower_ == "to" and tok.i > 0 and sdoc[tok.i - 1].lower_ == "according":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _cue_span(doc, parse, [sdoc[tok.i - 1], tok]), _actor_of(doc, parse, obj)
        if _is_cue(tok, say):
            return _cue_span(doc, parse, [tok]), _speaker_of(doc, parse, tok, inside)
    # 2b. "Trump boomed: “…”" / "Hillary shot back, “…”": the subject of the verb before the mark
    if before and before[0].text in {":", ","}:
        verb = next((t for t in before[1:4] if t.pos_ == "VERB"), None)
        if verb is not None:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                actor = _actor_of(doc, parse, subj)
                if actor:
                    return _cue_span(doc, parse, [verb]), actor
    if before and before[0].text == ":":
        actor = _actor_near(doc, parse, list(reversed(before[1:6])), inside, last=True)
        if actor:
            return None, actor
    # 3. a partial quote inside reported speech: "Trump called it “a disaster”"
    _, first = index.token_at(q.start)
    if first is not None:
        for anc in first.ancestors:
            if inside(anc):
                continue
            if _is_cue(anc, say):
                return _cue_span(doc, parse, [anc]), _speaker_of(doc, parse, anc, inside)
    return None, None


def _colon_intro(doc: Document, index: _TokenIndex, q: _Raw, say: frozenset[str]) -> tuple[Span | None, str | None]:
    """Step 4: "He said:" / "Limbaugh continued:" closing the paragraph before the quote."""
    if q.segment == 0 or q.open_at != doc.segments[q.segment].start:
        return None, None
    prev = doc.segments[q.segment - 1]
    if not doc.text[prev.start:prev.end].rstrip().endswith(":"):
        return None, None
    parse = index.parse_at(prev.start)
    if parse is None:
        return None, None
    sents = list(parse.doc.sents)
    if not sents:
        return None, None
    for tok in reversed(list(sents[-1])):
        if _is_cue(tok, say):
            return _cue_span(doc, parse, [tok]), _speaker_of(doc, parse, tok, lambda t: False)
    return None, None


def _speaker_of(doc: Document, parse: Parse, verb, inside) -> str | None:
    """Return the actor id of the one who speaks through ``verb``."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and not inside(child):
            if child.dep_ == "nsubjpass":
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if obj is not None:
                    return _actor_of(doc, parse, obj)
                continue
            return _actor_of(doc, parse, child)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "was written by Springsteen"
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return _actor_of(doc, parse, obj)
    head = verb.head
    if verb.dep_ in {"acl", "advcl", "xcomp", "conj", "pcomp"} and head is not verb:
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:  # "Hillary Clinton asking, “…”"
            return _actor_of(doc, parse, head)
        if head.pos_ in {"VERB", "AUX"}:
            return _speaker_of(doc, parse, head, inside)
    # "Said Ellis: “…”", a parse without a subject: the nearest actor in the clause
    near = [t for t in verb.subtree if not inside(t) and t.i != verb.i]
    near.sort(key=lambda t: abs(t.i - verb.i))
    return _actor_near(doc, parse, near[:6], inside)


def _actor_of(doc: Document, parse: Parse, tok) -> str | None:
    words = [t for t in tok.subtree if t.dep_ not in {"relcl", "acl"} or t.i == tok.i]
    s, e = char_span(parse, [min(words, key=lambda t: t.i), max(words, key=lambda t: t.i)])
    head, _ = char_span(parse, [tok])
    actor = actor_at(doc, s, e, head) or actor_at(doc, s, e)
    return actor.id if actor else None


def _actor_near(doc: Document, parse: Parse, toks, inside, last: bool = False) -> str | None:
    """Return the actor with a mention on one of ``toks`` (the first found, or the last)."""
    found = None
    for tok in toks:
        if inside(tok):
            continue
        s, e = char_span(parse, [tok])
        actor = actor_at(doc, s - 40, e + 40, s)
        if actor is not None and any(m.start <= s < m.end for m in actor.mentions):
            if not last:
                return actor.id
            found = actor.id
    return found


# ---------------------------------------------------------------- indirect


def _indirect(doc: Document, direct: list[tuple[int, int]], say: frozenset[str]) -> list[Quote]:
    """Return "X said (that) …" and "according to X, …" clauses outside direct quotes."""
    out = []
    no_inside = lambda t: False  # noqa: E731
    for parse in doc.parses:
        for tok in parse.doc:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in say:
                continue
            at = parse.offset + tok.idx
            if any(ds <= at < de for ds, de in direct):
                continue  # a reporting verb inside a quote is the speaker's own words
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
            if any(ds <= s < de or ds < e <= de or (s <= ds and de <= e) for ds, de in direct) or e - s < 10:
                continue
            cue_s, cue_e = char_span(parse, [tok])
            out.append(Quote(id="", start=s, end=e, text=doc.text[s:e], kind="indirect",
                             speaker=_speaker_of(doc, parse, tok, no_inside),
                             cue=Span(start=cue_s, end=cue_e, text=doc.text[cue_s:cue_e])))
    return out
