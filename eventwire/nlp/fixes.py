"""Entity fixes on top of spaCy's NER: known failure kinds, dictionaries, one label per name.

spaCy's small English model (OntoNotes-trained) fails on news in recurring ways, each fixed
here by a rule that can be read and tested on its own:

- **casing**: all-caps lines ("BELGRADE 1996-08-30", wire headlines) and title-case headlines
  defeat it. ``recase`` rewrites such a segment in sentence case (same length, same offsets)
  with a lexicon, the gazetteer and the article's own casing; the stage runs the NER on that
  text and ``fix_entities`` takes its entities instead of the original ones.
- **boundaries**: "the", a possessive "'s", trailing numbers or lowercase words and separators
  ("Romania - Cosmin Contra", "Haitai 2 Samsung 0", "Birmingham v Barnsley") are cut away.
- **labels from dictionaries**: countries and demonyms (gazetteer), IGOs and outlets (ontology),
  organisation heads ("Ministry", "Party", "Armed Forces"), person titles ("spokeswoman Irina
  Volk" → PERSON, not ORG), initials ("P. Simmons"), ages ("21-year-old" is no DATE).
- **one name, one type**: ``ArticleContext`` collects the article's names; a surname of a
  person named in full elsewhere is a PERSON, a name keeps its majority label, and a known
  name the NER skipped in another sentence is added.

Benchmarks that set the rules: eventwire/bench/ner.py on CoNLL-2003 dev (tuning) and test.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Literal, Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

CaseMode = Literal["caps", "title"]

# Labels of names (the rest, DATE CARDINAL MONEY …, are values and are left alone).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Labels whose names never contain a free-standing number ("Durham 114", "Kent 108-3").
NUMBERLESS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Lowercase words inside personal names ("Joost van der Westhuizen", "Abu Bakr al-Baghdadi").
NAME_PARTICLES = frozenset({"al", "el", "de", "del", "der", "den", "van", "von", "bin", "ibn", "della", "di", "da", "du", "le", "la", "dos", "das", "ul"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Tokens that separate two names a model read as one: "Romania - Cosmin Contra", "Kent v Essex".
SEPARATORS = frozenset({"-", "--", "–", "—", "(", ")", "[", "]", ",", ";", ":", "/", "|", "+", "=", '"', "“", "”", "*"})
SEPARATOR_WORDS = frozenset({"v", "vs", "vs.", "at", "versus"})
# Last words of organisation names (written for eventwire). A capitalized phrase ending in one
# is an ORG even when the NER says PERSON or GPE, or misses it ("the Commerce Department").
ORG_HEADS = frozenset("""
ministry ministries department departments party parties army navy force forces guard guards
police council commission committee bank agency union association federation organisation
organization institute university college corp corporation inc ltd co plc group club
court parliament assembly senate congress authority authorities service services office
bureau board front movement alliance coalition company foundation fund exchange network
television radio airlines airways railways brigade brigades battalion regiment division
command cabinet government administration secretariat tribunal commissariat directorate
gendarmerie militia militias corps junta presidency duma knesset majlis newsroom
""".split())
# Last words of named events: tournaments, games, wars ("Hong Kong Open", "Asian Cup").
EVENT_HEADS = frozenset("""
open cup games olympics championship championships masters classic series trophy prix tour
rally marathon derby war summit conference festival
""".split())
# Words before a name that make it a person (with the person roles of ontology/actors/roles.tsv).
PERSON_TITLES = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady gen gen. general col col. colonel capt
capt. captain lt lt. sgt sgt. prof prof. professor rev rev. father sheikh prince princess
pope senator sen. rep. gov. judge justice coach striker midfielder defender goalkeeper
manager skipper batsman bowler player champion compatriot teammate actor actress singer
author chairman chairwoman director spokesman spokeswoman spokesperson leader chief
""".split())
_AGE = re.compile(r"^\d+[-\s]years?[-\s]old|^\d+[-\s]year[-\s]olds?$", re.I)
_SCORE = re.compile(r"^\d{1,3}(?:-\d{1,3})?$")  # "2", "108-3"; not "8-0-39-3" (bowling figures)
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
# Nationalities and peoples that name no sovereign state, so the gazetteer's demonyms lack them.
NATIONALITIES = frozenset("""English Scottish Welsh Irish British Kurdish Kurds Kurd Palestinian Palestinians
Basque Basques Catalan Chechen Chechens Tamil Tamils Tutsi Tutsis Hutu Hutus Afrikaner Afrikaners Arab
Arabs Arabic Zairean Zaireans Pashtun Uighur Uighurs Uyghur Uyghurs Rohingya Berber Berbers Druze
Flemish Walloon Tatar Tatars Sikh Sikhs Shi'ite Shiite Shiites Sunni Sunnis Alawite Alawites Yazidi
Yazidis Bosniak Bosniaks Serb Serbs Croat Croats Kosovar Kosovars Baluch Sindhi Punjabi Maori""".split())
CALENDAR = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
# Votes a name's appearance as a team in a results line adds to its ORG label (CoNLL-2003 dev).
TEAM_WEIGHT = 2
# A segment is all caps when this share of its alphabetic words are upper case.
CAPS_SHARE = 0.6
# A headline is title case when this share of its content words (4+ letters) are capitalized.
TITLE_SHARE = 0.75
# Known cities this populous keep their capital when a line is recased (CoNLL-2003 dev).
CITY_POPULATION = 100_000
# ... and those whose name is also an English word keep it only from this size ("Surprise", AZ,
# and "Reading" are words; "London", "Chicago" names).
COMMON_WORD_CITY = 500_000


@dataclass(frozen=True)
class Lexicon:
    """Lowercase English words (WordNet lemmas from the lemmatizer tables, and stop words).

    A capitalized word that is *not* in it is probably a name; one that is may be either.
    """

    words: frozenset[str] = frozenset()

    @classmethod
    def from_nlp(cls, nlp) -> "Lexicon":
        """Read the lemma index of ``nlp``'s lemmatizer (empty when it has none)."""
        words: set[str] = set(STOP_WORDS)
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_index"):
                for values in lookups.get_table("lemma_index").values():
                    words.update(w for w in values if "_" not in w)
        except (KeyError, AttributeError):
            pass
        return cls(frozenset(words))

    def knows(self, word: str) -> bool:
        """True when ``word`` (any case) or a regular base form of it is an English word."""
        low = word.lower()
        if low in self.words:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                             ("ied", "y"), ("er", ""), ("ly", "")):
            if low.endswith(suffix) and len(low) > len(suffix) + 2 and low[: -len(suffix)] + repl in self.words:
                return True
        return False


# ---------------------------------------------------------------- casing


def casing_mode(text: str, headline: bool = False) -> CaseMode | None:
    """Return "caps" for an all-caps segment, "title" for a title-case headline, else None."""
    words = _WORD.findall(text)
    alpha = [w for w in words if any(c.isalpha() for c in w)]
    if len(alpha) < 2:
        if alpha and len(alpha[0]) > 3 and alpha[0].isupper():
            return "caps"
        return None
    upper = sum(1 for w in alpha if w.isupper() and len(w) > 1)
    if upper >= CAPS_SHARE * len(alpha):
        return "caps"
    if headline:
        content = [w for w in alpha if len(w) >= 4 and w.lower() not in STOP_WORDS]
        if len(content) >= 3 and sum(w[0].isupper() for w in content) >= TITLE_SHARE * len(content):
            return "title"
    return None


def case_forms(docs: Iterable[Doc]) -> dict[str, str]:
    """Return how the article writes its capitalized words mid-sentence: {"lebed": "Lebed"}.

    Only ordinary (not all-caps, not title-case) segments should be passed: their casing is
    evidence that a word is a name.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for tok in doc:
            text = tok.text
            if not text[:1].isupper() or tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].is_punct and doc[tok.i - 1].text in {'"', "“", "‘", "-", "--", "("}):
                continue
            if text.isupper() and len(text) > 1 and not _has_lower_neighbour(doc, tok):
                continue  # an all-caps stretch inside a normal segment says nothing
            votes[text.lower()][text] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def _has_lower_neighbour(doc: Doc, tok) -> bool:
    return any(doc[j].is_lower for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc))


def recase(text: str, mode: CaseMode, forms: Mapping[str, str], lexicon: Lexicon) -> str:
    """Return ``text`` in sentence case, keeping names capitalized; the length never changes.

    A word keeps (or gets) a capital when the article writes it so mid-sentence, when it
    names a country, a demonym or a large city, or when it is no English word; it is
    lowercased otherwise. In "caps" mode an unknown word of up to 3 letters stays upper case
    (an acronym: "KDP", "NATO" is in ``forms`` when the body spells it).
    """
    out: list[str] = []
    pos = 0
    first = True
    matches = list(_WORD.finditer(text))
    places = _place_ngrams([m.group() for m in matches], forms)
    for k, m in enumerate(matches):
        out.append(text[pos:m.start()])
        word = m.group()
        new = _title(word) if k in places else _recase_word(word, mode, forms, lexicon, first)
        if len(new) != len(word):
            new = word
        out.append(new)
        pos = m.end()
        first = False
    out.append(text[pos:])
    return "".join(out)


def _place_ngrams(words: list[str], forms: Mapping[str, str]) -> set[int]:
    """Return the indices of words in a 2-3 word place name or known name ("KANSAS CITY")."""
    out: set[int] = set()
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            if any(j in out for j in range(i, i + n)):
                continue
            name = " ".join(_title(w) for w in words[i:i + n])
            if _country(name) or _big_place(name):
                out.update(range(i, i + n))
    return out


def _recase_word(word: str, mode: CaseMode, forms: Mapping[str, str], lexicon: Lexicon, first: bool) -> str:
    low = word.lower()
    if mode == "title" and not word[:1].isupper():
        return word
    if mode == "title" and word.isupper() and len(word) > 1:
        return word  # an acronym inside a title-case headline
    known = forms.get(low)
    if known:
        return known
    if "." in word.strip("."):  # "U.S.", "P.", abbreviations
        return word.upper() if mode == "caps" else word
    common = low in STOP_WORDS or lexicon.knows(low)
    if (_is_place_word(word) and not common) or (common and low not in STOP_WORDS and _big_place(_title(word), COMMON_WORD_CITY)):
        return _title(word)  # "Surprise" (Arizona) and "Reading" stay words, "Chicago" and "London" names
    if common:
        return _title(word) if first else low
    if mode == "caps" and len(word) <= 3:
        return word
    return _title(word)


def _title(word: str) -> str:
    """"AL-AIN" → "Al-Ain", "O'NEILL" → "O'Neill"."""
    return re.sub(r"[A-Za-z]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)


@lru_cache(maxsize=8192)
def _is_place_word(word: str) -> bool:
    """True for a country, a demonym or a city of ``CITY_POPULATION`` (a single word)."""
    name = _title(word)
    if _country(name) or _demonym(name):
        return True
    return _big_place(name)


# ---------------------------------------------------------------- dictionaries


@lru_cache(maxsize=16384)
def _country(text: str) -> str | None:
    from eventwire.gazetteer import country_named

    return country_named(text) if text[:1].isupper() else None


@lru_cache(maxsize=16384)
def _demonym(text: str) -> bool:
    """True for "Russian", "Briton", "Tajik": a nationality, not the country's name."""
    from eventwire.gazetteer import lookup_country

    if not text[:1].isupper() or _country(text):
        return False
    return text in NATIONALITIES or lookup_country(text) is not None


@lru_cache(maxsize=16384)
def _big_place(text: str, population: int = CITY_POPULATION) -> bool:
    from eventwire.gazetteer import candidates

    if not text[:1].isupper():
        return False
    return any(c.name == text and c.feature in {"city", "admin1", "country"} and c.population >= population
               for c in candidates(text))


@lru_cache(maxsize=1)
def _org_names() -> frozenset[str]:
    """IGO aliases and news outlets from the ontology: always organisations."""
    from eventwire.actors.outlets import media_countries
    from eventwire.ontology import load_ontology

    return frozenset(load_ontology().igos) | frozenset(media_countries())


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    from eventwire.ontology import load_ontology

    roles = {k[-1] for k, e in load_ontology().roles.items() if e.kind == "person"}
    return frozenset(roles) | PERSON_TITLES


# ---------------------------------------------------------------- token table


class _Toks:
    """The token attributes the fixes read, taken from the Doc once (spaCy makes a new Token
    object on every access, which dominated the fixes' time)."""

    __slots__ = ("doc", "full", "n", "text", "lower", "idx", "alpha", "cap", "punct", "pos", "sent", "space", "num",
                 "low_alpha")

    def __init__(self, doc: Doc) -> None:
        toks = list(doc)
        self.doc = doc
        self.full = doc.text  # Doc.text joins the tokens anew on every access
        self.n = len(toks)
        self.text = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.idx = [t.idx for t in toks]
        self.alpha = [t.is_alpha for t in toks]
        self.punct = [t.is_punct for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.sent = [t.is_sent_start for t in toks]
        self.space = [bool(t.whitespace_) for t in toks]
        self.cap = [x[:1].isupper() for x in self.text]
        self.num = [any(c.isdigit() for c in x) and not any(c.isalpha() for c in x) for x in self.text]
        self.low_alpha = [a and x.islower() for a, x in zip(self.alpha, self.text)]

    def span_text(self, start: int, end: int) -> str:
        return self.full[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]

    def upper(self, i: int) -> bool:
        """All caps (a word of more than one letter)."""
        return len(self.text[i]) > 1 and self.text[i].isupper()


Item = tuple[int, int, str]


# ---------------------------------------------------------------- local fixes


def fix_entities(doc: Doc, context: "ArticleContext | None" = None, recased: Doc | None = None,
                 lexicon: Lexicon | None = None) -> list[Span]:
    """Return the corrected entity spans of ``doc`` (sorted, never overlapping).

    ``recased``: the same text recased by ``recase`` and run through the NER; its entities
    replace the original ones. ``context``: the article's names (``ArticleContext``), for one
    label per name and the names the NER skipped. Neither ``doc`` nor ``recased`` is changed.
    """
    lexicon = lexicon or Lexicon()
    toks = _Toks(doc)
    items = _local(toks, recased, lexicon)
    if context is not None:
        items = context.harmonize(toks, items, lexicon)
    return [Span(doc, s, e, label=lab) for s, e, lab in _resolve_overlaps(items)]


def _local(t: _Toks, recased: Doc | None, lexicon: Lexicon) -> list[Item]:
    """The fixes that need no other segment: boundaries, dictionaries, patterns, results tables."""
    doc = t.doc
    base = _transfer(doc, recased) if recased is not None else [(e.start, e.end, e.label_) for e in doc.ents]
    items: list[Item] = []
    for start, end, label in base:
        if label == "DATE" and _AGE.match(t.span_text(start, end).lstrip("aA ").strip()):
            continue  # "21-year-old" is an age, not a date
        if label not in NAME_LABELS:
            items.append((start, end, label))
            continue
        for s, e, lab in _split(t, start, end, label, lexicon):
            lab = _relabel(t, s, e, lab, lexicon)
            items.append((s, _hyphen_tail(t, s, e) if lab in {"GPE", "LOC"} else e, lab))
    items = _add_patterns(t, items, lexicon)
    return _replace(items, [(s, e, "ORG") for s, e in _teams(t, items)])


def _hyphen_tail(t: _Toks, start: int, end: int) -> int:
    """The end of a place name the NER cut at a hyphen ("Mazar" of "Mazar-i-Sharif", which alone
    is a village in Jordan): extended over the hyphen-joined words when the whole is a place."""
    j = end
    while j + 1 < t.n and t.text[j] == "-" and not t.space[j - 1] and not t.space[j] and t.alpha[j + 1]:
        j += 2
    while j > end and not _hyphenated_place(t.span_text(start, j)):
        j -= 2
    return j


@lru_cache(maxsize=4096)
def _hyphenated_place(text: str) -> bool:
    from eventwire.gazetteer import candidates

    return any(c.feature in {"city", "admin1", "admin2", "country"} for c in candidates(text))


def _transfer(doc: Doc, recased: Doc) -> list[Item]:
    out = []
    for ent in recased.ents:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end, ent.label_))
    return out


def _split(t: _Toks, start: int, end: int, label: str, lexicon: Lexicon) -> list[Item]:
    """Cut a name span at separators and numbers; trim determiners, titles, possessives, tails.

    Returns (start, end, label) pieces: a person title cut from the front ("Prince Norodom
    Ranariddh" read as ORG) makes the rest a PERSON.
    """
    pieces: list[tuple[int, int]] = []
    numbers = label in NUMBERLESS
    s = start
    for i in range(start, end + 1):
        if i == end or _separates(t, i, numbers):
            if s < i:
                pieces.append((s, i))
            s = i + 1
    out = []
    titles = _person_titles()
    for s, e in pieces:
        lab = label
        while s < e:
            if t.lower[s] in DETERMINERS or t.punct[s] or (numbers and t.num[s]):
                s += 1
            elif t.low_alpha[s] and e - s > 1 and t.lower[s] not in NAME_PARTICLES:
                s += 1
            elif (e - s > 1 and label in {"PERSON", "ORG", "NORP", "GPE"} and _title_word(t.lower[s], titles)
                  and t.cap[s + 1] and not _ends_in_head(t, s, e, ORG_HEADS)):
                s += 1  # "Prince Norodom Ranariddh", "Co-Premiers Hun Sen": the title is no part of the name
                lab = "PERSON"
            elif (e - s > 1 and t.sent[s] and t.pos[s] not in {"PROPN", "NOUN"} and lexicon.knows(t.text[s])
                  and not _demonym(t.text[s])):
                s += 1  # "Controversial Australian Anthony Hill": a sentence-initial adjective
            else:
                break
        while e > s and (t.text[e - 1] in POSSESSIVE or (t.punct[e - 1] and t.text[e - 1] != ".")
                         or (numbers and t.num[e - 1]) or t.low_alpha[e - 1]):
            e -= 1
        if e - s == 1 and t.text[s] == ".":
            continue
        if (e - s == 1 and t.sent[s] and t.pos[s] != "PROPN" and lab in NUMBERLESS and lexicon.knows(t.text[s])
                and not _country(t.text[s]) and not _demonym(t.text[s])):
            continue  # "Automakers , suppliers …": a capitalized common word
        if s < e and any(t.cap[j] or t.text[j][:1].isdigit() for j in range(s, e)):
            out.append((s, e, lab))
    return out


def _title_word(low: str, titles: frozenset[str]) -> bool:
    return low in titles or low.rstrip("s") in titles or low.split("-")[-1].rstrip("s") in titles


def _separates(t: _Toks, i: int, numbers: bool) -> bool:
    text = t.text[i]
    if text in SEPARATORS:
        if text in {"-", "/"} and i > 0 and not t.space[i - 1]:
            return False  # "Urus-Martan", "Bosnia-Herzegovina": a hyphen inside a word
        return True
    if text.islower() and text in SEPARATOR_WORDS:
        return True
    # scores and figures are never part of a person's, a place's or an organisation's name
    return numbers and t.num[i]


def _relabel(t: _Toks, start: int, end: int, label: str, lexicon: Lexicon) -> str:
    """Return the label a dictionary or a pattern gives the span, else ``label``."""
    text = t.span_text(start, end)
    size = end - start
    if _country(text):
        return "GPE" if label != "ORG" or size == 1 or not _ends_in_head(t, start, end, ORG_HEADS) else label
    if text in _org_names():
        return "ORG"
    if _demonym(text) and label in {"PERSON", "ORG", "GPE", "LOC"}:
        return "NORP"
    if label in {"PERSON", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"} and size >= 2 and _ends_in_head(t, start, end, ORG_HEADS):
        return "ORG"
    if label in NAME_LABELS and label != "EVENT" and size >= 2 and _ends_in_head(t, start, end, EVENT_HEADS):
        return "EVENT"
    if label in {"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "LOC"} and _titled_person(t, start, end):
        return "PERSON"
    if label != "PERSON" and _initial_name(t, start, end):
        return "PERSON"
    if label in {"ORG", "GPE", "NORP"} and _aged(t, end):
        return "PERSON"
    if label == "ORG" and _name_shaped(t, start, end, lexicon):
        return "PERSON"
    return label


def _aged(t: _Toks, end: int) -> bool:
    """"Wang , 45 ," / "Onarheim , 29 , told": an age in apposition makes a person."""
    if end + 2 >= t.n or t.text[end] != "," or not t.text[end + 1].isdigit():
        return False
    return 15 <= int(t.text[end + 1]) <= 99 and t.text[end + 2] in {",", "."}


def _name_shaped(t: _Toks, start: int, end: int, lexicon: Lexicon) -> bool:
    """"Cristiano Citto", "Yekaterina Podkopayeva": two or three capitalized words, the last no
    English word, none a place or an organisation word: a person's name."""
    words = [j for j in range(start, end) if t.lower[j] not in NAME_PARTICLES]
    if not 2 <= len(words) <= 3 or not all(t.alpha[j] and t.cap[j] and not t.upper(j) for j in words):
        return False
    if any(t.lower[j] in ORG_HEADS or t.lower[j] in EVENT_HEADS or _is_place_word(t.text[j]) for j in words):
        return False
    return not lexicon.knows(t.text[words[-1]])


def _ends_in_head(t: _Toks, start: int, end: int, heads: frozenset[str]) -> bool:
    last = end - 1
    return t.lower[last] in heads and t.cap[last] and any(t.cap[j] for j in range(start, last))


def _titled_person(t: _Toks, start: int, end: int) -> bool:
    """"spokeswoman Irina Volk", "Mr Lebed": a person title right before 1-3 capitalized words."""
    if not 1 <= end - start <= 3 or start == 0:
        return False
    if not all(t.cap[j] and t.alpha[j] and t.lower[j] not in ORG_HEADS for j in range(start, end)):
        return False
    return t.lower[start - 1] in _person_titles() and not t.upper(start - 1)


def _initial_name(t: _Toks, start: int, end: int) -> bool:
    """"P. Simmons", "J.R. Smith": initials before a capitalized surname (not "U.S. Treasury
    Department" or "U.N. Security Council": a country's or an organisation's initials)."""
    last = end - 1
    return (end - start >= 2 and _INITIAL.match(t.text[start]) is not None
            and t.cap[last] and t.alpha[last] and not t.upper(last)
            and not _country(t.text[start]) and t.text[start] not in _org_names()
            and not _ends_in_head(t, start, end, ORG_HEADS))


def _add_patterns(t: _Toks, items: list[Item], lexicon: Lexicon) -> list[Item]:
    """Add names the NER skipped: initials + surname, persons, countries, demonyms, organisations."""
    taken = _taken(items)
    added: list[Item] = []
    n = t.n
    i = 0
    while i < n:
        if i in taken or not t.cap[i]:
            i += 1
            continue
        # "P. Simmons", "J. Ratcliffe"
        if (_INITIAL.match(t.text[i]) and i + 1 < n and i + 1 not in taken and t.alpha[i + 1] and t.cap[i + 1]
                and not t.upper(i + 1)):
            added.append((i, i + 2, "PERSON"))
            taken.update({i, i + 1})
            i += 2
            continue
        if t.alpha[i]:
            for size in (3, 2, 1):
                if i + size > n or any(j in taken for j in range(i, i + size)):
                    continue
                text = t.span_text(i, i + size)
                if _country(text):
                    added.append((i, i + size, "GPE"))
                    break
                if size == 1 and text in _org_names() and not t.sent[i]:
                    added.append((i, i + 1, "ORG"))
                    break
                if size == 1 and _demonym(text) and t.pos[i] in {"ADJ", "PROPN", "NOUN", ""} and t.lower[i] not in STOP_WORDS:
                    added.append((i, i + 1, "NORP"))
                    break
            else:
                run = _unlabelled_name(t, i, taken, lexicon)
                if run:
                    added.append((i, run, "PERSON"))
                    taken.update(range(i, run))
                    i = run
                    continue
        i += 1
    return _add_org_phrases(t, items + added)


def _unlabelled_name(t: _Toks, i: int, taken: set[int], lexicon: Lexicon) -> int | None:
    """Return the end of a person's name the NER skipped at ``i`` ("Romesh Kaluwitharana , …").

    Two or three capitalized words, not at a sentence start, the last no English word, none a
    place, a nationality or an organisation word.
    """
    if t.sent[i] or (i > 0 and t.cap[i - 1] and t.alpha[i - 1]):
        return None
    j = i
    while j < t.n and j not in taken and j - i < 4 and t.alpha[j] and t.cap[j] and not t.upper(j):
        j += 1
    if not 2 <= j - i <= 3 or (j < t.n and t.alpha[j] and t.cap[j]):
        return None
    if not _name_shaped(t, i, j, lexicon) or any(_demonym(t.text[k]) or t.lower[k] in CALENDAR for k in range(i, j)):
        return None
    return j


def _taken(items: Iterable[Item]) -> set[int]:
    return {j for s, e, _ in items for j in range(s, e)}


def _add_org_phrases(t: _Toks, items: list[Item]) -> list[Item]:
    """Add capitalized phrases ending in an organisation or event head ("Commerce Department")."""
    out = list(items)
    n = t.n
    for i in range(n):
        if not t.cap[i] or t.upper(i):
            continue
        low = t.lower[i]
        if low in ORG_HEADS:
            head_label = "ORG"
        elif low in EVENT_HEADS:
            head_label = "EVENT"
        else:
            continue
        start = i
        while start > 0:
            p = start - 1
            if not t.cap[p] or t.lower[p] in DETERMINERS or not (t.alpha[p] or t.text[p] == "&"):
                break
            if t.sent[p]:
                if t.lower[p] not in STOP_WORDS:
                    start = p
                break
            start = p
        end = i + 1
        # "Ministry of Defence", "Organisation for Security and Cooperation in Europe"
        j = end
        while (j + 1 < n and t.lower[j] in {"of", "for", "and", "on", "in"} and t.cap[j + 1] and t.alpha[j + 1]
               and t.lower[j + 1] not in CALENDAR):
            k = j + 1
            while k < n and t.cap[k] and t.alpha[k] and t.lower[k] not in CALENDAR:
                k += 1
            end = j = k
        if end - start >= 3 and _demonym(t.text[start]):
            start += 1  # "German" of "German Foreign Ministry" is a nationality of its own (as in CoNLL)
        if end - start < 2:
            continue
        if any(s < end and start < e and not (start <= s and e <= end) for s, e, _ in out):
            continue  # it would cut another name in two
        inside = [(s, e, lab) for s, e, lab in out if start <= s and e <= end]
        if any((s, e) == (start, end) for s, e, _ in inside):
            out = [(s, e, head_label) if (s, e) == (start, end) else (s, e, lab) for s, e, lab in out]
            continue
        out = [x for x in out if x not in inside] + [(start, end, head_label)]
    return out


def _replace(items: list[Item], new: list[Item]) -> list[Item]:
    """Put ``new`` spans in place of the items they overlap."""
    if not new:
        return items
    kept = [x for x in items if not any(x[0] < e and s < x[1] for s, e, _ in new)]
    return kept + new


# ---------------------------------------------------------------- sports results


def sports_teams(doc: Doc, items: Iterable[Item] | None = None) -> list[tuple[int, int]]:
    """Return the team names of a results or standings line ("Torquay 2 Exeter 0", "Kent v Essex").

    Wire services print sports results as lines of names and numbers; a name (not a country,
    which stands for its national team, and not a person with initials or a country in
    brackets) followed by a score there is a club. Lines with few numbers are left alone.
    ``items``: (start, end, label) entities, to spare persons ("Stephen McAllister 73 76 69 74").
    """
    t = _Toks(doc)
    return _teams(t, [(e.start, e.end, e.label_) for e in doc.ents] if items is None else list(items))


def _teams(t: _Toks, items: list[Item]) -> list[tuple[int, int]]:
    words = [i for i in range(t.n) if not t.text[i].isspace()]
    if len(words) < 3:
        return []
    numbers = sum(1 for i in words if t.num[i])
    runs = _name_runs(t)
    if not runs:
        return []
    schedule = (numbers == 0 and len(runs) == 2 and len(words) <= 12 and runs[1][0] - runs[0][1] == 1
                and t.lower[runs[0][1]] in SEPARATOR_WORDS and runs[0][0] == words[0] and runs[1][1] == words[-1] + 1)
    if not schedule and numbers < 0.25 * len(words):
        return []
    teams = []
    for s, e in runs:
        text = t.span_text(s, e)
        if _country(text) or _demonym(text) or (s > 0 and _INITIAL.match(t.text[s - 1])):
            continue  # a national team is its country; "J. Pooley 111" is a batsman
        if any(lab == "PERSON" and pe - ps > 1 and ps < e and s < pe for ps, pe, lab in items):
            continue  # "Stephen McAllister 73 76 69 74": a golfer's rounds
        if schedule or (e < t.n and _SCORE.match(t.text[e])
                        and not (s > 1 and t.text[s - 1] in {"(", "-"} and t.text[s - 2].isdigit())):
            teams.append((s, e))
    return teams


def _name_runs(t: _Toks) -> list[tuple[int, int]]:
    """Return maximal runs of capitalized words ("Queens Park Rangers", "ST LOUIS")."""
    runs = []
    i = 0
    n = t.n
    while i < n:
        if t.alpha[i] and t.cap[i] and t.lower[i] not in SEPARATOR_WORDS and t.lower[i] not in CALENDAR:
            j = i + 1
            while j < n and ((t.alpha[j] and t.cap[j]) or t.text[j] in {"&", "'s"}) and t.lower[j] not in SEPARATOR_WORDS:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _resolve_overlaps(items: list[Item]) -> list[Item]:
    """Keep the longest of overlapping spans (then the earliest)."""
    chosen: list[Item] = []
    used: set[int] = set()
    for s, e, lab in sorted(set(items), key=lambda x: (-(x[1] - x[0]), x[0])):
        if any(j in used for j in range(s, e)):
            continue
        chosen.append((s, e, lab))
        used.update(range(s, e))
    return sorted(chosen)


# ---------------------------------------------------------------- one name, one type


@dataclass
class ArticleContext:
    """The names of one article with their labels, for consistent labels across segments."""

    labels: dict[str, Counter[str]] = field(default_factory=dict)  # lowercase name -> label votes
    person_parts: dict[str, str] = field(default_factory=dict)  # lowercase surname -> full name

    @classmethod
    def collect(cls, docs_spans: Iterable[tuple[Doc, Sequence[Span]]]) -> "ArticleContext":
        """Build the context from each segment's (locally fixed) entity spans."""
        ctx = cls()
        for doc, spans in docs_spans:
            t = _Toks(doc)
            ctx._add(t, [(x.start, x.end, x.label_) for x in spans])
        return ctx

    def _add(self, t: _Toks, items: list[Item]) -> None:
        for s, e in _teams(t, items):  # a club in the results is a club in the report too
            self.labels.setdefault(t.span_text(s, e).lower(), Counter())["ORG"] += TEAM_WEIGHT
        for s, e, lab in items:
            if lab not in NAME_LABELS:
                continue
            text = t.span_text(s, e)
            self.labels.setdefault(text.lower(), Counter())[lab] += 1
            words = [j for j in range(s, e) if t.alpha[j] and t.cap[j]]
            if lab == "PERSON" and len(words) >= 2:
                self.person_parts.setdefault(t.lower[words[-1]], text)

    def label_of(self, text: str) -> str | None:
        """Return the article's label for a name: a person's surname, else the majority label."""
        key = text.lower()
        votes = self.labels.get(key)
        if key in self.person_parts and not _country(text):
            return "PERSON"  # the surname of a person named in full elsewhere in the article
        if votes:
            label, n = votes.most_common(1)[0]
            if n > sum(votes.values()) - n:
                return label
        return None

    def harmonize(self, t: "_Toks | Doc", items: list[Item], lexicon: Lexicon) -> list[Item]:
        """Relabel names to the article's label and add known names the NER skipped here."""
        if isinstance(t, Doc):
            t = _Toks(t)
        out = []
        for s, e, lab in items:
            if lab in NAME_LABELS:
                text = t.span_text(s, e)
                want = self.label_of(text)
                if want and want != lab and not _country(text):
                    lab = want
            out.append((s, e, lab))
        taken = _taken(out)
        n = t.n
        i = 0
        while i < n:
            if i in taken or not t.cap[i] or not t.alpha[i]:
                i += 1
                continue
            found = None
            for size in (4, 3, 2, 1):
                if i + size > n or any(j in taken for j in range(i, i + size)):
                    continue
                if not all(t.cap[j] or t.lower[j] in {"of", "de", "van", "al"} for j in range(i, i + size)):
                    continue
                if size == 1 and (t.lower[i] in STOP_WORDS or (t.sent[i] and lexicon.knows(t.text[i])
                                                                  and not (t.pos[i] in {"PROPN", "NOUN"} and t.lower[i] in self.person_parts))):
                    continue
                want = self.label_of(t.span_text(i, i + size))
                if want is None or (size == 1 and want not in {"PERSON", "ORG", "GPE", "LOC", "NORP"}):
                    continue
                if size == 1 and want == "PERSON" and t.lower[i] not in self.person_parts and t.upper(i):
                    continue
                found = (i, i + size, want)
                break
            if found:
                out.append(found)
                taken.update(range(found[0], found[1]))
                i = found[1]
            else:
                i += 1
        return out


def fix_segments(docs: Sequence[Doc], recased: Mapping[int, Doc] | None = None,
                 lexicon: Lexicon | None = None) -> list[list[Span]]:
    """Fix the entities of an article's segments in two passes: each alone, then all together.

    Returns one list of spans per doc (the caller sets ``doc.ents``).
    """
    recased = recased or {}
    lexicon = lexicon or Lexicon()
    tables = [_Toks(d) for d in docs]
    local = [_local(t, recased.get(i), lexicon) for i, t in enumerate(tables)]
    context = ArticleContext()
    for t, items in zip(tables, local):
        context._add(t, _resolve_overlaps(items))
    return [[Span(t.doc, s, e, label=lab) for s, e, lab in _resolve_overlaps(context.harmonize(t, items, lexicon))]
            for t, items in zip(tables, local)]
