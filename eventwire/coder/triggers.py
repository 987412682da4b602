"""Find trigger words in a parsed sentence and pick their lexicon entry."""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.coder.syntax import child, prep_object_indices, prep_objects, tree
from eventwire.ontology import Ontology, Trigger

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# An adjective the tagger gives a noun's place in the clause is read as that noun.
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


@dataclass(frozen=True, slots=True)
class Hit:
    token: object  # spacy Token
    trigger: Trigger
    word: object | None  # the dependent that completed a two-word trigger ("sympathy")


# Dependents that may complete a two-word trigger, and particles that do as prepositions do.
COMPLETING_DEPS = frozenset({"dobj", "nsubjpass", "prt", "compound", "amod", "attr", "oprd", "npadvmod", "acomp",
                             "advmod"})
PARTICLES = frozenset({"off", "up", "down", "out", "in", "back", "over"})


def _dependents(tok):
    """Words a two-word trigger may need: objects, particles, compounds, the head of a relative clause."""
    doc = tok.doc
    t = tree(doc)
    dep, lower, children = t.dep, t.lower, t.children
    out = []
    for c in children[tok.i]:
        if dep[c] in COMPLETING_DEPS:
            out.append(c)
            out.extend(cc for cc in children[c] if dep[cc] == "conj")
            if dep[c] == "dobj":  # "hold families as human shields": what the object is made
                out.extend(prep_object_indices(t, c, {"as"}))
                if lower[c] in {"state", "states"}:  # "declared a state of emergency"
                    out.extend(prep_object_indices(t, c, {"of"}))
        elif dep[c] == "advcl":  # "called on Wednesday for the minister to resign": "for" marks the clause
            out.extend(m for m in children[c] if dep[m] == "mark" and lower[m] == "for")
        elif dep[c] in {"prep", "dative"} or (dep[c] == "prt" and lower[c] in PARTICLES):
            out.append(c)
            out.extend(prep_object_indices(t, tok.i, {lower[c]}))
    if dep[tok.i] in {"relcl", "acl"}:
        out.append(t.head[tok.i])  # "the agreement that was signed" completes "sign+agreement"
    return [doc[i] for i in out]


def _dated(tok) -> bool:
    """True for a preposition that only says when ("called … on Wednesday" is no "call on")."""
    objs = [c for c in tok.children if c.dep_ == "pobj"]
    return tok.dep_ == "prep" and bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


_WORDS: dict[int, frozenset[str]] = {}


def _trigger_words(onto: Ontology) -> frozenset[str]:
    """The first words of all triggers (and of the verbs read in context), once per ontology."""
    words = _WORDS.get(id(onto))
    if words is None:
        words = frozenset(lemma for lemma, _pos in onto.triggers) | {"arrive", "receive"}
        _WORDS.clear()
        _WORDS[id(onto)] = words
        for starts in _STARTS:
            starts.clear()
    return words


# Whether a string id starts a trigger: of a lemma, and of a lower-cased form. Read from the
# document's id columns (syntax.tree), so words that start no trigger are passed over without
# building a spaCy token for each.
_STARTS: tuple[dict[int, bool], dict[int, bool]] = ({}, {})
MAX_STARTS = 200_000


def _learn(starts: dict[int, bool], key: int, lemma: bool, strings, words: frozenset[str]) -> None:
    text = strings[key]
    starts[key] = (text.lower() if lemma else text) in words


def _candidates(sentence_tokens, words: frozenset[str]) -> list[int]:
    """Indices of the sentence's tokens whose lemma or lower-cased form starts a trigger."""
    doc = sentence_tokens.doc
    t = tree(doc)
    lemmas, lowers = t.lemma_ids, t.lower_ids
    strings = doc.vocab.strings
    by_lemma, by_form = _STARTS
    for starts in _STARTS:
        if len(starts) > MAX_STARTS:
            starts.clear()  # a long run meets ever more words: keep the tables bounded
    start, end = sentence_tokens.start, sentence_tokens.end
    for key in lemmas[start:end]:  # words met for the first time (rare after the first articles)
        if key not in by_lemma:
            _learn(by_lemma, key, True, strings, words)
    for key in lowers[start:end]:
        if key not in by_form:
            _learn(by_form, key, False, strings, words)
    return [i for i in range(start, end) if by_lemma[lemmas[i]] or by_form[lowers[i]]]


def find_hits(sentence_tokens, onto: Ontology) -> list[Hit]:
    """Return the trigger hits of one sentence (a spaCy Span), in token order."""
    hits = []
    words = _trigger_words(onto)
    doc = sentence_tokens.doc
    for i in _candidates(sentence_tokens, words):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        lower = tok.lower_
        pos = tok.pos_
        if pos in VERB_TAGS:
            if tok.dep_ == "amod":
                continue  # "Russia-backed separatists": a modifier, not an event
            keys = [(lemma, "VERB")]
        elif pos in NOUN_TAGS or pos == "ADJ" and tok.dep_ in NOMINAL_DEPS:  # "a regime offensive/ADJ on"
            if tok.ent_type_ in {"ORG", "WORK_OF_ART", "LAW", "EVENT"} and tok.text[:1].isupper():
                continue  # "the Ceasefire Violations Committee" names a body, not a ceasefire
            keys = [(lower, "NOUN"), (lemma, "NOUN")]
        else:
            continue
        hit = None
        dependents = None  # (token, lemma, form) of its dependents, read once for all its two-word triggers
        for key in keys:
            for trig in onto.triggers.get(key, ()):
                if trig.with_word is None:
                    hit = Hit(tok, trig, None)
                    break
                if dependents is None:
                    dependents = [(d, d.lemma_.lower(), d.lower_) for d in _dependents(tok)]
                word = next((d for d, d_lemma, d_lower in dependents if (d_lemma == trig.with_word
                                                                         or d_lower == trig.with_word)
                             and not _dated(d)), None)
                if word is not None:
                    hit = Hit(tok, trig, word)
                    break
            if hit:
                break
        if hit is None and lemma == "arrive" and _peacekeeping(tok):
            hit = Hit(tok, ARRIVING_PEACEKEEPERS, None)  # "Chinese peacekeepers arrived in South Sudan"
        if hit is None and lemma == "receive" and _receives_person(tok):
            hit = Hit(tok, HOSTING, None)  # "Assad received U.S. Secretary of State Warren Christopher"
        if hit and not (hit.trigger.plover != "ACCUSE" and hit.word is None and _is_topic_only(tok, onto)) and not _modifies_trigger(tok, onto) and not _is_subject_matter(tok, onto):
            hits.append(_as_peacekeeping(hit))
    hits.extend(_demands(sentence_tokens, {h.token.i for h in hits}, onto))
    hits.extend(_claimed_weapons(sentence_tokens, {h.token.i for h in hits}))
    hits.sort(key=lambda h: h.token.i)
    # A word that completed a two-word trigger ("lifted sanctions") is not an event of its own.
    used = {h.word.i for h in hits if h.word is not None}
    return [h for h in hits if h.token.i not in used]


# Sending forces to keep the peace is help (CAMEO 074), not a show of force (154): "Britain is
# deploying 300 troops to the UN peacekeeping mission in Mali", "sent 200 troops to serve as a
# peacekeeping force", "the first deployment of NATO peacekeeping troops".
DEPLOYING = frozenset({"deploy", "deployment", "send", "dispatch", "station", "redeploy"})
PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping", "peace-keepers"})


ARRIVING_PEACEKEEPERS = Trigger("arrive", "VERB", "074", "AID", None, ("in",), False)
# Receiving a person is hosting a visit (CAMEO 043); receiving a letter or aid is not.
HOSTING = Trigger("receive", "VERB", "043", "CONSULT", None, (), False, True)


def _receives_person(tok) -> bool:
    obj = child(tok, "dobj")
    return obj is not None and obj.ent_type_ == "PERSON" and not any(c.dep_ == "nsubjpass" for c in tok.children)


def _peacekeeping(tok) -> bool:
    return any(t.lower_ in PEACEKEEPING for t in tok.subtree)


def _as_peacekeeping(hit: Hit) -> Hit:
    tok = hit.token
    if hit.trigger.plover != "MOBILIZE" or tok.lemma_.lower() not in DEPLOYING or not _peacekeeping(tok):
        return hit
    trig = hit.trigger
    return Hit(tok, Trigger(trig.lemma, trig.pos, "074", "AID", trig.with_word, trig.target_preps or ("to",),
                            trig.patient_of), hit.word)


# "X said the government must ensure security": a demand (CAMEO 10) by the sayer on the
# complement's subject, whatever the demanded act is. Acts that are triggers themselves are
# recoded by the modality rules instead ("Turkey must mediate").
DEMAND = Trigger("<must>", "VERB", "100", "REQUEST", None, (), False)
SAY_DEPTH = 2


def _demands(sentence_tokens, taken: set[int], onto: Ontology) -> list[Hit]:
    out = []
    doc = sentence_tokens.doc
    t = tree(doc)
    oblige = onto.words["oblige"]
    obliged = sorted({t.head[j] for j in range(sentence_tokens.start, sentence_tokens.end)
                      if t.dep[j] == "aux" and t.head[j] != j and t.lower[j] in oblige})
    for i in obliged:  # the heads of an obligation's auxiliary ("must", "should")
        tok = doc[i]
        if tok.i in taken or tok.pos_ not in {"VERB", "AUX"} or tok.dep_ not in {"ccomp", "ROOT", "conj"}:
            continue
        cur = tok
        for _ in range(SAY_DEPTH):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.lemma_.lower() in onto.words["say"] and cur.pos_ == "VERB":
                out.append(Hit(tok, DEMAND, None))
                break
    return out


# "claimed responsibility for the car bomb": a weapon whose use is claimed is an attack (CAMEO
# 183), though a bomb alone is no event ("police defused a bomb").
CLAIMED_WEAPON = Trigger("bomb", "NOUN", "183", "ASSAULT", None, (), False)
WEAPONS = frozenset({"bomb", "device", "grenade", "rocket", "mine"})


def _claimed_weapons(sentence_tokens, taken: set[int]) -> list[Hit]:
    out = []
    doc = sentence_tokens.doc
    t = tree(doc)
    for i in range(sentence_tokens.start, sentence_tokens.end):
        if t.lower[i] != "responsibility" or i in taken:
            continue
        for weapon in prep_objects(doc[i], {"for"}):
            if weapon.lemma_.lower() in WEAPONS and weapon.i not in taken:
                out.append(Hit(weapon, CLAIMED_WEAPON, None))
    return out


def _is_topic_only(tok, onto: Ontology) -> bool:
    """True for "fighting terrorism", "the fight against crime": no actor is acted upon.

    (Not asked of investigations: "investigating alleged war crimes" is an event.)"""
    abstract = onto.words["abstract"]
    obj = child(tok, "dobj")
    if obj is not None and obj.lemma_.lower() in abstract:
        return True
    return any(o.lemma_.lower() in abstract for o in prep_objects(tok, {"on", "against"}))


def _is_subject_matter(tok, onto: Ontology) -> bool:
    """True for a nominal that is only what was talked about ("discussed areas of cooperation")."""
    if tok.pos_ not in NOUN_TAGS:
        return False
    cur = tok
    for _ in range(6):
        if cur.dep_ not in {"pobj", "prep", "dobj", "poss", "compound"} or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur.lemma_.lower() in onto.words["topic"]
    return False


def _modifies_trigger(tok, onto: Ontology) -> bool:
    """A modifier trigger ("stabbing" in "stabbing attack") is part of its head's event, and one
    that only says what kind of people its head names is none ("riot police", "protest leaders")."""
    if tok.dep_ not in {"amod", "compound"}:
        return False
    head = tok.head
    if (head.lower_,) in onto.roles or (head.lemma_.lower(),) in onto.roles:
        return True
    return any((k, "NOUN") in onto.triggers for k in (head.lower_, head.lemma_.lower()))
