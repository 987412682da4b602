"""Corpus stages over the store: story clusters (near duplicates) and canonical events.

    corpus = Corpus(store)
    record["story"] = corpus.add(record)     # before the record is written
    corpus.story_of(article_id), corpus.canonical_events(...)

``dedup.py`` has the pure MinHash/LSH functions, ``stories.py`` the clusters, ``events.py``
the canonical events; the tables are in ``eventwire/store/corpus_schema.py`` (migration 3).
``registry.py`` links persons and organisations across articles (``registry_schema.py``,
migration 5) and codes those an article names without a title.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from eventwire.corpus import events, registry, stories
from eventwire.store.corpus_schema import canonical_events, canonical_members, story_articles
from eventwire.store.corpus_schema import stories as stories_table


def _now() -> str:
    # Microseconds: "first seen" orders articles ingested within the same second.
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Corpus:
    """The corpus stages over one open Store; each ``add`` is one write transaction."""

    def __init__(self, store: Any, same_sentence: bool = True) -> None:
        # The Store's engine and write transaction (BEGIN IMMEDIATE on SQLite, a lock on
        # PostgreSQL) so that concurrent ingests assign stories one at a time.
        self._store = store
        self._same_sentence = same_sentence
        self._engine: sa.Engine = store._engine

    def add(self, record: dict[str, Any], conn: sa.Connection | None = None) -> dict[str, Any]:
        """Assign the record to a story and link its events to canonical events; return its story.

        Idempotent: the same record again returns the same story and changes nothing. With
        ``conn`` (a write transaction of this Store, ``store.writing()``) the work joins that
        transaction, so that several articles and their records commit together.
        """
        if conn is None:
            with self._store._begin_write() as own:
                return self._add(own, record)
        return self._add(conn, record)

    def _add(self, conn: sa.Connection, record: dict[str, Any]) -> dict[str, Any]:
        seen_at = _now()
        registry.add(conn, record, seen_at)  # fills actors first: canonical events read their countries
        assignment, merged = stories.assign(conn, record, seen_at)
        if merged:
            events.recount_cluster(conn, assignment.cluster)
        events.add_article(conn, record, assignment.cluster, seen_at, self._same_sentence)
        return assignment.as_story()

    def remove(self, article_id: str) -> None:
        """Forget an article: its story membership, LSH bands and canonical-event links."""
        with self._store._begin_write() as conn:
            registry.remove(conn, article_id)
            events.remove_article(conn, article_id)
            stories.remove(conn, article_id, _now())

    # -- reads -------------------------------------------------------------------------------

    def registry(self, q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Registry actors matching ``q`` (a name or spelling), with spellings and titles over time."""
        with self._engine.connect() as conn:
            return registry.entries(conn, q, limit)

    def resolve_cluster(self, cluster: str) -> str:
        """Return the id a story cluster lives on under (clusters found to be one story merge)."""
        with self._engine.connect() as conn:
            return stories.resolve(conn, cluster)

    def story_of(self, article_id: str) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(story_articles.c.cluster_id, story_articles.c.duplicate_of,
                                         story_articles.c.similarity)
                               .where(story_articles.c.article_id == article_id)).first()
        return None if row is None else {"cluster": row.cluster_id, "duplicate_of": row.duplicate_of,
                                         "similarity": row.similarity}

    def stories(self, syndicated: bool | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Return story clusters, most articles first, with their member article ids."""
        query = sa.select(stories_table)
        if syndicated is not None:
            query = query.where(stories_table.c.syndicated == syndicated)
        query = query.order_by(stories_table.c.articles.desc(), stories_table.c.id).limit(limit).offset(offset)
        with self._engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
            for row in rows:
                row["members"] = list(conn.execute(
                    sa.select(story_articles.c.article_id).where(story_articles.c.cluster_id == row["id"])
                    .order_by(story_articles.c.seen_at, story_articles.c.article_id)).scalars())
        return rows

    def clusters(self) -> dict[str, str]:
        """Return {article id: cluster id} for every article seen."""
        with self._engine.connect() as conn:
            return {r.article_id: r.cluster_id for r in conn.execute(
                sa.select(story_articles.c.article_id, story_articles.c.cluster_id))}

    def canonical_events(self, plover: str | None = None, min_articles: int = 1, limit: int = 1000,
                         offset: int = 0) -> list[dict[str, Any]]:
        """Return canonical events (most-reported first) with their (article, event id) members."""
        ce, cm = canonical_events, canonical_members
        query = sa.select(ce).where(ce.c.articles >= min_articles)
        if plover:
            query = query.where(ce.c.plover == plover.strip().upper())
        query = query.order_by(ce.c.articles.desc(), ce.c.date.desc().nulls_last(), ce.c.id).limit(limit).offset(offset)
        with self._engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
            for row in rows:
                row["members"] = [{"article_id": m.article_id, "event_id": m.event_id} for m in conn.execute(
                    sa.select(cm.c.article_id, cm.c.event_id).where(cm.c.canonical_id == row["id"])
                    .order_by(cm.c.article_id, cm.c.event_id))]
        return rows

    def canonical_links(self) -> dict[tuple[str, str], str]:
        """Return {(article id, event id): canonical id} for every linked event."""
        cm = canonical_members
        with self._engine.connect() as conn:
            return {(r.article_id, r.event_id): r.canonical_id
                    for r in conn.execute(sa.select(cm.c.article_id, cm.c.event_id, cm.c.canonical_id))}

    def stats(self) -> dict[str, int]:
        with self._engine.connect() as conn:
            count = lambda t, *w: conn.execute(sa.select(sa.func.count()).select_from(t).where(*w)).scalar() or 0  # noqa: E731
            return {"story articles": count(story_articles), "stories": count(stories_table),
                    "syndicated stories": count(stories_table, stories_table.c.syndicated.is_(True)),
                    "canonical events": count(canonical_events),
                    "multi-article events": count(canonical_events, canonical_events.c.articles > 1)}


__all__ = ["Corpus"]
