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
from eventwire.nlp.ruler import faster_components, needs_tok2vec, parse
from eventwire.registry import register_stage

# The recased copy of an all-caps or title-case segment only needs the NER: the parse stays the
# one of the original text. The shared tok2vec is skipped too when the NER does not listen to
# it (en_core_web_sm's has its own embedding): ~40 % of that pass.
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
    _stand_ins: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_model(self.model, self.fallbacks)
        return self._nlp

    @property
    def stand_ins(self) -> dict[str, Any]:
        """Faster components with the same effect (``eventwire.nlp.ruler``), built once."""
        if self._stand_ins is None:
            self._stand_ins = faster_components(self.nlp)
        return self._stand_ins

    def _ner_only_disable(self) -> list[str]:
        disable = [p for p in _NER_ONLY_DISABLE if p in self.nlp.pipe_names]
        if not needs_tok2vec(self.nlp, [p for p in self.nlp.pipe_names if p not in disable and p != "tok2vec"]):
            disable.append("tok2vec")
        return disable

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
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Parse the segments of all ``docs`` in one stream; same result as one by one.

        spaCy's per-call overhead and small matrix products cost ~15 % when each article is its
        own call (``eventwire bench speed``: "spacy per article" against "spacy stream"). Entity
        fixes stay per article (they harmonize labels within one article only).
        """
        jobs = [[(i, s) for i, s in enumerate(doc.segments) if s.kind != "dateline"] for doc in docs]
        texts = [[doc.text[s.start:s.end] for _, s in segments] for doc, segments in zip(docs, jobs)]
        stream = parse(self.nlp, [t for article in texts for t in article], self.stand_ins)
        parsed = [[next(stream) for _ in article] for article in texts]
        if self.fix_entities:
            self._fix(parsed, texts, [[s.kind == "headline" for _, s in segments] for segments in jobs])
        for doc, segments, sdocs in zip(docs, jobs, parsed):
            self._fill(doc, segments, sdocs)
        return docs

    @staticmethod
    def _fill(doc: Document, segments: list, parsed: list) -> None:
        for (index, seg), sdoc in zip(segments, parsed):
            doc.parses.append(Parse(offset=seg.start, doc=sdoc))
            for sent in sdoc.sents:
                start, end = _trim(doc.text, seg.start + sent.start_char, seg.start + sent.end_char)
                if start < end:
                    doc.sentences.append(Sentence(start, end, index))
            for ent in sdoc.ents:
                start = seg.start + ent.start_char
                doc.entities.append(Entity(start, seg.start + ent.end_char, ent.label_, ent.text))

    def _fix(self, parsed: list[list], texts: list[list[str]], headline: list[list[bool]]) -> None:
        """Set each parsed segment's ``ents`` to the fixed entities (in place: our own docs).

        The recased copies of all articles go through the NER in one stream as well.
        """
        modes = [[casing_mode(t, h) for t, h in zip(ts, hs)] for ts, hs in zip(texts, headline)]
        odd = [(a, i) for a, article in enumerate(modes) for i, m in enumerate(article) if m]
        recased: list[dict] = [{} for _ in parsed]
        if odd:
            lexicon = self.lexicon
            forms = {a: case_forms(d for d, m in zip(parsed[a], modes[a]) if m is None) for a, _ in odd}
            new_texts = [recase(texts[a][i], modes[a][i], forms[a], lexicon) for a, i in odd]
            for (a, i), rdoc in zip(odd, parse(self.nlp, new_texts, self.stand_ins, self._ner_only_disable())):
                recased[a][i] = rdoc
        for article, again in zip(parsed, recased):
            if article:
                for sdoc, spans in zip(article, fix_segments(article, again, self.lexicon)):
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
