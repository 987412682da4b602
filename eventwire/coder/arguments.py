"""Source (PLOVER actor) and target (recipient) tokens of a trigger, from the parse."""
from __future__ import annotations

from eventwire.coder.syntax import RELATIVE, child, prep_objects
from eventwire.coder.triggers import Hit
from eventwire.ontology import load_ontology

# How many heads up a subject may be inherited ("X agreed to meet Y": X meets).
MAX_CLIMB = 5


# Verbs whose object did the act of their "of"/"for" gerund ("accused the police of torturing").
OBJECT_CONTROL = frozenset({"accuse", "charge", "blame", "suspect", "convict", "condemn", "criticize", "criticise",
                            "sentence", "arrest", "detain", "praise", "thank", "congratulate", "fault", "punish"})


def subject_of(verb):
    """Return the (logical) subject of ``verb``, inheriting it through xcomp/conj/acl chains."""
    cur = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"of", "for"} and verb.head.head.lemma_.lower() in OBJECT_CONTROL:
        ruler = verb.head.head
        obj = child(ruler, "dobj", "nsubjpass")
        if obj is not None and obj.lower_ not in RELATIVE:
            return obj  # "accused the Zimbabwean police of torturing activists": the police tortured
    for _ in range(MAX_CLIMB):
        passive = child(cur, "nsubjpass")
        agent = next(prep_objects(cur, {"by"}), None) if passive is not None else None
        subj = agent if agent is not None else child(cur, "nsubj") if passive is None else None
        if subj is not None and subj.i > cur.i and cur.dep_ == "ccomp" and cur.head.lemma_.lower() in {"let", "set"}:
            cur = cur.head  # "Egypt let free the activist Mohamed Soltan": Egypt frees him
            continue
        if subj is not None:
            if subj.lower_ in RELATIVE and cur.dep_ == "relcl":
                return cur.head
            return subj
        if passive is not None:
            return None
        if cur.dep_ == "relcl" and cur.tag_ in {"VBD", "VBZ", "VBP"} and cur.head.i < cur.i:
            return cur.head  # a finite relative clause with no subject of its own: a misparsed sentence
        if cur.pos_ in {"VERB", "AUX"}:
            lead = _misparsed_subject(cur)
            if lead is not None:
                return lead
        poss = child(cur, "poss") if cur.pos_ in {"NOUN", "PROPN"} else None
        if poss is not None and poss.pos_ != "PRON":
            return poss  # "Moscow's readiness to cooperate"; "its willingness": the verb's subject says whose
        if cur.dep_ == "advcl" and cur.head.lemma_.lower() in load_ontology().words["say"]:
            reported = next((c for c in cur.head.children if c.dep_ == "ccomp" and c.i < cur.head.i), None)
            if reported is not None:  # "X overran a base, officials said, killing 17": X killed
                cur = reported
                continue
        if cur.dep_ in {"xcomp", "conj", "acl", "pcomp", "pobj", "prep", "dobj", "advcl", "ccomp", "acomp"}:
            cur = cur.head
            continue
        return None
    return None


# Dependencies the small parser sometimes gives a sentence's named subject ("USAID/advmod deployed").
LEAD_DEPS = frozenset({"advmod", "npadvmod", "nmod", "dep"})


def _misparsed_subject(verb):
    """A subject the parser mislabelled: a named entity opening the clause right before a
    subjectless finite verb ("USAID deployed teams"), or the root noun a past-tense verb was
    hung from ("The Iraqi air force carried out strikes": force <-acl- carried, which has an
    object, so it is no passive participle)."""
    lefts = [c for c in verb.lefts if c.dep_ not in {"aux", "neg", "punct"}]
    lead = lefts[0] if lefts and verb.tag_ in {"VBD", "VBZ", "VBP"} else None
    if lead is not None and lead.dep_ in LEAD_DEPS and lead.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"} \
            and all(t.dep_ in {"det", "compound", "amod"} or t.ent_iob_ == "I" for t in lead.lefts):
        return lead
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"} and head.i < verb.i \
            and (verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in verb.children)):
        return head
    return None


# Objects that only say what was taken of something: the recipient is their "of" object.
CONTROL_NOUNS = frozenset({"control", "part", "parts", "most", "much", "half", "area", "areas", "outskirts", "centre",
                           "center"})
# Participles that "be ... to" makes a stance of the subject ("X is opposed to Y").
STATIVE_PASSIVES = frozenset({"oppose", "commit", "dedicate"})


def verb_arguments(hit: Hit):
    """Return (source, target candidates in order of preference) of a verb trigger."""
    v = hit.token
    trig = hit.trigger
    passive = child(v, "nsubjpass")
    source = subject_of(v)
    target = None
    alternates = []
    word_i = hit.word.i if hit.word is not None else -1  # tokens are views: compare indices
    if passive is not None and v.lemma_ in STATIVE_PASSIVES and next(prep_objects(v, {"by"}), None) is None:
        to = next(prep_objects(v, {"to"}), None)
        if to is not None:  # "Israel is opposed to French mediation": a stance, not a passive
            return passive, [to]
    if passive is not None and passive.i != word_i and passive.lower_ not in RELATIVE:
        target = passive
    if target is None:
        obj = child(v, "dobj")
        if obj is not None and (obj.i != word_i or trig.word_is_target):
            target = obj
            # "provide 40 tonnes of supplies to Ghana": when the object is no actor, the
            # recipient is in a prepositional phrase or the complement clause
            alternates.extend(prep_objects(v, trig.target_preps))
            alternates.extend(prep_objects(v, ("from",)) if trig.plover == "RETREAT" else ())
            # "threatened further action against Russia": the recipient hangs on the object
            alternates.extend(prep_objects(obj, (*trig.target_preps, "against")))
            if obj.lemma_.lower() in CONTROL_NOUNS:  # "seized control of the town of Kidal"
                alternates.extend(prep_objects(obj, ("of", "over")))
            if trig.plover in CLAUSAL_TYPES:
                alternates.extend(_complement_targets(v, trig.plover))
    if target is None and v.dep_ == "ccomp" and v.head.lemma_.lower() in {"let", "set"}:
        freed = child(v, "nsubj")
        target = freed if freed is not None and freed.i > v.i else None  # "let free the activist"
    if target is None and hit.word is not None and hit.word.dep_ == "mark":
        target = child(hit.word.head, "nsubj")  # "called for the minister to resign": the minister is asked
    if target is None and hit.word is not None and hit.word.dep_ in {"prep", "prt"} and hit.word.head.i == v.i:
        target = next((c for c in hit.word.children if c.dep_ == "pobj"), None)  # "called on X"
    if target is None and hit.word is not None:
        target = next(prep_objects(hit.word, trig.target_preps), None)
        between = list(prep_objects(hit.word, {"between"})) or (
            list(prep_objects(v, {"between"})) if passive is not None and source is None else [])
        if between and (source is None or source.lower_ in RELATIVE):  # "an agreement (was signed) between Mali
            source, target = _pair(between[0])  # and Niger"
        elif between:  # "the UAE lifted the restrictions between it and Israel": the other one is the recipient
            target = next((t for t in _pair(between[0]) if t is not None and t.pos_ != "PRON"), None)
    if target is None:
        target = next(prep_objects(v, trig.target_preps), None)
    if target is None and trig.plover in CLAUSAL_TYPES:
        found = _complement_targets(v, trig.plover)  # "threatened to cut off electricity to Nakhichevan"
        target, alternates = (found[0], found[1:]) if found else (None, alternates)
    if target is None and source is not None:
        target = _coordinated(source)  # "France and Russia agreed": the second is the recipient
    return source, [t for t in (target, *alternates) if t is not None]


# Verbal events whose content is a clause: their recipient is often that clause's object.
CLAUSAL_TYPES = frozenset({"THREATEN", "AGREE", "REQUEST", "REJECT"})
COMPLEMENT_PREPS = ("to", "against", "on", "with", "into", "in")


def _complement_targets(v, plover: str) -> list:
    """Recipient candidates in the verb's complement clause, best first.

    "demanded that the Sudanese government end curbs": the complement's subject is asked
    (REQUEST only: "said it would …" has the source itself as subject); then a proper-noun
    object, the objects of the complement's prepositions (or its object's: "cut off
    electricity to Nakhichevan"), and the object itself.
    """
    comp = child(v, "xcomp", "ccomp")
    if comp is None:
        return []
    out = []
    subj = child(comp, "nsubj")
    if plover == "REQUEST" and subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
        out.append(subj)
    obj = child(comp, "dobj")
    if obj is not None and obj.pos_ == "PROPN":
        out.append(obj)
    out.extend(prep_objects(comp, COMPLEMENT_PREPS))
    if obj is not None:
        out.extend(prep_objects(obj, ("to", "against", "on", "from")))
        if obj.pos_ != "PROPN":
            out.append(obj)
    return out


def noun_arguments(hit: Hit):
    """Return (source, target candidates) of a nominal trigger ("Darmanin's visit to Russia")."""
    n = hit.token
    trig = hit.trigger
    source = next(prep_objects(n, {"by"}), None)
    target = None
    poss = child(n, "poss")
    if poss is not None and poss.pos_ == "PRON" and n.dep_ in {"dobj", "pobj"}:
        poss = None  # "Israel mounted its invasion", "insisted on its demands": the verb's subject says whose
    if poss is not None:
        if trig.patient_of:
            target = poss  # "the teacher's killing": the teacher is the victim
        elif source is None:
            source = poss
    between = list(prep_objects(n, {"between"}))
    if not between and n.dep_ in {"nsubj", "nsubjpass"} and n.head.pos_ == "VERB":
        between = list(prep_objects(n.head, {"between"}))  # "clashes erupted between police and protesters"
    if between:
        source, target = _pair(between[0])
    if target is None and trig.patient_of:
        target = next(prep_objects(n, {"of"}), None)
    if target is None:
        target = next(prep_objects(n, trig.target_preps), None)
    head_noun = n.head if n.dep_ == "compound" and n.head.pos_ == "NOUN" else n  # "ended mediation efforts"
    while head_noun.dep_ == "conj" and head_noun.head.i != head_noun.i:
        head_noun = head_noun.head  # "claimed responsibility for the Farah and the Ghazni attacks"
    verb = _governing_verb(head_noun) if source is None and head_noun.dep_ in {"dobj", "pobj", "nsubjpass", "attr"} \
        else None
    if verb is not None and (_reacts_to(verb, head_noun) or _conflict(trig) and about_topic(head_noun)):
        verb = None  # "the network condemned the arrest", "expressed concern over the attack": not the doer
    if verb is not None and verb.lemma_.lower() in SUFFER_VERBS:
        # "a prisoner died as a result of torture": who died suffered the act, who did it is not said
        victim = target if target is not None else subject_of(verb)
        return source, [victim] if victim is not None else []
    if verb is not None:
        source = subject_of(verb)
        if target is None:  # "gave the Ivory Coast 5.1 million dollars of aid"
            target = child(verb, "dative") or next(prep_objects(verb, ("to",)), None)
        if target is None and head_noun.dep_ == "dobj" and verb.lemma_.lower() in load_ontology().words["light"]:
            target = next(prep_objects(verb, trig.target_preps), None)  # "launched cyber warfare against India"
    if source is None and not trig.patient_of and n.lemma_.lower() in FORCE_MOVES:
        source = next(prep_objects(n, {"of"}), None)  # "the deployment of NATO troops": NATO's
    return source, [target] if target is not None else []


# Verbs whose subject undergoes the act their prepositional object names ("died of torture").
SUFFER_VERBS = frozenset({"die", "succumb", "suffer", "sustain", "undergo", "endure"})

# Nouns of moving one's own forces: their "of" object is the mover's ("the withdrawal of Syrian troops").
FORCE_MOVES = frozenset({"deployment", "redeployment", "withdrawal", "pullout", "pull-out", "dispatch", "arrival"})


def _governing_verb(n):
    """The verb a nominal trigger hangs on: directly ("staged demonstrations"), through its
    preposition ("stopped work on the first day of a strike"), through a quantity noun
    ("gave 5.1 million dollars of aid") or a predicate adjective ("was responsible for the
    killings"); at most two nouns up."""
    cur = n
    for _ in range(3):
        head = cur.head.head if cur.dep_ == "pobj" else cur.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in {"VERB", "AUX"}:
            return head.head  # "has been responsible for mass killings"
        if head.pos_ not in {"NOUN", "PROPN", "NUM"} or head.dep_ not in {"dobj", "pobj", "nsubjpass", "attr"}:
            return None
        cur = head
    return None


# Prepositions that make their object what is talked or felt about, not what the clause does.
TOPIC_PREPS = frozenset({"about", "regarding", "concerning", "over"})


def _conflict(trig) -> bool:
    """Material conflict (protest, force, coercion, assault): who talks about it is no party to
    it, unlike a deal ("pessimistic about a deal" is a party's view)."""
    return load_ontology().plover_quad.get(trig.plover) == 4


def about_topic(n) -> bool:
    """True for a nominal under a topic preposition on its way to its verb ("expressed concern
    over the attack", "concerns regarding the casualties and the attack")."""
    while n.dep_ == "conj" and n.head.i != n.i:
        n = n.head
    for _ in range(3):
        if n.dep_ != "pobj":
            return False
        if n.head.lower_ in TOPIC_PREPS:
            return True
        n = n.head.head  # the word the preposition hangs on ("the casualties of the attack")
    return False


def _pair(first):
    """Split "between X and Y" into (X, Y)."""
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    return first, second


def _coordinated(tok):
    return next((c for c in tok.children if c.dep_ == "conj"), None)


def arguments(hit: Hit):
    if hit.token.pos_ in {"VERB", "AUX"}:
        return verb_arguments(hit)
    return noun_arguments(hit)


# Verbs that judge or answer an act someone else did: their subject is not the act's agent.
REACTION_VERBS = frozenset({"condemn", "denounce", "deplore", "criticize", "criticise", "welcome", "praise", "hail",
                            "protest", "mourn", "regret", "blame", "investigate", "probe", "deny", "confirm",
                            "report", "witness", "survive", "escape", "flee", "reject", "dismiss"})


def _reacts_to(verb, noun) -> bool:
    """True when ``verb`` judges or answers the act its object names ("condemned the arrest")."""
    return verb.lemma_.lower() in REACTION_VERBS and noun.dep_ == "dobj" and noun.head.i == verb.i
