"""Routes over filtered events: the list, one event, counts, the actor network and the map's places."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from eventwire.api.countries import country_info
from eventwire.api.deps import StoreDep
from eventwire.api.models import EventDetail, EventRow, Network, PlaceCount, Stats
from eventwire.api.responses import TOTAL_HEADER, json_response
from eventwire.errors import unknown_choice
from eventwire.store import SORT_COLUMNS, EventFilter, QueryError, parse_bbox, split_event_uid
from eventwire.store.reads import with_uid

router = APIRouter(prefix="/api", tags=["events"])

# Most rows one /api/events call returns; page with offset beyond it.
MAX_LIMIT = 10_000

# How long a filter's event count is reused for X-Total-Count. Paging through results asks for
# the same count again and again, and counting a broad filter costs more than the page itself;
# a count may lag an ingest by this long (the rows themselves are always fresh).
COUNT_TTL_SECONDS = 10.0
COUNT_CACHE_SIZE = 4096

# Events counted at most for X-Total-Count unless the caller asks for the exact total
# (count=exact): counting stops there, so a broad filter costs a bounded walk of an index
# rather than a count of every match (bench api: up to 27 ms -> 4 ms on 200,000 events). 200
# pages of 50 are more than anyone pages through; the UI shows "10,000+".
COUNT_CAP = 10_000
# Header set to "true" when X-Total-Count holds COUNT_CAP because at least that many matched.
CAPPED_HEADER = "X-Total-Count-Capped"
COUNT_MODES = {"true": "capped", "1": "capped", "yes": "capped", "on": "capped", "capped": "capped",
               "false": None, "0": None, "no": None, "off": None, "exact": "exact"}


class CountCache:
    """A small thread-safe cache of counts by filter, each kept for ``ttl`` seconds."""

    def __init__(self, ttl: float = COUNT_TTL_SECONDS, size: int = COUNT_CACHE_SIZE) -> None:
        self._ttl = ttl
        self._size = size
        self._data: OrderedDict[Hashable, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], int]) -> int:
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and now - hit[0] < self._ttl:
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (now, value)
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


SORT_HELP = ("sort key, '-' prefix for descending: " + ", ".join(sorted(SORT_COLUMNS))
             + "; default -date (newest first, undated last)")


async def event_filter(
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO event code or root, as a prefix: 19, 190, 1823")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict")] = None,
    actor: Annotated[str | None, Query(description="CAMEO actor code prefix of source or target, e.g. RUS or RUSGOV")] = None,
    actor_name: Annotated[str | None, Query(description="words in the source's or target's name")] = None,
    actor_id: Annotated[str | None, Query(description="corpus actor id (from /api/actors) of source or target")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of source, target or location")] = None,
    since: Annotated[str | None, Query(description="earliest event date, ISO prefix (2020, 2020-11, 2020-11-12)")] = None,
    until: Annotated[str | None, Query(description="latest event date, ISO prefix, inclusive")] = None,
    place: Annotated[str | None, Query(description="words in the event location's name")] = None,
    bbox: Annotated[str | None, Query(description="bounding box west,south,east,north in degrees, e.g. -20,-35,52,38")] = None,
    q: Annotated[str | None, Query(description="full-text search over article title and text")] = None,
    factual: Annotated[bool | None, Query(description="true: only events stated as fact; false: only intended, threatened, denied…")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="lowest coder confidence, 0..1")] = None,
    article: Annotated[str | None, Query(description="only the events of this article id")] = None,
) -> EventFilter:
    """The event filter shared by /api/events, /api/stats, /api/network and /api/places.

    A coroutine though it never waits: FastAPI then runs it on the event loop instead of
    handing it to a worker thread and back (a thread switch per request under load).
    """
    return EventFilter.of(type=type, cameo=cameo, quad=quad, actor=actor, actor_name=actor_name, actor_id=actor_id,
                          country=country, since=since, until=until, place=place,
                          bbox=parse_bbox(bbox) if bbox and bbox.strip() else None, q=q, factual=factual,
                          min_confidence=min_confidence, article=article)


FilterDep = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=list[EventRow],
            responses={200: {"headers": {
                TOTAL_HEADER: {"description": f"events matching the filters; with count=true at most {COUNT_CAP}",
                               "schema": {"type": "integer"}},
                CAPPED_HEADER: {"description": f"'true' when at least {COUNT_CAP} events match and "
                                               "X-Total-Count stopped there", "schema": {"type": "string"}}}}})
def list_events(
    request: Request,
    store: StoreDep,
    filters: FilterDep,
    sort: Annotated[str | None, Query(description=SORT_HELP)] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    count: Annotated[str, Query(description=f"X-Total-Count: true counts up to {COUNT_CAP} (then sets "
                                            f"{CAPPED_HEADER}), exact counts every match, false skips the count")] = "true",
) -> Response:
    """List events matching every given filter as flat rows; the total is in X-Total-Count.

    The total is counted up to 10,000 (X-Total-Count-Capped: true says there are at least
    that many) unless count=exact, and reused for up to 10 seconds for the same filter.
    """
    if count.strip().lower() not in COUNT_MODES:
        raise QueryError(unknown_choice("count", count, ["true", "false", "exact"]))
    mode = COUNT_MODES[count.strip().lower()]
    rows = store.query_events(filters, sort=sort, limit=limit, offset=offset)
    if mode is None:
        return json_response([with_uid(row) for row in rows])
    at_most = None if mode == "exact" else COUNT_CAP + 1
    total = request.app.state.count_cache.get((filters, mode), lambda: store.count_events(filters, at_most=at_most))
    capped = at_most is not None and total > COUNT_CAP
    return json_response([with_uid(row) for row in rows], total=min(total, COUNT_CAP) if capped else total,
                         headers={CAPPED_HEADER: "true"} if capped else None)


@router.get("/events/{uid:path}", response_model=EventDetail)
def get_event(uid: str, store: StoreDep) -> Response:
    """Return one event (global id "<article id>/<event id>") with its evidence, actors, place and article."""
    parts = split_event_uid(uid)
    row = store.get_event(*parts) if parts else None
    record = store.get_article(parts[0]) if row and parts else None
    if row is None or record is None:
        raise HTTPException(status_code=404, detail=f"no event with id {uid!r}; ids look like '<article id>/e1'")
    event = next(e for e in record["events"] if e["id"] == row["event_id"])
    by_id: dict[str, dict[str, Any]] = {item["id"]: item for key in ("actors", "places", "quotes") for item in record[key]}
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    detail = {
        "uid": uid,
        "row": with_uid(row),
        "event": event,
        "evidence": {"start": start, "end": end, "text": record["text"][start:end]},
        "source_actor": by_id.get(event["source"] or ""),
        "target_actor": by_id.get(event["target"] or ""),
        "place": by_id.get(event["location"] or ""),
        "quote": by_id.get(event["quote"] or ""),
        "article": {k: record.get(k) for k in ("id", "title", "outlet", "published", "url", "source")},
    }
    return json_response(detail)


@router.get("/stats", response_model=Stats)
def stats(store: StoreDep, filters: FilterDep,
          breakdown: Annotated[bool, Query(description="false: only the store's totals (a cheap call)")] = True) -> Response:
    """Count the store's rows, and the matching events by day and quad class, type, quad and country."""
    if not breakdown:
        return json_response({"totals": store.stats()})
    counts = store.event_counts(filters)
    counts["by_country"] = [{**c, **country_info(c["country"])} for c in counts["by_country"]]
    return json_response({"totals": store.stats(), **counts})


@router.get("/network", response_model=Network)
def network(store: StoreDep, filters: FilterDep,
            max_actors: Annotated[int, Query(ge=2, le=300, description="most actors shown (by event count)")] = 40) -> Response:
    """Return the dyads of the matching events: actors as nodes, (source, target, quad) edges weighted by count."""
    return json_response(store.dyads(filters, max_actors=max_actors))


@router.get("/places", response_model=list[PlaceCount])
def places(store: StoreDep, filters: FilterDep,
           limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> Response:
    """Return the locations of the matching events with their counts by quad class, most events first."""
    return json_response(store.event_places(filters, limit=limit))
