"""An ``EventFilter`` as SQL: conditions with named parameters, built once per shape.

A filter's *shape* is which criteria it sets and how each is written (a CAMEO root or a full
code, a small or a large box, …); its *values* are the parameters. Filters of one shape share
one tuple of SQLAlchemy conditions (cached here), so the statements the store builds on them
can be cached too, and a request pays neither for building a statement nor for SQLAlchemy's
cache key of it (bench api: about 1 ms of CPU per query).
"""
from __future__ import annotations

import functools
from collections.abc import Hashable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.sql import visitors

from eventwire.store.schema import articles, events

if TYPE_CHECKING:
    from eventwire.store.queries import EventFilter

# Square degrees from which a bounding box counts as large (a country or a region rather than a
# city): its page in date order is read from the date index (bench api: 16 ms -> 2 ms).
BBOX_SCAN_AREA = 100.0

# Escape character of the LIKE patterns built here.
LIKE_ESCAPE = "/"

# Filter shapes whose conditions are kept (there are a few hundred at most in practice).
SHAPE_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class Where:
    """A filter's conditions on ``events`` (shared by its shape) and their parameter values.

    Execute a statement built on ``conditions`` with ``params``. ``shape`` identifies the
    conditions: two filters of the same shape have the very same condition objects.
    """

    shape: tuple[Hashable, ...]
    params: dict[str, Any]
    conditions: tuple[sa.ColumnElement[bool], ...]

    def bound(self) -> list[sa.ColumnElement[bool]]:
        """Return copies of the conditions with this filter's values bound (for a one-off statement)."""
        def bind(param: sa.BindParameter[Any]) -> None:
            if param.key in self.params:
                param.value, param.required = self.params[param.key], False

        return [visitors.cloned_traverse(condition, {}, {"bindparam": bind}) for condition in self.conditions]


def where_of(f: EventFilter, backend: ModuleType, in_date_order: bool) -> Where:
    """Return the shape, parameters and conditions of filter ``f`` (see EventFilter.conditions)."""
    shape: list[Hashable] = []
    params: dict[str, Any] = {}
    if f.type:
        shape.append("type")
        params["f_type"] = f.type.strip().upper()
    if f.cameo:
        if len(f.cameo) == 4:
            # A full code (codes have at most 4 digits): one value, whose index gives date order.
            shape.append("cameo_code")
            params["f_cameo"] = f.cameo
        elif in_date_order:
            shape.append(("cameo_head", len(f.cameo)))
            params["f_cameo"] = f.cameo
        else:
            shape.append("cameo_range")
            params["f_cameo"], params["f_cameo_end"] = f.cameo, prefix_end(f.cameo)
    if f.quad is not None:
        shape.append("quad")
        params["f_quad"] = f.quad
    if f.actor and f.actor.strip():
        shape.append("actor")
        prefix = f.actor.strip().upper()
        params["f_actor"], params["f_actor_end"] = prefix, prefix_end(prefix)
    if f.actor_name:
        shape.append("actor_name")
        params["f_actor_name"] = _contains_pattern(f.actor_name.strip().lower())
    if f.actor_id:
        shape.append("actor_id")
        params["f_actor_id"] = f.actor_id
    if f.country:
        shape.append(("country", in_date_order))
        params["f_country"] = f.country.strip().upper()
    if f.since:
        since = f.since.strip()
        shape.append(("since", len(since) > 1))
        params["f_since"] = since
        if len(since) > 1:
            params["f_since_heads"] = [since[:n] for n in range(1, len(since))]
    if f.until:
        shape.append("until")
        params["f_until_end"] = prefix_end(f.until.strip())
    if f.place:
        shape.append("place")
        params["f_place"] = _contains_pattern(f.place.strip().lower())
    if f.bbox is not None:
        west, south, east, north = f.bbox
        width = east - west if west <= east else 360 - (west - east)
        shape.append(("bbox", in_date_order and width * (north - south) >= BBOX_SCAN_AREA, west > east))
        params.update(f_west=west, f_south=south, f_east=east, f_north=north)
    if f.q and f.q.strip():
        query = backend.fts_query(f.q)
        if query is not None:
            shape.append("q")
            params["f_q"] = query
    if f.factual is not None:
        shape.append("factual")
        params["f_factual"] = f.factual
    if f.min_confidence is not None:
        shape.append("min_confidence")
        params["f_min_confidence"] = f.min_confidence
    if f.article is not None:
        shape.append("article")
        params["f_article"] = f.article
    if f.event is not None:
        shape.append("event")
        params["f_event"] = f.event
    key = tuple(shape)
    return Where(key, params, conditions_of(key, backend))


@functools.lru_cache(maxsize=SHAPE_CACHE_SIZE)
def conditions_of(shape: tuple[Hashable, ...], backend: ModuleType) -> tuple[sa.ColumnElement[bool], ...]:
    """Return the conditions of a filter shape, with a named parameter for every value."""
    c = events.c
    out: list[sa.ColumnElement[bool]] = []
    for token in shape:
        name, *args = token if isinstance(token, tuple) else (token,)
        if name == "type":
            out.append(c.plover == _param("f_type", c.plover))
        elif name == "cameo_head":
            # Not indexable: a page in date order walks the date index (bench api: 70 ms -> 1 ms).
            out.append(sa.func.substr(c.cameo, 1, args[0]) == _param("f_cameo", c.cameo))
        elif name == "cameo_code":
            out.append(c.cameo == _param("f_cameo", c.cameo))
        elif name == "cameo_range":
            out.append(_in_range(c.cameo, "f_cameo"))
        elif name == "quad":
            out.append(c.quad == _param("f_quad", c.quad))
        elif name == "actor":
            out.append(sa.or_(_in_range(c.source_code, "f_actor"), _in_range(c.target_code, "f_actor")))
        elif name == "actor_name":
            pattern = _param("f_actor_name", c.source_name)
            out.append(sa.or_(sa.func.lower(c.source_name).like(pattern, escape=LIKE_ESCAPE),
                              sa.func.lower(c.target_name).like(pattern, escape=LIKE_ESCAPE)))
        elif name == "actor_id":
            key = _param("f_actor_id", c.source_key)
            out.append(sa.or_(c.source_key == key, c.target_key == key))
        elif name == "country":
            # A country holds a few percent of all events: a page in date order finds them sooner
            # by walking the date index than by sorting all of them (bench api: 6 ms -> 1 ms).
            sides = [c.source_country, c.target_country, c.place_country]
            if args[0]:
                sides = [unindexed(side) for side in sides]
            iso3 = _param("f_country", c.source_country)
            out.append(sa.or_(*(side == iso3 for side in sides)))
        elif name == "since":
            # The event's period ends on or after `since`, compared at the event date's precision:
            # a date of the same or finer precision sorts at or after `since`, and a coarser date
            # ("2024" for since="2024-08") is one of its proper prefixes. Equivalent to
            # date >= substr(since, 1, length(date)), but both terms are index ranges (bench api:
            # a month's count 20 ms -> 3 ms).
            at_or_after = c.date >= _param("f_since", c.date)
            out.append(sa.or_(at_or_after, c.date.in_(sa.bindparam("f_since_heads", expanding=True, type_=c.date.type)))
                       if args[0] else at_or_after)
        elif name == "until":
            # The event's period starts on or before the end of `until`: its date, cut to the
            # length of `until`, sorts at or before it, which is one index range.
            out.append(c.date < _param("f_until_end", c.date))
        elif name == "place":
            out.append(sa.func.lower(c.place_name).like(_param("f_place", c.place_name), escape=LIKE_ESCAPE))
        elif name == "bbox":
            scan, crosses = args
            # A large box holds many events: for a page in date order, walk the date index
            # (lat + 0 and lon + 0 are not indexable, not even by a skip-scan of the (lat, lon)
            # index) instead of collecting and sorting all of them (bench api: 16 ms -> 2 ms).
            lat, lon = (c.lat + 0, c.lon + 0) if scan else (c.lat, c.lon)
            out.append(lat.between(_param("f_south", c.lat), _param("f_north", c.lat)))
            west, east = _param("f_west", c.lon), _param("f_east", c.lon)
            out.append(sa.or_(lon >= west, lon <= east) if crosses else lon.between(west, east))
        elif name == "q":
            # As a set of article ids, so the few matching articles' events are looked up by key
            # instead of every event being checked against the matches.
            matching = backend.fulltext_condition(sa.bindparam("f_q", type_=sa.String()))
            out.append(c.article_id.in_(sa.select(articles.c.id).where(matching)))
        elif name == "factual":
            out.append(c.factual == _param("f_factual", c.factual))
        elif name == "min_confidence":
            out.append(c.confidence >= _param("f_min_confidence", c.confidence))
        elif name == "article":
            out.append(c.article_id == _param("f_article", c.article_id))
        elif name == "event":
            out.append(c.id == _param("f_event", c.id))
        else:
            raise ValueError(f"unknown filter shape token {token!r}")
    return tuple(out)


def _param(name: str, column: sa.ColumnElement[Any]) -> sa.BindParameter[Any]:
    return sa.bindparam(name, type_=column.type)


def _in_range(column: sa.ColumnElement[Any], name: str) -> sa.ColumnElement[bool]:
    """Return "``column`` starts with the prefix in parameter ``name``" as an index range (see prefix_end)."""
    return sa.and_(column >= _param(name, column), column < _param(f"{name}_end", column))


def prefix_end(prefix: str) -> str:
    """Return the first string after every string that starts with ``prefix`` ("2024-08" -> "2024-09").

    "starts with" as a range an index answers (LIKE is not indexable on SQLite without a
    case-insensitive index); exact for any text.
    """
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def unindexed(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """Return ``column`` as an expression of equal value that no index answers (``col || ''``).

    For a page in date order: the planner then walks the date index and stops after a page
    instead of collecting every row the condition's own index finds and sorting them.
    """
    return column.concat("")


def _contains_pattern(words: str) -> str:
    """Return a LIKE pattern matching text that contains ``words`` literally (% and _ escaped)."""
    escaped = words.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%"


__all__ = ["BBOX_SCAN_AREA", "Where", "conditions_of", "prefix_end", "unindexed", "where_of"]
