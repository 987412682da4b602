"""``eventwire bench dedup``: story clusters and canonical events on a synthetic syndicated corpus.

The corpus is made at run time from the project's example stories (``examples/``) and the
seed article (``../shared/corpus/seed/seed.txt``, read, never copied). Each story gets copies
as other outlets run it: another headline, the copier's name in the dateline, its byline and
footer boilerplate (the same for all of one outlet's copies, so distinct stories share text),
a "read more" line naming another story, and trimmed or reordered paragraphs. Documents
arrive shuffled (a copy may come before its original) and go through the real corpus stages
on an in-memory store.

- **Stories**: pairwise precision/recall of the story clusters against the story each document
  was made from (20a/20b, one story from two outlets, count as one).
- **Canonical events** (needs the spaCy model): the gold-coded stories (``tests/golden/
  examples.json`` and the seed gold) with their copies are coded by the pipeline; each coded
  event whose type matches a gold event and whose trigger lies in that event's gold sentence
  stands for that real event. Pairwise precision/recall of the canonical events over those
  reports: two reports should share a canonical event exactly when they stand for the same
  real event. Coded events that match no gold event are left out (the coder's own benchmarks
  score them); how many were scored is reported.
"""
from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[2]
SEED = 20240827

OUTLETS = ("Eastlake Wire", "Harbor Press Agency", "Northgate Times", "Coastline Herald", "Summit Daily",
           "Riverside Courier", "Plateau Post", "Lakeshore Chronicle")
REPORTERS = ("Amina Okafor", "Tomas Lindqvist", "Priya Raman", "Diego Salazar", "Hana Novak", "Kwame Mensah")


@dataclass(frozen=True)
class Doc:
    """One benchmark document: the story it tells (``family``) and where its gold lives."""

    id: str
    family: str
    gold_key: str | None  # key in the gold events (examples.json name, or "seed")
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    headline_in_text: bool


# -- the corpus -------------------------------------------------------------------------------


def base_stories(root: Path = ROOT, shared: Path | None = None) -> list[Doc]:
    """Return the original stories: example texts, the example HTML page, feed entries, the seed."""
    from eventwire.readers import InputLimits, iter_inputs

    golden = _golden(root)
    docs = []
    for item in iter_inputs([str(root / "examples")], "auto", InputLimits()):
        if not hasattr(item, "text"):
            continue
        name = Path((item.source or "").split(":")[0]).name
        if name.endswith(".jsonl"):
            key = f"{name}#{item.id}"
            family = f"feed:{item.id}"
            headline = False
        else:
            key = name
            family = "ex:" + re.match(r"\d+", name).group(0) if re.match(r"\d+", name) else f"ex:{name}"
            headline = True  # text files and extracted pages start with their headline
        text = item.text if "\n\n" in item.text else item.text.replace("\n", "\n\n")  # one paragraph a line
        docs.append(Doc(id=key, family=family, gold_key=key if key in golden else None, text=text,
                        title=item.title, outlet=item.outlet or golden.get(key, {}).get("outlet"),
                        published=item.published or golden.get(key, {}).get("published"), headline_in_text=headline))
    if shared is not None and (shared / "corpus" / "seed" / "seed.txt").is_file():
        text = (shared / "corpus" / "seed" / "seed.txt").read_text("utf-8")
        docs.append(Doc(id="seed", family="seed", gold_key="seed", text=text, title=None, outlet="Sputnik",
                        published=None, headline_in_text=True))
    return docs


def make_copies(doc: Doc, n: int, rng: random.Random, others: list[Doc]) -> list[Doc]:
    """Return ``n`` syndicated copies of ``doc``, each from another outlet (deterministic for ``rng``)."""
    outlets = [o for o in OUTLETS if o != doc.outlet]
    rng.shuffle(outlets)
    return [_copy(doc, i, outlets[i % len(outlets)], rng, others) for i in range(n)]


def _copy(doc: Doc, i: int, outlet: str, rng: random.Random, others: list[Doc]) -> Doc:
    paragraphs = [p for p in re.split(r"\n\s*\n", doc.text.strip()) if p.strip()]
    headline = paragraphs.pop(0) if doc.headline_in_text and len(paragraphs) > 1 else (doc.title or "")
    body = paragraphs
    if doc.outlet and doc.outlet in body[0]:
        body[0] = body[0].replace(doc.outlet, outlet, 1)  # the dateline names the copier
    edits = rng.sample(["trim", "brief", "reorder", "related", "byline", "rewrite"], k=rng.randint(2, 3))
    if "brief" in edits and len(body) > 2:
        body = body[:2]  # a brief: the lead and one more paragraph
    elif "trim" in edits and len(body) > 3:
        body = body[: len(body) - rng.randint(1, max(1, len(body) // 3))]
    if "reorder" in edits and len(body) > 3:
        j = rng.randrange(1, len(body) - 1)
        body[j], body[j + 1] = body[j + 1], body[j]
    if "rewrite" in edits:
        body = [_rewrite(p) for p in body]
    if "related" in edits and others:
        other = rng.choice(others)
        body.insert(rng.randrange(2, len(body) + 1) if len(body) > 2 else len(body),
                    f"READ MORE: {_headline_of(other)}")
    if "byline" in edits:
        body.insert(0, f"By {rng.choice(REPORTERS)}, {outlet}")
    body.append(_promo(outlet))
    body.append(_footer(outlet))
    new_headline = _new_headline(headline, body, rng)
    text = "\n\n".join(([new_headline] if doc.headline_in_text else []) + body) + "\n"
    return replace(doc, id=f"{doc.id}~{i + 1}", text=text, outlet=outlet,
                   title=None if doc.headline_in_text else new_headline)


# A sub-editor's light touch: attribution and weekday phrasing, not the facts.
_REWRITES = ((" said on ", " said "), (" said.", " told reporters."), (" said,", " told reporters,"),
             ("according to", "citing"), (" on Monday", " Monday"), (" on Tuesday", " Tuesday"),
             (" on Wednesday", " Wednesday"), (" on Thursday", " Thursday"), (" on Friday", " Friday"))


def _rewrite(paragraph: str) -> str:
    for old, new in _REWRITES:
        paragraph = paragraph.replace(old, new)
    return paragraph


def _promo(outlet: str) -> str:
    # Outlet boilerplate with none of the usual markers: only its repetition gives it away.
    return (f"{outlet} is an independent news service covering politics, business, security and "
            "human rights across the region, with correspondents in more than forty capitals.")


def digests(originals: list[Doc], rng: random.Random, n: int, size: int = 3) -> list[Doc]:
    """Return ``n`` news digests, each the lead paragraphs of ``size`` stories: a story of its own."""
    out = []
    order = rng.sample(originals, len(originals))
    for i in range(n):
        picked = [order[(i * size + k) % len(order)] for k in range(size)]  # no two digests alike
        leads = []
        for doc in picked:
            paragraphs = [p for p in re.split(r"\n\s*\n", doc.text.strip()) if p.strip()]
            leads.append(paragraphs[1] if doc.headline_in_text and len(paragraphs) > 1 else paragraphs[0])
        outlet = rng.choice(OUTLETS)
        text = "\n\n".join([f"World news in brief, edition {i + 1}"] + leads + [_footer(outlet)]) + "\n"
        out.append(Doc(id=f"digest-{i + 1}", family=f"digest:{i + 1}", gold_key=None, text=text, title=None,
                       outlet=outlet, published=None, headline_in_text=True))
    return out


def _footer(outlet: str) -> str:
    # The same for every copy one outlet runs: text shared across distinct stories.
    return (f"Copyright {outlet}. All rights reserved. This material may not be published, broadcast, "
            f"rewritten or redistributed without permission. Sign up for the {outlet} morning briefing "
            "for the day's top stories from around the world, delivered to your inbox.")


def _headline_of(doc: Doc) -> str:
    return doc.title or doc.text.strip().split("\n", 1)[0]


def _new_headline(headline: str, body: list[str], rng: random.Random) -> str:
    lead = next((p for p in body if not p.startswith("By ")), "")
    lead = re.sub(r"^[^-–—]{0,120}\)\s*[-–—]\s*", "", lead)  # drop a dateline
    words = re.findall(r"[\w'’-]+", lead.split(".")[0])[:9]
    choices = [f"UPDATE {rng.randint(1, 3)}-{headline}" if headline else "",
               " ".join(w.capitalize() for w in words),
               f"{headline.split(',')[0]} -- sources" if headline else ""]
    return next(c for c in rng.sample(choices, len(choices)) if c) if any(choices) else "News"


def corpus(copies: int = 3, seed: int = SEED, root: Path = ROOT, shared: Path | None = None,
           only_gold: bool = False) -> list[Doc]:
    """Return the originals and their copies, shuffled (deterministic for ``seed``)."""
    rng = random.Random(seed)
    originals = base_stories(root, shared)
    if only_gold:
        originals = [d for d in originals if d.gold_key]
    docs = list(originals)
    for doc in originals:
        others = [o for o in originals if o.family != doc.family]
        docs += make_copies(doc, copies, rng, others)
    if not only_gold:
        docs += digests(originals, rng, max(1, len(originals) // 6))
    rng.shuffle(docs)
    return docs


# -- scoring ----------------------------------------------------------------------------------


def pairwise(gold: dict[Any, Any], predicted: dict[Any, Any]) -> dict[str, float | int]:
    """Pairwise precision/recall/F1 of a clustering ``predicted`` against ``gold`` (same keys)."""
    items = sorted(set(gold) & set(predicted), key=str)
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    pred_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    hit = len(gold_pairs & pred_pairs)
    precision = hit / len(pred_pairs) if pred_pairs else 1.0
    recall = hit / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold pairs": len(gold_pairs), "predicted pairs": len(pred_pairs)}


def _memory_corpus(same_sentence: bool = True):
    from eventwire.corpus import Corpus
    from eventwire.store import open_store

    store = open_store("sqlite://")
    return store, Corpus(store, same_sentence=same_sentence)


def _record(doc: Doc) -> dict[str, Any]:
    return {"id": doc.id, "text": doc.text, "title": doc.title, "outlet": doc.outlet, "url": None,
            "published": doc.published, "actors": [], "places": [], "events": []}


def story_scores(docs: list[Doc]) -> dict[str, Any]:
    """Cluster ``docs`` (in their order) and score the clusters against their stories."""
    store, corpus = _memory_corpus()
    try:
        t0 = time.perf_counter()
        for doc in docs:
            corpus.add(_record(doc))
        seconds = time.perf_counter() - t0
        predicted = corpus.clusters()
        stats = corpus.stats()
    finally:
        store.close()
    scores = pairwise({d.id: d.family for d in docs}, predicted)
    return {**scores, "documents": len(docs), "stories": len({d.family for d in docs}),
            "clusters": len(set(predicted.values())), "syndicated clusters": stats["syndicated stories"],
            "articles/s": round(len(docs) / seconds, 1) if seconds else None}


@dataclass(frozen=True)
class GoldEvent:
    real: str  # the real event: "<story>/<PLOVER>/<k>", k-th of its type in the story's gold
    plover: str
    sentence: str
    source_country: str | None
    target_country: str | None


def gold_events(root: Path = ROOT, shared: Path | None = None) -> dict[str, list[GoldEvent]]:
    """Return {gold key: [GoldEvent]} for the gold-coded stories (examples.json, the seed)."""
    golden = _golden(root)
    out: dict[str, list[GoldEvent]] = {}
    for key, g in golden.items():
        family = "ex:" + re.match(r"\d+", key).group(0) if re.match(r"\d+", key) else f"feed:{key.split('#')[-1]}"
        out[key] = _numbered(family, [(e["plover"], e["sentence"], e.get("source_country"), e.get("target_country"))
                                      for e in g["events"]])
    if shared is not None and (shared / "corpus" / "seed" / "seed.gold.json").is_file():
        seed = json.loads((shared / "corpus" / "seed" / "seed.gold.json").read_text("utf-8"))
        text = (shared / "corpus" / "seed" / "seed.txt").read_text("utf-8")
        out["seed"] = _numbered("seed", [(e["plover"], text[e["evidence"]["start"]:e["evidence"]["end"]],
                                          (e.get("source") or {}).get("country"), (e.get("target") or {}).get("country"))
                                         for e in seed["events"]])
    return out


def _numbered(family: str, events: list[tuple[str, str, str | None, str | None]]) -> list[GoldEvent]:
    # The k-th gold event of a type is one real event across the tellings of a story (20a/20b).
    seen: dict[str, int] = {}
    out = []
    for plover, sentence, source, target in events:
        seen[plover] = seen.get(plover, 0) + 1
        out.append(GoldEvent(f"{family}/{plover}/{seen[plover]}", plover, sentence, source, target))
    return out


def real_events(record: dict[str, Any], gold: list[GoldEvent]) -> dict[str, str]:
    """Return {coded event id: real event} for the coded events that stand for a gold event.

    A coded event may stand for a gold event of its type whose sentence holds its trigger;
    of several such events in one article, the one whose parties' countries agree best with
    the gold's (then the first) stands for it, and the others for nothing.
    """
    text = record["text"]
    countries = {a["id"]: a.get("country") for a in record.get("actors", [])}
    claims: dict[str, list[tuple[int, int, str]]] = {}
    for order, event in enumerate(record.get("events", [])):
        trigger = event["trigger"]
        best: GoldEvent | None = None
        for g in gold:
            if g.plover != event["plover"]:
                continue
            for m in re.finditer(re.escape(g.sentence.strip()), text):
                if m.start() <= trigger["start"] and trigger["end"] <= m.end():
                    if best is None or len(g.sentence) < len(best.sentence):
                        best = g
        if best is None:
            continue
        agree = (countries.get(event.get("source") or "") == best.source_country) + \
                (countries.get(event.get("target") or "") == best.target_country)
        claims.setdefault(best.real, []).append((-agree, order, event["id"]))
    return {min(c)[2]: real for real, c in claims.items()}


def event_scores(docs: list[Doc], pipeline: Any, root: Path = ROOT, shared: Path | None = None) -> dict[str, Any]:
    """Code ``docs``, build canonical events, and score them against the gold real events."""
    from eventwire.model import Article
    from eventwire.service import as_dict

    gold = gold_events(root, shared)
    articles = [Article(text=d.text, id=d.id, title=d.title, outlet=d.outlet, published=d.published,
                        source=d.id) for d in docs]
    t0 = time.perf_counter()
    records = [as_dict(r) for r in pipeline.code(articles)]
    coding_seconds = time.perf_counter() - t0
    links, stats = _canonical(records)
    fields_only, _ = _canonical(records, same_sentence=False)
    truth: dict[tuple[str, str], str] = {}
    coded = 0
    by_id = {d.id: d for d in docs}
    for record in records:
        if "rejected" in record:
            continue
        coded += len(record["events"])
        doc_gold = gold.get(by_id[record["id"]].gold_key or "", [])
        for event_id, real in real_events(record, doc_gold).items():
            truth[(record["id"], event_id)] = real
    scores = pairwise(truth, links)
    ablation = pairwise(truth, fields_only)
    return {**scores, "fields-only precision": ablation["precision"], "fields-only recall": ablation["recall"],
            "documents": len(docs), "coded events": coded, "scored reports": len(truth),
            "real events found": len(set(truth.values())),
            "gold real events": len({g.real for key in {d.gold_key for d in docs} for g in gold.get(key or "", [])}),
            "canonical events": stats["canonical events"], "multi-article events": stats["multi-article events"],
            "coding seconds": round(coding_seconds, 1)}


def _canonical(records: list[dict[str, Any]], same_sentence: bool = True) -> tuple[dict, dict]:
    store, corpus = _memory_corpus(same_sentence)
    try:
        for record in records:
            if "rejected" not in record:
                corpus.add(record)
        return corpus.canonical_links(), corpus.stats()
    finally:
        store.close()


def run(pipeline: Any = None, copies: int = 3, event_copies: int = 2, events: bool = True,
        root: Path = ROOT, shared: Path | None = None) -> dict[str, Any]:
    """Run both parts; return {"precision", "recall", "f1", ...} (stories) and "events": {...}."""
    if shared is None:
        from eventwire.bench.data import shared_dir

        shared = shared_dir()
    result: dict[str, Any] = story_scores(corpus(copies, root=root, shared=shared))
    if events:
        if pipeline is None:
            from eventwire.config import load_config
            from eventwire.pipeline import Pipeline

            pipeline = Pipeline.build(load_config())
        docs = corpus(event_copies, seed=SEED + 1, root=root, shared=shared, only_gold=True)
        result["events"] = event_scores(docs, pipeline, root, shared)
    return result


def _golden(root: Path) -> dict[str, Any]:
    path = root / "tests" / "golden" / "examples.json"
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """Flatten a result for the bench table: story scores, then ``events.*``."""
    flat = {f"stories {k}": v for k, v in result.items() if k != "events"}
    flat.update({f"events {k}": v for k, v in result.get("events", {}).items()})
    return flat


def iter_docs(docs: Iterable[Doc]) -> Iterable[dict[str, Any]]:
    """Yield the documents as JSONL-ready dicts (to inspect the synthetic corpus)."""
    for d in docs:
        yield {"id": d.id, "story": d.family, "outlet": d.outlet, "title": d.title, "text": d.text}
