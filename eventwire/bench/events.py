"""Score the event coder on the four event benchmarks in ../shared/bench.

Datasets (``run(datasets=[...])`` names) and what is measured:

- ``gsr`` — events-plover-gsr, 322 human-coded sentences. The predicted type of a sentence is
  the PLOVER type of its highest-confidence event (ties: the first in text order); a sentence
  with no event predicts ``NONE``, which costs recall and is never a class of its own. Reported:
  macro-F1 over the gold types present in the view, per-type P/R/F1, quad-class macro-F1 (1-4;
  SOURCE.md: the GSR puts SANCTION in quad 3, CAMEO 16x is quad 4), and, on correctly typed
  sentences, source (actor) and recipient country: the gold code's first three letters
  (CAMEO country codes; JAP/ITL/VTN read as JPN/ITA/VNM; IGO/NGO/IMG kept as they are) against
  our actor's country (or the first three letters of its code when it has no country, so
  ``IGOUNO`` reads ``IGO``); right when it equals any gold actor of that role.
  **Split** (fixed, deterministic): sentences are grouped by text (6 texts carry two gold
  records), stratified by their (alphabetically first) gold type, ordered by the sha1 of their
  alphanumeric text
  and dealt alternately to ``dev`` (tuning allowed) and ``test`` (report). Both are reported;
  the five most common error kinds are drawn from dev only.
- ``cameo`` — events-conflibert-cameo. Penta class: 0 when no event has a PLOVER type or the
  top event is a CAMEO 01-02 statement, else the quad class of the top event's CAMEO code (1-4). Macro-F1 over 0-4 on
  ``test`` (all 451; 262 of them are GSR sentences, SOURCE.md) and on ``test held-out`` (without
  the GSR-dev sentences, the clean number while GSR dev is tuned on), and on ``train`` as dev.
- ``case2021`` — events-case2021-task2, 1,019 snippets with 30 ACLED-style labels mapped to
  PLOVER type and mode by ``acled_plover.tsv`` (NONE for disasters, crime and the residual).
  Weighted F1 (support-weighted over the gold classes, NONE included, as the task's official
  metric) and the same without the NONE class; per-type P/R/F1; mode right where the map gives
  a mode and the type is right. Never tune on this set.
- ``ipe`` — events-indiapoliceevents documents. Police labels from factual events whose source
  actor is police (sector COP): KILL = an ASSAULT with dead > 0 or CAMEO 1823/186/202;
  ARREST = COERCE CAMEO 173 (or mode arrest), also with no stated source (passive "were
  arrested" is the police in these reports); FORCE = any ASSAULT except CAMEO 1712 (property),
  or COERCE 175 (so FORCE includes KILL, as in the gold). Also reported without the police
  filter (any source) to separate event recall from actor recall. Never tune on this set.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from eventwire.bench.data import shared_dir
from eventwire.config import load_config
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline

NONE = "NONE"
DATASETS = ("gsr", "cameo", "case2021", "ipe")
MAPPING_FILE = Path(__file__).with_name("acled_plover.tsv")
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Modes from the PLOVER manual (draft 0.8) tables; types without a table take no mode.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                         "withhold", "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                          "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                          "crowd-control", "unconventional"}),
}
# CAMEO country codes in the GSR that differ from ISO 3166 alpha-3 (the coder's country codes).
GOLD_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
KILL_CAMEO = frozenset({"1823", "186", "202"})
IPE_LABELS = ("KILL", "ARREST", "FORCE")
EXAMPLE_CHARS = 120


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True, slots=True)
class Ev:
    """What the scorers read of one coded event (built from a Document, or by hand in tests)."""

    plover: str
    cameo: str = ""
    quad: int = 0
    mode: str | None = None
    confidence: float = 0.0
    dead: int | None = None
    factual: bool = True
    has_source: bool = False
    has_target: bool = False
    source_country: str | None = None
    source_sector: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    trigger: str = ""
    source_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()


def events_of(doc: Document) -> list[Ev]:
    """Return the document's events in text order, reduced to what the scorers need."""
    out = []
    for e in doc.events:
        src, tgt = doc.actor(e.source), doc.actor(e.target)
        out.append(Ev(plover=e.plover or NONE, cameo=e.cameo, quad=e.quad, mode=e.mode,
                      confidence=e.confidence, dead=e.dead, factual=e.factual, has_source=src is not None,
                      has_target=tgt is not None,
                      source_country=_actor_country(src), source_sector=src.sector if src else None,
                      target_country=_actor_country(tgt), target_sector=tgt.sector if tgt else None,
                      trigger=e.trigger.text, source_spans=_spans(src), target_spans=_spans(tgt)))
    return out


def _spans(actor) -> tuple[tuple[int, int], ...]:
    return tuple((m.start, m.end) for m in actor.mentions) if actor is not None else ()


def _actor_country(actor) -> str | None:
    if actor is None:
        return None
    return actor.country or (actor.code[:3] if actor.code else None)


def top_event(events: Sequence[Ev]) -> Ev | None:
    """Return the highest-confidence event with a PLOVER type (the first one on ties)."""
    typed = [e for e in events if e.plover and e.plover != NONE]
    return max(typed, key=lambda e: e.confidence) if typed else None


def predicted_type(events: Sequence[Ev]) -> str:
    top = top_event(events)
    return top.plover if top else NONE


def predicted_penta(events: Sequence[Ev]) -> int:
    """Return the ConfliBERT penta class of the top event's CAMEO code.

    The penta labels are CAMEO-based (0: roots 01-02, 1: 03-05, 2: 06-08, 3: 09-13 and 16,
    4: 14-15 and 17-20), so the class comes from our event's CAMEO code (cameo.tsv's quad
    column), not from its PLOVER type: PLOVER puts CONCEDE (CAMEO 08) in verbal cooperation.
    """
    from eventwire.ontology import load_ontology

    top = top_event(events)
    if top is None or top.cameo[:2] in ("01", "02"):
        return 0
    code = load_ontology().cameo.get(top.cameo)
    return code.quad if code is not None else top.quad


class Coder:
    """Code texts with one pipeline, caching by text (the GSR and ConfliBERT share sentences)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.cache: dict[tuple[str, str | None], list[Ev]] = {}
        self.rejected = 0

    def __call__(self, text: str, published: str | None = None) -> list[Ev]:
        key = (text, published)
        if key not in self.cache:
            doc = self.pipeline.run(Article(text=text, published=published))
            self.rejected += doc.rejected is not None
            self.cache[key] = [] if doc.rejected else events_of(doc)
        return self.cache[key]


# --------------------------------------------------------------------------- metrics


def per_class(gold: Sequence, pred: Sequence) -> dict:
    """Return {label: {"p", "r", "f1", "support"}} for every gold or predicted label except NONE."""
    labels = {x for x in list(gold) + list(pred) if x != NONE}
    table = {}
    for label in sorted(labels, key=str):
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        table[label] = _prf(tp, n_pred, n_gold)
    return table


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "support": n_gold, "predicted": n_pred}


def macro_f1(table: dict, labels: Iterable) -> float:
    """Mean F1 over ``labels`` (a label missing from the table scores 0)."""
    labels = list(labels)
    if not labels:
        return 0.0
    return round(sum(table.get(x, {"f1": 0.0})["f1"] for x in labels) / len(labels), 4)


def weighted_f1(table: dict, labels: Iterable) -> float:
    """F1 averaged over ``labels`` weighted by gold support (the CASE 2021 official metric)."""
    rows = [table[x] for x in labels if x in table and table[x]["support"]]
    total = sum(r["support"] for r in rows)
    return round(sum(r["f1"] * r["support"] for r in rows) / total, 4) if total else 0.0


def class_table(gold: Sequence, pred: Sequence, none_is_class: bool = False) -> dict:
    """Per-class P/R/F1 where NONE is either a plain miss (default) or a class of its own."""
    if not none_is_class:
        return per_class(gold, pred)
    mark = "__none__"
    table = per_class([mark if g == NONE else g for g in gold], [mark if p == NONE else p for p in pred])
    if mark in table:
        table[NONE] = table.pop(mark)
    return table


def binary_prf(gold: Sequence[bool], pred: Sequence[bool]) -> dict:
    tp = sum(g and p for g, p in zip(gold, pred))
    return _prf(tp, sum(pred), sum(gold))


# --------------------------------------------------------------------------- data


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def text_key(text: str) -> str:
    """Return the text's lower-cased alphanumerics: the same sentence across datasets."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def gsr_split(records: Sequence[dict]) -> list[str]:
    """Return "dev" or "test" for each GSR record (see the module docstring); deterministic."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        groups[text_key(rec["text"])].append(i)
    strata: dict[str, list[str]] = defaultdict(list)
    for key, members in groups.items():
        strata[min(records[i]["gold"]["event"] for i in members)].append(key)
    split = {}
    for keys in strata.values():
        for n, key in enumerate(sorted(keys, key=lambda k: hashlib.sha1(k.encode()).hexdigest())):
            split[key] = "dev" if n % 2 == 0 else "test"
    return [split[text_key(rec["text"])] for rec in records]


def load_mapping(path: Path = MAPPING_FILE) -> dict[str, tuple[str, str | None]]:
    """Return {ACLED/CASE label: (PLOVER type or NONE, mode or None)} from acled_plover.tsv."""
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return {r["label"]: (r["plover"], r["mode"] or None) for r in rows}


# --------------------------------------------------------------------------- scorers


def score_gsr(records: Sequence[dict], preds: Sequence[Sequence[Ev]]) -> dict:
    """Score one view of the GSR: type and quad macro-F1, per-type table, actor countries."""
    gold = [r["gold"]["event"] for r in records]
    pred = [predicted_type(p) for p in preds]
    table = class_table(gold, pred)
    types = sorted(set(gold))
    gold_quad = [r["gold"]["quad_class"] for r in records]
    pred_quad = [top.quad if (top := top_event(p)) else NONE for p in preds]
    quads = class_table(gold_quad, pred_quad)
    roles = {"source": ("actor", "source_country"), "recipient": ("recipient", "target_country")}
    actor_counts = Counter()
    for rec, g, p, evs in zip(records, gold, pred, preds):
        if g != p:
            continue
        top = top_event(evs)
        for role, (gold_field, ours) in roles.items():
            wanted = gold_countries(rec["gold"][gold_field])
            if wanted:
                actor_counts[f"{role} n"] += 1
                actor_counts[f"{role} right"] += getattr(top, ours) in wanted
    return {
        "sentences": len(records),
        "type macro-F1": macro_f1(table, types),
        "top-event calibration": calibration_error(records, preds),
        "type accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
        "no event": sum(p == NONE for p in pred),
        "quad macro-F1": macro_f1(quads, sorted(set(gold_quad))),
        "source country right (typed)": _ratio(actor_counts["source right"], actor_counts["source n"]),
        "recipient country right (typed)": _ratio(actor_counts["recipient right"], actor_counts["recipient n"]),
        "per type": {t: table.get(t, _prf(0, 0, 0)) for t in sorted(set(types) | set(table))},
    }


def calibration_error(records: Sequence[dict], preds: Sequence[Sequence[Ev]], bins: int = 10) -> dict:
    """Expected calibration error of the top events' confidence as P(type right), 10 equal bins."""
    pairs = [(top.confidence, top.plover == rec["gold"]["event"])
             for rec, evs in zip(records, preds) if (top := top_event(evs)) is not None]
    if not pairs:
        return {"ECE": None, "events": 0}
    table: dict[int, list] = defaultdict(list)
    for conf, right in pairs:
        table[min(bins - 1, int(conf * bins))].append((conf, right))
    ece = sum(len(v) / len(pairs) * abs(sum(c for c, _ in v) / len(v) - sum(r for _, r in v) / len(v))
              for v in table.values())
    return {"ECE": round(ece, 4), "events": len(pairs),
            "mean confidence": round(sum(c for c, _ in pairs) / len(pairs), 4),
            "type right": round(sum(r for _, r in pairs) / len(pairs), 4)}


def gold_countries(actors: Sequence[dict]) -> set[str]:
    """Return the gold actors' country keys (code prefix, CAMEO aliases read as ISO)."""
    out = set()
    for a in actors:
        code = (a.get("code") or "")[:3].upper()
        if code:
            out.add(GOLD_COUNTRY_ALIASES.get(code, code))
    return out


def _ratio(k: int, n: int) -> dict:
    return {"rate": round(k / n, 4) if n else None, "right": k, "of": n}


def error_kinds(records: Sequence[dict], preds: Sequence[Sequence[Ev]], top: int = 5, examples: int = 3) -> list[dict]:
    """Return the ``top`` most common error kinds with counts and a few truncated examples.

    Kinds: "no event found" (per gold type in the detail), "type A → B" confusions, and on
    correctly typed sentences, for the source and the recipient: "no source actor", "source
    actor has no country", "source country wrong" (likewise "recipient …").
    """
    found = collect_errors(records, preds)
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    out = []
    for kind, items in ranked:
        entry = {"kind": kind, "count": len(items), "examples": items[:examples]}
        if kind == "no event found":
            entry["by gold type"] = dict(Counter(i["gold"] for i in items).most_common())
        out.append(entry)
    return out


def collect_errors(records: Sequence[dict], preds: Sequence[Sequence[Ev]]) -> dict[str, list[dict]]:
    """Return every error, grouped by kind (see ``error_kinds``), in record order."""
    found: dict[str, list[dict]] = defaultdict(list)
    for rec, evs in zip(records, preds):
        g = rec["gold"]["event"]
        t = top_event(evs)
        text = rec["text"]
        snippet = text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS - 1] + "…"
        if t is None:
            found["no event found"].append({"id": rec["id"], "gold": g, "text": snippet})
            continue
        if t.plover != g:
            found[f"type {g} → {t.plover}"].append({"id": rec["id"], "trigger": t.trigger, "cameo": t.cameo, "text": snippet})
            continue
        roles = (("source", "actor", t.source_country, t.has_source),
                 ("recipient", "recipient", t.target_country, t.has_target))
        for role, field, got, present in roles:
            wanted = gold_countries(rec["gold"][field])
            if not wanted or got in wanted:
                continue
            if got is None:
                kind = f"{role} actor has no country" if present else f"no {role} actor"
            else:
                kind = f"{role} country wrong"
            found[kind].append({"id": rec["id"], "gold": "/".join(sorted(wanted)), "got": got,
                                "trigger": t.trigger, "text": snippet})
    return found


def score_penta(gold: Sequence[int], preds: Sequence[Sequence[Ev]]) -> dict:
    """Macro-F1 over the five penta classes, per-class F1 and the confusion counts."""
    pred = [predicted_penta(p) for p in preds]
    table = per_class(gold, pred)
    confusion = {str(g): dict(sorted(Counter(p for gg, p in zip(gold, pred) if gg == g).items())) for g in range(5)}
    return {
        "sentences": len(gold),
        "quad macro-F1": macro_f1(table, sorted(set(gold))),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
        "per class F1": {str(c): table.get(c, _prf(0, 0, 0))["f1"] for c in range(5)},
        "confusion (gold: {pred: n})": confusion,
    }


def token_offsets(text: str, tokens: Sequence[str]) -> list[tuple[int, int] | None]:
    """Return each token's character span in ``text``, found left to right (None when absent)."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        at = text.find(tok, pos)
        if at < 0 or at - pos > 40:
            out.append(None)
            continue
        out.append((at, at + len(tok)))
        pos = at + len(tok)
    return out


def gold_arg_spans(rec: dict) -> dict[str, list[tuple[int, int]]]:
    """Return the record's gold source and target spans as character ranges.

    A reciprocal span (the ConfliBERT tag R) is both source and target.
    """
    offsets = token_offsets(rec["text"], rec.get("tokens") or [])
    out: dict[str, list[tuple[int, int]]] = {"source": [], "target": []}
    for role, keys in (("source", ("source_spans", "reciprocal_spans")), ("target", ("target_spans", "reciprocal_spans"))):
        for key in keys:
            for sp in rec["gold"].get(key) or []:
                found = [o for o in offsets[sp["tok_start"]:sp["tok_end"]] if o is not None]
                if found:
                    out[role].append((found[0][0], found[-1][1]))
    return out


def score_args(records: Sequence[dict], preds: Sequence[Sequence[Ev]]) -> dict:
    """Source and target of the top event against the gold argument spans (any overlap).

    Only records that carry spans count. Precision is over top events that name the role's
    actor, recall over records with a gold span for the role; a hit is any mention of our actor
    overlapping any gold span of that role.
    """
    counts = Counter()
    for rec, evs in zip(records, preds):
        if not rec.get("tokens"):
            continue
        gold = gold_arg_spans(rec)
        top = top_event(evs)
        for role in ("source", "target"):
            ours = (top.source_spans if role == "source" else top.target_spans) if top else ()
            counts[f"{role} gold"] += bool(gold[role])
            counts[f"{role} pred"] += bool(ours)
            counts[f"{role} hit"] += any(a < d and c < b for a, b in ours for c, d in gold[role])
    return {role: _prf(counts[f"{role} hit"], counts[f"{role} pred"], counts[f"{role} gold"])
            for role in ("source", "target")} | {"sentences with spans": sum(bool(r.get("tokens")) for r in records)}


def score_case(records: Sequence[dict], preds: Sequence[Sequence[Ev]], mapping: dict) -> dict:
    """Weighted F1 of the predicted PLOVER type against the mapped gold type; mode and label views."""
    gold = [mapping[r["gold"]["event_subtype"]][0] for r in records]
    pred = [predicted_type(p) for p in preds]
    table = class_table(gold, pred, none_is_class=True)
    classes = sorted(set(gold))
    modes = Counter()
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec, g, p, evs in zip(records, gold, pred, preds):
        label = rec["gold"]["event_subtype"]
        per_label[label][0] += g == p
        per_label[label][1] += 1
        want_mode = mapping[label][1]
        if want_mode and g == p:
            modes["n"] += 1
            modes["right"] += top_event(evs).mode == want_mode
    return {
        "snippets": len(records),
        "weighted F1": weighted_f1(table, classes),
        "weighted F1 (PLOVER classes, NONE gold left out)": weighted_f1(table, [c for c in classes if c != NONE]),
        "macro-F1": macro_f1(table, classes),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
        "mode right (type right, mapped mode given)": _ratio(modes["right"], modes["n"]),
        "per type": {c: table.get(c, _prf(0, 0, 0)) for c in sorted(set(classes) | set(table))},
        "type right per label": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_label.items())},
    }


def ipe_labels(events: Iterable[Ev], police_only: bool = True) -> set[str]:
    """Return the document labels KILL/ARREST/FORCE implied by its factual events."""
    labels = set()
    for e in events:
        if not e.factual:
            continue
        police = e.source_sector == "COP"
        if e.plover == "COERCE" and (e.cameo == "173" or e.mode == "arrest"):
            if police or not e.has_source or not police_only:
                labels.add("ARREST")
        if police_only and not police:
            continue
        if (e.plover == "ASSAULT" and e.cameo != "1712") or e.cameo == "175":
            labels.add("FORCE")
            if e.plover == "ASSAULT" and ((e.dead or 0) > 0 or e.cameo in KILL_CAMEO):
                labels.add("KILL")
    return labels


def score_ipe(gold: Sequence[Iterable[str]], preds: Sequence[Sequence[Ev]]) -> dict:
    """Document-level P/R/F1 per police label, with and without the police-source filter."""
    gold_sets = [set(g) for g in gold]
    out: dict = {"documents": len(gold_sets)}
    for variant, police in (("police source", True), ("any source", False)):
        pred_sets = [ipe_labels(p, police_only=police) for p in preds]
        out[variant] = {lab: binary_prf([lab in g for g in gold_sets], [lab in p for p in pred_sets]) for lab in IPE_LABELS}
    return out


# --------------------------------------------------------------------------- runners


def _gsr(coder: Coder, bench: Path, limit: int | None) -> dict:
    records = _jsonl(bench / "events-plover-gsr" / "plover_gsr.jsonl")
    split = gsr_split(records)
    if limit:
        records, split = records[:limit], split[:limit]
    preds = [coder(r["text"]) for r in records]
    out = {}
    for view in ("dev", "test"):
        idx = [i for i, s in enumerate(split) if s == view]
        out[view] = score_gsr([records[i] for i in idx], [preds[i] for i in idx])
    dev = [i for i, s in enumerate(split) if s == "dev"]
    out["errors (dev)"] = error_kinds([records[i] for i in dev], [preds[i] for i in dev])
    counts = collect_errors([records[i] for i in dev], [preds[i] for i in dev])
    out["error counts (dev)"] = dict(sorted(((k, len(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))[:15])
    out["split"] = "stratified by gold type, sha1 of text, alternate dev/test; grouped by text"
    return out


def _cameo(coder: Coder, bench: Path, limit: int | None) -> dict:
    records = _jsonl(bench / "events-conflibert-cameo" / "cameo_penta.jsonl")
    gsr = _jsonl(bench / "events-plover-gsr" / "plover_gsr.jsonl")
    gsr_keys = {text_key(r["text"]) for r in gsr}
    gsr_dev = {text_key(r["text"]) for r, s in zip(gsr, gsr_split(gsr)) if s == "dev"}
    out: dict = {}
    for split, name in (("test", "test"), ("train", "train (dev)")):
        recs = [r for r in records if r["split"] == split][:limit or None]
        preds = [coder(r["text"]) for r in recs]
        out[name] = score_penta([r["gold"]["penta_class"] for r in recs], preds)
        out[name]["arguments (overlap)"] = score_args(recs, preds)
        if split == "test":
            keep = [i for i, r in enumerate(recs) if text_key(r["text"]) not in gsr_dev]
            out["test held-out (GSR-dev sentences removed)"] = score_penta(
                [recs[i]["gold"]["penta_class"] for i in keep], [preds[i] for i in keep])
            out["test held-out (GSR-dev sentences removed)"]["arguments (overlap)"] = score_args(
                [recs[i] for i in keep], [preds[i] for i in keep])
            shared = sum(text_key(r["text"]) in gsr_keys for r in recs)
            out["note"] = (f"262 of the 451 test sentences are GSR sentences (SOURCE.md); {shared} of "
                           f"the {len(recs)} scored here match a GSR text; the held-out view drops the GSR-dev ones")
    return out


def _case(coder: Coder, bench: Path, limit: int | None) -> dict:
    records = _jsonl(bench / "events-case2021-task2" / "case2021_task2_test.jsonl")[:limit or None]
    mapping = load_mapping()
    return score_case(records, [coder(r["text"]) for r in records], mapping) | {"mapping": MAPPING_FILE.name}


def _ipe(coder: Coder, bench: Path, limit: int | None) -> dict:
    records = _jsonl(bench / "events-indiapoliceevents" / "ipe_docs.jsonl")[:limit or None]
    t0 = time.perf_counter()
    preds = [coder(r["text"], r.get("date")) for r in records]
    seconds = time.perf_counter() - t0
    out = score_ipe([r["gold"]["labels"] for r in records], preds)
    out["seconds"] = round(seconds, 1)
    out["documents/s"] = round(len(records) / seconds, 2) if seconds else None
    return out


RUNNERS: dict[str, Callable[[Coder, Path, int | None], dict]] = {
    "gsr": _gsr, "cameo": _cameo, "case2021": _case, "ipe": _ipe}


def run(datasets: Iterable[str] | None = None, limit: int | None = None, pipeline: Pipeline | None = None) -> dict:
    """Code and score each named dataset (all four by default); ``limit`` caps records per set/split."""
    names = list(datasets or DATASETS)
    unknown = [n for n in names if n not in RUNNERS]
    if unknown:
        from eventwire.errors import EventwireError, unknown_choice

        raise EventwireError(unknown_choice("events dataset", unknown[0], list(RUNNERS)))
    coder = Coder(pipeline or Pipeline.build(load_config()))
    bench = shared_dir() / "bench"
    report: dict = {"task": "events"}
    for name in names:
        t0 = time.perf_counter()
        report[name] = RUNNERS[name](coder, bench, limit)
        report[name]["seconds total"] = round(time.perf_counter() - t0, 1)
    report["rejected inputs"] = coder.rejected
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score the event coder; prints a JSON report. "
                                     "Example: python -m eventwire.bench.events --datasets gsr,cameo --limit 50")
    parser.add_argument("--datasets", default=",".join(DATASETS), help=f"comma-separated, from {', '.join(DATASETS)}")
    parser.add_argument("--limit", type=int, default=None, help="at most this many records per dataset/split")
    args = parser.parse_args(argv)
    print(json.dumps(run([d for d in args.datasets.split(",") if d], args.limit), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
