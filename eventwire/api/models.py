"""Response and request shapes of the API, for its OpenAPI description (/openapi.json).

Routes return plain JSON built by the store (see ``responses.json_response``); these models
document it. Field names follow SCHEMA.md and ``store.EVENT_ROW_COLUMNS``.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eventwire.model.records import Actor, Event, Place, Quote


class EventRow(BaseModel):
    """One event as a flat row: the event, its actors, place and article, and its evidence text."""

    uid: str = Field(description="global event id: '<article id>/<event id>'")
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    event_id: str
    plover: str
    mode: str | None
    contexts: list[str]
    cameo: str
    quad: int
    goldstein: float
    source_id: str | None
    source_code: str | None
    source_country: str | None
    source_name: str | None
    target_id: str | None
    target_code: str | None
    target_country: str | None
    target_name: str | None
    date: str | None
    date_precision: str | None
    date_basis: str | None
    place_id: str | None
    place_name: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    dead: int | None
    injured: int | None
    factual: bool
    modality: str
    confidence: float
    trigger: str
    evidence_start: int
    evidence_end: int
    evidence: str
    quote_id: str | None


class ArticleRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None


class EventDetail(BaseModel):
    """One event with everything that supports it."""

    uid: str
    row: EventRow
    event: Event = Field(description="the event exactly as in the article's record")
    evidence: dict[str, Any] = Field(description="{start, end, text}: the sentence that states the event")
    source_actor: Actor | None
    target_actor: Actor | None
    place: Place | None
    quote: Quote | None
    article: ArticleRef


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None
    language: str | None
    events: int
    actors: int
    places: int
    quotes: int


class ActorSummary(BaseModel):
    id: str = Field(description="corpus actor key (name + CAMEO code)")
    name: str | None
    type: str | None
    code: str | None
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    events: int


class DayCount(BaseModel):
    date: str | None
    quad: int
    count: int


class Counterpart(BaseModel):
    id: str
    name: str | None
    code: str | None
    role: str = Field(description="the counterpart's role: 'target' when this actor was the source")
    quad: int
    count: int


class ActorDetail(ActorSummary):
    titles: list[str]
    timeline: list[DayCount] = Field(description="events by date and quad class (dates at their own precision)")
    counterparts: list[Counterpart]
    recent_events: list[EventRow]


class QuoteRow(BaseModel):
    article_id: str
    quote_id: str
    text: str
    kind: str
    start: int
    end: int
    speaker_local_id: str | None
    speaker_id: str | None = Field(description="corpus actor key of the speaker")
    speaker_name: str | None
    speaker_code: str | None
    speaker_title: str | None
    title: str | None
    outlet: str | None
    published: str | None


class TypeCount(BaseModel):
    plover: str
    count: int


class QuadCount(BaseModel):
    quad: int
    count: int


class CountryCount(BaseModel):
    country: str
    name: str | None
    numeric: str | None = Field(description="ISO 3166-1 numeric code (the map's shape id)")
    count: int


class Stats(BaseModel):
    totals: dict[str, int] = Field(description="rows in the store: articles, rejected, events, actors, places, quotes")
    events: int | None = Field(None, description="events matching the filters")
    undated: int | None = None
    imprecise: int | None = Field(None, description="matching events dated only to the month or year (not in by_day)")
    by_day: list[DayCount] | None = None
    by_type: list[TypeCount] | None = None
    by_quad: list[QuadCount] | None = None
    by_country: list[CountryCount] | None = None


class NetworkNode(BaseModel):
    id: str
    name: str | None
    code: str | None
    country: str | None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    quad: int
    count: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    actors_total: int


class PlaceCount(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    count: int
    by_quad: dict[str, int]


class CodeRequest(BaseModel):
    """A text to code. Nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text; offsets in the result refer to it")
    title: str | None = None
    published: str | None = Field(None, description="publication date (YYYY-MM-DD): resolves 'on Thursday'")
    outlet: str | None = None
    url: str | None = None
    id: str | None = None
