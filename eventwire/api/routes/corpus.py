"""Routes over the corpus: articles, actors, the actor registry, quotes and stories."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from eventwire.api.deps import StoreDep
from eventwire.api.models import ActorDetail, ActorSummary, ArticleSummary, QuoteRow
from eventwire.api.responses import json_response
from eventwire.model.records import ArticleRecord
from eventwire.store import EventFilter
from eventwire.store.reads import with_uid

router = APIRouter(prefix="/api", tags=["corpus"])

MAX_PAGE = 1000
TOTAL = {200: {"headers": {"X-Total-Count": {"description": "items matching the filters", "schema": {"type": "integer"}}}}}


@router.get("/articles", response_model=list[ArticleSummary], responses=TOTAL)
def list_articles(
    store: StoreDep,
    q: Annotated[str | None, Query(description="full-text search over title and text")] = None,
    outlet: Annotated[str | None, Query(description="exact outlet name")] = None,
    since: Annotated[str | None, Query(description="earliest publication date, ISO prefix")] = None,
    until: Annotated[str | None, Query(description="latest publication date, ISO prefix, inclusive")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """List articles (without their text), newest published first, with counts of what was coded."""
    rows = store.list_articles(q=q, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    return json_response(rows, total=store.count_articles(q=q, outlet=outlet, since=since, until=until))


@router.get("/articles/{article_id:path}", response_model=ArticleRecord, response_model_by_alias=True)
def get_article(article_id: str, store: StoreDep) -> Response:
    """Return one article's full record: text, actors, places, times, quotes and events with their spans."""
    record = store.get_article(article_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return json_response(record)


@router.get("/actors", response_model=list[ActorSummary])
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="words in the actor's name")] = None,
    country: Annotated[str | None, Query(description="ISO3 country")] = None,
    code: Annotated[str | None, Query(description="CAMEO actor code prefix, e.g. KEN or KENGOV")] = None,
    sort: Annotated[str, Query(description="events, articles, mentions or name; '-' for descending")] = "-events",
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """List the corpus's actors (one per name and CAMEO code) with their article, mention and event counts."""
    return json_response(store.list_actors(q=q, country=country, code=code, sort=sort, limit=limit, offset=offset))


@router.get("/actors/{actor_id}", response_model=ActorDetail)
def get_actor(
    actor_id: str,
    store: StoreDep,
    recent: Annotated[int, Query(ge=0, le=MAX_PAGE, description="how many of its latest events to include")] = 20,
) -> Response:
    """Return one actor: titles, timeline of its events by date and quad class, counterparts, latest events."""
    actor: dict[str, Any] | None = store.get_actor(actor_id)
    if actor is None:
        raise HTTPException(status_code=404, detail=f"no actor with id {actor_id!r}; list them with /api/actors")
    actor["recent_events"] = [with_uid(r) for r in store.query_events(EventFilter(actor_id=actor_id), limit=recent)]
    return json_response(actor)


@router.get("/quotes", response_model=list[QuoteRow])
def list_quotes(
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="words in the speaker's name")] = None,
    speaker_id: Annotated[str | None, Query(description="corpus actor id of the speaker")] = None,
    article: Annotated[str | None, Query(description="only this article's quotes")] = None,
    q: Annotated[str | None, Query(description="words in the quote")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """List quotes with their speakers (resolved through coreference), newest article first."""
    return json_response(store.list_quotes(speaker=speaker, speaker_id=speaker_id, article=article, q=q,
                                           limit=limit, offset=offset))


@router.get("/stories", response_model=list[dict[str, Any]])
def list_stories(
    store: StoreDep,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """List story clusters (syndicated copies and rewrites of one story); empty until clustering has run."""
    return json_response(store.list_stories(limit=limit, offset=offset))


@router.get("/registry", response_model=list[dict[str, Any]])
def list_registry(
    store: StoreDep,
    q: Annotated[str | None, Query(description="any part of a name or of a spelling seen")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 50,
) -> Response:
    """The actor registry: persons and organisations across articles (most articles first), each with
    its country and sector, the spellings seen, and its titles over time; empty until ingested."""
    from eventwire.corpus import Corpus

    return json_response(Corpus(store).registry(q, limit))
