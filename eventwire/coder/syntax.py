"""Small dependency-tree helpers shared by the coder's rules."""
from __future__ import annotations

from typing import Iterator

from spacy.attrs import DEP, HEAD, LOWER

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


class _Tree:
    """A document's dependency tree as plain lists: each token's children (ascending, as
    ``Token.children`` yields them), dependency label and lower-cased form, and the phrases
    asked so far. Reading these builds no spaCy ``Token`` (the coder asks about the same few
    children hundreds of thousands of times per 100 articles)."""

    __slots__ = ("doc", "children", "dep", "lower", "phrases")

    def __init__(self, doc) -> None:
        table = doc.to_array([HEAD, DEP, LOWER])
        strings = doc.vocab.strings
        names: dict[int, str] = {}
        self.doc = doc
        self.children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, offset in enumerate(table[:, 0].astype("int64").tolist()):
            if offset:
                self.children[i + offset].append(i)
        self.dep = [names.get(k) or names.setdefault(k, strings[k]) for k in table[:, 1].tolist()]
        self.lower = [names.get(k) or names.setdefault(k, strings[k]) for k in table[:, 2].tolist()]
        self.phrases: dict[int, list] = {}

    def subtree(self, i: int) -> list[int]:
        """Indices of ``i``'s subtree in ``Token.subtree`` order (left children's, itself, right children's)."""
        out: list[int] = []
        for c in self.children[i]:
            if c > i:
                break
            out.extend(self.subtree(c))
        out.append(i)
        for c in self.children[i]:
            if c > i:
                out.extend(self.subtree(c))
        return out


# The last document's tree: a cache of one slot holding the document itself, so its id cannot
# be reused; the coder works through one paragraph's parse at a time.
_LAST_TREE: list = [None]


def tree(doc) -> _Tree:
    """Return the dependency tree of ``doc`` as lists (built once per document)."""
    last = _LAST_TREE[0]
    if last is None or last.doc is not doc:
        last = _LAST_TREE[0] = _Tree(doc)
    return last


def child(tok, *deps: str):
    """Return the first child of ``tok`` with one of ``deps``, or None."""
    doc = tok.doc
    t = tree(doc)
    dep = t.dep
    for c in t.children[tok.i]:
        if dep[c] in deps:
            return doc[c]
    return None


PREP_DEPS = frozenset({"prep", "agent", "dative"})
OBJECT_DEPS = frozenset({"pobj", "pcomp"})


def prep_objects(tok, preps: tuple[str, ...] | frozenset[str]) -> Iterator:
    """Yield objects of the given prepositions attached to ``tok`` ("talks with X" → X)."""
    doc = tok.doc
    t = tree(doc)
    dep, lower, children = t.dep, t.lower, t.children
    for prep in children[tok.i]:
        if dep[prep] in PREP_DEPS and lower[prep] in preps:
            for obj in children[prep]:
                if dep[obj] in OBJECT_DEPS:
                    yield doc[obj]


# Dependents whose words are no part of a noun phrase: clauses, appositions, coordination.
PHRASE_CUTS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


def phrase(tok) -> list:
    """The noun phrase of ``tok`` without clauses hanging from it (relative clauses, etc.).

    Computed once per token of a document (callers ask for the same argument repeatedly);
    each call returns a new list."""
    doc = tok.doc
    t = tree(doc)
    toks = t.phrases.get(tok.i)
    if toks is None:
        skip: set[int] = set()
        for c in t.children[tok.i]:
            if t.dep[c] in PHRASE_CUTS:
                skip.update(t.subtree(c))
        toks = t.phrases[tok.i] = [doc[j] for j in t.subtree(tok.i) if j not in skip] or [tok]
    return list(toks)
