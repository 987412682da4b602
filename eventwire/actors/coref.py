"""Within-article coreference: role nominals, heads of bodies, surnames, pronouns, speakers, groups.

- **role nominals** ("the Russian minister", "the spokeswoman") link to an earlier person whose
  role and country agree; "the official" prefers the article's spokesperson or reporting speaker,
  as wire copy uses it for them;
- **heads of bodies** ("the head of the Russian Interior Ministry") link to the leader, minister
  or official of that body's country and sector;
- **surnames** ("Kolokoltsev noted …", "Darmanin's visit") the NER left out link to the person
  named in full;
- **pronouns** (he/him/his, she/her/hers) link to the most recent person of the same gender
  (from titles such as "spokeswoman", "Mr", and from pronouns already linked), or of unknown
  gender;
- **groups** ("the two ministers", "the parties") that stand for persons already named become
  one GROUP actor with their country when they share it;
- **speakers**: a noun phrase that is the subject of a reporting verb ("a source said", "the
  announcer said") and names no known actor becomes a PERSON or GROUP actor of its own, so
  that a quote can be attributed to it.
"""
from __future__ import annotations

from eventwire.actors.coding import code_phrase
from eventwire.actors.drafts import Draft, Roster
from eventwire.actors.named import of_organisation
from eventwire.actors.spans import char_span, mention, trim
from eventwire.model import Document, Mention, Parse
from eventwire.ontology import Ontology

HEAD_WORDS = frozenset({"head", "chief", "leader"})
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PRONOUNS = MALE | FEMALE
# Pronouns that stand for an organisation or a group when they speak ("it said", "they wrote").
COLLECTIVE_PRONOUNS = frozenset({"it", "they", "we"})
DEFINITE = frozenset({"the", "this", "that"})
# Role classes that "the official" (or "head of a ministry") may stand for, best first.
OFFICIAL_PREFERENCE = ("spokesperson", "official", "diplomat", "minister", "leader")
# Verbs that report speech or writing (lemmas), beyond the ontology's "say" class.
# Written for eventwire from the cue verbs of news attribution (PolNeAR train).
REPORTING_VERBS = frozenset("""
say tell add ask write tweet post continue note explain argue insist claim reply respond answer
declare announce warn state quip joke recall sing chant shout yell scream cry exclaim whisper
complain admit acknowledge concede predict suggest observe remark comment testify report conclude
muse boast vow promise urge demand charge contend maintain emphasize stress deny counter retort
assert allege confirm reiterate lament wonder fume snap scoff plead pledge threaten repeat recount
describe call quote cite read begin proclaim mutter grumble laugh sigh caution advise tout mock
opine query inquire question reason theorize speculate estimate calculate figure guess think believe
point echo confess scold blast slam praise hail rail liken label dub type interject interrupt
""".split())
# Words for people who speak in news copy that roles.tsv (titles and sectors) does not list.
SPEAKER_NOUNS = frozenset("""
source sources announcer narrator friend father mother brother sister son daughter husband wife
critic critics analyst analysts expert experts resident witness witnesses supporter supporters
voter voters observer observers businessman businesswoman candidate nominee aide aides adviser
advisers advisor strategist pollster consultant economist historian physicist scientist lawyer
attorney neighbor neighbour owner host anchor commentator columnist writer author chairman
chairwoman member members staffer staffers organizer organizers founder director president leader
campaign spokesman spokeswoman official officials officer representative representatives
""".split())
_AGENT_SUFFIXES = ("ist", "ian", "man", "woman", "person", "eer")
_FEMALE_TITLES = frozenset({"spokeswoman", "chairwoman", "businesswoman", "congresswoman", "mrs", "mrs.", "ms",
                            "ms.", "miss", "queen", "princess", "woman", "actress", "mother", "wife", "sister",
                            "daughter", "lady", "dame", "madam"})
_MALE_TITLES = frozenset({"spokesman", "chairman", "businessman", "congressman", "mr", "mr.", "king", "prince",
                          "man", "father", "husband", "brother", "son", "sir", "lord"})
# How far back (characters) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 1000


def link_nominals(doc: Document, roster: Roster, onto: Ontology) -> None:
    """Add title, nominal, surname and pronoun mentions of persons in ``roster``; add speakers."""
    say = onto.words.get("say", frozenset()) | REPORTING_VERBS
    genders = _title_genders(roster)
    surnames = _surnames(roster)
    for parse in doc.parses:
        # one pass over the tokens (spaCy builds a Token object per access)
        poss, pronouns, names, verbs = [], [], [], []
        for tok in parse.doc:
            if tok.dep_ == "poss" and tok.pos_ == "NOUN":
                poss.append(tok)
            if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
                pronouns.append(tok)
            elif tok.pos_ in {"PROPN", "NOUN"} and tok.lower_ in surnames:  # "Trump says": NOUN at times
                names.append(tok)
            elif tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in say:
                verbs.append(tok)
        _link_surnames(doc, parse, roster, surnames, names)
        chunks = parse.noun_chunks
        # "The teacher's killing": the possessor is a nominal of its own.
        chunks += [tok.doc[tok.left_edge.i:tok.i + 1] for tok in poss]
        for chunk in sorted(chunks, key=lambda c: c.start):
            root = chunk.root
            if root.lower_ in PRONOUNS or root.tag_ == "PRP$":
                continue
            tokens = trim(chunk)
            if not tokens or chunk[0].lower_ not in DEFINITE:
                continue
            start, end = char_span(parse, tokens)
            if roster.covering(start, end):
                continue
            if root.tag_ in {"NNS", "NNPS"}:
                _link_group(doc, parse, chunk, tokens, roster, onto)
                continue
            want = _nominal_profile(tokens, root, roster, onto)
            if want is None:
                continue
            role, country, sector = want
            target = _resolve(roster, start, role, country, sector)
            if target:
                roster.mention(target, mention(parse, tokens, doc.text, "title" if role != "civilian" else "nominal"))
        for tok in pronouns:
            start, _ = char_span(parse, [tok])
            gender = "F" if tok.lower_ in FEMALE else "M"
            target = _recent_person(roster, start, gender, genders)
            if target:
                genders.setdefault(id(target), gender)
                roster.mention(target, mention(parse, [tok], doc.text, "pronoun"))
        _add_speakers(doc, parse, roster, onto, verbs)


# ---------------------------------------------------------------- nominals


def _nominal_profile(tokens, root, roster: Roster, onto: Ontology) -> tuple[str, str | None, str | None] | None:
    """Return (role class, country, sector) a definite nominal describes, or None."""
    if root.lower_ in HEAD_WORDS:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        code = code_phrase(list(obj.subtree), onto)
                        if code.sector in {"GOV", "MIL", "COP"}:
                            return "leader", code.country, code.sector
        return None
    code = code_phrase(tokens, onto)
    if not code.role or code.role.kind != "person" or code.role_end != len(tokens):
        return None
    return code.role.role, code.country, code.sector


def _resolve(roster: Roster, before: int, role: str, country: str | None, sector: str | None) -> Draft | None:
    candidates = [d for d in roster.drafts if d.type == "PERSON" and d.mentions and d.first < before
                  and (country is None or d.country in (None, country))]
    if not candidates:
        return None

    def last_seen(d: Draft) -> int:
        return max(m.start for m in d.mentions if m.start < before)

    exact = [d for d in candidates if d.role == role and (country is None or d.country == country)]
    if exact:
        return max(exact, key=last_seen)
    if role in {"official", "leader"}:
        gov = [d for d in candidates if d.sector in {"GOV", "MIL", "COP", sector}]
        for wanted in OFFICIAL_PREFERENCE:
            if role == "leader" and wanted not in {"minister", "leader"}:
                continue
            pool = [d for d in gov if d.role == wanted]
            if pool:
                return max(pool, key=last_seen)
        speakers = [d for d in gov if d.speaker]
        if role == "official" and speakers:
            return max(speakers, key=last_seen)
    return None


def _link_group(doc: Document, parse: Parse, chunk, tokens, roster: Roster, onto: Ontology) -> None:
    """"the two ministers", "the parties": a GROUP of the persons of that role named before."""
    root = chunk.root
    start, end = char_span(parse, tokens)
    code = code_phrase(tokens, onto)
    if root.lower_ in {"parties", "sides", "participants", "two", "leaders", "officials"} or (code.role and code.role.kind == "group"):
        role = code.role.role if code.role else None
        members = [d for d in roster.drafts if d.type == "PERSON" and d.mentions and d.first < start
                   and (role is None or d.role == role or root.lower_ in {"parties", "sides", "participants"})
                   and d.role is not None]
        if len(members) < 2 or (role is None and root.lower_ not in {"parties", "sides", "participants"}):
            return
        countries = {d.country for d in members}
        name = " and ".join(d.name for d in sorted(members, key=lambda d: d.first)[:3])
        group = roster.find_name(name, "GROUP") or Draft(name=name, type="GROUP",
                                                          country=countries.pop() if len(countries) == 1 else None,
                                                          sector=members[0].sector if len({d.sector for d in members}) == 1 else None)
        roster.mention(group, mention(parse, tokens, doc.text, "nominal"))


# ---------------------------------------------------------------- surnames


def _surnames(roster: Roster) -> dict[str, Draft]:
    """Return {lowercase surname: person} for the named persons (namesakes left out)."""
    out: dict[str, Draft | None] = {}
    for d in roster.drafts:
        if d.type == "PERSON" and d.surname and any(m.kind == "name" for m in d.mentions):
            key = d.surname.lower()
            out[key] = d if out.get(key, d) is d else None  # two namesakes: neither
    return {k: v for k, v in out.items() if v is not None}


def _link_surnames(doc: Document, parse: Parse, roster: Roster, surnames: dict[str, Draft], names: list) -> None:
    """Add "Kolokoltsev" (or "Darmanin's") where the NER did not label it, as a name mention."""
    for tok in names:
        draft = surnames[tok.lower_]
        if not tok.text[:1].isupper():
            continue
        start, _ = char_span(parse, [tok])
        if draft.first >= start or _covered(roster, start):
            continue
        roster.mention(draft, mention(parse, [tok], doc.text, "name"))


def _covered(roster: Roster, offset: int) -> bool:
    return any(m.start <= offset < m.end for d in roster.drafts for m in d.mentions)


# ---------------------------------------------------------------- pronouns


def _title_genders(roster: Roster) -> dict[int, str]:
    """Return {id(draft): "M"/"F"} for persons whose title tells their gender."""
    out: dict[int, str] = {}
    for d in roster.drafts:
        if d.type != "PERSON":
            continue
        words = {w.lower() for m in d.mentions if m.kind in {"title", "nominal"} for w in m.text.split()}
        words |= {w.lower() for w in (d.title or "").split()}
        if words & _FEMALE_TITLES:
            out[id(d)] = "F"
        elif words & _MALE_TITLES:
            out[id(d)] = "M"
    return out


def _recent_person(roster: Roster, before: int, gender: str, genders: dict[int, str],
                   window: int = PRONOUN_WINDOW) -> Draft | None:
    """Return the person ``gender`` pronoun at ``before`` refers to (a name, title or nominal
    mention within ``window``): persons of the other gender are never taken."""
    known = unknown = None
    for d in roster.drafts:
        if d.type != "PERSON":
            continue
        g = genders.get(id(d))
        if g is not None and g != gender:
            continue
        for m in d.mentions:
            if before - window <= m.start < before and m.kind in {"name", "title", "nominal"}:
                if g == gender and (known is None or m.start > known[0]):
                    known = (m.start, d)
                elif g is None and (unknown is None or m.start > unknown[0]):
                    unknown = (m.start, d)
    # A woman is mostly marked (spokeswoman, Ms, "she" before): "she" prefers her. "he" takes
    # the person mentioned last whose gender is not known to differ.
    if gender == "F":
        best = known or unknown
    else:
        best = max((c for c in (known, unknown) if c), default=None, key=lambda c: c[0])
    return best[1] if best else None


# ---------------------------------------------------------------- speakers


def _add_speakers(doc: Document, parse: Parse, roster: Roster, onto: Ontology, verbs: list) -> None:
    """Make an actor of each unresolved noun phrase that is the subject of a reporting verb."""
    for verb in verbs:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in COLLECTIVE_PRONOUNS and subj.pos_ == "PRON":
            _link_collective(doc, parse, subj, roster)  # "it said in a statement", "they wrote"
            continue
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"} or not _speaker_noun(subj, onto):
            continue
        # the whole phrase as written ("a source at the ministry"), without a relative clause
        tokens = [t for t in subj.subtree if not any(a.dep_ in {"relcl", "acl", "appos"} and a.i != subj.i
                                                     for a in [t, *t.ancestors] if a.i in range(subj.left_edge.i, subj.right_edge.i + 1))]
        while tokens and (tokens[-1].is_punct or tokens[-1].text in {"'s", "’s"}):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if not tokens or tokens[-1].i - tokens[0].i + 1 != len(tokens):
            tokens = trim([t for t in subj.subtree if t.i <= subj.i])
        if not tokens:
            continue
        start, end = char_span(parse, tokens)
        head, _ = char_span(parse, [subj])
        if _covered(roster, head):
            continue
        code = code_phrase(tokens, onto)
        kind = "GROUP" if subj.tag_ in {"NNS", "NNPS"} else "PERSON"
        text = doc.text[start:end]
        draft = Draft(name=text, type=kind, country=code.country, sector=code.sector,
                      role=code.role.role if code.role else None)
        if code.country is None and code.role is not None:
            of_organisation(draft, [t for t in tokens if t.i < subj.i], onto)  # "UN diplomats said"
        draft.speaker = True
        roster.mention(draft, Mention(start=start, end=end, text=text, kind="nominal"))


def _link_collective(doc: Document, parse: Parse, tok, roster: Roster) -> None:
    """Link a speaking "it" to the last organisation, "they"/"we" to the last organisation or group."""
    start, _ = char_span(parse, [tok])
    types = {"ORG"} if tok.lower_ == "it" else {"ORG", "GROUP"}
    best = None
    for d in roster.drafts:
        if d.type not in types:
            continue
        for m in d.mentions:
            if start - PRONOUN_WINDOW <= m.start < start and m.kind != "pronoun" and (best is None or m.start > best[0]):
                best = (m.start, d)
    if best is not None:
        roster.mention(best[1], mention(parse, [tok], doc.text, "pronoun"))


def _speaker_noun(tok, onto: Ontology) -> bool:
    """True when ``tok`` (a noun) can name a person or a group of people."""
    if tok.pos_ == "PROPN":
        return False  # names are the NER's: an unlabelled proper noun is no safe speaker
    low, lemma = tok.lower_, tok.lemma_.lower()
    if low in SPEAKER_NOUNS or lemma in SPEAKER_NOUNS:
        return True
    entry = onto.roles.get((low,)) or onto.roles.get((lemma,))
    if entry is not None:
        return entry.kind == "person" or entry.role not in {"government", "business", "health", "education"}
    return lemma.endswith(_AGENT_SUFFIXES)
