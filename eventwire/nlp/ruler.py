"""A faster driver for spaCy's attribute ruler, with the very same effect, and the parse loop using the stand-ins.

spaCy's ``attribute_ruler`` (tag map and morph rules: POS, MORPH and some LEMMA from the tag and
the word) runs a ``Matcher`` of ~180 patterns over every token: ~12 % of the small model's time
on news (``eventwire bench speed``; 17-19 ms of ~140 ms an article). All but a few of those
patterns look at one token, and whether a one-token pattern matches depends only on that
token's text, tag and dependency label. So ``FastAttributeRuler`` matches each distinct
(text, tag, dep) once, with a Matcher of the one-token patterns over a one-token Doc, and
caches the hits; the other patterns, multi-token (``ain't``, ``gonna``, ``there is`` …), keep
a Matcher of their own over the real Doc. The matches, in the ruler's order, are then applied by the
ruler's own ``set_annotations``: the tokens end up exactly as the ruler leaves them
(``tests/nlp/test_ruler.py`` compares every token attribute on the examples).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

from spacy.attrs import DEP, ORTH, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

from eventwire.nlp.blas import one_blas_thread
from eventwire.nlp.greedy import greedy_stand_ins

Match = tuple[int, int, int, int]  # (pattern index, match id, start, end): the ruler's sort order

# Distinct (text, tag, dep) keys kept; news runs to tens of thousands, each a few hundred bytes.
MAX_CACHED = 100_000
# Token attributes fixed by a token's text, tag and dependency label alone. A one-token pattern
# on anything else (NORM, set by tokenizer exceptions; POS, MORPH, set by other components; an
# "OP") is matched over the real Doc, as the multi-token ones are.
_KEYED = frozenset({"TAG", "DEP", "ORTH", "TEXT", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
                    "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "SHAPE", "PREFIX",
                    "SUFFIX"})


class FastAttributeRuler:
    """Apply an ``AttributeRuler``'s patterns to docs as the ruler itself would, faster."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.name = ruler.name
        self.vocab = ruler.vocab
        self._single = Matcher(self.vocab, validate=False)
        self._multi = Matcher(self.vocab, validate=False)
        for index, entry in enumerate(ruler.patterns):  # entry i is matched under the key str(i)
            keyed = all(len(pattern) == 1 and set(pattern[0]) <= _KEYED for pattern in entry["patterns"])
            (self._single if keyed else self._multi).add(str(index), entry["patterns"])
        self._hits: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys = doc.to_array([ORTH, TAG, DEP]).tolist()
        if any(tag == 0 or dep == 0 for _, tag, dep in keys):
            return self.ruler(doc)  # no tag or no parse: leave the unusual case to the ruler
        matches = self._matches(self._multi, doc)
        hits = self._hits
        for i, key in enumerate(keys):
            found = hits.get(key := tuple(key))  # type: ignore[assignment]
            if found is None:
                found = self._one_token_hits(key)  # type: ignore[arg-type]
            matches.extend((index, match_id, i, i + 1) for index, match_id in found)
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _matches(self, matcher: Matcher, doc: Doc) -> list[Match]:
        strings = self.vocab.strings
        return [(int(strings[m]), m, s, e) for m, s, e in matcher(doc, allow_missing=True, as_spans=False)]

    def _one_token_hits(self, key: tuple[int, int, int]) -> tuple[tuple[int, int], ...]:
        orth, tag, dep = key
        strings = self.vocab.strings
        alone = Doc(self.vocab, words=[strings[orth]], spaces=[False], tags=[strings[tag]], deps=[strings[dep]],
                    heads=[0])
        found = tuple((index, match_id) for index, match_id, _, _ in self._matches(self._single, alone))
        if len(self._hits) >= MAX_CACHED:
            self._hits.clear()
        self._hits[key] = found
        return found


def faster_components(nlp: Any) -> dict[str, Any]:
    """Return {component name: faster stand-in} for ``nlp``'s components that have one: the
    attribute ruler, and the parser and NER (``eventwire.nlp.greedy``)."""
    rulers = {name: FastAttributeRuler(proc) for name, proc in nlp.pipeline if type(proc).__name__ == "AttributeRuler"}
    return rulers | greedy_stand_ins(nlp)


def parse(nlp: Any, texts: Sequence[str], stand_ins: dict[str, Any], disable: Iterable[str] = ()) -> Iterator[Doc]:
    """Run ``texts`` through ``nlp``'s components in order, as ``nlp.pipe`` does, with the stand-ins.

    Components are chained lazily with ``nlp.batch_size`` (as ``nlp.pipe`` chains them); the
    ones in ``disable`` are skipped. numpy's BLAS runs on one thread while the docs are made
    (``eventwire.nlp.blas``).
    """
    skip = set(disable)
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, proc in nlp.pipeline:
        if name not in skip:
            docs = stand_ins.get(name, proc).pipe(docs, batch_size=nlp.batch_size)
    return _one_thread(docs)


def _one_thread(docs: Iterable[Doc]) -> Iterator[Doc]:
    with one_blas_thread():  # until the stream ends or is dropped (only a CPU budget: same docs either way)
        yield from docs


def needs_tok2vec(nlp: Any, components: Iterable[str]) -> bool:
    """True when one of ``components`` listens to ``nlp``'s shared ``tok2vec`` (en_core_web_sm's
    NER has its own embedding: a NER-only pass can skip the shared one)."""
    if "tok2vec" not in nlp.pipe_names:
        return False
    listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", None)
    if listeners is None:
        return True  # cannot tell: keep it
    return any(name in listeners for name in components)
