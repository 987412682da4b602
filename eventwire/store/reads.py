"""The store's reads for analysts: events with filters and sorts, counts, dyads, places, actors,
quotes, articles and stories. Portable SQLAlchemy Core; the backend supplies full-text search.

Every method returns plain dicts and lists (JSON-ready), so that the API and the CLI only pass
them on.
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Hashable, Iterator
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from eventwire.store import schema
from eventwire.store.keys import event_uid
from eventwire.store.queries import DEFAULT_SORT, EventFilter, QueryError, order_by, sort_needs_articles, sorts_by_date
from eventwire.store.schema import actors, articles, events, quotes, rejected
from eventwire.store.where import conditions_of

# The column order of query_events rows (and of the events CSV export).
EVENT_ROW_COLUMNS = (
    "article_id", "title", "outlet", "published", "url",
    "event_id", "plover", "mode", "contexts", "cameo", "quad", "goldstein",
    "source_id", "source_code", "source_country", "source_name",
    "target_id", "target_code", "target_country", "target_name",
    "date", "date_precision", "date_basis",
    "place_id", "place_name", "place_country", "lat", "lon",
    "dead", "injured", "factual", "modality", "confidence",
    "trigger", "evidence_start", "evidence_end", "evidence", "quote_id",
)

STATS_KEYS = ("articles", "rejected", "events", "actors", "places", "quotes")

# The name of the table the story clustering stage writes (another component owns it).
STORIES_TABLE = "stories"

_EVENT_COLUMNS = (
    articles.c.id.label("article_id"), articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
    events.c.id.label("event_id"), *(events.c[name] for name in EVENT_ROW_COLUMNS[6:]),
)


def _filter(filters: EventFilter | None, criteria: dict[str, Any]) -> EventFilter:
    if filters is not None and criteria:
        raise QueryError("give either an EventFilter or keyword criteria, not both")
    return filters if filters is not None else EventFilter.of(**criteria)


def _page(limit: int, offset: int) -> None:
    if limit < 0 or offset < 0:
        raise QueryError(f"limit and offset must not be negative (got limit={limit}, offset={offset})")


class StoreReads:
    """Read methods of ``Store`` (a mixin: it needs ``_engine`` and ``_backend``)."""

    _engine: sa.Engine
    _backend: ModuleType

    # -- events ----------------------------------------------------------------------------

    def _events_from(self, f: EventFilter, with_articles: bool) -> sa.FromClause:
        if with_articles or f.needs_articles():
            return events.join(articles, events.c.article_id == articles.c.id)
        return events

    def query_events(self, filters: EventFilter | None = None, *, sort: str | None = None, limit: int = 1000,
                     offset: int = 0, **criteria: Any) -> list[dict[str, Any]]:
        """Return events matching ``filters`` (or keyword criteria, see EventFilter) as flat rows.

        Rows have the keys of EVENT_ROW_COLUMNS, in that order. ``sort`` is a key of
        queries.SORT_COLUMNS, "-key" for descending; the default is newest event date first,
        undated last. Raises QueryError for an unknown criterion, sort key or a negative page.
        """
        _page(limit, offset)
        f = _filter(filters, criteria)
        sort = (sort or DEFAULT_SORT).strip()
        order_by(sort)  # an unknown sort key raises here, before any statement is cached
        where = f.where(self._backend, in_date_order=sorts_by_date(sort))
        query = _page_query(where.shape, self._backend, sort)
        with self._engine.connect() as conn:
            return _dicts(conn.execute(query, {**where.params, "p_limit": limit, "p_offset": offset}))

    def count_events(self, filters: EventFilter | None = None, *, at_most: int | None = None, **criteria: Any) -> int:
        """Return how many events match (the total behind a page of ``query_events``).

        ``at_most``: stop counting there, so that a broad filter costs no more than that many
        index entries; the result is then min(matches, at_most).
        """
        f = _filter(filters, criteria)
        if at_most is not None and at_most < 0:
            raise QueryError(f"at_most must not be negative (got {at_most})")
        where = f.where(self._backend)
        query = _count_query(where.shape, self._backend, at_most is not None)
        with self._engine.connect() as conn:
            return int(conn.execute(query, {**where.params, "p_at_most": at_most}).scalar() or 0)

    def iter_events(self, filters: EventFilter | None = None, batch_size: int = 5000) -> Iterator[dict[str, Any]]:
        """Yield every matching event row in (article id, position) order, ``batch_size`` at a time.

        Pages by key, not offset, so an export of millions of events stays linear and never holds
        a read transaction open between batches.
        """
        f = filters or EventFilter()
        after: tuple[str, int] | None = None
        while True:
            query = (
                sa.select(*_EVENT_COLUMNS, events.c.seq)
                .select_from(events.join(articles, events.c.article_id == articles.c.id))
                .where(*f.conditions(self._backend))
                .order_by(events.c.article_id, events.c.seq)
                .limit(batch_size)
            )
            if after is not None:
                query = query.where(sa.tuple_(events.c.article_id, events.c.seq) > sa.tuple_(*after))
            with self._engine.connect() as conn:
                rows = _dicts(conn.execute(query))
            if not rows:
                return
            for row in rows:
                seq = row.pop("seq")
                after = (row["article_id"], seq)
                yield row

    def get_event(self, article_id: str, event_id: str) -> dict[str, Any] | None:
        """Return one event's row, or None."""
        rows = self.query_events(EventFilter(article=article_id, event=event_id), limit=1)
        return rows[0] if rows else None

    # -- counts ----------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Return row counts: articles, rejected, events, actors, places, quotes."""
        tables = {"articles": articles, "rejected": rejected, "events": events,
                  "actors": actors, "places": schema.places, "quotes": quotes}
        query = sa.select(*(sa.select(sa.func.count()).select_from(tables[k]).scalar_subquery().label(k)
                            for k in STATS_KEYS))
        with self._engine.connect() as conn:
            row = conn.execute(query).one()
        return {k: int(row._mapping[k]) for k in STATS_KEYS}

    def event_counts(self, filters: EventFilter | None = None, **criteria: Any) -> dict[str, Any]:
        """Count the matching events by day and quad class, by PLOVER type, quad and country.

        ``by_day`` holds only events dated to the day (``undated`` and ``imprecise`` count the
        others). An event's country is where it happened, else its source actor's country.
        """
        f = _filter(filters, criteria)
        source = self._events_from(f, False)
        where = f.conditions(self._backend)
        c = events.c
        day = sa.func.length(c.date) == 10
        country = sa.func.coalesce(c.place_country, c.source_country)
        with self._engine.connect() as conn:
            total, undated, imprecise = conn.execute(
                sa.select(sa.func.count(), sa.func.count().filter(c.date.is_(None)),
                          sa.func.count().filter(c.date.is_not(None), sa.not_(day)))
                .select_from(source).where(*where)
            ).one()
            by_day = conn.execute(
                sa.select(c.date, c.quad, sa.func.count().label("n")).select_from(source).where(*where, day)
                .group_by(c.date, c.quad).order_by(c.date, c.quad)
            ).all()
            by_type = conn.execute(
                sa.select(c.plover, sa.func.count().label("n")).select_from(source).where(*where)
                .group_by(c.plover).order_by(sa.desc("n"), c.plover)
            ).all()
            by_quad = conn.execute(
                sa.select(c.quad, sa.func.count().label("n")).select_from(source).where(*where)
                .group_by(c.quad).order_by(c.quad)
            ).all()
            by_country = conn.execute(
                sa.select(country.label("country"), sa.func.count().label("n")).select_from(source)
                .where(*where, country.is_not(None)).group_by(country).order_by(sa.desc("n"), country)
            ).all()
        return {
            "events": int(total), "undated": int(undated), "imprecise": int(imprecise),
            "by_day": [{"date": r.date, "quad": r.quad, "count": r.n} for r in by_day],
            "by_type": [{"plover": r.plover, "count": r.n} for r in by_type],
            "by_quad": [{"quad": r.quad, "count": r.n} for r in by_quad],
            "by_country": [{"country": r.country, "count": r.n} for r in by_country],
        }

    def dyads(self, filters: EventFilter | None = None, *, max_actors: int = 40, **criteria: Any) -> dict[str, Any]:
        """Return the actor network of the matching events: nodes and (source, target, quad) edges.

        Only events with both a source and a target count. Nodes are the ``max_actors`` actors
        with the most such events (less those left without an edge); edges join two of them,
        weighted by event count. ``actors_total`` counts every actor with a counterpart.
        """
        f = _filter(filters, criteria)
        c = events.c
        query = (
            sa.select(c.source_key, c.target_key, c.quad, sa.func.count().label("n"),
                      sa.func.max(c.source_name).label("source_name"), sa.func.max(c.source_code).label("source_code"),
                      sa.func.max(c.target_name).label("target_name"), sa.func.max(c.target_code).label("target_code"),
                      sa.func.max(c.source_country).label("source_country"),
                      sa.func.max(c.target_country).label("target_country"))
            .select_from(self._events_from(f, False))
            .where(*f.conditions(self._backend), c.source_key.is_not(None), c.target_key.is_not(None),
                   c.source_key != c.target_key)
            .group_by(c.source_key, c.target_key, c.quad)
            .order_by(sa.desc("n"))
            .limit(20_000)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        weight: Counter[str] = Counter()
        info: dict[str, dict[str, Any]] = {}
        for r in rows:
            weight[r.source_key] += r.n
            weight[r.target_key] += r.n
            info.setdefault(r.source_key, {"id": r.source_key, "name": r.source_name, "code": r.source_code,
                                           "country": r.source_country})
            info.setdefault(r.target_key, {"id": r.target_key, "name": r.target_name, "code": r.target_code,
                                           "country": r.target_country})
        kept = {key for key, _ in sorted(weight.items(), key=lambda kv: (-kv[1], info[kv[0]]["name"] or ""))[:max_actors]}
        edges = [{"source": r.source_key, "target": r.target_key, "quad": r.quad, "count": r.n}
                 for r in rows if r.source_key in kept and r.target_key in kept]
        # An actor whose counterparts all fell outside the kept set would float unconnected.
        kept = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = sorted(({**info[k], "events": weight[k]} for k in kept), key=lambda n: (-n["events"], n["name"] or ""))
        return {"nodes": nodes, "edges": edges, "actors_total": len(weight)}

    def event_places(self, filters: EventFilter | None = None, *, limit: int = 1000, **criteria: Any) -> list[dict[str, Any]]:
        """Return the located matching events grouped by place: name, country, lat, lon, counts by quad."""
        f = _filter(filters, criteria)
        c = events.c
        per_quad = [sa.func.count().filter(c.quad == q).label(f"q{q}") for q in (1, 2, 3, 4)]
        query = (
            sa.select(sa.func.max(c.place_name).label("name"), sa.func.max(c.place_country).label("country"),
                      c.lat, c.lon, sa.func.count().label("n"), *per_quad)
            .select_from(self._events_from(f, False))
            .where(*f.conditions(self._backend), c.lat.is_not(None), c.lon.is_not(None))
            .group_by(c.lat, c.lon)
            .order_by(sa.desc("n"))
            .limit(limit)
        )
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [{"name": r.name, "country": r.country, "lat": r.lat, "lon": r.lon, "count": r.n,
                 "by_quad": {str(q): getattr(r, f"q{q}") for q in (1, 2, 3, 4)}} for r in rows]

    # -- actors ----------------------------------------------------------------------------

    def _actor_event_counts(self) -> sa.Subquery:
        sides = sa.union_all(
            sa.select(events.c.source_key.label("actor_key")).where(events.c.source_key.is_not(None)),
            sa.select(events.c.target_key.label("actor_key")).where(events.c.target_key.is_not(None)),
        ).subquery()
        return (sa.select(sides.c.actor_key, sa.func.count().label("events"))
                .group_by(sides.c.actor_key).subquery("actor_events"))

    def list_actors(self, q: str | None = None, country: str | None = None, code: str | None = None,
                    sort: str = "-events", limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return corpus actors (mentions grouped by ``keys.actor_key``) with their counts.

        ``q``: words in the name; ``country``: ISO3; ``code``: CAMEO code prefix. ``sort``: one of
        events, articles, mentions, name ("-" for descending).
        """
        _page(limit, offset)
        counts = self._actor_event_counts()
        a = actors.c
        n_events = sa.func.coalesce(sa.func.max(counts.c.events), 0)
        columns = {
            "events": n_events, "articles": sa.func.count(sa.distinct(a.article_id)),
            "mentions": sa.func.sum(a.mention_count), "name": sa.func.max(a.name),
        }
        key = sort.lstrip("-+")
        if key not in columns:
            raise QueryError(f"unknown actor sort key {key!r}; choose one of: {', '.join(columns)} (prefix - for descending)")
        order = columns[key].desc() if sort.startswith("-") else columns[key].asc()
        conditions = [a.actor_key.is_not(None)]
        if q and q.strip():
            conditions.append(sa.func.lower(a.name).contains(q.strip().lower(), autoescape=True))
        if country and country.strip():
            conditions.append(a.country == country.strip().upper())
        if code and code.strip():
            conditions.append(a.code.startswith(code.strip().upper(), autoescape=True))
        query = (
            sa.select(a.actor_key, sa.func.max(a.name).label("name"), sa.func.max(a.type).label("type"),
                      sa.func.max(a.code).label("code"), sa.func.max(a.country).label("country"),
                      sa.func.max(a.sector).label("sector"), columns["articles"].label("articles"),
                      columns["mentions"].label("mentions"), n_events.label("events"))
            .select_from(actors.outerjoin(counts, counts.c.actor_key == a.actor_key))
            .where(*conditions)
            .group_by(a.actor_key)
            .order_by(order, sa.func.max(a.name), a.actor_key)
            .limit(limit).offset(offset)
        )
        with self._engine.connect() as conn:
            return [_actor_summary(row) for row in conn.execute(query)]

    def get_actor(self, key: str) -> dict[str, Any] | None:
        """Return one corpus actor: its summary, titles, timeline by day and quad, counterparts."""
        a = actors.c
        with self._engine.connect() as conn:
            summary = conn.execute(
                sa.select(a.actor_key, sa.func.max(a.name).label("name"), sa.func.max(a.type).label("type"),
                          sa.func.max(a.code).label("code"), sa.func.max(a.country).label("country"),
                          sa.func.max(a.sector).label("sector"),
                          sa.func.count(sa.distinct(a.article_id)).label("articles"),
                          sa.func.sum(a.mention_count).label("mentions"), sa.literal(0).label("events"))
                .where(a.actor_key == key).group_by(a.actor_key)
            ).first()
            if summary is None:
                return None
            titles = [r.title for r in conn.execute(
                sa.select(a.title, sa.func.count().label("n")).where(a.actor_key == key, a.title.is_not(None))
                .group_by(a.title).order_by(sa.desc("n"), a.title)
            )]
            c = events.c
            mine = sa.or_(c.source_key == key, c.target_key == key)
            timeline = conn.execute(
                sa.select(sa.func.coalesce(c.date, "").label("date"), c.quad, sa.func.count().label("n"))
                .where(mine).group_by(c.date, c.quad).order_by(c.date, c.quad)
            ).all()
            other_key = sa.case((c.source_key == key, c.target_key), else_=c.source_key)
            other_name = sa.case((c.source_key == key, c.target_name), else_=c.source_name)
            other_code = sa.case((c.source_key == key, c.target_code), else_=c.source_code)
            # The counterpart's role: the target of this actor's events, or the source of events on it.
            role = sa.case((c.source_key == key, "target"), else_="source")
            counterparts = conn.execute(
                sa.select(other_key.label("id"), sa.func.max(other_name).label("name"),
                          sa.func.max(other_code).label("code"), role.label("role"), c.quad,
                          sa.func.count().label("n"))
                .where(mine, other_key.is_not(None), other_key != key)
                .group_by(other_key, role, c.quad).order_by(sa.desc("n")).limit(200)
            ).all()
        actor = _actor_summary(summary)
        actor["events"] = sum(r.n for r in timeline)
        actor["titles"] = titles
        actor["timeline"] = [{"date": r.date or None, "quad": r.quad, "count": r.n} for r in timeline]
        actor["counterparts"] = [{"id": r.id, "name": r.name, "code": r.code, "role": r.role, "quad": r.quad,
                                  "count": r.n} for r in counterparts]
        return actor

    # -- quotes, articles, stories ---------------------------------------------------------

    def list_quotes(self, speaker: str | None = None, speaker_id: str | None = None, article: str | None = None,
                    q: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return quotes with their speakers, newest article first.

        ``speaker``: words in the speaker's name; ``speaker_id``: corpus actor key; ``q``: words in
        the quote itself; ``article``: one article's quotes.
        """
        _page(limit, offset)
        qc, a = quotes.c, actors.c
        joined = (quotes.join(articles, qc.article_id == articles.c.id)
                  .outerjoin(actors, sa.and_(a.article_id == qc.article_id, a.id == qc.speaker)))
        conditions = []
        if speaker and speaker.strip():
            conditions.append(sa.func.lower(a.name).contains(speaker.strip().lower(), autoescape=True))
        if speaker_id and speaker_id.strip():
            conditions.append(a.actor_key == speaker_id.strip())
        if article:
            conditions.append(qc.article_id == article)
        if q and q.strip():
            conditions.append(sa.func.lower(qc.text).contains(q.strip().lower(), autoescape=True))
        query = (
            sa.select(qc.article_id, qc.id.label("quote_id"), qc.text, qc.kind, qc.start, qc.end,
                      qc.speaker.label("speaker_local_id"), a.actor_key.label("speaker_id"),
                      a.name.label("speaker_name"), a.code.label("speaker_code"), a.title.label("speaker_title"),
                      articles.c.title, articles.c.outlet, articles.c.published)
            .select_from(joined).where(*conditions)
            .order_by(articles.c.published.is_(None), articles.c.published.desc(), qc.article_id, qc.start)
            .limit(limit).offset(offset)
        )
        with self._engine.connect() as conn:
            return _dicts(conn.execute(query))

    def list_articles(self, q: str | None = None, outlet: str | None = None, since: str | None = None,
                      until: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return article summaries (no text) with their counts, newest published first.

        ``q``: full-text search; ``outlet``: exact outlet name; ``since``/``until``: publication
        date prefixes, inclusive.
        """
        _page(limit, offset)
        conditions = self._article_conditions(q, outlet, since, until)
        counts = {
            name: sa.select(sa.func.count()).where(table.c.article_id == articles.c.id).scalar_subquery().label(name)
            for name, table in (("events", events), ("actors", actors), ("places", schema.places), ("quotes", quotes))
        }
        query = (
            sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                      articles.c.source, articles.c.language, *counts.values())
            .where(*conditions)
            .order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
            .limit(limit).offset(offset)
        )
        with self._engine.connect() as conn:
            return _dicts(conn.execute(query))

    def count_articles(self, q: str | None = None, outlet: str | None = None, since: str | None = None,
                       until: str | None = None) -> int:
        """Return how many articles ``list_articles`` would page through."""
        query = sa.select(sa.func.count()).select_from(articles).where(*self._article_conditions(q, outlet, since, until))
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def _article_conditions(self, q: str | None, outlet: str | None, since: str | None,
                            until: str | None) -> list[sa.ColumnElement[bool]]:
        conditions: list[sa.ColumnElement[bool]] = []
        if q and q.strip():
            conditions.append(self._backend.fulltext_match(q))
        if outlet and outlet.strip():
            conditions.append(articles.c.outlet == outlet.strip())
        if since and since.strip():
            conditions.append(sa.func.substr(articles.c.published, 1, len(since.strip())) >= since.strip())
        if until and until.strip():
            conditions.append(sa.func.substr(articles.c.published, 1, len(until.strip())) <= until.strip())
        return conditions

    def get_article(self, id: str) -> dict[str, Any] | None:
        """Return the stored record of article ``id`` exactly as written, or None."""
        with self._engine.connect() as conn:
            return conn.execute(sa.select(articles.c.record).where(articles.c.id == id)).scalar()

    def iter_records(self, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """Yield every stored article record, in id order, reading ``batch_size`` at a time.

        Pages by id rather than holding one cursor open, so a long export never blocks writers.
        """
        after: str | None = None
        while True:
            query = sa.select(articles.c.id, articles.c.record).order_by(articles.c.id).limit(batch_size)
            if after is not None:
                query = query.where(articles.c.id > after)
            with self._engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield row.record
            after = rows[-1].id

    def iter_rejections(self) -> Iterator[dict[str, Any]]:
        """Yield every recorded rejection as a RejectedRecord dict, in id order."""
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(rejected).order_by(rejected.c.id)).all()
        for row in rows:
            yield {"schema": "eventwire/1", "id": row.id, "source": row.source,
                   "rejected": {"stage": row.stage, "reason": row.reason}}

    def list_stories(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return rows of the ``stories`` table when story clustering has written one, else [].

        The table belongs to the story-clustering component; this reads whatever columns it has,
        ordered by its primary key, so the API needs no change when that schema grows.
        """
        _page(limit, offset)
        with self._engine.connect() as conn:
            if not sa.inspect(conn).has_table(STORIES_TABLE):
                return []
            table = sa.Table(STORIES_TABLE, sa.MetaData(), autoload_with=conn)
            order = list(table.primary_key.columns) or list(table.columns)[:1]
            if "first_seen" in table.c:
                # Story clustering's table (migration 3): newest story first.
                order = [table.c.first_seen.desc(), *order]
            rows = conn.execute(sa.select(table).order_by(*order).limit(limit).offset(offset)).all()
        return [dict(row._mapping) for row in rows]


# Statements kept per (filter shape, sort): a few hundred in practice.
STATEMENT_CACHE_SIZE = 1024


@functools.lru_cache(maxsize=STATEMENT_CACHE_SIZE)
def _page_query(shape: tuple[Hashable, ...], backend: ModuleType, sort: str) -> sa.Select[Any]:
    """Return the statement of a page of events of a filter shape in ``sort`` order.

    Parameters: the filter's (``Where.params``), ``p_limit`` and ``p_offset``. A deferred
    join: the page's keys come from ``events`` (and its indexes) alone, and only the page's
    rows are joined with their articles, so a deep offset does not join every skipped row.
    SQLite's rowid is in every index entry, so the keys are read from the index that gives the
    order without touching a row (bench api: 0.3 ms -> 0.03 ms).
    """
    order = order_by(sort)
    source = events.join(articles, events.c.article_id == articles.c.id) if sort_needs_articles(sort) else events
    row_key = backend.row_key(events)
    keys = [row_key.label("row_key")] if row_key is not None else [events.c.article_id, events.c.id]
    page = (
        sa.select(*keys)
        .select_from(source)
        .where(*conditions_of(shape, backend))
        .order_by(*order)
        .limit(sa.bindparam("p_limit", type_=sa.Integer()))
        .offset(sa.bindparam("p_offset", type_=sa.Integer()))
        .subquery("page")
    )
    same_row = (row_key == page.c.row_key if row_key is not None else
                sa.and_(events.c.article_id == page.c.article_id, events.c.id == page.c.id))
    return (
        sa.select(*_EVENT_COLUMNS)
        .select_from(page.join(events, same_row).join(articles, events.c.article_id == articles.c.id))
        .order_by(*order)
    )


@functools.lru_cache(maxsize=STATEMENT_CACHE_SIZE)
def _count_query(shape: tuple[Hashable, ...], backend: ModuleType, capped: bool) -> sa.Select[Any]:
    """Return the statement counting the events of a filter shape (up to ``p_at_most`` if capped)."""
    where = conditions_of(shape, backend)
    if not capped:
        return sa.select(sa.func.count()).select_from(events).where(*where)
    # A constant column, so that an index holding the filtered columns answers alone.
    matching = (sa.select(sa.literal_column("1").label("one")).select_from(events).where(*where)
                .limit(sa.bindparam("p_at_most", type_=sa.Integer())))
    return sa.select(sa.func.count()).select_from(matching.subquery("matching"))


def _dicts(result: sa.CursorResult[Any]) -> list[dict[str, Any]]:
    """Return a result's rows as dicts (zipping tuples: several times faster than row mappings)."""
    keys = [str(key) for key in result.keys()]
    return [dict(zip(keys, row)) for row in result.all()]


def _actor_summary(row: Any) -> dict[str, Any]:
    return {"id": row.actor_key, "name": row.name, "type": row.type, "code": row.code, "country": row.country,
            "sector": row.sector, "articles": int(row.articles or 0), "mentions": int(row.mentions or 0),
            "events": int(row.events or 0)}


def with_uid(row: dict[str, Any]) -> dict[str, Any]:
    """Return the event row with its global id (``keys.event_uid``) under "uid"."""
    return {"uid": event_uid(row["article_id"], row["event_id"]), **row}


__all__ = ["EVENT_ROW_COLUMNS", "STATS_KEYS", "StoreReads", "with_uid"]
