"""Tables of the corpus stages (``eventwire/corpus``): story clusters and canonical events.

Created by migration 2. They have their own MetaData and no foreign key to ``articles``: an
article's story is decided (and committed) before its record is written, so that the record
carries its ``story`` field and a crash between the two leaves nothing a re-run cannot redo.

- ``story_articles``: one row per article seen by deduplication, with its MinHash signature
  (the LSH index is ``story_bands``, persisted, so nothing is rebuilt at open).
- ``story_paragraphs``: per outlet, how many of its articles printed each paragraph (hashed):
  a paragraph in two or more is the outlet's boilerplate.
- ``stories``: one row per cluster, with first-seen times, outlets and the syndication flag;
  ``story_merges`` maps clusters later found to be one story to the surviving id.
- ``canonical_events``: one real event, defined by the fields of the report that founded it.
- ``canonical_members``: every (article, event id) that reports a canonical event.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

story_articles = sa.Table(
    "story_articles",
    metadata,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("cluster_id", sa.String(40), nullable=False),
    sa.Column("duplicate_of", sa.String),
    sa.Column("similarity", sa.Float),
    sa.Column("text_hash", sa.String(40), nullable=False),
    sa.Column("shingles", sa.Integer, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # NUM_PERM little-endian uint32
    # {paragraph hash: sorted shingle hashes}, dedup.encode_paragraphs
    sa.Column("paragraphs", sa.LargeBinary, nullable=False),
    sa.Column("outlet", sa.Text),
    # Who published it, for counting outlets: the outlet, else the URL's host, else the article.
    sa.Column("source_key", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("seen_at", sa.String(40), nullable=False),
    # sha1 of the article's events' defining fields: unchanged means canonical events are too.
    sa.Column("events_hash", sa.String(40)),
    sa.Index("ix_story_articles_cluster", "cluster_id"),
    sa.Index("ix_story_articles_text_hash", "text_hash"),
)

story_bands = sa.Table(
    "story_bands",
    metadata,
    # One LSH band of an article's signature, hashed (band number included) to 63 bits.
    sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.String, primary_key=True),
)

story_paragraphs = sa.Table(
    "story_paragraphs",
    metadata,
    # Paragraphs an outlet has printed (hashed): one it prints again in another article is
    # its boilerplate (a promo line, a disclaimer), left out of the next article's signature.
    sa.Column("source_key", sa.Text, primary_key=True),
    sa.Column("hash", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("articles", sa.Integer, nullable=False),
)

story_merges = sa.Table(
    "story_merges",
    metadata,
    # A cluster found to be the same story as an older one lives on under the older id;
    # records written before keep the id they were given, and this resolves it.
    sa.Column("old_id", sa.String(40), primary_key=True),
    sa.Column("new_id", sa.String(40), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Index("ix_story_merges_new", "new_id"),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("founder", sa.String, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("first_published", sa.String(40)),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("outlets", sa.JSON, nullable=False),
    sa.Column("syndicated", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Index("ix_stories_first_seen", "first_seen"),
)

canonical_events = sa.Table(
    "canonical_events",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("plover", sa.String(20), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("factual", sa.Boolean, nullable=False),
    sa.Column("source_code", sa.String(40)),
    sa.Column("source_country", sa.String(3)),
    sa.Column("source_sector", sa.String(20)),
    sa.Column("target_code", sa.String(40)),
    sa.Column("target_country", sa.String(3)),
    sa.Column("target_sector", sa.String(20)),
    sa.Column("date", sa.String(40)),
    sa.Column("date_precision", sa.String(10)),
    # The date as a range of proleptic ordinals (date.toordinal), for the tolerance query.
    sa.Column("day_first", sa.Integer),
    sa.Column("day_last", sa.Integer),
    sa.Column("place_name", sa.Text),
    sa.Column("place_geonameid", sa.Integer),
    sa.Column("place_country", sa.String(3)),
    sa.Column("place_feature", sa.String(20)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("stories", sa.Integer, nullable=False),
    sa.Index("ix_canonical_events_match", "plover", "factual", "day_first"),
    sa.Index("ix_canonical_events_date", "date"),
)

canonical_members = sa.Table(
    "canonical_members",
    metadata,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("event_id", sa.String(40), primary_key=True),
    sa.Column("canonical_id", sa.String(40), nullable=False),
    sa.Column("cluster_id", sa.String(40)),
    sa.Column("source_key", sa.Text, nullable=False),
    # sha1 of the evidence sentence and trigger: copies of one story state an event alike.
    sa.Column("evidence_hash", sa.String(40), nullable=False),
    sa.Column("trigger", sa.Text),
    sa.Column("dead", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Index("ix_canonical_members_canonical", "canonical_id"),
    sa.Index("ix_canonical_members_evidence", "cluster_id", "evidence_hash"),
)

CORPUS_TABLES = (story_articles, story_bands, story_paragraphs, story_merges, stories, canonical_events,
                 canonical_members)
