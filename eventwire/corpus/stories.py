"""Story clusters: each article joins the cluster of the earliest article it copies, incrementally.

An article is compared with the articles already seen, through the LSH bands persisted in
``story_bands`` (so the index survives restarts and is shared by every process writing the
store). An exact copy (same normalized text) or a near duplicate (``dedup.is_same_story``)
joins the cluster of the earliest-seen article it matches, which becomes its ``duplicate_of``;
anything else founds a new cluster. When an article matches members of several clusters,
those are one story after all: the younger clusters are merged into the oldest
(``story_merges`` resolves their ids). Assigning the same article again returns its first
assignment.

Each outlet's paragraphs are counted (``story_paragraphs``): one that the outlet printed in
another article too is its boilerplate, and is left out when its articles are compared.
"""
from __future__ import annotations

import hashlib
import logging
import urllib.parse
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from eventwire.corpus import dedup
from eventwire.model.article import text_hash
from eventwire.store.corpus_schema import (
    canonical_members,
    stories,
    story_articles,
    story_bands,
    story_merges,
    story_paragraphs,
)

log = logging.getLogger(__name__)



# Candidates compared per article, most band hits first: a text made only of boilerplate
# shared by thousands of articles must not turn one insert into thousands of comparisons.
MAX_CANDIDATES = 200
# An outlet's paragraph is its boilerplate once printed in this many of its articles: not two,
# since an outlet may rerun its own story or quote its lead in a digest.
BOILERPLATE_REPEATS = 3

# Statements built once: constructing a SQLAlchemy statement costs more than running it on
# SQLite, and a per-article stage runs these a million times on a corpus.
_sa, _sb, _sp = story_articles, story_bands, story_paragraphs
_GET_ARTICLE = sa.select(_sa.c.cluster_id, _sa.c.duplicate_of, _sa.c.similarity, _sa.c.text_hash).where(
    _sa.c.article_id == sa.bindparam("rid"))
_GET_COUNTS = sa.select(_sp.c.hash, _sp.c.articles).where(
    _sp.c.source_key == sa.bindparam("outlet"), _sp.c.hash.in_(sa.bindparam("hashes", expanding=True)))
_ADD_COUNTS = _sp.update().where(
    _sp.c.source_key == sa.bindparam("outlet"), _sp.c.hash.in_(sa.bindparam("hashes", expanding=True))).values(
    articles=_sp.c.articles + 1)
_EXACT = sa.select(_sa.c.seen_at, _sa.c.article_id, _sa.c.cluster_id).where(
    _sa.c.text_hash == sa.bindparam("digest"), _sa.c.article_id != sa.bindparam("rid"))
_hits = sa.func.count().label("hits")
_CANDIDATES = (
    sa.select(_sb.c.article_id, _hits)
    .where(_sb.c.key.in_(sa.bindparam("keys", expanding=True)), _sb.c.article_id != sa.bindparam("rid"))
    .group_by(_sb.c.article_id).order_by(_hits.desc(), _sb.c.article_id)
    .limit(MAX_CANDIDATES)
    .subquery()
)
_CANDIDATE_ROWS = sa.select(_sa.c.article_id, _sa.c.cluster_id, _sa.c.paragraphs, _sa.c.source_key, _sa.c.seen_at).join(
    _CANDIDATES, _CANDIDATES.c.article_id == _sa.c.article_id)
_BOILERPLATE = sa.select(_sp.c.source_key, _sp.c.hash).where(
    _sp.c.source_key.in_(sa.bindparam("outlets", expanding=True)), _sp.c.hash.in_(sa.bindparam("hashes", expanding=True)),
    _sp.c.articles >= sa.bindparam("repeats"))
_MEMBERS = sa.select(_sa.c.article_id, _sa.c.outlet, _sa.c.source_key, _sa.c.title, _sa.c.published, _sa.c.seen_at).where(
    _sa.c.cluster_id == sa.bindparam("cluster")).order_by(_sa.c.seen_at, _sa.c.article_id)
_UPDATE_STORY = stories.update().where(stories.c.id == sa.bindparam("b_id"))


@dataclass(frozen=True, slots=True)
class Assignment:
    """An article's place in the story clusters: the record's ``story`` field."""

    cluster: str
    duplicate_of: str | None = None
    similarity: float | None = None

    def as_story(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "duplicate_of": self.duplicate_of, "similarity": self.similarity}


def cluster_id(founder: str) -> str:
    """Return the id of the cluster founded by article ``founder`` (deterministic)."""
    return "c" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]


def source_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """Return who published an article, for counting distinct outlets."""
    if outlet and outlet.strip():
        return " ".join(outlet.lower().split())
    host = urllib.parse.urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return f"article:{article_id}"


def assign(conn: sa.Connection, record: dict[str, Any], seen_at: str) -> tuple[Assignment, list[str]]:
    """Return the article's Assignment and the clusters merged away, writing both when new.

    ``conn`` is in a write transaction. An article seen before with the same text keeps its
    assignment; with a changed text (a caller id reused) it is assigned afresh.
    """
    rid = record["id"]
    text = record["text"]
    existing = conn.execute(_GET_ARTICLE, {"rid": rid}).first()
    if existing is not None:
        if existing.text_hash == text_hash(text):
            return Assignment(existing.cluster_id, existing.duplicate_of, existing.similarity), []
        remove(conn, rid, seen_at)
    publisher = source_key(record.get("outlet"), record.get("url"), rid)
    hashes = sorted({dedup.paragraph_hash(p) for p in dedup.story_paragraphs(text)})
    boilerplate = _count_paragraphs(conn, publisher, hashes)
    fp = dedup.fingerprint(text, boilerplate)
    mine = dedup.shingle_set(fp.paragraphs, boilerplate)
    matches = _exact_matches(conn, fp.text_hash, rid) or _near_matches(conn, fp, mine, rid)
    merged: list[str] = []
    if not matches:
        assignment = Assignment(cluster_id(rid))
    else:
        _, first, cluster, score = min(matches)  # the earliest seen: the original, not a copy
        assignment = Assignment(cluster, first, round(score, 3))
        merged = sorted({m[2] for m in matches} - {cluster})
    conn.execute(story_articles.insert(), dict(
        article_id=rid, cluster_id=assignment.cluster, duplicate_of=assignment.duplicate_of,
        similarity=assignment.similarity, text_hash=fp.text_hash, shingles=int(mine.size),
        signature=fp.signature_bytes(), paragraphs=fp.paragraph_bytes(), outlet=record.get("outlet"),
        source_key=publisher, title=record.get("title"), published=record.get("published"), seen_at=seen_at,
        events_hash=None,
    ))
    conn.execute(story_bands.insert(), [{"key": k, "article_id": rid} for k in sorted(set(dedup.band_keys(fp.signature)))])
    for old in merged:
        _merge(conn, old, assignment.cluster, seen_at)
    _refresh_story(conn, assignment.cluster, seen_at)
    return assignment, merged


def resolve(conn: sa.Connection, cluster: str) -> str:
    """Return the id a cluster lives on under (itself unless it was merged into another)."""
    new = conn.execute(sa.select(story_merges.c.new_id).where(story_merges.c.old_id == cluster)).scalar()
    return new or cluster


def _count_paragraphs(conn: sa.Connection, publisher: str, hashes: list[int]) -> set[int]:
    """Count this article's paragraphs for its outlet; return those that are now boilerplate."""
    if not hashes:
        return set()
    known = {row.hash: row.articles for row in conn.execute(_GET_COUNTS, {"outlet": publisher, "hashes": hashes})}
    if known:
        conn.execute(_ADD_COUNTS, {"outlet": publisher, "hashes": sorted(known)})
    fresh = [{"source_key": publisher, "hash": h, "articles": 1} for h in hashes if h not in known]
    if fresh:
        conn.execute(story_paragraphs.insert(), fresh)
    return {h for h, n in known.items() if n + 1 >= BOILERPLATE_REPEATS}


def _exact_matches(conn: sa.Connection, digest: str, rid: str) -> list[tuple[str, str, str, float]]:
    rows = conn.execute(_EXACT, {"digest": digest, "rid": rid}).all()
    return [(r.seen_at, r.article_id, r.cluster_id, 1.0) for r in rows]


def _near_matches(conn: sa.Connection, fp: dedup.Fingerprint, mine: np.ndarray,
                  rid: str) -> list[tuple[str, str, str, float]]:
    """Return (seen_at, article, cluster, score) of every earlier article this one copies."""
    if mine.size == 0:
        return []
    keys = sorted(set(dedup.band_keys(fp.signature)))
    rows = conn.execute(_CANDIDATE_ROWS, {"keys": keys, "rid": rid}).all()
    decoded = {row.article_id: dedup.decode_paragraphs(row.paragraphs) for row in rows}
    skip = _boilerplate_of(conn, {(row.source_key, h) for row in rows for h in decoded[row.article_id]})
    matches = []
    for row in rows:
        theirs = dedup.shingle_set(decoded[row.article_id], skip.get(row.source_key, ()))
        sim = dedup.similarity(mine, theirs)
        if dedup.is_same_story(sim):
            matches.append((row.seen_at, row.article_id, row.cluster_id, sim.score))
    return matches


def _boilerplate_of(conn: sa.Connection, pairs: set[tuple[str, int]]) -> dict[str, set[int]]:
    """Return {outlet: paragraph hashes that are its boilerplate} among (outlet, hash) pairs."""
    if not pairs:
        return {}
    out: dict[str, set[int]] = {}
    params = {"outlets": sorted({o for o, _ in pairs}), "hashes": sorted({h for _, h in pairs}),
              "repeats": BOILERPLATE_REPEATS}
    for row in conn.execute(_BOILERPLATE, params):
        if (row.source_key, row.hash) in pairs:
            out.setdefault(row.source_key, set()).add(row.hash)
    return out


def _merge(conn: sa.Connection, old: str, new: str, at: str) -> None:
    """Fold cluster ``old`` into ``new``: members, canonical-event links and earlier merges."""
    if old == new:
        return
    log.info("story %s is the same story as %s: merged", old, new)
    conn.execute(story_articles.update().where(story_articles.c.cluster_id == old).values(cluster_id=new))
    conn.execute(canonical_members.update().where(canonical_members.c.cluster_id == old).values(cluster_id=new))
    conn.execute(story_merges.update().where(story_merges.c.new_id == old).values(new_id=new))
    conn.execute(story_merges.delete().where(story_merges.c.old_id == old))
    conn.execute(story_merges.insert().values(old_id=old, new_id=new, at=at))
    conn.execute(stories.delete().where(stories.c.id == old))


def remove(conn: sa.Connection, rid: str, at: str) -> None:
    """Forget an article's membership, bands and paragraph counts (its cluster is recounted)."""
    row = conn.execute(sa.select(story_articles.c.cluster_id, story_articles.c.source_key, story_articles.c.paragraphs)
                       .where(story_articles.c.article_id == rid)).first()
    if row is None:
        return
    hashes = sorted(dedup.decode_paragraphs(row.paragraphs))
    if hashes:
        sp = story_paragraphs
        conn.execute(sp.update().where(sp.c.source_key == row.source_key, sp.c.hash.in_(hashes))
                     .values(articles=sp.c.articles - 1))
        conn.execute(sp.delete().where(sp.c.source_key == row.source_key, sp.c.articles <= 0))
    conn.execute(story_bands.delete().where(story_bands.c.article_id == rid))
    conn.execute(story_articles.delete().where(story_articles.c.article_id == rid))
    _refresh_story(conn, row.cluster_id, at)


def _refresh_story(conn: sa.Connection, cluster: str, at: str) -> None:
    """Recompute a cluster's row from its members (deleting it when it has none)."""
    members = conn.execute(_MEMBERS, {"cluster": cluster}).all()
    if not members:
        conn.execute(stories.delete().where(stories.c.id == cluster))
        return
    founder = members[0]
    outlets = sorted({m.outlet for m in members if m.outlet})
    published = sorted(m.published for m in members if m.published)
    row = dict(founder=founder.article_id, title=founder.title, first_seen=founder.seen_at,
               first_published=published[0] if published else None, articles=len(members), outlets=outlets,
               # Syndication: one story carried by more than one publisher.
               syndicated=len({m.source_key for m in members}) > 1, updated_at=at)
    if conn.execute(_UPDATE_STORY, {"b_id": cluster, **row}).rowcount == 0:
        conn.execute(stories.insert(), {"id": cluster, **row})
