"""nlp: spaCy over each headline and paragraph separately (they must not merge), then entity fixes.

The NER's entities are corrected by ``eventwire.nlp.fixes`` (casing, boundaries, dictionaries,
one label per name within the article); ``doc.parses`` hold the spaCy docs with the corrected
``ents``, and ``doc.entities`` lists them in article offsets. An all-caps or title-case segment
is recased and run through the NER once more (its parse stays the original's).

A larger English model works the same way: set ``[nlp] model`` (or ``EVENTWIRE_NLP_MODEL``) to
an installed ``en_core_web_md``/``_lg`` package; the shipped default stays the small one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventwire.config import Config
from eventwire.model import Document, Entity, Parse, Sentence
from eventwire.nlp import load_model
from eventwire.nlp.fixes import Lexicon, case_forms, casing_mode, fix_segments, recase
from eventwire.registry import register_stage

# The recased copy of an all-caps or title-case segment only needs the NER (and the tok2vec it
# listens to): the parse stays the one of the original text.
_NER_ONLY_DISABLE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@dataclass
class Nlp:
    name = "nlp"
    requires = frozenset({"segments"})
    assigns = frozenset({"parses", "sentences", "entities"})
    model: str
    fallbacks: tuple[str, ...] = ()
    fix_entities: bool = True  # False gives spaCy's own entities (the benchmark's baseline)
    _nlp: Any = field(default=None, repr=False)
    _lexicon: Lexicon | None = field(default=None, repr=False)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_model(self.model, self.fallbacks)
        return self._nlp

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon.from_nlp(self.nlp)
        return self._lexicon

    @property
    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', 'core_web_sm')} {meta.get('version', '')}".strip()

    def __call__(self, doc: Document) -> Document:
        segments = [(i, s) for i, s in enumerate(doc.segments) if s.kind != "dateline"]
        texts = [doc.text[s.start:s.end] for _, s in segments]
        parsed = list(self.nlp.pipe(texts))
        if self.fix_entities and parsed:
            self._fix(parsed, texts, [s.kind == "headline" for _, s in segments])
        for (index, seg), sdoc in zip(segments, parsed):
            doc.parses.append(Parse(offset=seg.start, doc=sdoc))
            for sent in sdoc.sents:
                start, end = _trim(doc.text, seg.start + sent.start_char, seg.start + sent.end_char)
                if start < end:
                    doc.sentences.append(Sentence(start, end, index))
            for ent in sdoc.ents:
                start = seg.start + ent.start_char
                doc.entities.append(Entity(start, seg.start + ent.end_char, ent.label_, ent.text))
        return doc

    def _fix(self, parsed: list, texts: list[str], headline: list[bool]) -> None:
        """Set each parsed segment's ``ents`` to the fixed entities (in place: our own docs)."""
        modes = [casing_mode(t, h) for t, h in zip(texts, headline)]
        recased = {}
        odd = [i for i, m in enumerate(modes) if m]
        if odd:
            forms = case_forms(d for d, m in zip(parsed, modes) if m is None)
            lexicon = self.lexicon
            new_texts = [recase(texts[i], modes[i], forms, lexicon) for i in odd]
            disable = [p for p in _NER_ONLY_DISABLE if p in self.nlp.pipe_names]
            recased = dict(zip(odd, self.nlp.pipe(new_texts, disable=disable)))
        for sdoc, spans in zip(parsed, fix_segments(parsed, recased, self.lexicon)):
            sdoc.ents = spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@register_stage("nlp")
def _build(config: Config) -> Nlp:
    return Nlp(model=config.nlp.model, fallbacks=config.nlp.fallback_models)
