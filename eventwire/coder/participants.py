"""Turn an argument token into an actor: a known one through its mentions, or a new group."""
from __future__ import annotations

from dataclasses import replace

from eventwire.actors.coding import code_phrase, mixed_origin
from eventwire.actors.home import dominant_country, infer_country
from eventwire.gazetteer import lookup_country
from eventwire.actors.lookup import actor_at, actor_covering, position
from eventwire.actors.named import igo_within, known_org_within
from eventwire.actors.spans import char_span, trim
from eventwire.coder.arguments import subject_of
from eventwire.coder.syntax import RELATIVE, has_child, phrase, prep_objects, tree
from eventwire.model import Actor, Document, Mention, Parse

# Pronouns with no resolved antecedent stay unresolved rather than becoming an actor.
UNCODABLE = frozenset({"it", "they", "them", "we", "us", "i", "you", "which", "that", "who", "this", "these",
                       "its", "their", "our", "his", "her"})


# Heads that only count or collect ("a group of Moroccan diplomats", "thousands of Nigerians"):
# the actor is their "of" object.
QUANTIFIER_HEADS = frozenset({"group", "number", "members", "member", "thousands", "hundreds", "dozens", "tens",
                              "millions", "some", "one", "part", "majority", "contingent", "batch", "wing", "lot",
                              "handful", "crowd", "crowds", "band", "team", "unit", "units"})


# Heads that a named organisation before them merely classifies ("the pro-Iranian Hizbollah group").
COLLECTIVE_HEADS = frozenset({"group", "groups", "movement", "network", "organisation", "organization", "militia",
                              "faction", "party", "front", "wing", "army", "guerrillas", "fighters", "militants",
                              "rebels", "forces"})


# Prepositions that list examples of a group rather than name it ("aid workers, including those
# from Oxfam").
EXAMPLE_PREPS = frozenset({"including", "like", "such", "among", "excluding"})


# Bare counts of people as subjects ("Thousands marched"): a crowd of civilians.
CROWD_HEADS = frozenset({"thousands", "hundreds", "dozens", "tens", "millions", "crowds", "crowd", "scores"})


# "the two countries", "both sides": the pair named just before (a reciprocal event's parties).
PAIR_HEADS = frozenset({"countries", "sides", "nations", "governments", "states", "neighbors", "neighbours",
                        "leaders", "presidents", "capitals"})


def pair_of(doc: Document, parse: Parse, tok) -> tuple[Actor, Actor] | None:
    """The two actors "the two countries" / "both sides" / "the two leaders" refers to: the last
    two of different countries named before it (states and capitals, or persons for leaders)."""
    if tok is None or tok.lower_ not in PAIR_HEADS or not any(c.lower_ in {"two", "both"} for c in tok.children):
        return None
    at, _ = char_span(parse, [tok])
    persons = tok.lower_ in {"leaders", "presidents"}
    latest: dict[str, int] = {}  # country -> its latest mention before the phrase
    earliest: dict[str, tuple[int, Actor]] = {}  # country -> its first-named actor ("Peru" before "Lima")
    for actor in doc.actors:
        if not actor.country or (actor.type == "PERSON") != persons or actor.type not in {"GPE", "PERSON"}:
            continue
        before = [m.start for m in actor.mentions if m.end <= at]
        if not before:
            continue
        latest[actor.country] = max(latest.get(actor.country, -1), max(before))
        if actor.country not in earliest or min(before) < earliest[actor.country][0]:
            earliest[actor.country] = (min(before), actor)
    two = sorted(latest, key=lambda c: -latest[c])[:2]
    if len(two) < 2:
        return None
    first, second = sorted((earliest[c] for c in two), key=lambda x: x[0])
    return first[1], second[1]


# Places and things an actor holds: "the X of Y" is aimed at Y ("positions of the rebels").
HOLDINGS = frozenset({"base", "depot", "headquarters", "position", "camp", "convoy", "post", "outpost",
                      "checkpoint", "office", "embassy", "consulate", "compound", "stronghold", "hideout",
                      "barracks", "garrison", "patrol", "vehicle", "plane", "ship", "aircraft", "residence"})


def resolve(doc: Document, parse: Parse, tok, where: str | None = None) -> Actor | None:
    """Return the actor ``tok`` refers to, creating a GROUP/PERSON actor for a coded noun phrase."""
    if tok is None or tok.lower_ in RELATIVE and tok.pos_ == "PRON":
        return None
    pair = pair_of(doc, parse, tok)
    if pair is not None:
        return pair[0]  # the recipient is the other one (stages/events.py)
    if tok.lower_ in QUANTIFIER_HEADS or tok.lemma_.lower() in QUANTIFIER_HEADS:
        inner = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        if inner is not None:
            found = resolve(doc, parse, inner, where)
            if found is not None:
                return found
        elif tok.lower_ in CROWD_HEADS and tok.dep_ in {"nsubj", "nsubjpass"}:
            s, e = char_span(parse, [tok])  # "Thousands marched through Caracas": civilians of the place
            same = actor_at(doc, s, e, s)
            if same is not None:
                return same
            actor = _new_actor(doc, s, e, "GROUP", None, "CVL")
            return _replace(doc, infer_country(doc, actor, prefer=where, dominant=lambda: dominant_country(doc)))
    t = tree(tok.doc)
    examples = _under_prep(tok, EXAMPLE_PREPS)
    toks = [t for t in phrase(tok) if t.i not in examples]  # not "aid workers, including those from Oxfam"
    start, end = char_span(parse, [toks[0], toks[-1]])
    head, _ = char_span(parse, [tok])
    found = actor_at(doc, start, end, head)
    if found:
        return found
    if tok.pos_ == "PROPN":
        found = _name_around(doc, head)
        if found is not None:  # "Omar al-Bashir" parsed as four subjects: the name, not its first word
            return found
    if tok.lower_ in COLLECTIVE_HEADS and start < head:
        found = actor_at(doc, start, head)  # "the Hizbollah group", "the al-Qaeda network"
        if found is not None and found.type == "ORG":
            return found
    inner = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"), None)
    if inner is not None and tok.pos_ == "NOUN":
        s_in, e_in = char_span(parse, [phrase(inner)[0], phrase(inner)[-1]])
        owner = actor_at(doc, s_in, e_in)
        if owner is not None and owner.type == "ORG":
            return owner  # "inspectors of the IAEA", "members of Hamas"
        if tok.lemma_.lower() in HOLDINGS:
            owner = resolve(doc, parse, inner, where)
            if owner is not None and (owner.country or owner.code):
                return owner  # "an arms depot of the Syrian army", "the embassy of France"
    if tok.lower_ in {"it", "they", "we"}:
        return _speaker_for(doc, parse, tok)  # "Syria says it is willing to withdraw"
    state = _state_described(doc, parse, tok)
    if state is not None:  # "Tehran denied it. The Islamic republic threatened …"
        return state
    if tok.lower_ in UNCODABLE or tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    poss = next((c for c in tok.children if c.dep_ in {"poss", "compound"} and c.lower_ not in UNCODABLE
                 and c.pos_ in {"PROPN", "NOUN"}), None)
    if poss is not None and not _is_role_head(tok):
        owner = resolve(doc, parse, poss, where)
        if owner is not None:
            return owner  # "backed Indonesia's position", "a Security Council resolution"
    if not _is_role_head(tok):
        adj = next((c for c in tok.children if c.dep_ == "amod" and c.text[:1].isupper()), None)
        state = demonym_actor(doc, parse, adj) if adj is not None else None
        if state is not None:  # "rejected a Senegalese peace plan": aimed at Senegal
            return state
    words = trim(toks)
    if not words:
        return None
    onto = doc_ontology()
    code = code_phrase(words, onto)
    posted = _under_prep(tok, {"to"})
    igo = igo_within([w for w in words if w.i not in posted], onto)  # not "Russia's ambassador to the UN"
    if igo is not None:  # "U.N. helicopters", "Red Cross officials", "a meeting of the Security Council"
        s, e = char_span(parse, [words[0], words[-1]])
        return _new_actor(doc, s, e, "ORG", None, "IGO" if igo.code.startswith("IGO") else "NGO", igo.code)
    org = known_org_within([w for w in words if w.i < tok.i], onto) if _is_role_head(tok) else None
    if org is not None:  # "Fatah gunmen", "Shining Path guerrillas": the organisation's own people
        s, e = char_span(parse, [words[0], words[-1]])
        return _new_actor(doc, s, e, "GROUP", org.country, org.sector, org.code)
    demonym = lookup_country(tok.text) if tok.tag_ in {"NNPS", "NNS"} and tok.text[:1].isupper() else None
    ethnic = any(c.lower_ == "ethnic" for c in tok.children)
    if demonym is not None:  # "Thousands of Nigerians"; "ethnic Turks" in Sweden are Sweden's
        s, e = char_span(parse, [words[0], words[-1]])
        home = _residence(doc, parse, tok)  # "the Albanians of southern Serbia" are Serbia's
        country = home if home and home != demonym.iso3 else None if ethnic else demonym.iso3
        actor = _new_actor(doc, s, e, "GROUP", country, "CVL")
        return _replace(doc, infer_country(doc, actor, prefer=where, dominant=lambda: dominant_country(doc)))
    if code.role is not None and code.role_end is not None and words[code.role_end - 1].i != tok.i:
        upto = [w for w in words if w.i <= tok.i]  # "Russian aircraft including helicopter gunships"
        code = code_phrase(upto, onto) if upto else code
        words = upto if code.role is not None and upto[code.role_end - 1].i == tok.i else words
    if code.role is None or code.role_end is None or words[code.role_end - 1].i != tok.i:
        return None  # only a phrase headed by a role word names an actor ("three people")
    if code.country is None and code.sector != "UAF":  # "a spokesman for the Israeli foreign ministry",
        # "troops loyal to Taylor", "police in Medellin" (unidentified gunmen stay unplaced)
        body = _residence(doc, parse, tok) or _body_of(doc, parse, tok, onto)
        if body is not None:
            code = replace(code, country=body)
    s, e = char_span(parse, [words[0], words[-1]])
    if has_child(tok, ("det",), {"the", "these", "those"}):
        earlier = _same_group(doc, tok, s)
        if earlier is not None:  # "the fishermen" after "15 Indian fishermen"
            linked = earlier.model_copy(update={"mentions": [
                *earlier.mentions, Mention(start=s, end=e, text=doc.text[s:e], kind="nominal")]})
            doc.actors[position(doc.actors, earlier)] = linked
            return linked
    kind = "PERSON" if code.role.kind == "person" else "GROUP"
    # "the rebel leader said his forces …": the forces are his side's. Resolved before this
    # actor takes its id, as resolving the owner may add an actor of its own.
    owner = _pronoun_owner(doc, parse, tok) if code.country is None else None
    owner = owner or (_leader(doc, parse, tok) if code.country is None else None)
    owner = owner or (_spokesman_for(doc, parse, tok, code.sector) if code.country is None else None)
    country = code.country or (owner.country if owner is not None else None)
    actor = Actor(id=f"a{len(doc.actors) + 1}", name=doc.text[s:e], type=kind, country=country,
                  sector=code.sector, code=f"{country or ''}{code.sector or ''}" or None,
                  mentions=[Mention(start=s, end=e, text=doc.text[s:e], kind="nominal")])
    if not mixed_origin(words):  # "a French teen of Chechen origin": left open, not guessed
        actor = infer_country(doc, actor, prefer=where, dominant=lambda: dominant_country(doc))
    doc.actors.append(actor)
    return actor


def _name_around(doc: Document, at: int, types: frozenset[str] = frozenset({"PERSON", "ORG", "GPE"})) -> Actor | None:
    """The named actor (not a group) of one of ``types`` with a mention covering offset ``at``."""
    return actor_covering(doc, at, lambda a: a.type in types)


# Definite descriptions of a state ("the country", "the Islamic republic", "the Gulf kingdom").
STATE_NOUNS = frozenset({"country", "kingdom", "republic", "emirate", "nation", "island", "archipelago", "sultanate",
                         "monarchy", "state"})


def _state_described(doc: Document, parse, tok) -> Actor | None:
    """The country a definite description of a state refers to: the latest country named before it."""
    if tok.lemma_.lower() not in STATE_NOUNS or tok.tag_ != "NN" \
            or not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children):
        return None
    if any(c.dep_ in {"prep", "compound", "poss"} and c.pos_ in {"PROPN", "ADP"} for c in tok.children):
        return None  # "the state of Texas", "the Gulf state of Qatar": named right there
    at, _ = char_span(parse, [tok])
    best = None
    for actor in doc.actors:
        if actor.type != "GPE" or not actor.country:
            continue
        before = [m.start for m in actor.mentions if m.end <= at]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), actor)
    return best[1] if best else None


def _residence(doc: Document, parse, tok) -> str | None:
    """The country of the place a group is said to live in ("of southern Serbia", "in Kosovo")."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "from"}:
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                s, e = char_span(parse, [obj])
                for place in doc.places:
                    if place.country and any(m.start <= s < m.end for m in place.mentions):
                        return None if prep.lower_ == "from" else place.country  # "Afghans from Kabul": theirs
    return None


def _pronoun_owner(doc: Document, parse, tok) -> Actor | None:
    """The actor a possessive pronoun before ``tok`` refers to ("its foreign minister"), when
    coreference linked it to one with a country."""
    pron = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pron is None:
        return None
    s, e = char_span(parse, [pron])
    owner = actor_at(doc, s, e) or _speaker_for(doc, parse, pron)  # "the rebel leader said his forces …"
    return owner if owner is not None and owner.country else None


def _body_of(doc: Document, parse, tok, onto) -> str | None:
    """The country of the body a role word's "for"/"of"/"at" phrase names, or of whom its people
    are "loyal to"."""
    objs = list(prep_objects(tok, {"for", "of", "at"}))
    objs += [o for a in tok.children if a.dep_ == "amod" and a.lower_ == "loyal" for o in prep_objects(a, {"to"})]
    for obj in objs:
        words = trim(phrase(obj))
        country = code_phrase(words, onto).country if words else None
        if country is None and words:
            s, e = char_span(parse, [words[0], words[-1]])
            owner = actor_at(doc, s, e)
            country = owner.country if owner is not None else None
        if country:
            return country
    return None


def _leader(doc: Document, parse, tok) -> Actor | None:
    """The person a body is named after or belongs to ("the Clinton administration", "the Putin
    government", "Kim Jong Un's regime")."""
    for c in tok.lefts:
        if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN":
            person = _name_around(doc, char_span(parse, [c])[0], frozenset({"PERSON"}))
            if person is not None and person.country:
                return person
    return None


def _spokesman_for(doc: Document, parse, tok, sector: str | None) -> Actor | None:
    """The speaker of the same force: "an Israeli army spokesman said troops had arrested …"
    (his troops), "a police spokesman said officers detained …"; not "Palestinian officials
    said troops …", whose troops they are not."""
    if sector not in {"MIL", "COP"} or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in doc_ontology().words["say"]:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    # the speaker is already an actor (the actors stage makes one of every reporting subject)
    speaker = actor_covering(doc, char_span(parse, [subj])[0]) if subj is not None and subj.lower_ not in UNCODABLE else None
    if speaker is None or not speaker.country:
        return None
    words = speaker.name.lower().split()
    roles = doc_ontology().roles
    same_force = speaker.sector == sector or any(roles.get((w,)) is not None and roles[(w,)].sector == sector
                                                 for w in words)
    return speaker if same_force else None


def _under_prep(tok, preps: frozenset[str] | set[str]) -> set[int]:
    """Indices of the words under ``tok``'s phrases of ``preps`` ("ambassador to the UN": to the UN)."""
    t = tree(tok.doc)
    return {j for c in t.children[tok.i] if t.dep[c] == "prep" and t.lower[c] in preps for j in t.subtree(c)}


def _replace(doc: Document, actor: Actor) -> Actor:
    doc.actors[next(i for i, a in enumerate(doc.actors) if a.id == actor.id)] = actor
    return actor


def _new_actor(doc: Document, s: int, e: int, type_: str, country: str | None, sector: str | None,
               code: str | None = None) -> Actor:
    actor = Actor(id=f"a{len(doc.actors) + 1}", name=doc.text[s:e], type=type_, country=country, sector=sector,
                  code=code or (f"{country or ''}{sector or ''}" or None),
                  mentions=[Mention(start=s, end=e, text=doc.text[s:e], kind="nominal")])
    doc.actors.append(actor)
    return actor


def demonym_actor(doc: Document, parse, tok) -> Actor | None:
    """The state a demonym adjective names ("Russian shelling": Russia), as an actor."""
    info = lookup_country(tok.text) if tok.text[:1].isupper() else None
    if info is None:
        return None
    s, e = char_span(parse, [tok])
    return actor_at(doc, s, e) or _new_actor(doc, s, e, "GPE", info.iso3, "GOV")


def _speaker_for(doc: Document, parse, tok) -> Actor | None:
    """Resolve "it"/"they"/"we" (or "his" in "said his forces") to the subject of the reporting
    verb that governs it, unless that subject contains the pronoun ("its minister said")."""
    say = doc_ontology().words["say"]
    binder = _clause_binder(tok)
    if binder is not None and binder.lower_ not in UNCODABLE and tok.i not in {t.i for t in binder.subtree}:
        return resolve(doc, parse, binder)  # "X insisted that it would only negotiate", "made it clear it will not"
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.lemma_.lower() in say and cur.pos_ == "VERB":
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is None and cur.dep_ == "conj":  # "Malaysia backed Indonesia and said it would …"
                subj = subject_of(cur)
            if subj is not None and subj.lower_ not in UNCODABLE and tok.i not in {t.i for t in subj.subtree}:
                return resolve(doc, parse, subj)
            return None
    return None


def _clause_binder(tok):
    """The subject of the verb whose complement clause ``tok`` is the subject of ("Ukraine
    insisted that it would …", "the government has made it clear it will not …")."""
    if tok.dep_ != "nsubj" or tok.lower_ not in {"it", "they", "we"}:
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" and not (clause.dep_ == "advcl" and clause.head.pos_ == "ADJ"):
        return None
    gov = clause.head
    if gov.pos_ == "ADJ" and gov.dep_ in {"oprd", "acomp", "ccomp"}:
        gov = gov.head  # "made it clear (that) it will"
    if gov.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in gov.children if c.dep_ == "nsubj"), None) or subject_of(gov)


def _same_group(doc: Document, tok, before: int) -> Actor | None:
    """The latest earlier group actor named by the same head noun, if any."""
    head = tok.lemma_.lower()
    best = None
    for actor in doc.actors:
        if actor.type not in {"GROUP", "PERSON"} or not actor.mentions:
            continue
        last = actor.mentions[0].text.split()[-1].lower()
        if actor.mentions[0].start < before and (last == tok.lower_ or last.rstrip("s") == head.rstrip("s")):
            if best is None or actor.mentions[0].start > best.mentions[0].start:
                best = actor
    return best


def _is_role_head(tok) -> bool:
    """True when ``tok`` itself names people ("Kenya's ambassador" is the ambassador), alone or
    as the last word of a role with compounds before it ("the Iraqi air force")."""
    roles = doc_ontology().roles
    if (tok.lower_,) in roles or (tok.lemma_.lower(),) in roles:
        return True
    words = [tok.lower_]
    for c in reversed([c for c in tok.lefts if c.dep_ == "compound"]):
        words.insert(0, c.lower_)
        if tuple(words) in roles:
            return True
    return False


def doc_ontology():
    from eventwire.ontology import load_ontology

    return load_ontology()
