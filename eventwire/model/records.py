"""Typed records of the output contract (../shared/docs/SCHEMA.md, schema eventwire/1).

Every span is a pair of character offsets into ``Document.text`` (Python indices, end
exclusive) and carries the text it covers, so that ``text[start:end] == span.text``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "eventwire/1"

ActorType = Literal["PERSON", "ORG", "GPE", "GROUP"]
MentionKind = Literal["name", "title", "pronoun", "nominal"]
Feature = Literal["city", "country", "admin1", "region", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect"]
Modality = Literal["asserted", "intended", "proposed", "threatened", "hypothetical", "negated", "historical"]
Precision = Literal["day", "month", "year"]
DateBasis = Literal["timex", "published"]


class Record(BaseModel):
    """Base of every output record: strict field names, no silent extras."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    start: int
    end: int
    text: str


class Mention(Span):
    kind: MentionKind = "name"


class Actor(Record):
    id: str
    name: str
    type: ActorType
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    feature: Feature = "other"
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.0
    mentions: list[Span] = Field(default_factory=list)


class Timex(Span):
    type: TimexType = "DATE"
    value: str


class Quote(Record):
    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None
    cue: Span | None = None


class Evidence(Record):
    start: int
    end: int


class Event(Record):
    id: str
    plover: str
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    cameo: str
    quad: int
    goldstein: float
    source: str | None = None
    target: str | None = None
    date: str | None = None
    date_precision: Precision | None = None
    date_basis: DateBasis | None = None
    location: str | None = None
    dead: int | None = None
    injured: int | None = None
    factual: bool = True
    modality: Modality = "asserted"
    trigger: Span
    evidence: Evidence
    quote: str | None = None
    confidence: float = 0.0


class Story(Record):
    cluster: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None


class Provenance(Record):
    eventwire: str
    pipeline: str = "default"
    model: str | None = None
    processed_at: str


class Rejection(Record):
    stage: str
    reason: str


class ArticleRecord(Record):
    """One coded article, exactly as printed by ``eventwire code`` and stored."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: str
    source: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    text: str
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    timex: list[Timex] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    story: Story = Field(default_factory=Story)
    provenance: Provenance

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RejectedRecord(Record):
    """The one record an input that cannot be coded still yields, so outputs line up with inputs."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: str
    source: str | None = None
    rejected: Rejection

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
