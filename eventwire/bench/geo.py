"""``eventwire bench geo``: toponym resolution and recognition on LGL, GeoWebNews, TR-News, GeoVirus.

Two settings, each scored on the **dev** half (the first half of each file, in file order: the
only part the resolver's weights, the recognizer's word lists and the gazetteer's hand-written
rows were checked on) and the **test** half (the second half, never looked at while tuning):

**Resolution given the gold toponym spans** (``resolve_mentions``, the code the ``places`` stage
uses; every gold span of a document resolved together):

- ``acc161``: share of gold toponyms resolved within 161 km (100 miles) of the gold point, an
  unresolved toponym counted as a miss; ``found``: share the gazetteer resolved at all;
- ``auc``: mean of ln(1 + error km) / ln(20039) over the sorted errors, an unresolved toponym
  counted at 20039 km (Gritta et al. 2018's area under the error curve; lower is better);
- ``exact``: share resolved to the gold GeoNames id (GeoVirus has none);
- ``errors``: every toponym not within 161 km, by kind (see ``error_kind``).

Gold: LGL and TR-News toponyms with a GeoNames id; GeoWebNews toponyms (``is_toponym``) with a
GeoNames id and a point (the paper's 2,401 geocoding set); GeoVirus toponyms (Wikipedia points).

**Recognition end to end**: the real stages ``normalize``, ``nlp`` and ``places`` run on the
article text; the predicted mentions are the mentions of ``doc.places``. Gold: every annotated
toponym (GeoWebNews: ``is_toponym``, which includes demonyms and place names embedded in
organisation names). A prediction and a gold span match

- ``exact``: when their offsets are equal;
- ``overlap``: when they share a character (one to one, in text order); this is the score
  reported as the headline, since the corpora disagree on "the", "County" and embedded names.

``with_demonyms`` also counts the NORP entities that name a country's, division's or region's
people ("Russian", "Texans") as predictions: LGL, GeoWebNews and TR-News annotate such words as
toponyms, but the ``places`` stage keeps nationalities out of ``doc.places`` (it uses them only
as evidence for countries), so the headline figure does not count them.

``e2e_acc161`` is the resolution accuracy of the overlap-matched mentions that have a gold point.

``timing`` runs the whole configured pipeline over a sample and reports the share of the
``places`` stage in the pipeline's time.
"""
from __future__ import annotations

import json
import math
import os
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from eventwire.gazetteer import get_index
from eventwire.gazetteer.index import DEMONYM, GazetteerEntry, GazetteerIndex, name_key
from eventwire.gazetteer.resolve import (
    clean_name,
    haversine_km,
    lookup_candidates,
    resolve_mentions,
)

MAX_KM = 20039.0
ACC_KM = 161.0
DATASETS = ("lgl", "geowebnews", "trnews", "geovirus")
RECOGNITION_STAGES = ["normalize", "nlp", "places"]
TIMING_DOCS = 40


def bench_dir() -> Path:
    """Return the shared benchmark folder (``$EVENTWIRE_BENCH_DIR`` or ``../shared/bench``)."""
    env = os.environ.get("EVENTWIRE_BENCH_DIR")
    if env:
        return Path(env)
    from eventwire.bench.data import shared_dir

    return shared_dir() / "bench"


def read_docs(dataset: str, limit: int | None = None) -> list[dict]:
    """Return the documents of ``dataset`` in file order (the first ``limit`` ones)."""
    docs = []
    with (bench_dir() / dataset / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def split(docs: list[dict]) -> dict[str, list[dict]]:
    """Return the dev half (first half in file order) and the test half of ``docs``."""
    half = len(docs) // 2
    return {"dev": docs[:half], "test": docs[half:]}


def resolution_gold(doc: dict, dataset: str) -> list[dict]:
    """Return the gold toponyms of ``doc`` that carry a point to score resolution against."""
    tops = doc["toponyms"]
    if dataset == "geowebnews":
        return [t for t in tops if t.get("is_toponym") and t.get("geonames_id")
                and t.get("lat") is not None]
    if dataset == "geovirus":
        return [t for t in tops if t.get("lat") is not None]
    return [t for t in tops if t.get("geonames_id") and t.get("lat") is not None]


def recognition_gold(doc: dict, dataset: str) -> list[tuple[int, int]]:
    """Return the gold toponym spans of ``doc`` (GeoWebNews: those marked ``is_toponym``)."""
    tops = doc["toponyms"]
    if dataset == "geowebnews":
        tops = [t for t in tops if t.get("is_toponym")]
    return sorted((t["start"], t["end"]) for t in tops)


# ---------------------------------------------------------------------------- resolution

@dataclass(frozen=True, slots=True)
class Outcome:
    """One gold toponym's resolution: error km (None when unresolved) and how it went."""

    text: str
    km: float | None
    exact: bool
    kind: str  # "ok" or an error kind


# GeoNames feature classes of places the gazetteer is not meant to hold (only P and A are):
# streams and lakes (H), mountains (T), parks and areas (L), spots and buildings (S), …
_FEATURE_CLASSES = frozenset("HTLSVUR")
_REGION_CODES = frozenset({"RGN", "RGNE", "CONT", "AREA", "OCN", "SEA"})
# Words that make a gold name (GeoWebNews and GeoVirus carry no feature code) a feature or POI.
_FEATURE_WORDS = re.compile(
    r"\b(?:River|Creek|Lakes?|Mountains?|Mount|Mt|Ocean|Sea|Gulf|Bay|Valley|Park|Forest|Islands?|"
    r"Beach|Airport|University|College|School|Academy|Hospital|Church|Basilica|Cathedral|Station|"
    r"Square|Hall|House|Hotel|Stadium|Racecourse|Embassy|Capitol|Cent(?:re|er)|Canal|Delta|Desert|"
    r"Peninsula|Harbou?r|Base|Fort|Furnaces|Prison|Bridge|Street|Quarter|Headquarters|Market|"
    r"Museum|Palace|Zoo|Dam)\b")
_REGION_WORDS = re.compile(
    r"\b(?:Africa|Europe|Asia|America|Americas|Middle East|Coast|Region|Northwest|Southwest|"
    r"Midwest|South(?:ern)? United States|Arabia|Sahel|Balkans|Caribbean|Scandinavia)\b")

ERROR_KINDS = (
    "unknown name: place or division", "unknown name: feature or POI", "unknown name: region",
    "missing: place or division", "missing: feature or POI", "missing: region",
    "point differs", "gold names another place", "demonym or adjective", "feature type",
    "wrong country, same name", "far-away namesake, same country",
)


def _gold_name(t: dict) -> str:
    wiki = (t.get("wikipedia") or "").rsplit("/", 1)[-1].replace("_", " ")
    return t.get("name") or t.get("normalised_name") or wiki or ""


def _gold_class(index: GazetteerIndex, t: dict) -> str:
    """Return "region", "feature" or "place" for a gold toponym (its code, else its name).

    Without a code, a name that ends in a country's name ("Republic of South Africa") is a
    place, whatever region word it holds.
    """
    code, fclass, name = t.get("fcode") or "", t.get("fclass") or "", _gold_name(t)
    words = name.split()
    if not fclass and any(e.feature == "country" for i in range(len(words))
                          for e, _ in index.matches(" ".join(words[i:]))):
        return "place"
    if code in _REGION_CODES or (not fclass and _REGION_WORDS.search(name)):
        return "region"
    if fclass in _FEATURE_CLASSES or (not fclass and _FEATURE_WORDS.search(name)):
        return "feature"
    return "place"


def _names_the_gold(mention: str, gold_name: str) -> bool:
    """Return whether a mention can be a way of writing the gold name.

    True when they share a word of ≥ 3 letters (accents folded; "Anhui" in "Anhui Sheng"), when
    the mention is an abbreviation whose letters are initials of the gold's words in order ("NJ"
    of "New Jersey", "FATA"), or when they are spelled alike ("Makeen" and "Makin", ratio ≥ 0.6).
    """
    a, b = name_key(mention), name_key(gold_name)
    if not a or not b:
        return True
    words_a, words_b = re.findall(r"\w{3,}", a), re.findall(r"\w{3,}", b)
    if any(w in b for w in words_a) or any(w in a for w in words_b):
        return True
    letters = [c for c in a if c.isalpha()]
    if mention.replace(".", "").isupper() and 1 < len(letters) <= 6:
        initials = iter(w[0] for w in b.split())
        if all(any(c == i for i in initials) for c in letters):  # a subsequence
            return True
    if any(SequenceMatcher(None, x, y).ratio() >= 0.8 for x in words_a for y in words_b):
        return True  # a misspelt word ("Britian")
    return SequenceMatcher(None, a, b).ratio() >= 0.6


def error_kind(index: GazetteerIndex, t: dict, picked: GazetteerEntry | None) -> str:
    """Classify a gold toponym ``t`` not resolved within 161 km of its point (``ERROR_KINDS``).

    Without a gazetteer entry of the name within 161 km of the gold point:

    - ``point differs``: the gazetteer has the gold place itself (same GeoNames id) at another
      point (a country, division or ocean whose centre is placed elsewhere);
    - ``gold names another place``: the mention is no way of writing the gold name (shares no
      word, is no abbreviation or spelling variant of it: "Liverpool Academy" → Cairo, "World
      Cup" → Meydan Racecourse): questionable or non-literal gold (``_names_the_gold``);
      misspellings ("Britian") count as ways of writing it;
    - ``unknown name: …`` (no entry has the name at all) and ``missing: …`` (entries of the name
      exist, all elsewhere), each by what the gold is: a ``place or division``, a ``feature or
      POI`` (river, park, building, organisation; GeoNames classes H T L S V U R or such a word
      in the gold name), or a ``region`` (GeoNames RGN, CONT, AREA, OCN, or a region word).

    With such an entry, the resolver picked another one:

    - ``demonym or adjective``: the mention is a demonym of the pick ("Georgian" → Georgia);
    - ``feature type``: the entries near the gold point are all of another feature than the
      pick (the city for the state, the country for the town);
    - ``wrong country, same name`` / ``far-away namesake, same country``: a place of the same
      feature and name in another country, or elsewhere in the same one.
    """
    name = clean_name(t["text"])
    lat, lon = float(t["lat"]), float(t["lon"])
    cands = lookup_candidates(index, name)
    near = [e for e, _ in cands if haversine_km(e.lat, e.lon, lat, lon) < ACC_KM]
    if not near:
        gid = int(t["geonames_id"]) if t.get("geonames_id") else None
        if gid and picked is not None and picked.geonameid == gid:
            return "point differs"
        if gid and any(e.geonameid == gid for e, _ in cands):
            return "point differs"
        if not _names_the_gold(name, _gold_name(t)):
            return "gold names another place"
        gclass = _gold_class(index, t)
        what = {"place": "place or division", "feature": "feature or POI", "region": "region"}
        return f"{'unknown name' if not cands and picked is None else 'missing'}: {what[gclass]}"
    assert picked is not None  # a name with entries always resolves
    kinds = {e.geonameid: k for e, k in index.matches(name)}
    if kinds.get(picked.geonameid) == DEMONYM and picked.feature != "city":
        return "demonym or adjective"
    if all(e.feature != picked.feature for e in near):
        return "feature type"
    if all(e.country_iso3 != picked.country_iso3 for e in near):
        return "wrong country, same name"
    return "far-away namesake, same country"


def resolve_outcomes(docs: Iterable[dict], dataset: str,
                     index: GazetteerIndex | None = None) -> list[Outcome]:
    """Resolve each document's gold toponyms together and return one Outcome per toponym."""
    index = index or get_index()
    out = []
    for doc in docs:
        gold = resolution_gold(doc, dataset)
        mentions = [(t["text"], t["start"], t["end"]) for t in gold]
        resolved = resolve_mentions(doc["text"], mentions, index=index, trusted=True)
        for t, res in zip(gold, resolved):
            lat, lon = float(t["lat"]), float(t["lon"])
            if res is None:
                out.append(Outcome(t["text"], None, False, error_kind(index, t, None)))
                continue
            km = haversine_km(res.entry.lat, res.entry.lon, lat, lon)
            exact = bool(t.get("geonames_id")) and res.entry.geonameid == int(t["geonames_id"])
            kind = "ok" if km < ACC_KM else error_kind(index, t, res.entry)
            out.append(Outcome(t["text"], km, exact, kind))
    return out


def auc(errors_km: list[float]) -> float:
    """Return the normalised area under the sorted ln(1 + error) curve (0 best, 1 worst)."""
    if not errors_km:
        return float("nan")
    logs = sorted(math.log1p(min(km, MAX_KM)) for km in errors_km)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))  # trapezoids, unit spacing
    return area / ((len(logs) - 1) * math.log(MAX_KM))


def score_resolution(outcomes: list[Outcome], has_ids: bool = True) -> dict:
    """Return acc161, auc, found, exact and the errors by kind over ``outcomes``."""
    n = len(outcomes)
    if not n:
        return {"toponyms": 0}
    found = [o.km for o in outcomes if o.km is not None]
    within = sum(1 for o in outcomes if o.kind == "ok")
    kinds = Counter(o.kind for o in outcomes if o.kind != "ok")
    return {
        "toponyms": n,
        "acc161": round(within / n, 4),
        "auc": round(auc([MAX_KM if o.km is None else o.km for o in outcomes]), 4),
        "found": round(len(found) / n, 4),
        "exact": round(sum(o.exact for o in outcomes) / n, 4) if has_ids else None,
        "mean_km_found": round(sum(found) / len(found), 1) if found else None,
        "errors": dict(sorted(kinds.items())),
    }


# --------------------------------------------------------------------------- recognition

def match_spans(pred: list[tuple[int, int]], gold: list[tuple[int, int]],
                mode: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pair predicted and gold spans one to one: equal offsets (``exact``) or shared characters."""
    if mode == "exact":
        gold_set = set(gold)
        return [(p, p) for p in sorted(set(pred)) if p in gold_set]
    pairs, used = [], set()
    for p in sorted(set(pred)):
        best = None
        for g in gold:
            if g in used or g[1] <= p[0] or p[1] <= g[0]:
                continue
            common = min(p[1], g[1]) - max(p[0], g[0])
            if best is None or common > best[0]:
                best = (common, g)
        if best:
            used.add(best[1])
            pairs.append((p, best[1]))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _is_demonym(index: GazetteerIndex, text: str) -> bool:
    """Return whether a NORP entity names the people of a country, division or region."""
    return any(kind == DEMONYM for _, kind in index.matches(clean_name(text)))


def _pipeline(stages: list[str]):
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    return Pipeline.build(load_config(environ={}, overrides={"pipeline": {"stages": stages}}))


def _article(doc: dict):
    from eventwire.model import Article

    return Article(text=doc["text"], published=doc.get("date"))


def score_recognition(docs: list[dict], dataset: str, pipeline) -> dict:
    """Run ``pipeline`` on each text and score its place mentions against the gold spans."""
    counts: Counter[str] = Counter()
    e2e_ok = e2e_n = 0
    index = get_index()
    for doc in docs:
        out = pipeline.run(_article(doc))
        pred_places = {(m.start, m.end): p for p in out.places for m in p.mentions}
        pred = sorted(pred_places)
        gold = recognition_gold(doc, dataset)
        counts["pred"] += len(pred)
        counts["gold"] += len(gold)
        counts["exact"] += len(match_spans(pred, gold, "exact"))
        pairs = match_spans(pred, gold, "overlap")
        counts["overlap"] += len(pairs)
        demonyms = [(e.start, e.end) for e in out.entities
                    if e.label == "NORP" and _is_demonym(index, e.text)]
        with_demonyms = sorted(set(pred) | set(demonyms))
        counts["pred+demonyms"] += len(with_demonyms)
        counts["overlap+demonyms"] += len(match_spans(with_demonyms, gold, "overlap"))
        points = {(t["start"], t["end"]): t for t in resolution_gold(doc, dataset)}
        for p, g in pairs:
            t = points.get(g)
            if t is not None:
                place = pred_places[p]
                e2e_n += 1
                e2e_ok += haversine_km(place.lat, place.lon, t["lat"], t["lon"]) < ACC_KM
    return {
        "gold": counts["gold"], "predicted": counts["pred"],
        "overlap": prf(counts["overlap"], counts["pred"], counts["gold"]),
        "exact": prf(counts["exact"], counts["pred"], counts["gold"]),
        "with_demonyms": prf(counts["overlap+demonyms"], counts["pred+demonyms"],
                             counts["gold"]),
        "e2e_acc161": round(e2e_ok / e2e_n, 4) if e2e_n else None,
    }


# -------------------------------------------------------------------------------- timing

def stage_times(docs: list[dict], pipeline) -> dict[str, float]:
    """Return seconds spent per stage when ``pipeline`` codes ``docs`` (after one warm-up)."""
    times: Counter[str] = Counter()
    pipeline.run(_article(docs[0]))  # load the model and the gazetteer outside the clock
    for doc in docs:
        from eventwire.model import Document

        article = _article(doc)
        d = Document(article=article, id=article.content_id(), published=article.published)
        for stage in pipeline.stages:
            started = time.perf_counter()
            d = stage(d)
            times[stage.name] += time.perf_counter() - started
            if d.rejected:
                break
    return dict(times)


# ----------------------------------------------------------------------------------- run

def run(limit: int | None = None, recognition: bool = True, timing: bool = True,
        datasets: Iterable[str] = DATASETS) -> dict:
    """Score every dataset's dev and test halves; ``limit`` caps documents per dataset."""
    started = time.perf_counter()
    index = get_index()
    report: dict = {
        "task": "geo",
        "split": "dev = first half of each file in file order (tuned on), test = second half",
        "matching": "recognition P/R/F1 with overlap matching (exact in 'exact')",
        "index_seconds": round(time.perf_counter() - started, 2),
    }
    pipe = _pipeline(RECOGNITION_STAGES) if recognition else None
    for dataset in datasets:
        docs = read_docs(dataset, limit)
        for part, part_docs in split(docs).items():
            t0 = time.perf_counter()
            res = score_resolution(resolve_outcomes(part_docs, dataset, index),
                                   has_ids=dataset != "geovirus")
            res["seconds"] = round(time.perf_counter() - t0, 2)
            entry = {"docs": len(part_docs), "resolution": res}
            if pipe is not None:
                t0 = time.perf_counter()
                entry["recognition"] = score_recognition(part_docs, dataset, pipe)
                entry["recognition"]["seconds"] = round(time.perf_counter() - t0, 1)
            report[f"{dataset}_{part}"] = entry
    if timing:
        from eventwire.config import load_config
        from eventwire.pipeline import Pipeline

        full = Pipeline.build(load_config(environ={}))
        sample = split(read_docs("lgl", limit))["test"][:TIMING_DOCS]
        times = stage_times(sample, full)
        total = sum(times.values())
        report["timing"] = {
            "docs": len(sample), "pipeline_s_per_doc": round(total / len(sample), 4),
            "places_s_per_doc": round(times.get("places", 0.0) / len(sample), 4),
            "places_share": round(times.get("places", 0.0) / total, 4) if total else None,
        }
    return report


def table_rows(report: dict) -> list[tuple[str, ...]]:
    """Return one row per dataset half: acc@161, AUC, found, recognition P/R/F1 (overlap)."""
    rows = []
    for key, entry in report.items():
        if not isinstance(entry, dict) or "resolution" not in entry:
            continue
        res, rec = entry["resolution"], entry.get("recognition") or {}
        ov = rec.get("overlap", {})
        ex = rec.get("exact", {})
        dem = rec.get("with_demonyms", {})
        rows.append((key, str(entry["docs"]), str(res.get("toponyms")), str(res.get("acc161")),
                     str(res.get("auc")), str(ov.get("p", "")), str(ov.get("r", "")),
                     str(ov.get("f1", "")), str(ex.get("f1", "")), str(dem.get("f1", ""))))
    return rows


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-recognition", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    args = parser.parse_args(argv)
    report = run(args.limit, recognition=not args.no_recognition, timing=not args.no_timing,
                 datasets=args.datasets.split(","))
    print(json.dumps(report, indent=1))
    header = ("set", "docs", "topo", "acc161", "auc", "P", "R", "F1", "F1exact", "F1+dem")
    for row in [header, *table_rows(report)]:
        print("  ".join(f"{c:>10}" for c in row))


if __name__ == "__main__":
    main()
