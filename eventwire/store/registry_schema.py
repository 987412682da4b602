"""Tables of the actor registry (``eventwire/corpus/registry.py``), created by migration 5.

- ``registry_actors``: one person or organisation of the corpus, with the country and sector
  its articles gave it, when it was first and last seen and in how many articles.
- ``registry_names``: every spelling key that names a registry actor (``name_key``: "Sergei
  Lavrov" and "Sergey Lavrov" share one), and the surname keys of persons (several actors may
  share a surname: a key names an actor only when it names one).
- ``registry_titles``: the titles an actor was given, per article and date (titles over time).
- ``registry_links``: which registry actor each (article, actor id) is, and what the registry
  filled in (country, sector) because the article did not say; re-ingesting reuses these rows,
  so the record comes out the same.

Like the story tables they have no foreign key to ``articles``: an article's links are written
before its record, in the corpus transaction.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

registry_actors = sa.Table(
    "registry_actors",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(8)),
    sa.Column("code", sa.String(16)),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("last_seen", sa.String(40), nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
)

registry_names = sa.Table(
    "registry_names",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("registry_id", sa.String(16), primary_key=True),
    sa.Column("spelling", sa.String(200), primary_key=True),  # every spelling seen with this key
    sa.Column("kind", sa.String(8), nullable=False),  # "name" or "surname"
)

registry_titles = sa.Table(
    "registry_titles",
    metadata,
    sa.Column("registry_id", sa.String(16), primary_key=True),
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(8)),
    sa.Column("published", sa.String(40)),
)

registry_links = sa.Table(
    "registry_links",
    metadata,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("actor_id", sa.String(16), primary_key=True),
    sa.Column("registry_id", sa.String(16), nullable=False, index=True),
    sa.Column("filled_country", sa.String(3)),
    sa.Column("filled_sector", sa.String(8)),
    sa.Column("filled_code", sa.String(16)),
)

REGISTRY_TABLES = (registry_actors, registry_names, registry_titles, registry_links)
