"""The typed document that flows through the pipeline's stages.

A stage reads the fields it declares in ``requires`` and fills the ones in ``assigns``;
``Document.to_record`` turns the finished document into the output contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from eventwire.model.article import Article
from eventwire.model.records import (
    Actor,
    ArticleRecord,
    Event,
    Place,
    Provenance,
    Quote,
    Rejection,
    Story,
    Timex,
)

SegmentKind = Literal["headline", "dateline", "paragraph"]


@dataclass(slots=True)
class Segment:
    """A headline, dateline or body paragraph: parsed separately so they never merge."""

    start: int
    end: int
    kind: SegmentKind


@dataclass(slots=True)
class Dateline:
    """A wire dateline such as ``MOSCOW (Outlet / Agency - 12th November, 2020)``."""

    start: int
    end: int
    place_start: int | None = None
    place_end: int | None = None
    outlet: str | None = None
    outlet_start: int | None = None
    outlet_end: int | None = None
    published: str | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    segment: int


@dataclass(slots=True)
class Parse:
    """A spaCy ``Doc`` of one segment; ``offset`` maps its char indices into the article."""

    offset: int
    doc: Any  # spacy.tokens.Doc; typed loosely so the model package never imports spaCy
    length: int = -1  # characters in the segment (spaCy rebuilds Doc.text on every access)
    chunks_cache: list | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.length < 0:
            self.length = len(self.doc.text)

    def covers(self, offset: int) -> bool:
        """True when article offset ``offset`` falls inside this segment."""
        return self.offset <= offset < self.offset + self.length

    @property
    def noun_chunks(self) -> list:
        """The Doc's noun chunks, computed once (spaCy recomputes them on every access)."""
        if self.chunks_cache is None:
            self.chunks_cache = list(self.doc.noun_chunks)
        return self.chunks_cache


@dataclass(slots=True)
class Entity:
    """A named-entity mention from the NER (spaCy labels: PERSON, ORG, GPE, NORP, LOC, FAC, …)."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Document:
    article: Article
    id: str = ""
    language: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    segments: list[Segment] = field(default_factory=list)
    dateline: Dateline | None = None
    sentences: list[Sentence] = field(default_factory=list)
    parses: list[Parse] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timex: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    story: Story = field(default_factory=Story)
    rejected: Rejection | None = None
    filled: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence that contains character ``offset``, if any."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def to_record(self, *, version: str, pipeline: str, model: str | None) -> ArticleRecord:
        """Return the output record (SCHEMA.md) of this document."""
        return ArticleRecord(
            id=self.id or self.article.content_id(),
            source=self.article.source,
            url=self.article.url,
            outlet=self.outlet,
            title=self.title,
            published=self.published,
            language=self.language,
            text=self.text,
            actors=self.actors,
            places=self.places,
            timex=self.timex,
            quotes=self.quotes,
            events=self.events,
            story=self.story,
            provenance=Provenance(
                eventwire=version,
                pipeline=pipeline,
                model=model,
                processed_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            ),
        )
