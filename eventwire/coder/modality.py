"""Whether an event happened: asserted, or only intended, proposed, threatened, hypothetical, negated.

PLOVER codes an intention to cooperate as AGREE ("ready to cooperate" is AGREE, factual):
``intent_to_agree`` gives the AGREE code for a cooperative trigger under an intent word.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.coder.syntax import ancestors
from eventwire.ontology import Ontology

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# CAMEO "express intent to …" code for each cooperative PLOVER type (CAMEO root 03).
INTENT_CODE = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
               "CONCEDE": "035", "RETREAT": "035"}
PROPOSE = frozenset({"propose", "suggest", "proposal", "offer"})
THREAT = frozenset({"threaten", "warn", "threat"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll"})
# How far up the tree a governing intent or modal word counts (stops at a reporting verb).
MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Modality:
    modality: str
    factual: bool
    agree_code: str | None = None  # set when the event is recoded as an AGREE (intent)


def judge(tok, plover: str, onto: Ontology) -> Modality:
    """Return the modality of the event triggered by ``tok``."""
    words = onto.words
    if _negated(tok, words["negate"]):
        return Modality("negated", False)
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in words["unreal"]:
            return Modality("intended" if c.lower_ in MODAL_FUTURE else "hypothetical", False)
        if c.dep_ == "amod" and c.lower_ in {"possible", "potential", "planned", "proposed"}:
            return Modality("hypothetical" if c.lower_ != "planned" else "intended", False)
    for depth, anc in enumerate(ancestors(tok)):
        if depth >= MAX_DEPTH or anc.lemma_.lower() in words["say"]:
            break
        if anc.dep_ == "prep" and anc.lower_ in words["adjunct"]:
            break  # "during the visit, X is expected to …": the visit is not what is expected
        lemma = anc.lemma_.lower()
        if lemma in words["intent"] and plover in COOPERATIVE:
            return Modality("asserted", True, INTENT_CODE[plover])
        if lemma in THREAT:
            return Modality("threatened", False)
        if lemma in words["negate"] and anc.pos_ == "VERB":
            return Modality("negated", False)
        if lemma in PROPOSE:
            return Modality("proposed", False)
        if lemma in words["unreal"] or lemma in words["intent"]:
            return Modality("intended", False)
        if any(c.dep_ == "aux" and c.lower_ in words["unreal"] for c in anc.children) and anc.pos_ == "VERB":
            return Modality("intended" if any(c.lower_ in MODAL_FUTURE for c in anc.children) else "hypothetical", False)
    return Modality("asserted", True)


def _negated(tok, negate: frozenset[str]) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children)
