"""Within-article coreference: role nominals ("the Russian minister"), heads of bodies, pronouns.

A nominal links to an earlier person whose role and country agree with it; "the official"
prefers the article's spokesperson or reporting speaker, as wire copy uses it for them.
"""
from __future__ import annotations

from eventwire.actors.coding import code_phrase
from eventwire.actors.drafts import Draft, Roster
from eventwire.actors.spans import char_span, mention, trim
from eventwire.model import Document
from eventwire.ontology import Ontology

HEAD_WORDS = frozenset({"head", "chief", "leader"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
DEFINITE = frozenset({"the", "this", "that"})
# Role classes that "the official" (or "head of a ministry") may stand for, best first.
OFFICIAL_PREFERENCE = ("spokesperson", "official", "diplomat", "minister", "leader")


def link_nominals(doc: Document, roster: Roster, onto: Ontology) -> None:
    """Add title, nominal and pronoun mentions of persons already in ``roster``."""
    for parse in doc.parses:
        chunks = list(parse.doc.noun_chunks)
        # "The teacher's killing": the possessor is a nominal of its own.
        chunks += [tok.doc[tok.left_edge.i:tok.i + 1] for tok in parse.doc if tok.dep_ == "poss" and tok.pos_ == "NOUN"]
        for chunk in sorted(chunks, key=lambda c: c.start):
            root = chunk.root
            if root.lower_ in PRONOUNS or root.tag_ == "PRP$":
                continue
            tokens = trim(chunk)
            if not tokens or chunk[0].lower_ not in DEFINITE:
                continue
            start, end = char_span(parse, tokens)
            if roster.covering(start, end) or root.tag_ in {"NNS", "NNPS"}:
                continue
            want = _nominal_profile(tokens, root, roster, onto)
            if want is None:
                continue
            role, country, sector = want
            target = _resolve(roster, start, role, country, sector)
            if target:
                roster.mention(target, mention(parse, tokens, doc.text, "title" if role != "civilian" else "nominal"))
        for tok in parse.doc:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                start, _ = char_span(parse, [tok])
                target = _recent_person(roster, start)
                if target:
                    roster.mention(target, mention(parse, [tok], doc.text, "pronoun"))


def _nominal_profile(tokens, root, roster: Roster, onto: Ontology) -> tuple[str, str | None, str | None] | None:
    """Return (role class, country, sector) a definite nominal describes, or None."""
    if root.lower_ in HEAD_WORDS:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        code = code_phrase(list(obj.subtree), onto)
                        if code.sector in {"GOV", "MIL", "COP"}:
                            return "leader", code.country, code.sector
        return None
    code = code_phrase(tokens, onto)
    if not code.role or code.role.kind != "person" or code.role_end != len(tokens):
        return None
    return code.role.role, code.country, code.sector


def _resolve(roster: Roster, before: int, role: str, country: str | None, sector: str | None) -> Draft | None:
    candidates = [d for d in roster.drafts if d.type == "PERSON" and d.mentions and d.first < before
                  and (country is None or d.country in (None, country))]
    if not candidates:
        return None

    def last_seen(d: Draft) -> int:
        return max(m.start for m in d.mentions if m.start < before)

    exact = [d for d in candidates if d.role == role and (country is None or d.country == country)]
    if exact:
        return max(exact, key=last_seen)
    if role in {"official", "leader"}:
        gov = [d for d in candidates if d.sector in {"GOV", "MIL", "COP", sector}]
        for wanted in OFFICIAL_PREFERENCE:
            if role == "leader" and wanted not in {"minister", "leader"}:
                continue
            pool = [d for d in gov if d.role == wanted]
            if pool:
                return max(pool, key=last_seen)
        speakers = [d for d in gov if d.speaker]
        if role == "official" and speakers:
            return max(speakers, key=last_seen)
    return None


def _recent_person(roster: Roster, before: int, window: int = 600) -> Draft | None:
    best = None
    for d in roster.drafts:
        if d.type != "PERSON":
            continue
        for m in d.mentions:
            if before - window <= m.start < before and m.kind == "name" and (best is None or m.start > best[0]):
                best = (m.start, d)
    return best[1] if best else None
