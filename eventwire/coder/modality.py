"""Whether an event happened: asserted, or only intended, proposed, threatened, hypothetical, negated.

PLOVER codes an intention to cooperate as AGREE ("ready to cooperate" is AGREE, factual):
``intent_to_agree`` gives the AGREE code for a cooperative trigger under an intent word.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.coder.syntax import ancestors, has_child, tree
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


# CAMEO code of the refusal of each cooperative PLOVER type (CAMEO root 12, "reject").
REJECT_CODE = {"CONSULT": "125", "AGREE": "120", "SUPPORT": "120", "COOPERATE": "121", "AID": "122",
               "CONCEDE": "124", "RETREAT": "1243"}
# CAMEO code of calling off each cooperative type (CAMEO root 16, "reduce relations").
CALLOFF_CODE = {"CONSULT": "164", "AGREE": "164", "SUPPORT": "160", "COOPERATE": "161", "AID": "162",
                "CONCEDE": "160", "RETREAT": "160"}
# CAMEO code of a threat to do each conflictual type (CAMEO root 13, "threaten"): PLOVER codes
# conflictual actions announced for the future as THREATEN, as it codes cooperative ones AGREE.
THREAT_CODE = {"ASSAULT": "138", "COERCE": "132", "SANCTION": "131", "MOBILIZE": "138", "PROTEST": "133"}
FUTURE = frozenset({"will", "shall", "'ll", "would"})
VOW = frozenset({"vow", "swear", "pledge", "plan", "intend", "prepare", "promise", "threaten", "warn", "decide"})
# CAMEO code of a demand that someone do each type (CAMEO root 10, "demand").
DEMAND_CODE = {"CONSULT": "106", "AGREE": "107", "SUPPORT": "102", "COOPERATE": "101", "AID": "103",
               "CONCEDE": "105", "RETREAT": "1053"}


@dataclass(frozen=True, slots=True)
class Modality:
    modality: str
    factual: bool
    recode: tuple[str, str] | None = None  # (PLOVER type, CAMEO code) the event is recoded to
    demand: bool = False  # recoded as a demand: the sayer is the source, the doer the recipient

    @property
    def agree_code(self) -> str | None:
        return self.recode[1] if self.recode and self.recode[0] == "AGREE" else None


def judge(tok, plover: str, onto: Ontology) -> Modality:
    """Return the modality of the event triggered by ``tok``."""
    words = onto.words
    coop = plover in COOPERATIVE or plover == "AGREE"
    if coop and _negated(tok, words["negate"]) and (_has_aux(tok, words["unreal"]) or _under(tok, words["refuse"])):
        return Modality("asserted", True, ("REJECT", REJECT_CODE[plover]))  # "will not release"
    if coop and _under(tok, words["refuse"]):
        return Modality("asserted", True, ("REJECT", REJECT_CODE[plover]))  # "declined to resign"
    if coop and _under(tok, words["calloff"]):
        return Modality("asserted", True, ("SANCTION", CALLOFF_CODE[plover]))  # "cancelled a visit"
    governor = tok.head if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "nsubjpass"} else tok
    if (_has_aux(tok, words["oblige"]) or _has_aux(governor, words["oblige"])) and plover in DEMAND_CODE:
        return Modality("asserted", True, ("REQUEST", DEMAND_CODE[plover]), demand=True)  # "X must mediate"
    if _negated(tok, words["negate"]):
        return Modality("negated", False)
    future = _has_aux(tok, FUTURE) or _has_aux(governor, FUTURE) or _under(tok, VOW) or _ready(tok)
    if future and plover in INTENT_CODE:
        return Modality("asserted", True, ("AGREE", INTENT_CODE[plover]))  # "Portugal will support"
    if future and plover in THREAT_CODE and not _has_aux(tok, frozenset({"could", "might", "may"})):
        return Modality("threatened", True, ("THREATEN", THREAT_CODE[plover]))  # "would blockade Paris"
    t = tree(tok.doc)
    for c in t.children[tok.i]:
        dep, lower = t.dep[c], t.lower[c]
        if dep == "aux" and lower in words["unreal"]:
            return Modality("intended" if lower in MODAL_FUTURE else "hypothetical", False)
        if dep == "amod" and lower in {"possible", "potential", "planned", "proposed"}:
            return Modality("hypothetical" if lower != "planned" else "intended", False)
    for depth, anc in enumerate(ancestors(tok)):
        if depth >= MAX_DEPTH or anc.lemma_.lower() in words["say"]:
            break
        if anc.dep_ == "prep" and anc.lower_ in words["adjunct"]:
            break  # "during the visit, X is expected to …": the visit is not what is expected
        lemma = anc.lemma_.lower()
        if lemma in words["intent"] and plover in COOPERATIVE:
            return Modality("asserted", True, ("AGREE", INTENT_CODE[plover]))
        if lemma in THREAT:
            return Modality("threatened", False)
        if lemma in words["negate"] and anc.pos_ == "VERB":
            return Modality("negated", False)
        if lemma in PROPOSE:
            return Modality("proposed", False)
        if lemma in words["unreal"] or lemma in words["intent"]:
            return Modality("intended", False)
        if anc.pos_ == "VERB" and has_child(anc, ("aux",), words["unreal"]):
            return Modality("intended" if any(c.lower_ in MODAL_FUTURE for c in anc.children) else "hypothetical", False)
    return Modality("asserted", True)


def _ready(tok) -> bool:
    """"is ready/prepared/willing to contribute": an offer."""
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in {"ready", "prepared", "willing", "able"}


AUX_DEPS = frozenset({"aux", "auxpass"})


def _has_aux(tok, auxes: frozenset[str]) -> bool:
    return has_child(tok, AUX_DEPS, auxes)


def _under(tok, lemmas: frozenset[str], depth: int = 2) -> bool:
    """True when a governing verb within ``depth`` heads is one of ``lemmas`` (through xcomp/dobj)."""
    cur = tok
    for _ in range(depth):
        if cur.dep_ not in {"xcomp", "dobj", "pobj", "prep", "ccomp", "nsubjpass", "compound", "amod"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in lemmas and cur.pos_ == "VERB":
            return True
    return False


def _negated(tok, negate: frozenset[str]) -> bool:
    t = tree(tok.doc)
    return any(t.dep[c] == "neg" or (t.dep[c] == "det" and t.lower[c] == "no") for c in t.children[tok.i])
