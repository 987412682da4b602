"""The store's tables as migration 1 created them — frozen: never edit.

Migration 1 builds exactly these tables, so that every store, new or old, goes through the same
sequence of migrations. The current tables (``schema.py``) are these plus what later migrations
added; a query never uses this module.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("language", sa.String(20)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_outlet", "outlet"),
)


def _article_fk() -> sa.Column:
    return sa.Column(
        "article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


actors = sa.Table(
    "actors",
    metadata,
    _article_fk(),
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(20)),
    sa.Column("code", sa.String(40)),
    sa.Column("title", sa.Text),
    sa.Column("mention_count", sa.Integer, nullable=False),
    sa.Index("ix_actors_code", "code"),
    sa.Index("ix_actors_country", "country"),
)

places = sa.Table(
    "places",
    metadata,
    _article_fk(),
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("geonameid", sa.Integer),
    sa.Column("country", sa.String(3)),
    sa.Column("admin1", sa.Text),
    sa.Column("feature", sa.String(20)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("confidence", sa.Float),
    sa.Index("ix_places_country", "country"),
)

# Timex entries carry no id in the record: their position in the list is their key.
timex = sa.Table(
    "timex",
    metadata,
    _article_fk(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("value", sa.String(40), nullable=False),
)

quotes = sa.Table(
    "quotes",
    metadata,
    _article_fk(),
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("speaker", sa.String(40)),
)

events = sa.Table(
    "events",
    metadata,
    _article_fk(),
    sa.Column("id", sa.String(40), primary_key=True),
    # Position in the record's list, so that rows come back in reading order (e2 before e10).
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("plover", sa.String(20), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("contexts", sa.JSON, nullable=False),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("quad", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("source_id", sa.String(40)),
    sa.Column("source_code", sa.String(40)),
    sa.Column("source_country", sa.String(3)),
    sa.Column("source_name", sa.Text),
    sa.Column("target_id", sa.String(40)),
    sa.Column("target_code", sa.String(40)),
    sa.Column("target_country", sa.String(3)),
    sa.Column("target_name", sa.Text),
    sa.Column("date", sa.String(40)),
    sa.Column("date_precision", sa.String(10)),
    sa.Column("date_basis", sa.String(20)),
    sa.Column("place_id", sa.String(40)),
    sa.Column("place_name", sa.Text),
    sa.Column("place_country", sa.String(3)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("dead", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("factual", sa.Boolean, nullable=False),
    sa.Column("modality", sa.String(20), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("quote_id", sa.String(40)),
    sa.Index("ix_events_plover", "plover"),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_source_code", "source_code"),
    sa.Index("ix_events_target_code", "target_code"),
    sa.Index("ix_events_source_country", "source_country"),
    sa.Index("ix_events_target_country", "target_country"),
    sa.Index("ix_events_place_country", "place_country"),
)

rejected = sa.Table(
    "rejected",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("stage", sa.String(40), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
)

# Tables created by migration 1, in dependency order (parents first).
V1_TABLES = (articles, actors, places, timex, quotes, events, rejected)
