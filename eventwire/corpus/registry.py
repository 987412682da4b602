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
    """
    article_id = record["id"]
    when = record.get("published") or seen_at
    links = {r.actor_id: r for r in conn.execute(sa.select(registry_links).where(registry_links.c.article_id == article_id))}
    if links:
        _apply_stored(record, links)  # re-ingest: the same fills as the first time
        return
    for actor in record.get("actors", []):
        if actor.get("type") not in KINDS or not actor.get("name"):
            continue
        rid = _find(conn, actor) or _create(conn, actor, when)
        row = conn.execute(sa.select(registry_actors).where(registry_actors.c.id == rid)).one()
        filled = {}
        if not actor.get("country") and not _international(actor) and row.country:
            filled = {"country": row.country, "sector": actor.get("sector") or row.sector}
            filled["code"] = f"{filled['country']}{filled['sector'] or ''}"
            actor.update(filled)
        _learn(conn, rid, row, actor, when)
        _remember_names(conn, rid, actor)
        if actor.get("title"):
            conn.execute(_upsert(conn, registry_titles, {
                "registry_id": rid, "article_id": article_id, "title": actor["title"],
                "country": actor.get("country"), "sector": actor.get("sector"), "published": when}))
        conn.execute(_upsert(conn, registry_links, {
            "article_id": article_id, "actor_id": actor["id"], "registry_id": rid,
            "filled_country": filled.get("country"), "filled_sector": filled.get("sector") if filled else None,
            "filled_code": filled.get("code")}))


def _international(actor: dict) -> bool:
    return bool(actor.get("code")) and actor["code"][:3] in {"IGO", "NGO", "IMG"}


def _apply_stored(record: dict, links: dict) -> None:
    for actor in record.get("actors", []):
        link = links.get(actor.get("id"))
        if link is not None and link.filled_country:
            actor.update({"country": link.filled_country, "sector": link.filled_sector, "code": link.filled_code})


def _find(conn: sa.Connection, actor: dict) -> str | None:
    """The registry actor this one is: by spelling key, else (a one-word person) by surname."""
    key = name_key(actor["name"], actor["type"])
    ids = conn.execute(sa.select(registry_names.c.registry_id).distinct().where(registry_names.c.key == key)).scalars().all()
    if len(ids) == 1:
        return ids[0]
    if actor["type"] == "PERSON" and len(_words(actor["name"])) == 1:
        skey = f"S:{fold(actor['name'])}"
        ids = conn.execute(sa.select(registry_names.c.registry_id).distinct()
                           .where(registry_names.c.key == skey)).scalars().all()
        if len(ids) == 1:
            return ids[0]
    return None


def _create(conn: sa.Connection, actor: dict, when: str) -> str:
    key = name_key(actor["name"], actor["type"])
    rid = registry_id(key)
    if conn.execute(sa.select(registry_actors.c.id).where(registry_actors.c.id == rid)).first() is None:
        conn.execute(registry_actors.insert().values(
            id=rid, name=actor["name"], type=actor["type"], country=None, sector=None, code=None,
            first_seen=when, last_seen=when, articles=0))
    return rid


def _learn(conn: sa.Connection, rid: str, row: Any, actor: dict, when: str) -> None:
    """Count the article; adopt the article's coding when the registry had none; widen dates;
    prefer the longest name seen ("Sergei Lavrov" over "Lavrov")."""
    values: dict[str, Any] = {"articles": row.articles + 1, "first_seen": min(row.first_seen, when),
                              "last_seen": max(row.last_seen, when)}
    if not row.country and actor.get("country"):
        values.update(country=actor["country"], sector=actor.get("sector"), code=actor.get("code"))
    elif not row.code and _international(actor):
        values.update(code=actor["code"], sector=actor.get("sector"))
    if len(actor["name"]) > len(row.name):
        values["name"] = actor["name"]
    conn.execute(registry_actors.update().where(registry_actors.c.id == rid).values(**values))


def _remember_names(conn: sa.Connection, rid: str, actor: dict) -> None:
    keys = [("name", name_key(actor["name"], actor["type"]))]
    if actor["type"] == "PERSON" and (skey := surname_key(actor["name"])):
        keys.append(("surname", skey))
    for kind, key in keys:
        conn.execute(_upsert(conn, registry_names, {"key": key, "registry_id": rid, "kind": kind,
                                                    "spelling": actor["name"][:200]}, update=False))


def _upsert(conn: sa.Connection, table: sa.Table, values: dict, update: bool = True):
    """INSERT … ON CONFLICT on the primary key (DO UPDATE, or DO NOTHING), on both backends."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**values)
    keys = [c.name for c in table.primary_key.columns]
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=keys)
    return stmt.on_conflict_do_update(index_elements=keys, set_={k: v for k, v in values.items() if k not in keys})


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
