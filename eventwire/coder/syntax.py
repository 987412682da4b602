"""Small dependency-tree helpers shared by the coder's rules."""
from __future__ import annotations

from typing import Iterator

# Dependencies that open a clause of its own: a date or place inside such a clause describes
# that clause's event, not one outside it ("the visit, which was announced in early November").
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "xcomp", "csubj", "parataxis", "conj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})


def ancestors(tok) -> Iterator:
    while tok.head.i != tok.i:
        tok = tok.head
        yield tok


def clause_head(tok):
    """Return the head of the smallest clause containing ``tok`` (a verb, or the root)."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in CLAUSE_DEPS or cur.dep_ == "ROOT":
            return cur
        cur = cur.head
    return cur


def clause_chain(tok) -> list:
    """Return the heads of every clause enclosing ``tok``, innermost first."""
    chain = []
    cur = clause_head(tok)
    while True:
        chain.append(cur)
        if cur.head.i == cur.i:
            return chain
        cur = clause_head(cur.head)


def child(tok, *deps: str):
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_objects(tok, preps: tuple[str, ...] | frozenset[str]) -> Iterator:
    """Yield objects of the given prepositions attached to ``tok`` ("talks with X" → X)."""
    for prep in tok.children:
        if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ in {"pobj", "pcomp"}:
                    yield obj


def phrase(tok) -> list:
    """The noun phrase of ``tok`` without clauses hanging from it (relative clauses, etc.)."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}:
            skip.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in skip]
    return toks or [tok]
