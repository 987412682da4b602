"""The store's tables, in portable SQLAlchemy Core (no backend-specific types).

``articles`` holds one row per coded article with the whole record as JSON: it is the source of
truth, and ``get_article`` returns it unchanged. The child tables (actors, places, timex, quotes,
events) are flat projections of the record's lists with the columns analysts filter on; they are
rewritten whenever the article's content hash changes. Full-text search is backend-specific and
lives with the backend (``sqlite.py``: an FTS5 table kept in sync by triggers).

These are the current tables. Migration 1 built them as ``schema_v1.py`` froze them; each later
change is a numbered migration (``migrations.py``) that names what it adds here:
- 2: ``actors.actor_key``, ``events.source_key``/``target_key`` (one actor across articles, see
  ``keys.actor_key``) and the indexes the API's filters and sorts use.
- 4: indexes for the API under load: a country with a type, confidence in page order, and an
  article's page columns (``bench api``).
- 6: a full CAMEO code in date order (the API's code filter).
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
    # Migration 4: a page of events joins its articles' columns from this index alone, without
    # reading the articles' rows (which hold the whole text and record).
    sa.Index("ix_articles_page", "id", "title", "outlet", "published", "url"),
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
    # Migration 2: the corpus-level actor this mention belongs to (keys.actor_key).
    sa.Column("actor_key", sa.String(16)),
    sa.Index("ix_actors_code", "code"),
    sa.Index("ix_actors_country", "country"),
    sa.Index("ix_actors_actor_key", "actor_key"),
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
    # Migration 2: the corpus-level keys of the source and target actors (keys.actor_key).
    sa.Column("source_key", sa.String(16)),
    sa.Column("target_key", sa.String(16)),
    sa.Index("ix_events_plover", "plover"),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_source_code", "source_code"),
    sa.Index("ix_events_target_code", "target_code"),
    sa.Index("ix_events_source_country", "source_country"),
    sa.Index("ix_events_target_country", "target_country"),
    sa.Index("ix_events_place_country", "place_country"),
    # Migration 2: filters of the API and the orders its sorts and pages need.
    sa.Index("ix_events_source_key", "source_key"),
    sa.Index("ix_events_target_key", "target_key"),
    # With quad: a CAMEO root with or without a quad class is counted from the index alone.
    sa.Index("ix_events_cameo", "cameo", "quad"),
    # The default order (newest first, then reading order) straight from an index, no sort:
    # alone, and after a type or quad filter.
    sa.Index("ix_events_date_order", sa.desc("date"), "article_id", "seq"),
    sa.Index("ix_events_plover_date", "plover", sa.desc("date"), "article_id", "seq"),
    sa.Index("ix_events_quad_date", "quad", sa.desc("date"), "article_id", "seq"),
    # With lon: a bounding box is filtered in the index, without reading rows outside it.
    sa.Index("ix_events_lat_lon", "lat", "lon"),
    # With factual: "confident, stated as fact" is counted from the index alone.
    sa.Index("ix_events_confidence", "confidence", "factual"),
    # Migration 4: a country (of the source, target or place) with a type, counted from three
    # indexes without reading the events of the type elsewhere; and the most confident events
    # first, a page at a time, straight from an index that also answers "stated as fact".
    sa.Index("ix_events_source_country_plover", "source_country", "plover"),
    sa.Index("ix_events_target_country_plover", "target_country", "plover"),
    sa.Index("ix_events_place_country_plover", "place_country", "plover"),
    sa.Index("ix_events_confidence_order", sa.desc("confidence"), "article_id", "seq", "factual"),
    # Migration 6: a full CAMEO code, a page at a time in date order (bench api: 16 ms -> 1 ms).
    sa.Index("ix_events_cameo_date", "cameo", sa.desc("date"), "article_id", "seq"),
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

CHILD_TABLES = (actors, places, timex, quotes, events)
