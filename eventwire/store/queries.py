"""Event filters and sort orders, turned into SQLAlchemy conditions over the ``events`` table.

One ``EventFilter`` serves every read that selects events (the events list, counts by day, type
and country, dyads, places, actor timelines), so the table, the timeline, the map and the network
of the UI always show the same events for the same filters.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from eventwire.errors import StoreError, unknown_choice
from eventwire.store.schema import articles, events
from eventwire.store.where import Where, where_of

# The 16 PLOVER event types, in the order of the PLOVER manual.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class QueryError(StoreError):
    """A filter, sort or page parameter is invalid (the API answers 422 with the message)."""


# Sort keys a caller may name, each with its column; "-key" sorts descending. NULLs sort last in
# both directions, and ties break on (article id, position in the article) so pages are stable.
SORT_COLUMNS: dict[str, sa.ColumnElement[Any]] = {
    "date": events.c.date,
    "published": articles.c.published,
    "type": events.c.plover,
    "cameo": events.c.cameo,
    "quad": events.c.quad,
    "goldstein": events.c.goldstein,
    "confidence": events.c.confidence,
    "dead": events.c.dead,
    "source": events.c.source_name,
    "target": events.c.target_name,
    "place": events.c.place_name,
    "outlet": articles.c.outlet,
}
DEFAULT_SORT = "-date"

@dataclass(frozen=True, slots=True)
class EventFilter:
    """Criteria an event must meet; every field left None is no constraint.

    - ``type``: PLOVER type (case-insensitive); ``cameo``: CAMEO code or root, as a prefix
      ("19" every 19x code, "190" also 1901…); ``quad``: quad class 1-4.
    - ``actor``: CAMEO actor code prefix of source or target ("RUS", "RUSGOV");
      ``actor_name``: words in the source's or target's name (case-insensitive substring);
      ``actor_id``: corpus actor key (``keys.actor_key``) of source or target.
    - ``country``: ISO3 of the source, target or location.
    - ``since``/``until``: ISO date prefixes, inclusive, compared at each event's own precision
      (a year-only "2020" event falls within since="2020-06").
    - ``place``: words in the location's name; ``bbox``: (west, south, east, north) in degrees,
      west > east crosses the antimeridian.
    - ``q``: full-text search over the article's title and text.
    - ``factual``: only events stated as fact (True) or only intended, threatened, denied… (False).
    - ``min_confidence``: 0..1. ``article``/``event``: one article's events, one event.
    """

    type: str | None = None
    cameo: str | None = None
    quad: int | None = None
    actor: str | None = None
    actor_name: str | None = None
    actor_id: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    factual: bool | None = None
    min_confidence: float | None = None
    article: str | None = None
    event: str | None = None

    @classmethod
    def of(cls, **criteria: Any) -> EventFilter:
        """Build a filter from keyword criteria; blank strings are no filter, unknown names raise."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(criteria) - names)
        if unknown:
            raise QueryError(unknown_choice("event filter", unknown[0], sorted(names)))
        clean = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in criteria.items()}
        return cls(**clean)

    def __post_init__(self) -> None:
        if self.type is not None and self.type.strip().upper() not in PLOVER_TYPES:
            raise QueryError(unknown_choice("PLOVER type", self.type, PLOVER_TYPES))
        if self.cameo is not None and not (self.cameo.isdigit() and 1 <= len(self.cameo) <= 4):
            raise QueryError(f"CAMEO code {self.cameo!r} is not 1-4 digits; give a code (\"190\") or a root (\"19\")")
        if self.quad is not None and self.quad not in QUAD_CLASSES:
            raise QueryError(f"quad class {self.quad!r} is not one of 1, 2, 3, 4")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError(f"minimum confidence {self.min_confidence!r} is not between 0 and 1")
        if self.bbox is not None:
            check_bbox(self.bbox)

    def is_empty(self) -> bool:
        """Return True when no criterion is set."""
        return all(getattr(self, f.name) is None for f in dataclasses.fields(self))

    def needs_articles(self) -> bool:
        """Return True when a condition reads the ``articles`` table outside a subquery (none do)."""
        return False

    def conditions(self, backend: ModuleType, *, in_date_order: bool = False) -> list[sa.ColumnElement[bool]]:
        """Return the SQL conditions on ``events`` of this filter, its values bound.

        ``in_date_order``: the conditions select a page in date order. A CAMEO root or base code
        (2-3 digits: an eighth of all events, say), a country and a large bounding box are then
        written so that no index answers them, and the planner walks the date index and stops
        after a page, rather than collecting and sorting every matching event (bench api: 70 ms
        -> 1 ms on 200,000 events). A full 4-digit code and a small box are rare and stay
        indexed ranges. See ``where`` for the same conditions with their values apart.
        """
        return self.where(backend, in_date_order=in_date_order).bound()

    def where(self, backend: ModuleType, *, in_date_order: bool = False) -> Where:
        """Return this filter's conditions (shared by every filter of its shape) and values.

        A statement built on ``Where.conditions`` serves every filter of the same shape when
        executed with that filter's ``Where.params``; cache it by ``Where.shape``.
        """
        return where_of(self, backend, in_date_order)


def check_bbox(bbox: tuple[float, ...]) -> tuple[float, float, float, float]:
    """Return ``bbox`` as (west, south, east, north) or raise QueryError saying what is wrong."""
    if len(bbox) != 4 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in bbox):
        raise QueryError(f"bounding box {bbox!r} is not four numbers west,south,east,north")
    west, south, east, north = (float(v) for v in bbox)
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise QueryError(f"bounding box longitudes {west}, {east} are not within -180..180")
    if not (-90 <= south <= north <= 90):
        raise QueryError(f"bounding box latitudes {south}, {north} must satisfy -90 <= south <= north <= 90")
    return west, south, east, north


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse "west,south,east,north" (degrees) or raise QueryError."""
    parts = [p.strip() for p in text.split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise QueryError(f"bounding box {text!r} is not four numbers west,south,east,north, e.g. -20,-35,52,38") from None
    return check_bbox(values)


def order_by(sort: str | None) -> list[sa.ColumnElement[Any]]:
    """Return the ORDER BY clauses of ``sort`` ("date", "-confidence", …), then the stable tie-break."""
    sort = (sort or DEFAULT_SORT).strip()
    descending = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in SORT_COLUMNS:
        raise QueryError(unknown_choice("sort key", key, sorted(SORT_COLUMNS)) + " (prefix - for descending)")
    column = SORT_COLUMNS[key]
    # NULLs last in both directions: an undated event is never the "newest" or the "oldest".
    # (Spelled NULLS LAST rather than "col IS NULL" so that SQLite still reads an index in order.)
    primary = (column.desc() if descending else column.asc()).nulls_last()
    return [primary, events.c.article_id, events.c.seq]


def sorts_by_date(sort: str | None) -> bool:
    """Return True when ``sort`` orders by event date (an index gives that order)."""
    return (sort or DEFAULT_SORT).strip().lstrip("-+") == "date"


def sort_needs_articles(sort: str | None) -> bool:
    """Return True when sorting by ``sort`` reads the ``articles`` table."""
    key = (sort or DEFAULT_SORT).strip().lstrip("-+")
    return SORT_COLUMNS.get(key) is not None and SORT_COLUMNS[key].table is articles


__all__ = ["DEFAULT_SORT", "EventFilter", "PLOVER_TYPES", "QUAD_CLASSES", "QueryError", "SORT_COLUMNS",
           "order_by", "parse_bbox"]
