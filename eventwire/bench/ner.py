"""Score the entities of the ``nlp`` stage (spaCy + ``eventwire.nlp.fixes``) on CoNLL-2003 and re3d.

Each document runs through the pipeline's own ``nlp`` stage, segment by segment as in the
pipeline: for CoNLL-2003 one segment per line (a tokenized sentence; the first line is the
headline), for re3d one per paragraph. Scores are exact-span micro P/R/F1 (conlleval
phrase level) after mapping spaCy's OntoNotes labels to the dataset's:

======================================================  =====  ==========================
spaCy label                                             CoNLL  re3d
======================================================  =====  ==========================
PERSON                                                  PER    Person
ORG                                                     ORG    Organisation
GPE, LOC, FAC                                           LOC    Location
NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE        MISC   Nationality (NORP only)
DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL       —      — (not scored)
======================================================  =====  ==========================

FAC goes to LOC because CoNLL tags venues (stadiums, courses) LOC. CoNLL's text is
pre-tokenized ("U.S. 's"): a predicted span is widened to the whitespace tokens it touches so
that it is compared on the dataset's tokens. re3d's gold also holds nominals and pronouns
("the founders", "We"); ``named`` scores only gold spans that start with a capitalized word
other than a determiner or pronoun (predictions overlapping the others are not counted).
Tune on CoNLL ``dev``; report ``test`` (BENCHMARKS.md).
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

from eventwire.bench.data import shared_dir
from eventwire.errors import EventwireError, unknown_choice
from eventwire.model import Article, Document, Segment
from eventwire.text.layout import paragraph_blocks

CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC",
         "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
RE3D_GOLD = {"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "MISC"}
RE3D = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}
DATASETS = ("conll2003", "re3d")
_NOT_NAMED = re.compile(r"^(?:the|a|an|this|that|these|those|we|they|he|she|it|i|you|our|their|his|her|its)\b", re.I)

Spans = dict[tuple[int, int], str]


def load(dataset: str, split: str = "test", root: Path | None = None) -> list[dict]:
    """Return the dataset's documents (JSONL records, see its SOURCE.md)."""
    if dataset not in DATASETS:
        raise EventwireError(unknown_choice("NER dataset", dataset, list(DATASETS)))
    folder = (root or shared_dir()) / "bench" / dataset
    name = "re3d.jsonl" if dataset == "re3d" else f"{split}.jsonl"
    path = folder / name
    if not path.is_file():
        raise EventwireError(f"{path} does not exist; CoNLL-2003 has the splits 'dev' and 'test'")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def segments_of(dataset: str, text: str) -> list[Segment]:
    """Return the segments the stage parses: CoNLL lines, or re3d paragraphs."""
    if dataset == "conll2003":
        out, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                out.append(Segment(pos, pos + len(line), "headline" if pos == 0 else "paragraph"))
            pos += len(line) + 1
        return out
    return [Segment(s, e, "paragraph") for s, e in paragraph_blocks(text)]


def predict(stage, dataset: str, text: str) -> Spans:
    """Return the stage's entities of ``text`` as {(start, end): dataset label}."""
    doc = Document(article=Article(text=text))
    doc.segments = segments_of(dataset, text)
    doc = stage(doc)
    mapping = CONLL if dataset == "conll2003" else RE3D
    out: Spans = {}
    for ent in doc.entities:
        label = mapping.get(ent.label)
        if label is None:
            continue
        start, end = ent.start, ent.end
        if dataset == "conll2003":
            start, end = _widen(text, start, end)
        out[(start, end)] = label
    return out


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def score(pairs: Iterable[tuple[Spans, Spans]]) -> dict:
    """Return micro P/R/F1 and per-label scores of (gold, predicted) span maps."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold, pred in pairs:
        n_gold.update(gold.values())
        n_pred.update(pred.values())
        tp.update(lab for span, lab in pred.items() if gold.get(span) == lab)
    per_label = {lab: _prf(tp[lab], n_pred[lab], n_gold[lab]) for lab in sorted(n_gold | n_pred)}
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {**micro, "per_label": per_label}


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": gold, "predicted": pred}


def gold_spans(dataset: str, record: dict, named_only: bool = False) -> tuple[Spans, list[tuple[int, int]]]:
    """Return the gold spans (mapped labels) and, for ``named_only``, the spans left out."""
    if dataset == "conll2003":
        return {(e["start"], e["end"]): e["label"] for e in record["entities"]}, []
    gold: Spans = {}
    dropped = []
    for e in record["entities"]:
        label = RE3D_GOLD.get(e["label"])
        if label is None:
            continue
        text = e["text"].strip()
        if named_only and (not text[:1].isupper() or _NOT_NAMED.match(text)):
            dropped.append((e["start"], e["end"]))
            continue
        gold[(e["start"], e["end"])] = label
    return gold, dropped


def run(dataset: str = "conll2003", split: str = "test", stage=None, fixes: bool = True,
        limit: int | None = None) -> dict:
    """Score the ``nlp`` stage on ``dataset`` and return {"f1", "precision", "recall", "per_label", …}.

    ``fixes=False`` scores spaCy's own entities through the same mapping (the baseline).
    re3d has no split; its report adds ``named`` (gold restricted to capitalized names).
    """
    if stage is None:
        from eventwire.config import load_config
        from eventwire.stages.nlp import Nlp

        cfg = load_config()
        stage = Nlp(model=cfg.nlp.model, fallbacks=cfg.nlp.fallback_models, fix_entities=fixes)
    records = load(dataset, split)[:limit]
    t0 = time.perf_counter()
    predictions = [predict(stage, dataset, r["text"]) for r in records]
    seconds = time.perf_counter() - t0
    result = score((gold_spans(dataset, r)[0], p) for r, p in zip(records, predictions))
    result.update({"task": "ner", "dataset": dataset, "split": split if dataset == "conll2003" else "all",
                   "documents": len(records), "fixes": fixes, "seconds": round(seconds, 2)})
    if dataset == "re3d":
        pairs = []
        for r, p in zip(records, predictions):
            gold, dropped = gold_spans(dataset, r, named_only=True)
            kept = {s: lab for s, lab in p.items() if not any(s[0] < de and ds < s[1] for ds, de in dropped) or s in gold}
            pairs.append((gold, kept))
        named = score(pairs)
        result["named"] = {k: named[k] for k in ("precision", "recall", "f1")} | {"per_label": named["per_label"]}
    return result


def table(result: dict) -> str:
    """Return the report as a small text table (label, P, R, F1, gold, predicted)."""
    lines = [f"{result['dataset']} {result['split']}: micro F1 {result['f1']:.3f} "
             f"(P {result['precision']:.3f} R {result['recall']:.3f}), {result['documents']} documents"]
    for lab, s in result["per_label"].items():
        lines.append(f"  {lab:5} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}  gold {s['gold']} pred {s['predicted']}")
    if "named" in result:
        lines.append(f"  named only: F1 {result['named']['f1']:.3f} (P {result['named']['precision']:.3f} R {result['named']['recall']:.3f})")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m eventwire.bench.ner [dataset] [split]
    import sys

    print(table(run(*sys.argv[1:3])))
