"""Canonical events: one real event with every (article, event id) that reports it.

An event joins a canonical event when it is the same kind of event by the same parties at the
same time and place:

- the same PLOVER type and the same factuality (a threat is not the act);
- compatible actors on each side: country (or IGO code) and sector equal where both are known,
  and at least one side known and equal on both (or the same city) -- two events with no
  identified parties are not evidence of one event; for symmetric types (meetings,
  agreements, cooperation) the sides may be swapped;
- dates (day, month or year periods) within ``DATE_TOLERANCE_DAYS``;
- the same place, or places within ``PLACE_KM``, or a city inside the other's country, or
  either unknown.

Copies of one story state an event in the same sentence: an event whose sentence and trigger
match a report in the same story cluster joins that report's canonical event directly, even if
the coder read the parties differently in the shorter copy.

A canonical event is defined by the fields of the report that founded it; its id is a hash of
those fields, so the same corpus ingested in the same order gives the same ids.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

import sqlalchemy as sa

from eventwire.store.corpus_schema import canonical_events, canonical_members, story_articles

# Reports of one event a day apart: the later one dates it by its own publication day
# (date_basis "published") or resolves "yesterday" across a time zone.
DATE_TOLERANCE_DAYS = 2
# Two places this close are one place for matching (a city and its suburb or airport).
PLACE_KM = 100.0
# PLOVER types whose two sides play the same role ("A met B" is "B met A").
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Words on each side of the trigger that identify an event's statement across copies.
EVIDENCE_WINDOW = 5
_WORDS = re.compile(r"\w+")
# Points added per piece of agreement when several canonical events would fit.
_SCORE_SIDE, _SCORE_SECTOR, _SCORE_PLACE, _SCORE_SAME_SENTENCE = 2.0, 1.0, 1.0, 10.0


@dataclass(frozen=True, slots=True)
class Side:
    """One party of an event, as matching sees it: a country (or IGO code) and a sector."""

    key: str | None  # ISO3 country, or the actor code when it has no country (IGOs)
    sector: str | None
    code: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Report:
    """One event of one article, reduced to the fields that define a real event."""

    article_id: str
    event_id: str
    plover: str
    mode: str | None
    cameo: str
    factual: bool
    source: Side
    target: Side
    date: str | None
    date_precision: str | None
    days: tuple[int, int] | None
    place_name: str | None
    place_geonameid: int | None
    place_country: str | None
    place_feature: str | None
    lat: float | None
    lon: float | None
    evidence_hash: str
    trigger: str = ""
    dead: int | None = None

    def defining(self) -> dict[str, Any]:
        return {"plover": self.plover, "factual": self.factual,
                "source": [self.source.key, self.source.sector], "target": [self.target.key, self.target.sector],
                "date": self.date, "place": self.place_geonameid or self.place_name}


def reports(record: dict[str, Any]) -> list[Report]:
    """Return the Reports of a record's events, in the record's order."""
    actors = {a["id"]: a for a in record.get("actors", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    text = record.get("text", "")
    out = []
    for event in record.get("events", []):
        place = places.get(event.get("location") or "", {})
        trigger = event.get("trigger") or {}
        digest = _evidence_hash(event["plover"], text, event.get("evidence") or {}, trigger)
        out.append(Report(
            article_id=record["id"], event_id=event["id"], plover=event["plover"], mode=event.get("mode"),
            cameo=event["cameo"], factual=bool(event.get("factual", True)),
            source=_side(actors.get(event.get("source") or "")), target=_side(actors.get(event.get("target") or "")),
            date=event.get("date"), date_precision=event.get("date_precision"), days=day_range(event.get("date")),
            place_name=place.get("name"), place_geonameid=place.get("geonameid"), place_country=place.get("country"),
            place_feature=place.get("feature"), lat=place.get("lat"), lon=place.get("lon"), evidence_hash=digest,
            trigger=trigger.get("text", ""), dead=event.get("dead"),
        ))
    return out


def _evidence_hash(plover: str, text: str, evidence: dict[str, int], trigger: dict[str, Any]) -> str:
    """Hash the trigger with the words around it in its sentence: the same in copies of a story.

    A window, not the whole sentence: a copy may change the dateline that opens the first
    sentence, or a word far from the event ("said" -> "told reporters").
    """
    start, end = evidence.get("start", 0), evidence.get("end", 0)
    t0, t1 = trigger.get("start", start), trigger.get("end", start)
    before = _WORDS.findall(text[start:t0])[-EVIDENCE_WINDOW:]
    after = _WORDS.findall(text[t1:end])[:EVIDENCE_WINDOW]
    key = " ".join(before + ["[" + trigger.get("text", "") + "]"] + after).lower()
    return hashlib.sha1(f"{plover}|{key}".encode("utf-8")).hexdigest()


def _side(actor: dict[str, Any] | None) -> Side:
    if not actor:
        return Side(None, None, None, None)
    country, code = actor.get("country"), actor.get("code")
    return Side(country or code, actor.get("sector"), code, country)


def day_range(value: str | None) -> tuple[int, int] | None:
    """Return the first and last day ordinals of an ISO date, month or year ("2020-11")."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            day = date(*parts).toordinal()
            return day, day
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        if len(parts) == 1:
            return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except ValueError:
        return None
    return None


def events_hash(items: Iterable[Report], cluster: str) -> str:
    """Return a digest of an article's reports: unchanged means nothing to redo."""
    payload = [cluster] + [[r.event_id, r.defining(), r.evidence_hash] for r in items]
    return hashlib.sha1(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# -- matching ---------------------------------------------------------------------------------


def _side_fits(a: Side, b: Side) -> bool:
    return (a.key is None or b.key is None or a.key == b.key) and \
           (a.sector is None or b.sector is None or a.sector == b.sector)


def _side_points(a: Side, b: Side) -> float:
    points = _SCORE_SIDE if a.key is not None and a.key == b.key else 0.0
    if points and a.sector is not None and a.sector == b.sector:
        points += _SCORE_SECTOR
    return points


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def place_fit(a: Report | Any, b: Report | Any) -> float | None:
    """Return points for agreeing places, 0 when either is unknown, None when they conflict."""
    if a.place_name is None or b.place_name is None:
        return 0.0
    if a.place_geonameid is not None and a.place_geonameid == b.place_geonameid:
        return _SCORE_PLACE
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return None
    if "country" in (a.place_feature, b.place_feature):
        return 0.0  # a city inside the other's country (the countries agree or one is unknown)
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _SCORE_PLACE if _distance_km(a.lat, a.lon, b.lat, b.lon) <= PLACE_KM else None
    return _SCORE_PLACE if a.place_name.lower() == b.place_name.lower() else 0.0


def date_gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Return the days between two date periods (0 when they overlap); None if only one is known."""
    if a is None and b is None:
        return 0
    if a is None or b is None:
        return None
    return max(0, a[0] - b[1], b[0] - a[1])


def match_score(report: Report, canon: Any) -> float | None:
    """Return how well ``report`` fits canonical event ``canon`` (higher is better), None if not."""
    if report.plover != canon.plover or report.factual != canon.factual:
        return None
    gap = date_gap(report.days, (canon.day_first, canon.day_last) if canon.day_first is not None else None)
    if gap is None or gap > DATE_TOLERANCE_DAYS:
        return None
    place = place_fit(report, canon)
    if place is None:
        return None
    c_source = Side(canon.source_country or canon.source_code, canon.source_sector, canon.source_code, canon.source_country)
    c_target = Side(canon.target_country or canon.target_code, canon.target_sector, canon.target_code, canon.target_country)
    orders = [(c_source, c_target)]
    if report.plover in SYMMETRIC:
        orders.append((c_target, c_source))
    best: float | None = None
    for src, tgt in orders:
        if not (_side_fits(report.source, src) and _side_fits(report.target, tgt)):
            continue
        sides = _side_points(report.source, src) + _side_points(report.target, tgt)
        city = place > 0 and "country" not in (report.place_feature, canon.place_feature)
        if sides == 0 and not city:
            continue  # nothing identifies the event: no parties and no shared city
        score = sides + place - 0.5 * gap
        best = score if best is None else max(best, score)
    return best


# -- the store --------------------------------------------------------------------------------

# Statements built once (see stories.py: building one costs more than running it on SQLite).
_ce, _cm, _sa = canonical_events, canonical_members, story_articles
_STATE = sa.select(_sa.c.events_hash, _sa.c.source_key).where(_sa.c.article_id == sa.bindparam("rid"))
_LINKS = sa.select(_cm.c.event_id, _cm.c.canonical_id).where(_cm.c.article_id == sa.bindparam("rid"))
_SET_EVENTS_HASH = _sa.update().where(_sa.c.article_id == sa.bindparam("rid")).values(events_hash=sa.bindparam("digest"))
_SAME_SENTENCES = (
    sa.select(_cm.c.evidence_hash, _cm.c.canonical_id)
    .where(_cm.c.cluster_id == sa.bindparam("cluster"), _cm.c.evidence_hash.in_(sa.bindparam("hashes", expanding=True)),
           _cm.c.article_id != sa.bindparam("rid"))
    .order_by(_cm.c.evidence_hash, _cm.c.canonical_id)
)
_EXISTING_IDS = sa.select(_ce.c.id).where(_ce.c.id.in_(sa.bindparam("ids", expanding=True)))
# Canonical events that could match: same type and factuality, the date in range, and a party,
# the place or a nearby city in common (match_score decides).
_SHARED = sa.or_(
    _ce.c.source_country.in_(sa.bindparam("countries", expanding=True)),
    _ce.c.target_country.in_(sa.bindparam("countries", expanding=True)),
    _ce.c.source_code.in_(sa.bindparam("codes", expanding=True)),
    _ce.c.target_code.in_(sa.bindparam("codes", expanding=True)),
    _ce.c.place_geonameid == sa.bindparam("geonameid", type_=sa.Integer),
    sa.and_(_ce.c.lat.between(sa.bindparam("lat0", type_=sa.Float), sa.bindparam("lat1", type_=sa.Float)),
            _ce.c.place_feature != "country"),
)
_CANDIDATES_DATED = sa.select(_ce).where(
    _ce.c.plover == sa.bindparam("plover"), _ce.c.factual == sa.bindparam("factual", type_=sa.Boolean),
    _ce.c.day_first <= sa.bindparam("last", type_=sa.Integer), _ce.c.day_last >= sa.bindparam("first", type_=sa.Integer),
    _SHARED).order_by(_ce.c.id)
_CANDIDATES_UNDATED = sa.select(_ce).where(
    _ce.c.plover == sa.bindparam("plover"), _ce.c.factual == sa.bindparam("factual", type_=sa.Boolean),
    _ce.c.day_first.is_(None), _SHARED).order_by(_ce.c.id)
_COUNTS = (
    sa.select(_cm.c.canonical_id, sa.func.count().label("reports"),
              sa.func.count(_cm.c.article_id.distinct()).label("articles"),
              sa.func.count(_cm.c.source_key.distinct()).label("sources"),
              sa.func.count(_cm.c.cluster_id.distinct()).label("stories"))
    .where(_cm.c.canonical_id.in_(sa.bindparam("ids", expanding=True))).group_by(_cm.c.canonical_id)
)
_UPDATE_COUNTS = _ce.update().where(_ce.c.id == sa.bindparam("b_id")).values(
    reports=sa.bindparam("b_reports"), articles=sa.bindparam("b_articles"), sources=sa.bindparam("b_sources"),
    stories=sa.bindparam("b_stories"))
_DELETE_EVENTS = _ce.delete().where(_ce.c.id.in_(sa.bindparam("ids", expanding=True)))


def canonical_id(report: Report, salt: str = "") -> str:
    """Return the deterministic id of a canonical event founded by ``report``."""
    payload = json.dumps(report.defining(), sort_keys=True) + salt
    return "e" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def add_article(conn: sa.Connection, record: dict[str, Any], cluster: str, seen_at: str,
                same_sentence: bool = True) -> list[tuple[str, str]]:
    """Link every event of ``record`` to a canonical event; return [(event id, canonical id)].

    ``conn`` is in a write transaction. Idempotent: an article whose events are unchanged is
    left as it is; a changed one has its old links replaced. ``same_sentence=False`` matches
    on the events' fields alone (to measure them without the copies' shared sentences).
    """
    items = reports(record)
    rid = record["id"]
    digest = events_hash(items, cluster)
    row = conn.execute(_STATE, {"rid": rid}).first()
    if row is not None and row.events_hash == digest:
        return [(r.event_id, r.canonical_id) for r in conn.execute(_LINKS, {"rid": rid})]
    touched = set(remove_article(conn, rid, refresh=False)) if row is not None and row.events_hash else set()
    source = (row.source_key if row is not None else None) or f"article:{rid}"
    copies = _same_sentences(conn, items, cluster, rid) if same_sentence else {}
    taken = _existing_ids(conn, [canonical_id(r) for r in items])
    own: dict[str, list[tuple[str | None, int | None]]] = {}  # this article's reports so far
    members, links = [], []
    for report in items:
        found = copies.get(report.evidence_hash) or _best_match(conn, report, own)
        canon_id, score = found if found else (_found(conn, report, seen_at, taken), None)
        members.append({"article_id": rid, "event_id": report.event_id, "canonical_id": canon_id,
                        "cluster_id": cluster, "source_key": source, "evidence_hash": report.evidence_hash,
                        "trigger": report.trigger, "dead": report.dead, "score": score})
        own.setdefault(canon_id, []).append((report.trigger, report.dead))
        touched.add(canon_id)
        links.append((report.event_id, canon_id))
    if members:
        conn.execute(canonical_members.insert(), members)
    _refresh(conn, touched)
    conn.execute(_SET_EVENTS_HASH, {"rid": rid, "digest": digest})
    return links


def remove_article(conn: sa.Connection, article_id: str, refresh: bool = True) -> list[str]:
    """Unlink an article's events; return the canonical ids it touched (recounted if ``refresh``)."""
    ids = list(conn.execute(sa.select(canonical_members.c.canonical_id).distinct()
                            .where(canonical_members.c.article_id == article_id)).scalars())
    conn.execute(canonical_members.delete().where(canonical_members.c.article_id == article_id))
    if refresh:
        _refresh(conn, set(ids))
    return ids


def recount_cluster(conn: sa.Connection, cluster: str) -> None:
    """Recount the canonical events a (just merged) story cluster reports."""
    ids = set(conn.execute(sa.select(canonical_members.c.canonical_id).distinct()
                           .where(canonical_members.c.cluster_id == cluster)).scalars())
    _refresh(conn, ids)


def _same_sentences(conn: sa.Connection, items: list[Report], cluster: str, rid: str) -> dict[str, tuple[str, float]]:
    """Return {evidence hash: (canonical id, score)} for statements other copies of the story made."""
    hashes = sorted({r.evidence_hash for r in items})
    if not hashes:
        return {}
    out: dict[str, tuple[str, float]] = {}
    for row in conn.execute(_SAME_SENTENCES, {"cluster": cluster, "hashes": hashes, "rid": rid}):
        out.setdefault(row.evidence_hash, (row.canonical_id, _SCORE_SAME_SENTENCE))
    return out


def _best_match(conn: sa.Connection, report: Report,
                own: dict[str, list[tuple[str | None, int | None]]]) -> tuple[str, float] | None:
    countries = sorted({side.country for side in (report.source, report.target) if side.country})
    codes = sorted({side.code for side in (report.source, report.target) if side.code and not side.country})
    lat = report.lat if report.place_name is not None else None
    if not countries and not codes and report.place_geonameid is None and lat is None:
        return None  # nothing to tell the event by (see match_score)
    params = {"plover": report.plover, "factual": report.factual, "countries": countries, "codes": codes,
              "geonameid": report.place_geonameid, "lat0": None if lat is None else lat - 1.0,
              "lat1": None if lat is None else lat + 1.0}
    if report.days is None:
        rows = conn.execute(_CANDIDATES_UNDATED, params).all()
    else:
        params.update(first=report.days[0] - DATE_TOLERANCE_DAYS, last=report.days[1] + DATE_TOLERANCE_DAYS)
        rows = conn.execute(_CANDIDATES_DATED, params).all()
    best: tuple[float, str] | None = None
    for row in rows:
        if any(not restates(report, trigger, dead) for trigger, dead in own.get(row.id, ())):
            continue  # the article already reported another event there
        score = match_score(report, row)
        if score is not None and (best is None or score > best[0]):
            best = (score, row.id)
    return (best[1], best[0]) if best else None


def _existing_ids(conn: sa.Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    return set(conn.execute(_EXISTING_IDS, {"ids": sorted(set(ids))}).scalars())


def restates(report: Report, trigger: str | None, dead: int | None) -> bool:
    """Return True when ``report`` restates an event its own article already reported.

    Within one article, two events alike in type, parties and date are one event told twice
    ("police killed four people" in the lead, "killing four" further down) only when their
    words or their death tolls agree; otherwise the article reports two events ("abducted
    the soldiers ... killed two other troops", "invited ... accepted the invitation").
    """
    if report.dead is not None and report.dead == dead:
        return True
    a, b = report.trigger.lower(), (trigger or "").lower()
    stem = min(len(a), len(b), 4)
    return stem >= 3 and a[:stem] == b[:stem]


def _found(conn: sa.Connection, report: Report, seen_at: str, taken: set[str]) -> str:
    """Create a canonical event defined by ``report``; return its id (``taken`` grows by it)."""
    cid = canonical_id(report)
    if cid in taken:
        # Same defining fields but no match (nothing identifies either): keep them apart.
        cid = canonical_id(report, f"|{report.article_id}|{report.event_id}")
    taken.add(cid)
    days = report.days or (None, None)
    conn.execute(canonical_events.insert(), dict(
        id=cid, plover=report.plover, mode=report.mode, cameo=report.cameo, factual=report.factual,
        source_code=report.source.code, source_country=report.source.country, source_sector=report.source.sector,
        target_code=report.target.code, target_country=report.target.country, target_sector=report.target.sector,
        date=report.date, date_precision=report.date_precision, day_first=days[0], day_last=days[1],
        place_name=report.place_name, place_geonameid=report.place_geonameid, place_country=report.place_country,
        place_feature=report.place_feature, lat=report.lat, lon=report.lon, first_seen=seen_at,
        reports=0, articles=0, sources=0, stories=0,
    ))
    return cid


def _refresh(conn: sa.Connection, ids: set[str]) -> None:
    """Recount reports, articles, sources and stories of canonical events; drop empty ones."""
    if not ids:
        return
    counts = conn.execute(_COUNTS, {"ids": sorted(ids)}).all()
    if counts:
        conn.execute(_UPDATE_COUNTS, [{"b_id": r.canonical_id, "b_reports": r.reports, "b_articles": r.articles,
                                       "b_sources": r.sources, "b_stories": r.stories} for r in counts])
    empty = sorted(ids - {r.canonical_id for r in counts})
    if empty:
        conn.execute(_DELETE_EVENTS, {"ids": empty})
