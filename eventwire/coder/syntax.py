"""Small dependency-tree helpers shared by the coder's rules."""
from __future__ import annotations

from typing import Iterator

from spacy.attrs import DEP, HEAD, LEMMA, LOWER

# Dependencies that open a clause of its own: a date or place inside such a clause describes
# that clause's event, not one outside it ("the visit, which was announced in early November").
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "xcomp", "csubj", "parataxis", "conj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})


def ancestors(tok) -> Iterator:
    doc = tok.doc
    head = tree(doc).head
    i = tok.i
    while head[i] != i:
        i = head[i]
        yield doc[i]


def clause_head(tok):
    """Return the head of the smallest clause containing ``tok`` (a verb, or the root)."""
    return tok.doc[clause_head_index(tree(tok.doc), tok.i)]


def clause_head_index(t: _Tree, i: int) -> int:
    """``clause_head`` by token index."""
    head, dep = t.head, t.dep
    while head[i] != i:
        if dep[i] in CLAUSE_DEPS or dep[i] == "ROOT":
            return i
        i = head[i]
    return i


def clause_chain(tok) -> list:
    """Return the heads of every clause enclosing ``tok``, innermost first."""
    return [tok.doc[i] for i in clause_chain_indices(tree(tok.doc), tok.i)]


def clause_chain_indices(t: _Tree, i: int) -> list[int]:
    """``clause_chain`` by token index."""
    chain = []
    cur = clause_head_index(t, i)
    while True:
        chain.append(cur)
        if t.head[cur] == cur:
            return chain
        cur = clause_head_index(t, t.head[cur])


def depth_of(tok) -> int:
    """The number of heads above ``tok``."""
    head = tree(tok.doc).head
    i, depth = tok.i, 0
    while head[i] != i:
        i, depth = head[i], depth + 1
    return depth


def has_child(tok, deps: frozenset[str] | tuple[str, ...], words: frozenset[str] | set[str] | None = None) -> bool:
    """True when ``tok`` has a child with one of ``deps`` (and, if given, a lower-cased form in ``words``)."""
    t = tree(tok.doc)
    dep, lower = t.dep, t.lower
    return any(dep[c] in deps and (words is None or lower[c] in words) for c in t.children[tok.i])


class _Tree:
    """A document's dependency tree as plain lists: each token's head, children (ascending, as
    ``Token.children`` yields them), dependency label and lower-cased form (and the string ids
    of its lemma and form), and the phrases asked so far. Reading these builds no spaCy
    ``Token`` (the coder asks about the same few children hundreds of thousands of times per
    100 articles)."""

    __slots__ = ("doc", "head", "children", "dep", "lower", "lemma_ids", "lower_ids", "phrases")

    def __init__(self, doc) -> None:
        table = doc.to_array([HEAD, DEP, LOWER, LEMMA])
        self.doc = doc
        self.head = [i + offset for i, offset in enumerate(table[:, 0].astype("int64").tolist())]
        self.children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, head in enumerate(self.head):
            if head != i:
                self.children[head].append(i)
        self.lower_ids: list[int] = table[:, 2].tolist()
        self.lemma_ids: list[int] = table[:, 3].tolist()
        self.dep = _strings(doc, table[:, 1].tolist())
        self.lower = _strings(doc, self.lower_ids)
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


# The strings of the string ids met so far (a string id always names the same string); kept
# bounded, as a long run meets ever more words.
_NAMES: dict[int, str] = {}
MAX_NAMES = 200_000


def _strings(doc, keys: list[int]) -> list[str]:
    """The strings of a column of string ids."""
    missing = set(keys).difference(_NAMES)
    if missing:
        if len(_NAMES) > MAX_NAMES:
            _NAMES.clear()
            missing = set(keys)
        strings = doc.vocab.strings
        _NAMES.update((k, strings[k]) for k in missing)
    return list(map(_NAMES.__getitem__, keys))


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
    for obj in prep_object_indices(tree(doc), tok.i, preps):
        yield doc[obj]


def prep_object_indices(t: _Tree, i: int, preps: tuple[str, ...] | frozenset[str] | set[str]) -> Iterator[int]:
    """``prep_objects`` by token index."""
    dep, lower, children = t.dep, t.lower, t.children
    for prep in children[i]:
        if dep[prep] in PREP_DEPS and lower[prep] in preps:
            for obj in children[prep]:
                if dep[obj] in OBJECT_DEPS:
                    yield obj


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
