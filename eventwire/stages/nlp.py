"""nlp: spaCy over each headline and paragraph separately (they must not merge)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventwire.config import Config
from eventwire.model import Document, Entity, Parse, Sentence
from eventwire.nlp import load_model
from eventwire.registry import register_stage


@dataclass
class Nlp:
    name = "nlp"
    requires = frozenset({"segments"})
    assigns = frozenset({"parses", "sentences", "entities"})
    model: str
    fallbacks: tuple[str, ...] = ()
    _nlp: Any = field(default=None, repr=False)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_model(self.model, self.fallbacks)
        return self._nlp

    @property
    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', 'core_web_sm')} {meta.get('version', '')}".strip()

    def __call__(self, doc: Document) -> Document:
        segments = [(i, s) for i, s in enumerate(doc.segments) if s.kind != "dateline"]
        texts = [doc.text[s.start:s.end] for _, s in segments]
        for (index, seg), parsed in zip(segments, self.nlp.pipe(texts)):
            doc.parses.append(Parse(offset=seg.start, doc=parsed))
            for sent in parsed.sents:
                start, end = _trim(doc.text, seg.start + sent.start_char, seg.start + sent.end_char)
                if start < end:
                    doc.sentences.append(Sentence(start, end, index))
            for ent in parsed.ents:
                start = seg.start + ent.start_char
                doc.entities.append(Entity(start, seg.start + ent.end_char, ent.label_, ent.text))
        return doc


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@register_stage("nlp")
def _build(config: Config) -> Nlp:
    return Nlp(model=config.nlp.model, fallbacks=config.nlp.fallback_models)
