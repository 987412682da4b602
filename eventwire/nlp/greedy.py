"""A driver for spaCy's transition-based parser and NER that keeps the GIL through the parse loop.

spaCy's ``greedy_parse`` releases the GIL (``with nogil``) around its transition loop, but the
compiled validity checks of the transition systems (``ner.pyx``'s ``Begin.is_valid`` & co.,
called for every action of every state at every step) each take the GIL back for an error
check and drop it again. With ~74 NER actions that is hundreds of thousands of
take/drop pairs an article: in a ``perf`` profile of the NER alone, ``take_gil``, ``drop_gil``,
``PyGILState_*`` and the mutexes behind them were about half of the samples. With the GIL
already held those checks are nearly free (spaCy's CPU on 7 539 benchmark segments: 52.5 ->
35.6 s).

``GreedyParser`` runs the very same steps from Python: the component's own step model
(tok2vec, precomputed lower layer) scores the unfinished states, and the component's own
``transition_states`` (``c_transition_batch``: validity, argmax, action) applies the best
valid action, as ``greedy_parse`` does in C. The state features are summed by the same C
function, the upper layer is the same ``gemm`` plus bias, unseen classes get the same minimum;
batches are split and sorted by length as ``Parser.pipe`` does. So the docs end up exactly as
spaCy leaves them (``tests/nlp/test_greedy.py`` compares every token and entity).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import set_dropout_rate

# The transition-based components this driver stands in for (spaCy's class names).
PARSER_TYPES = frozenset({"DependencyParser", "EntityRecognizer"})


class GreedyParser:
    """Parse docs as a transition-based ``component`` with ``beam_width`` 1 does, GIL held."""

    def __init__(self, component: Any) -> None:
        self.component = component
        self.name = component.name

    def __call__(self, doc: Doc) -> Doc:
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Annotate ``docs`` in batches, as ``Parser.pipe``: each batch parsed in length-sorted quarters."""
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            for part in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
                part = list(part)
                self.component.set_annotations(part, self.predict(part))
            yield from batch

    def predict(self, docs: list[Doc]) -> list:
        """Return the final parse states of ``docs`` (``Parser.predict`` with a greedy search)."""
        component = self.component
        if component.cfg.get("beam_width", 1) != 1 or not any(len(doc) for doc in docs):
            return component.predict(docs)  # beam search, or nothing to parse: spaCy's own path
        component._ensure_labels_are_added(docs)
        set_dropout_rate(component.model, 0.0)
        states = component.moves.init_batch(docs)
        step = component.model.predict(docs)
        try:
            active = [state for state in states if not state.is_final()]
            while active:
                active = component.transition_states(active, step.predict(active))
        finally:
            step.clear_memory()
        return states


def greedy_stand_ins(nlp: Any) -> dict[str, GreedyParser]:
    """Return {name: GreedyParser} for ``nlp``'s transition-based components."""
    return {name: GreedyParser(proc) for name, proc in nlp.pipeline if type(proc).__name__ in PARSER_TYPES}
