"""events: PLOVER and CAMEO events with actor, recipient, date, place, casualties and evidence."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from eventwire.coder import attach
from eventwire.coder.arguments import REACTION_VERBS, about_topic, arguments
from eventwire.coder.calibration import calibrate
from eventwire.actors.home import country_near
from eventwire.coder.modality import Modality, judge
from eventwire.coder.participants import demonym_actor, pair_of, resolve
from eventwire.coder.syntax import RELATIVE, ancestors, depth_of, has_child, tree
from eventwire.coder.triggers import DEMAND, Hit, find_hits
from eventwire.actors.lookup import actor_covering, position
from eventwire.actors.spans import char_span
from eventwire.model import Document, Event, Evidence, Span
from eventwire.ontology import Ontology, load_ontology
from eventwire.registry import function_stage

# Verbal cooperation that, with no stated recipient, is addressed to the source's
# interlocutor in the article's meeting ("the minister proposed …" after meeting X).
INTERLOCUTOR_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "COOPERATE", "REJECT", "ACCUSE"})
# Raw score: a verb with both arguments is the most reliable pattern; nominal triggers, missing
# arguments, non-factual readings and embedding are less so. The event's confidence is this
# score mapped through coder/calibration.tsv (fitted on the GSR dev split).
BASE_CONFIDENCE = 0.85
MISSING_ARG = 0.12  # less for each of source and recipient the text does not give


@dataclass
class Draft:
    hit: Hit
    parse: object
    event: Event
    filled: int
    # An act with no stated agent: (argument token, country where it happened), settled once
    # the whole sentence is coded (another clause may name the agent).
    agentless: tuple | None = None


@function_stage("events", requires={"parses", "sentences", "actors", "timex", "places", "quotes"},
                assigns={"events", "actors"})
def code_events(doc: Document) -> Document:
    """Fill ``doc.events`` from every body sentence; add group actors events need."""
    onto = load_ontology()
    drafts: list[Draft] = []
    place_starts = sorted(m.start for p in doc.places for m in p.mentions)  # the coder adds no places
    for parse in doc.parses:
        seg = next((s for s in doc.segments if s.start == parse.offset), None)
        if seg is None or seg.kind != "paragraph":
            continue  # headlines repeat the lead in title case, which parses poorly
        for sent in parse.doc.sents:
            s_start, s_end = char_span(parse, [sent[0], sent[-1]])
            sentence = []
            first_place = bisect_left(place_starts, s_start)
            placed = first_place < len(place_starts) and place_starts[first_place] < s_end
            for hit in find_hits(sent, onto):
                draft = _code(doc, parse, hit, sent, s_start, s_end, placed, onto, drafts)
                if draft:
                    sentence.append(draft)
            _settle_agents(doc, sentence)
            _fallback_agents(doc, sentence, onto)
            _demote_embedded(sentence)
            drafts.extend(d for d in _dedupe(sentence) if not _refers_back(d, drafts))
    _fill_interlocutors(doc, drafts)
    for i, d in enumerate(drafts, start=1):  # each draft owns its event: set in place, no copy
        d.event.id, d.event.confidence = f"e{i}", calibrate(d.event.confidence)
    doc.events = [d.event for d in drafts]
    return doc


def _code(doc: Document, parse, hit: Hit, sent, s_start: int, s_end: int, placed: bool, onto: Ontology,
          earlier: list[Draft]) -> Draft | None:
    """Code one trigger hit; ``placed`` says whether the sentence mentions any place."""
    trig = hit.trigger
    mod = Modality("asserted", True) if trig is DEMAND else judge(hit.token, trig.plover, onto)
    plover, code = mod.recode or (trig.plover, trig.cameo)
    cameo = onto.code(code)
    src_tok, tgt_toks = arguments(hit)
    if mod.demand or trig is DEMAND:  # "Turkey must mediate, Assad said": Assad demands, Turkey is asked
        src_tok, tgt_toks = _sayer(hit.token, onto), [src_tok] if src_tok is not None else []
    tgt_tok = tgt_toks[0] if tgt_toks else None
    place = attach.attach_place(doc, hit.token, s_start, s_end, _spans(parse, (src_tok, tgt_tok))) if placed else None
    where = place.country if place is not None else None
    source = None
    if hit.token.pos_ == "NOUN" and not trig.patient_of and (src_tok is None or not _carried_out(hit.token, onto)
                                                             and src_tok.i not in tree(hit.token.doc).subtree(hit.token.i)):
        # "rejected a Cambodian request", "Hamas attacks": the noun's own modifier says whose
        # (but "China is enforcing UN sanctions", "Israel launched an Israeli offensive": the verb's)
        source = _modifier_actor(doc, parse, hit.token, where, places=False)
    source = source or resolve(doc, parse, src_tok, where)
    if source is None and src_tok is not None:
        source = _conjunct_actor(doc, parse, src_tok, where)  # "the government, parties and the Taliban condemned"
    if source is None and src_tok is not None and src_tok.lemma_.lower() in AGENTLESS_SUBJECTS:
        source = _modifier_actor(doc, parse, src_tok, where, places=True)  # "U.S. military airstrikes killed"
        source = source or _weapon_user(doc, parse, src_tok, where)  # "the missiles fired by the Israeli military"
    target = None
    for n, candidate in enumerate(tgt_toks):
        if _owned_by_subject(candidate) and n + 1 < len(tgt_toks):
            continue  # "withdrew its troops from Lebanon": the recipient is Lebanon
        target = resolve(doc, parse, candidate, where)
        if target is not None:
            tgt_tok = candidate
            break
    if target is None and tgt_tok is not None:
        target = doc.actor(_author_of_event_noun(tgt_tok, earlier, onto))
    pair = pair_of(doc, parse, src_tok) if target is None else None
    if pair is not None and source is not None and source.id == pair[0].id:
        target = pair[1]  # "the two countries agreed": each is the other's recipient
    if target is None and plover in PLACE_RECIPIENT_TYPES:
        named = next((p for c in tgt_toks if (p := _place_named(doc, parse, c)) is not None), None)
        target = _place_actor(doc, named) if named is not None else None  # "the invasion of South Lebanon"
    if target is None and place is not None and (plover in PLACE_RECIPIENT_TYPES or code in VISIT_CODES):
        target = _place_actor(doc, place)  # "imposed a curfew in Abidjan": the town is the recipient
    if target is not None and source is not None and source.country and _owned_by_subject(tgt_tok):
        target = _with_country(doc, target, source.country)  # "Syria … withdraw its troops"
    agentless = None  # an actor the text implies but does not name: no more certain for it
    if source is None and _official_act(plover, cameo.code) and _agentless(hit.token, src_tok, onto):
        t0, t1 = char_span(parse, [hit.token])
        where_it_was = (place.country if place is not None and place.country
                        else country_near(doc, t0, t1) or _sole_country(doc, s_start, s_end))
        if where_it_was:
            agentless = (src_tok, where_it_was)
    if source is not None and target is not None and source.id == target.id:
        target = None
    dead = injured = None
    if plover == "ASSAULT":
        dead, injured = attach.casualties(hit.token, sent)
        if dead is None and cameo.code in {"1823", "186"} and target is not None and target.type == "PERSON":
            dead = 1  # "the beheading of <person>": one dead
    date, precision, basis = _date(doc, hit, s_start, s_end, mod.factual, onto)
    t_start, t_end = char_span(parse, [hit.token])
    quote = next((q.id for q in doc.quotes if q.kind == "direct" and q.start <= t_start < q.end), None)
    filled = sum(x is not None for x in (source, target))
    nominal = hit.token.pos_ != "VERB" and not _light_object(hit.token, onto)
    confidence = (BASE_CONFIDENCE - MISSING_ARG * (2 - filled) - (0.08 if nominal else 0)
                  - (0.15 if not mod.factual else 0) - _embedding_penalty(hit.token)
                  - (BACKGROUND_PENALTY if _background(hit.token, onto) or hit.token.dep_ == "acl" else 0)
                  - (ATTRIBUTION_PENALTY if _trailing_attribution(hit.token, onto) else 0))
    event = Event(
        id="", plover=plover, mode=cameo.mode, contexts=list(cameo.contexts), cameo=cameo.code,
        quad=onto.plover_quad[plover], goldstein=cameo.goldstein,
        source=source.id if source else None, target=target.id if target else None,
        date=date, date_precision=precision, date_basis=basis,
        location=place.id if place else None, dead=dead, injured=injured,
        factual=mod.factual, modality=_historical(mod.modality, date, doc.published),
        trigger=Span(start=t_start, end=t_end, text=doc.text[t_start:t_end]),
        evidence=Evidence(start=s_start, end=s_end), quote=quote,
        confidence=round(max(0.05, min(1.0, confidence)), 2),
    )
    return Draft(hit, parse, event, filled, agentless)


def _settle_agents(doc: Document, sentence: list[Draft]) -> None:
    """Give each agentless act of the sentence its agent: the named source of another event of
    the same type in the sentence ("two people were killed when ISIL launched an attack"), else
    the unidentified attackers or unnamed authorities of the country where it happened."""
    for d in sentence:
        if d.agentless is None:
            continue
        src_tok, country = d.agentless
        donor = next((o for o in sentence if o is not d and o.agentless is None and o.event.source
                      and o.event.plover == d.event.plover and o.event.source != d.event.target), None)
        if donor is not None:
            d.filled += 1
            d.event = d.event.model_copy(update={"source": donor.event.source,
                                                 "confidence": round(min(1.0, d.event.confidence + MISSING_ARG), 2)})
        else:
            actor = _unidentified(doc, d.parse, d.hit.token, src_tok, country, d.event.plover)
            d.event = d.event.model_copy(update={"source": actor.id})
        d.agentless = None


def _fallback_agents(doc: Document, sentence: list[Draft], onto: Ontology) -> None:
    """Give an event whose grammar names no agent the first coded actor of its sentence before
    the trigger (the parser often hides a subject: "The Afghan government, a number of parties
    and the Taliban on Thursday condemned"). Not a speaker, an outlet, the recipient, the passive
    victim or whoever judges the act; the event keeps the confidence of one with no source, as the
    source is a guess."""
    for d in sentence:
        if d.event.source is not None or d.hit.trigger.patient_of and d.hit.token.pos_ != "VERB":
            continue
        if d.hit.token.pos_ != "VERB" and d.event.quad == 4 and about_topic(d.hit.token):
            continue  # "Karzai expressed concern over the attack": what he spoke of, not what he did
        trig = d.hit.token
        patient = next((c for c in trig.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and patient.lower_ in RELATIVE and trig.dep_ == "relcl":
            patient = trig.head  # "Rodrigo Benitez, who was shot dead": the victim, not the agent
        victims = set()
        if patient is not None:  # the patient's words, not its clauses ("guerrillas operating in Macedonia")
            clauses = {t.i for c in patient.subtree if c.dep_ in {"acl", "relcl", "advcl", "appos"} and c.i != patient.i
                       for t in c.subtree}
            victims = {t.i for t in patient.subtree} - clauses
        reactor = trig.head if trig.dep_ == "dobj" and trig.head.lemma_.lower() in REACTION_VERBS else None
        judges = {t.i for c in reactor.children if c.dep_ == "nsubj" for t in c.subtree} if reactor is not None else set()
        t = tree(trig.doc)
        for i in range(trig.sent.start, trig.i):  # the words before the trigger (a token made only for candidates)
            if i in judges:
                continue  # "the network condemned the arrest": not who arrested
            owner = t.dep[i] in {"compound", "poss"} and patient is not None and patient.pos_ == "NOUN"
            if t.dep[i] not in FALLBACK_DEPS or i in victims and not owner:
                continue  # "UN sanctions were lifted": the UN's, but "Rodrigo Benitez, who was shot" is no agent
            tok = trig.doc[i]
            if _says(tok, onto):
                continue
            s, e = char_span(d.parse, [tok])
            actor = actor_covering(doc, s, lambda a: a.id != d.event.target and bool(a.country or a.code)
                                   and a.sector != "MED")
            if actor is None and tok.dep_ == "nsubj" and tok.pos_ == "NOUN":
                actor = _group_subject(doc, d.parse, tok, d.event.target)  # "Palestinian youths resorted to …"
            if actor is not None:
                d.event = d.event.model_copy(update={"source": actor.id})
                break


def _group_subject(doc: Document, parse, tok, target: str | None):
    """The coded group a clause's subject names, made only if it is coded ("Palestinian youths",
    not "the roads"); the actors are left as they were when it is not."""
    saved = list(doc.actors)
    actor = resolve(doc, parse, tok, None)
    if actor is not None and actor.id != target and actor.country and actor.sector not in {None, "MED"}:
        return actor
    doc.actors[:] = saved
    return None


# Where a sentence's real agent sits when the parser hides it from the trigger.
FALLBACK_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "amod", "poss", "appos", "conj", "ROOT", "pobj", "npadvmod",
                           "nmod", "dobj", "advmod", "dep"})


def _says(tok, onto: Ontology) -> bool:
    """True for (a word of) the subject of a reporting verb: the sayer reports, not acts."""
    cur = tok
    while cur.dep_ in {"compound", "amod", "poss", "appos", "conj"} and cur.head.i != cur.i:
        cur = cur.head
    return cur.dep_ == "nsubj" and cur.head.lemma_.lower() in onto.words["say"]


def _modifier_actor(doc: Document, parse, tok, where: str | None, places: bool):
    """The actor a noun's left modifiers name: a demonym ("Russian shelling"), an organisation or
    person ("Hamas rocket attacks"), and with ``places`` a country ("U.S. military airstrikes";
    not for an event noun, where "Gaza strikes" names where they fell)."""
    for c in tok.lefts:
        if c.dep_ == "amod" and c.pos_ == "ADJ" and c.text[:1].isupper() or \
                c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN":
            found = demonym_actor(doc, parse, c) if c.pos_ == "ADJ" else resolve(doc, parse, c, where)
            if found is None or not (found.country or found.code):
                continue
            if found.type == "GPE" and c.pos_ == "PROPN" and not places:
                continue
            return found
    return None


def _conjunct_actor(doc: Document, parse, tok, where: str | None):
    """The actor in apposition to ``tok``, or the first coded actor among its conjuncts, when
    ``tok`` itself names none ("Kenzo Oshima, the United Nations Emergency Relief Coordinator,")."""
    for c in tok.children:
        if c.dep_ == "appos":
            found = resolve(doc, parse, c, where)
            if found is not None:
                return found
    for c in tok.subtree:
        if c.dep_ == "conj" and c.head.i != c.i and (c.head.i == tok.i or c.head.dep_ == "conj"):
            found = resolve(doc, parse, c, where)
            if found is not None:
                return found
    return None


# Material conflict with no stated recipient is aimed at where it happens (PLOVER codes the
# location's country as recipient in its gold standard records).
# The same holds for what a government does or stops doing somewhere ("extend the curfew in
# Abidjan", "lifted a state of emergency in West Darfur", "evacuate settlements in Gaza"); a
# visit's recipient is its host ("arrived in Amman on a visit"). Verbal types are left out: the
# place of "agreed in Geneva" is where they spoke, not whom they addressed.
PLACE_RECIPIENT_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN", "CONCEDE", "RETREAT",
                                   "SANCTION", "AID"})
VISIT_CODES = frozenset({"042", "043"})


def _place_actor(doc: Document, place):
    """The GPE actor standing for ``place`` (an existing one sharing its mention, or a new one)."""
    m = place.mentions[0]
    for actor in doc.actors:
        if any(am.start == m.start and am.end == m.end for am in actor.mentions):
            return actor
    if not place.country:
        return None
    from eventwire.model import Actor, Mention

    actor = Actor(id=f"a{len(doc.actors) + 1}", name=place.name, type="GPE", country=place.country,
                  sector=None, code=place.country,
                  mentions=[Mention(start=m.start, end=m.end, text=m.text, kind="name")])
    doc.actors.append(actor)
    return actor


# Nouns that name the violence itself: "a roadside bombing killed …" states no attacker.
def _weapon_user(doc: Document, parse, tok, where: str | None):
    """Who fired, planted or claimed a weapon or attack that is the grammatical subject ("the
    missiles fired by the Israeli military struck", "a Taliban-claimed car bomb" aside)."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((o for p in c.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"), None)
            found = resolve(doc, parse, agent, where) if agent is not None else None
            if found is not None:
                return found
    return None


AGENTLESS_SUBJECTS = frozenset({"bombing", "bomb", "explosion", "blast", "attack", "mine", "minefield", "shelling",
                                "shell", "rocket", "missile", "grenade", "ambush", "gunfire", "shooting", "strike",
                                "airstrike", "raid", "device", "car", "suicide", "landmine", "ied"})


ARREST_WORDS = frozenset({"arrest", "detain", "jail", "imprison", "apprehend", "capture", "hold", "round"})


def _official_act(plover: str, cameo: str) -> bool:
    """Acts whose unstated agent is implied by where they happen: attacks (by unidentified
    attackers), coercion, sanctions and investigations (by that country's authorities)."""
    return plover in {"ASSAULT", "COERCE", "SANCTION"} or (plover == "ACCUSE" and cameo.startswith("09"))


def _agentless(tok, src_tok, onto: Ontology) -> bool:
    """True when the text gives the act no agent: a passive without "by" (on the trigger, or on
    the verb a nominal trigger hangs on: "was put under investigation"), or a subject that is
    the violence itself ("a minefield explosion killed two youths")."""
    if src_tok is not None:
        return src_tok.lemma_.lower() in AGENTLESS_SUBJECTS
    if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        tok = tok.head.head  # "has been put under investigation", "was placed under arrest"
    return tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in tok.children) or (
        tok.pos_ == "VERB" and (subj := next((c for c in tok.children if c.dep_ == "nsubj"), None)) is not None
        and subj.lemma_.lower() in AGENTLESS_SUBJECTS)


def _sole_country(doc: Document, start: int, end: int) -> str | None:
    """The country of the sentence's places when they are all in one ("near the town of Samarra")."""
    inside_actor = [(m.start, m.end) for a in doc.actors if a.type != "GPE" for m in a.mentions]
    found = {p.country for p in doc.places for m in p.mentions if start <= m.start < end and p.country
             and not any(s <= m.start and m.end <= e for s, e in inside_actor)}  # not "U.S." in "U.S. soldier"
    return found.pop() if len(found) == 1 else None


def _unidentified(doc: Document, parse, tok, src_tok, country: str, plover: str = "ASSAULT"):
    """An unidentified armed group of the country where the attack happened (CAMEO sector UAF,
    as ICEWS codes unclaimed attacks), named by the attack's own noun phrase or trigger; for
    coercion with no stated agent ("two journalists were arrested in Istanbul"), that country's
    unnamed authorities (police for arrests), as for sanctions and investigations."""
    from eventwire.model import Actor, Mention

    anchor = src_tok if src_tok is not None else tok
    start, end = char_span(parse, [anchor])
    if plover == "COERCE":
        name, sector = "unnamed authorities", "COP" if tok.lemma_.lower() in ARREST_WORDS else "GOV"
    elif plover in {"SANCTION", "ACCUSE"}:
        name, sector = "unnamed authorities", "GOV"
    else:
        name, sector = "unidentified attackers", "UAF"
    actor = Actor(id=f"a{len(doc.actors) + 1}", name=name, type="GROUP", country=country,
                  sector=sector, code=f"{country}{sector}",
                  mentions=[Mention(start=start, end=end, text=doc.text[start:end], kind="nominal")])
    doc.actors.append(actor)
    return actor


def _place_named(doc: Document, parse, tok):
    """The place whose mention is the argument token's phrase head ("South Lebanon"), if any."""
    heads = [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]  # "the town of Kidal"
    for head in heads:
        start, end = char_span(parse, [head])
        for place in doc.places:
            if place.country and any(m.start <= start and end <= m.end for m in place.mentions):
                return place
    return None


def _owned_by_subject(tok) -> bool:
    return tok is not None and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in tok.children)


def _with_country(doc: Document, actor, country: str):
    if actor.type == "GPE" or actor.country == country or actor.mentions[0].kind != "nominal":
        return actor
    updated = actor.model_copy(update={"country": country, "code": f"{country}{actor.sector or ''}"})
    doc.actors[position(doc.actors, actor)] = updated
    return updated


def _sayer(tok, onto: Ontology):
    """The subject of the reporting verb that governs ``tok``, if any."""
    from eventwire.coder.arguments import subject_of

    for anc in ancestors(tok):
        if anc.lemma_.lower() in onto.words["say"] and anc.pos_ == "VERB":
            return subject_of(anc)
        if anc.lemma_.lower() in onto.words["speech_noun"] and anc.dep_ == "dobj":
            return subject_of(anc.head)  # "issued a reminder that Iraq must cooperate"
    return None


_EVENT_NOUNS: dict[int, dict[str, str]] = {}


def _event_nouns(onto: Ontology) -> dict[str, str]:
    """words.tsv's event nouns and the PLOVER type each names ("demand" -> "REQUEST"), once.
    words.tsv is read lower-cased; PLOVER types are upper case."""
    found = _EVENT_NOUNS.get(id(onto))
    if found is None:
        _EVENT_NOUNS.clear()
        found = _EVENT_NOUNS[id(onto)] = {noun: kind.upper() for noun, kind in
                                          (w.split(":", 1) for w in onto.words["event_noun"])}
    return found


def _author_of_event_noun(tok, earlier: list[Draft], onto: Ontology) -> str | None:
    """For "rejected the request": the source of the latest earlier request."""
    kinds = _event_nouns(onto)
    lemma = tok.lemma_.lower()
    if lemma not in kinds:
        return None
    wanted = kinds[lemma]
    for d in reversed(earlier):
        if d.event.source and (not wanted or d.event.plover == wanted):
            return d.event.source
    return None


def _spans(parse, tokens) -> list[tuple[int, int]]:
    """Character spans of the argument phrases (a place there is an actor, not a location)."""
    from eventwire.coder.syntax import phrase

    spans = []
    for tok in tokens:
        if tok is not None:
            words = phrase(tok)
            spans.append(char_span(parse, [words[0], words[-1]]))
    return spans


def _date(doc: Document, hit: Hit, s_start: int, s_end: int, factual: bool, onto: Ontology):
    """Return (date, precision, basis): a stated date, else the report's for current events."""
    tx = attach.attach_date(doc, hit.token, s_start, s_end)
    if tx is not None:
        precision = {4: "year", 7: "month", 10: "day"}[len(tx.value)]
        return tx.value, precision, "timex"
    if not factual or not doc.published or _background(hit.token, onto):
        return None, None, None
    if _has_own_time(doc, hit.token):
        return None, None, None  # "attacks … in recent weeks": its own, vaguer time
    return doc.published[:10], "day", "published"


# The sentence's main event is the one nearest the root of its parse: each level of embedding
# costs a little confidence, and a purpose clause ("staged rallies to demand …") costs more.
DEPTH_PENALTY = 0.02
MAX_DEPTH_PENALTY = 0.1
PURPOSE_PENALTY = 0.08


# An event stated inside another event's clause ("demanded that the government grant more
# rights", "threatened to launch an offensive") is that event's content, not the sentence's
# main event: it ranks below the event that governs it.
EMBEDDED_PENALTY = 0.1


def _demote_embedded(drafts: list[Draft]) -> None:
    tokens = {d.hit.token.i for d in drafts}
    for d in drafts:
        if any(a.i in tokens and a.i != d.hit.token.i for a in ancestors(d.hit.token)):
            ev = d.event
            d.event = ev.model_copy(update={"confidence": round(max(0.05, ev.confidence - EMBEDDED_PENALTY), 2)})


# Verbs whose subject carries out what their object names ("enforcing UN sanctions").
EXECUTING_VERBS = frozenset({"enforce", "implement", "apply", "observe", "respect", "honour", "honor", "maintain"})


def _carried_out(tok, onto: Ontology) -> bool:
    """True when the nominal trigger is the object of a verb by which its subject does it."""
    return _light_object(tok, onto) or tok.dep_ == "dobj" and tok.head.lemma_.lower() in EXECUTING_VERBS


def _light_object(tok, onto: Ontology) -> bool:
    """True for the object of a light verb ("staged demonstrations", "held talks"): the main event."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in onto.words["light"] | {"stage", "mount", "launch"}


# Background ("following the killing", "a letter handed over to the UN") is not the news.
BACKGROUND_PENALTY = 0.08
# "U.S. agents abused migrants, a rights group charged": the charge attributes the content,
# which is the sentence's event, as "…, officials said" would.
ATTRIBUTION_PENALTY = 0.15
ATTRIBUTION_VERBS = frozenset({"charge", "allege", "claim", "accuse", "complain"})


def _trailing_attribution(tok, onto: Ontology) -> bool:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ATTRIBUTION_VERBS:
        return False
    return any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children)


def _embedding_penalty(tok) -> float:
    depth = depth_of(tok)
    penalty = min(MAX_DEPTH_PENALTY, DEPTH_PENALTY * depth)
    if tok.dep_ in {"advcl", "xcomp", "acl"} and has_child(tok, ("aux",), {"to"}):
        penalty += PURPOSE_PENALTY
    return penalty


def _has_own_time(doc: Document, tok) -> bool:
    sub = tree(tok.doc).subtree(tok.i)
    if tok.pos_ == "VERB" or len(sub) < 2:
        return False
    parse = next(p for p in doc.parses if p.doc is tok.doc)
    start, end = char_span(parse, [tok.doc[sub[0]], tok.doc[sub[-1]]])
    return any(start <= tx.start < end for tx in doc.timex)


def _background(tok, onto: Ontology) -> bool:
    """True for events given as cause or background ("in the wake of the beheading")."""
    background = onto.words["background"]
    if has_child(tok, ("aux",), {"had"}):
        return True  # past perfect: before the reported events
    return any(a.lemma_.lower() in background or a.lower_ in background for a in ancestors(tok))


def _historical(modality: str, date: str | None, published: str | None) -> str:
    if modality == "asserted" and date and published and int(date[:4]) < int(published[:4]) - 1:
        return "historical"
    return modality


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """Keep one event per type and participants in a sentence ("a stabbing attack … killed")."""
    kept: list[Draft] = []
    for d in sorted(drafts, key=lambda d: (-d.filled, -d.event.confidence)):
        twin = next((k for k in kept if k.event.plover == d.event.plover and _compatible(k.event, d.event)), None)
        if twin is None:
            kept.append(d)
        else:
            for field in ("date", "location", "dead", "injured"):
                if getattr(twin.event, field) is None and getattr(d.event, field) is not None:
                    twin.event = twin.event.model_copy(update={field: getattr(d.event, field)}
                                                       | ({"date_precision": d.event.date_precision, "date_basis": d.event.date_basis} if field == "date" else {}))
    return sorted(kept, key=lambda d: d.event.trigger.start)


def _refers_back(draft: Draft, earlier: list[Draft]) -> bool:
    """True for a definite nominal naming an event already coded ("during the visit", "the killing")."""
    tok = draft.hit.token
    if tok.pos_ == "VERB" or not any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in tok.children):
        return False
    ev = draft.event
    return any(e.event.plover == ev.plover and e.event.cameo[:2] == ev.cameo[:2] and _compatible(e.event, ev)
               and (ev.source is None or ev.target is None) for e in earlier)


def _compatible(a: Event, b: Event) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.source, b.source), (a.target, b.target)))


def _fill_interlocutors(doc: Document, drafts: list[Draft]) -> None:
    """Give recipient-less verbal events the source's partner in an earlier meeting."""
    partners: dict[str, str] = {}
    country = {a.id: a.country for a in doc.actors}
    for d in drafts:
        ev = d.event
        if ev.plover == "CONSULT" and ev.source and ev.target:
            for one, other in ((ev.source, ev.target), (ev.target, ev.source)):
                partners.setdefault(one, other)
                if country.get(one):
                    partners.setdefault(f"country:{country[one]}", other)
        elif ev.target is None and ev.source and ev.plover in INTERLOCUTOR_TYPES:
            partner = partners.get(ev.source) or partners.get(f"country:{country.get(ev.source)}")
            if partner is None or partner == ev.source:
                continue
            d.event = ev.model_copy(update={"target": partner,
                                            "confidence": round(max(0.05, ev.confidence - 0.1), 2)})
