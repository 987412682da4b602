"""The actor registry: one person or organisation across the corpus.

An article names "Sergei Lavrov, the Russian foreign minister"; a later one "Sergey Lavrov"
and another just "Lavrov". Within an article coreference already joins mentions; the registry
joins them across articles:

- **spelling variants** share a key (``name_key``): accents and case are dropped, common
  transliteration pairs fold (ks/x, kh/h, ph/f, y/i, ou/u, doubled letters) and a person's
  given names are reduced to their consonants and last letter (Sergei/Sergey, Dmitri/Dmitry,
  Mohammed/Muhammad),
  while the surname must match after folding;
- **surname-only mentions** ("Lavrov") join the one registry person with that surname, and
  none when several share it;
- **titles over time** are kept per article and date;
- **coding**: an actor an article names without title or nationality takes the country and
  sector the registry learned from earlier articles (``registry_links`` records what was filled,
  so re-ingesting an article gives the same record).

It runs in the corpus transaction (``Corpus.add``), before the record is written.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

import sqlalchemy as sa

from eventwire.store.registry_schema import registry_actors, registry_links, registry_names, registry_titles

KINDS = frozenset({"PERSON", "ORG"})
_FOLDS = (("ks", "x"), ("kh", "h"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("ou", "u"), ("y", "i"), ("w", "v"))
_WORD = re.compile(r"[a-z]+")
VOWELS = frozenset("aeiou")


def fold(word: str) -> str:
    """Lower-case ASCII letters of ``word`` with transliteration pairs folded and doubles collapsed."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = "".join(_WORD.findall(text))
    for a, b in _FOLDS:
        text = text.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", text)


def skeleton(word: str) -> str:
    """The folded word's first letter, its consonants and a final vowel ("sergei" -> "srgi"):
    Sergei/Sergey and Mohammed/Muhammad agree, Amina/Amani do not."""
    w = fold(word)
    if not w:
        return ""
    core = w[:1] + "".join(c for c in w[1:-1] if c not in VOWELS)
    return core + w[-1] if len(w) > 1 else core


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", name.strip()) if fold(w)]


def name_key(name: str, type_: str) -> str:
    """The spelling-variant key of a name: for a person, given names by skeleton and the
    surname folded; for an organisation, every word folded."""
    words = _words(name)
    if type_ == "PERSON" and len(words) > 1:
        return f"P:{' '.join(skeleton(w) for w in words[:-1])} {fold(words[-1])}"[:200]
    return f"{type_[0]}:{' '.join(fold(w) for w in words)}"[:200]


def surname_key(name: str) -> str | None:
    """The key of a person's surname ("Lavrov"), or None for a one-word name."""
    words = _words(name)
    return f"S:{fold(words[-1])}" if len(words) > 1 else None


def registry_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def add(conn: sa.Connection, record: dict[str, Any], seen_at: str) -> None:
    """Link the record's persons and organisations to the registry; fill what it learned.

    Mutates ``record["actors"]`` (country, sector, code of actors the article left uncoded).
    One read of the names and actors it needs, one write per table: a few statements an article.
    """
    article_id = record["id"]
    when = record.get("published") or seen_at
    links = {r.actor_id: r for r in conn.execute(sa.select(registry_links).where(registry_links.c.article_id == article_id))}
    if links:
        _apply_stored(record, links)  # re-ingest: the same fills as the first time
        return
    actors = [a for a in record.get("actors", []) if a.get("type") in KINDS and a.get("name")]
    if not actors:
        return
    keys = {id(a): name_key(a["name"], a["type"]) for a in actors}
    lookups = set(keys.values()) | {f"S:{fold(a['name'])}" for a in actors if _one_word_person(a)}
    named: dict[str, set[str]] = {}
    for row in conn.execute(sa.select(registry_names.c.key, registry_names.c.registry_id)
                            .where(registry_names.c.key.in_(sorted(lookups)))):
        named.setdefault(row.key, set()).add(row.registry_id)
    rids = {id(a): _find(a, keys[id(a)], named) for a in actors}
    rows = {r.id: dict(r._mapping) for r in conn.execute(
        sa.select(registry_actors).where(registry_actors.c.id.in_(sorted(set(rids.values())))))}
    new_ids = set()
    names, titles, link_rows = [], [], []
    for actor in actors:
        rid = rids[id(actor)]
        row = rows.get(rid)
        if row is None:  # first seen in this article
            row = rows[rid] = {"id": rid, "name": actor["name"], "type": actor["type"], "country": None,
                               "sector": None, "code": None, "first_seen": when, "last_seen": when, "articles": 0}
            new_ids.add(rid)
        filled = {}
        if not actor.get("country") and not _international(actor) and row["country"]:
            filled = {"country": row["country"], "sector": actor.get("sector") or row["sector"]}
            filled["code"] = f"{filled['country']}{filled['sector'] or ''}"
            actor.update(filled)
        _learn(row, actor, when)
        names += _names(rid, actor, keys[id(actor)])
        if actor.get("title"):
            titles.append({"registry_id": rid, "article_id": article_id, "title": actor["title"],
                           "country": actor.get("country"), "sector": actor.get("sector"), "published": when})
        link_rows.append({"article_id": article_id, "actor_id": actor["id"], "registry_id": rid,
                          "filled_country": filled.get("country"), "filled_sector": filled.get("sector"),
                          "filled_code": filled.get("code")})
    for rid, row in rows.items():
        row["articles"] += 1  # once per article, however many of its actors are this one
    _write(conn, rows, new_ids, names, titles, link_rows)


def _international(actor: dict) -> bool:
    return bool(actor.get("code")) and actor["code"][:3] in {"IGO", "NGO", "IMG"}


def _apply_stored(record: dict, links: dict) -> None:
    for actor in record.get("actors", []):
        link = links.get(actor.get("id"))
        if link is not None and link.filled_country:
            actor.update({"country": link.filled_country, "sector": link.filled_sector, "code": link.filled_code})


def _one_word_person(actor: dict) -> bool:
    return actor["type"] == "PERSON" and len(_words(actor["name"])) == 1


def _find(actor: dict, key: str, named: dict[str, set[str]]) -> str:
    """The registry actor this one is: by spelling key, else (a one-word person) by surname,
    else a new one keyed by its spelling."""
    ids = named.get(key, set())
    if len(ids) == 1:
        return next(iter(ids))
    if _one_word_person(actor):
        ids = named.get(f"S:{fold(actor['name'])}", set())
        if len(ids) == 1:
            return next(iter(ids))
    return registry_id(key)


def _learn(row: dict, actor: dict, when: str) -> None:
    """Adopt the article's coding when the registry had none; widen dates; prefer the longest
    name seen ("Sergei Lavrov" over "Lavrov")."""
    row["first_seen"], row["last_seen"] = min(row["first_seen"], when), max(row["last_seen"], when)
    if not row["country"] and actor.get("country"):
        row.update(country=actor["country"], sector=actor.get("sector"), code=actor.get("code"))
    elif not row["code"] and _international(actor):
        row.update(code=actor["code"], sector=actor.get("sector"))
    if len(actor["name"]) > len(row["name"]):
        row["name"] = actor["name"]


def _names(rid: str, actor: dict, key: str) -> list[dict]:
    out = [{"key": key, "registry_id": rid, "kind": "name", "spelling": actor["name"][:200]}]
    if actor["type"] == "PERSON" and (skey := surname_key(actor["name"])):
        out.append({"key": skey, "registry_id": rid, "kind": "surname", "spelling": actor["name"][:200]})
    return out


def _write(conn: sa.Connection, rows: dict, new_ids: set, names: list, titles: list, links: list) -> None:
    """One executemany per table."""
    fresh = [r for rid, r in rows.items() if rid in new_ids]
    if fresh:
        conn.execute(registry_actors.insert(), fresh)
    known = [{f"b_{k}": v for k, v in r.items()} for rid, r in rows.items() if rid not in new_ids]
    if known:
        conn.execute(registry_actors.update().where(registry_actors.c.id == sa.bindparam("b_id")).values(
            {c: sa.bindparam(f"b_{c}") for c in ("name", "country", "sector", "code", "first_seen", "last_seen",
                                                   "articles")}), known)
    for table, values, update in ((registry_names, names, False), (registry_titles, titles, True),
                                  (registry_links, links, True)):
        if values:
            conn.execute(_upsert_stmt(conn, table, update), _unique(table, values))


def _unique(table: sa.Table, values: list[dict]) -> list[dict]:
    """The last row for each primary key (one statement may not touch a row twice)."""
    keys = [c.name for c in table.primary_key.columns]
    return list({tuple(v[k] for k in keys): v for v in values}.values())


def _upsert_stmt(conn: sa.Connection, table: sa.Table, update: bool):
    """INSERT … ON CONFLICT on the primary key (DO UPDATE, or DO NOTHING), for executemany."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table)
    keys = [c.name for c in table.primary_key.columns]
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=keys)
    others = [c.name for c in table.columns if c.name not in keys]
    return stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in others})


def remove(conn: sa.Connection, article_id: str) -> None:
    """Forget an article's links and titles (its actors no longer count for the registry)."""
    linked = conn.execute(sa.select(registry_links.c.registry_id).where(registry_links.c.article_id == article_id)).scalars().all()
    for rid in set(linked):
        conn.execute(registry_actors.update().where(registry_actors.c.id == rid)
                     .values(articles=sa.func.max(registry_actors.c.articles - 1, 0)
                             if conn.dialect.name == "sqlite" else sa.func.greatest(registry_actors.c.articles - 1, 0)))
    conn.execute(registry_links.delete().where(registry_links.c.article_id == article_id))
    conn.execute(registry_titles.delete().where(registry_titles.c.article_id == article_id))


# --------------------------------------------------------------------------- reads


def entries(conn: sa.Connection, q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Registry actors (most articles first), each with its spellings and titles over time."""
    stmt = sa.select(registry_actors).order_by(registry_actors.c.articles.desc(), registry_actors.c.name).limit(limit)
    if q:
        like = f"%{q.lower()}%"
        named = sa.select(registry_names.c.registry_id).where(sa.func.lower(registry_names.c.spelling).like(like))
        stmt = stmt.where(sa.or_(sa.func.lower(registry_actors.c.name).like(like), registry_actors.c.id.in_(named)))
    out = []
    for row in conn.execute(stmt):
        spellings = sorted(set(conn.execute(sa.select(registry_names.c.spelling)
                                            .where(registry_names.c.registry_id == row.id)).scalars()))
        titles = [dict(r._mapping) for r in conn.execute(
            sa.select(registry_titles.c.published, registry_titles.c.title, registry_titles.c.country,
                      registry_titles.c.sector, registry_titles.c.article_id)
            .where(registry_titles.c.registry_id == row.id).order_by(registry_titles.c.published))]
        out.append({**dict(row._mapping), "spellings": spellings, "titles": titles})
    return out
