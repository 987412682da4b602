"""Find the place-name mentions of a text: NER places, datelines, and names the NER missed.

The ``places`` stage calls ``find_toponyms`` with the document's NER entities, its wire
dateline and (when the nlp stage ran) its tokens. Sources, each kept precise on its own:

1. NER ``GPE``/``LOC``/``FAC`` entities, trimmed of "the", possessives and punctuation;
2. the wire dateline ("MOSCOW (Sputnik) -"), and dateline-like openings the layout parser does
   not see ("Headline. MANSFIELD — The council …"); US party-and-home notes ("R-Marshall");
3. places at the head or tail of an organisation's name: "Gainesville Police Department",
   "University of Kentucky" (never a news outlet's name: "Pakistan Point News", "New York Times");
4. one sense per discourse: a name found as a place once is a place at its other standalone
   occurrences, also where the NER called it a person or an organisation ("Tbilisi said");
5. gazetteer matching of capitalized words no entity covers ("protesters in Antananarivo"):
   proper nouns only (when tokens are given), not a common word (``ambiguous_words.tsv``),
   the longest known name first, and a prior high enough for the name to be read as a place.

Everything here is pure: no IO beyond the data files read once with the index.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.gazetteer.index import ALIAS, ALTERNATE, NAME, GazetteerEntry, GazetteerIndex, lookup_country

HERE = Path(__file__).parent
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER labels whose span may hide a place the NER misread as a name ("Gainesville" PERSON).
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})

# Priors for names no entity covers (tuned on the dev halves, recognition F1): a city must be
# this populous to be taken on its name alone, or MIN_POP_CUED after a locative word ("in").
MIN_POP_BARE = 15_000
MIN_POP_CUED = 1_000
MAX_WORDS = 5
# A name the NER calls a person or an organisation more often than a place is a place only if
# it is prominent ("Tbilisi said", "Gainesville Police"), not a surname-like town ("Bell").
PROMINENT_POP = 100_000

_LOCATIVE = re.compile(
    r"(?:\b(?:in|near|at|from|to|into|outside|across|around|of|toward|towards|via|between|"
    r"throughout|within|and|In|Near|At|From|Outside)\s+(?:the\s+)?)$")
_DATELINE_LIKE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--+|-|:)\s")
_PARTY_HOME = re.compile(r"\b(?:R|D|I|DFL)-(?P<place>[A-Z][\w.]*(?:\s[A-Z][\w.]+)?)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

# The words after a place that make an organisation *of* that place ("Dublin City Council").
_INSTITUTION = frozenset("""
Police Department Dept. Dept County City Council Board Schools School District Fire Sheriff
Sheriff's Sheriff’s Court Hospital Medical Public Library Historical Society Chamber Commission
Commissioners Authority Transit Housing Health Water Parks Park Airport Port Zoo Museum
University College State Community Regional Metropolitan Municipal Area Township Office
Government Legislature Assembly Senate House Highway Turnpike Convention Visitors Bureau High
Middle Elementary Academy Center Centre Hall Planning Zoning Township Village Town Utilities
Electric Department Democratic Republican Party Chapter Branch Division Region Regional
Symphony Arts Club Riding Rodeo Veterans Project Memorial Cemetery Correctional Jail Detention
Emergency Management Works Department Institute Clinic Courthouse Stadium Harbor Marina Mall
Square Plaza Hospital Ministry Army Navy Air Force Embassy Consulate Federal Reserve Bank
Province Provincial Governorate Governor Mayor Administration Agency Service Services
""".split())
# Words that make an organisation a news outlet: its place is no place of the story.
_OUTLET = frozenset("""
News Times Post Herald Journal Tribune Daily Gazette Press Star Sun Observer Chronicle Telegraph
Express Mirror Guardian Radio TV Television Broadcasting Magazine Review Record Register
Courier Dispatch Examiner Inquirer Bulletin Globe Ledger Sentinel Standard Voice Point Today
Independent Reporter Leader Enterprise Free Democrat Advocate Citizen Argus Beacon Banner
Messenger Monitor Mercury Patriot Pioneer Times-Dispatch Wire Network Online Media Newspapers
""".split())
_PLACE_TYPE_WORDS = frozenset({"County", "Parish", "Township", "Province", "State", "City",
                               "Island", "Islands", "Lake", "River", "Valley", "Borough"})


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the text: character offsets, coarse part of speech, sentence start.

    Callers may pass the proper nouns (``PROPN``) alone: words between two tokens break a run.
    """

    start: int
    end: int
    pos: str
    sent_start: bool


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place-name mention found in the text, and which source found it."""

    start: int
    end: int
    source: str  # ner | dateline | party | organisation | discourse | gazetteer


@lru_cache(maxsize=1)
def ambiguous_words() -> dict[str, str]:
    """Return {word: "word" | "name"} for place names that are rarely places in news text."""
    words = {}
    with (HERE / "ambiguous_words.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, kind = line.rstrip("\n").split("\t")
            if kind != "kind":
                words[word] = kind
    return words


_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s?|[\s.,;:]+|\s+\d[\d\s-]*)$")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``start, end`` without a leading "the", a possessive, a trailing number or stop.

    A final "." is kept when it ends an abbreviation ("U.S.", "Va.").
    """
    m = _LEADING_ARTICLE.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    while start < end:
        m = _TRAILING.search(text, start, end)
        if not m or m.start() == m.end():
            break
        if text[m.start():end] == "." and start < m.start():
            break  # an abbreviation's dot ("U.S.", "Va.")
        end = m.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _known(index: GazetteerIndex, name: str, *, min_pop: int,
           allow_alternate: bool = False) -> GazetteerEntry | None:
    """Return the best entry ``name`` may be taken for on its own, if its prior is enough."""
    best = None
    for entry, kind in index.matches(name):
        if kind == ALTERNATE and not allow_alternate:
            continue
        if kind not in (NAME, ALIAS, ALTERNATE):
            continue  # a demonym is no place mention
        if entry.feature == "city" and entry.population < min_pop:
            continue
        if entry.feature == "other" and entry.country_iso3 and entry.population < min_pop:
            continue
        if best is None or entry.population > best.population:
            best = entry
    return best


def _is_name_text(text: str) -> bool:
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w in ("of", "de", "la", "del", "upon", "on")
                               for w in words) and words[-1][:1].isupper()


class _Spans:
    """Accepted spans, never overlapping; the first claim on characters wins."""

    def __init__(self) -> None:
        self.items: list[Toponym] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(t.start < end and start < t.end for t in self.items)

    def add(self, start: int, end: int, source: str) -> bool:
        if start >= end or self.overlaps(start, end):
            return False
        self.items.append(Toponym(start, end, source))
        return True


def find_toponyms(text: str, entities: Sequence, index: GazetteerIndex, *,
                  dateline: tuple[int, int] | None = None,
                  excluded: Iterable[tuple[int, int]] = (),
                  tokens: Sequence[Token] | None = None) -> list[Toponym]:
    """Return the place-name mentions of ``text`` in text order (see the module docstring).

    ``entities`` are NER spans with ``start``, ``end``, ``label``; ``dateline`` is the place
    part of a wire dateline; ``excluded`` spans (an outlet's name) hold no place.
    """
    excluded = list(excluded)
    votes = _label_votes(entities)
    surnames = {w for e in entities if e.label == "PERSON" for w in e.text.split()[1:]}
    spans = _Spans()
    for s, e in excluded:
        spans.items.append(Toponym(s, e, "excluded"))
    ambiguous = ambiguous_words()

    # 1. NER places (and the dateline, which the NER never sees).
    if dateline:
        spans.add(*dateline, "dateline")
    for ent in entities:
        if ent.label in PLACE_LABELS:
            start, end = trim_span(text, ent.start, ent.end)
            name = text[start:end]
            if (ambiguous.get(name) == "word" or name in surnames) \
                    and not _LOCATIVE.search(text, max(0, start - 16), start):
                continue  # "Bell said" where "Jim Bell" is a person of the story
            spans.add(start, end, "ner")

    # 2. Dateline-like openings and party-and-home notes.
    for m in _DATELINE_LIKE.finditer(text):
        name = m.group("place").strip(" .")
        start = m.start("place")
        if len(name) > 2 and _known(index, name.title(), min_pop=MIN_POP_CUED):
            spans.add(start, start + len(name), "dateline")
    for m in _PARTY_HOME.finditer(text):
        name = m.group("place").rstrip(",")
        start = m.start("place")
        if _known(index, name, min_pop=0):
            spans.add(start, start + len(name), "party")

    # 3. Places naming an organisation; 4. names the NER misread as persons or organisations.
    place_names = {text[t.start:t.end] for t in spans.items if t.source != "excluded"}
    for ent in entities:
        if ent.label not in NAME_LABELS:
            continue
        start, end = trim_span(text, ent.start, ent.end)
        name = text[start:end]
        if ent.label == "NORP" and (index.country_form(name) or not _LOCATIVE.search(text, max(0, start - 16), start)):
            continue  # a nationality; only a cued NORP may be a misread town ("near the town of Samarra")
        if name in surnames or votes.get(name, 0) < 0 and not _prominent(index, name):
            pass  # mostly a person or an organisation in this story ("Bell", "Mason")
        elif name in place_names or _whole_name_is_place(text, start, end, ent.label, index):
            kind = ambiguous.get(name)
            if kind is None or kind == "name" and ent.label != "PERSON":
                spans.add(start, end, "discourse")
                place_names.add(name)
            continue
        if ent.label == "ORG":
            for s, e in _organisation_places(text, start, end, index):
                if spans.add(s, e, "organisation"):
                    place_names.add(text[s:e])

    # 5. Gazetteer matching of capitalized words no entity covers. A word the NER uses in a
    # person's or an organisation's name elsewhere ("Bell" of "Jim Bell", "Honda") is no place.
    covered = [(e.start, e.end) for e in entities]
    name_words = ({w for e in entities if e.label in NAME_LABELS
                   for w in text[e.start:e.end].split()} - place_names) | surnames
    for s, e in _capitalized_runs(text, tokens):
        if any(cs < e and s < ce for cs, ce in covered):
            continue
        for ms, me in _longest_known(text, s, e, index, tokens, ambiguous):
            name = text[ms:me]
            if name in name_words:
                continue
            if spans.add(ms, me, "gazetteer"):
                place_names.add(name)

    # 4 again: other standalone occurrences of every name found as a place.
    place_names = {n for n in place_names if n not in surnames}
    _propagate(text, entities, spans, place_names, ambiguous)
    return sorted((t for t in spans.items if t.source != "excluded"), key=lambda t: t.start)


def _prominent(index: GazetteerIndex, name: str) -> bool:
    """Return whether ``name`` is a country, a division or a city of 100,000 or more."""
    return _known(index, name, min_pop=PROMINENT_POP) is not None


def _label_votes(entities: Sequence) -> dict[str, int]:
    """Return, per entity text, (times a place) - (times a person or organisation)."""
    votes: dict[str, int] = {}
    for ent in entities:
        if ent.label in ("GPE", "LOC"):
            votes[ent.text] = votes.get(ent.text, 0) + 1
        elif ent.label in ("PERSON", "ORG"):
            votes[ent.text] = votes.get(ent.text, 0) - 1
    return votes


def _whole_name_is_place(text: str, start: int, end: int, label: str,
                         index: GazetteerIndex) -> bool:
    """Return whether a PERSON/ORG entity is itself a place name in a place's position."""
    name = text[start:end]
    if not _is_name_text(name):
        return False
    if label == "ORG" and name.isupper() and text[start - 1:start] == "(" and text[end:end + 1] == ")" \
            and lookup_country(name) is None:
        return False  # an organisation's acronym in brackets: "(GAO)" is the Accountability Office, not Gao
    words = name.split()
    if len(words) > 1 and words[-1] in _PLACE_TYPE_WORDS:  # "Madison County" as PERSON
        return _known(index, name, min_pop=0) is not None
    cued = bool(_LOCATIVE.search(text, max(0, start - 16), start)) or \
        bool(re.match(r",\s*(?:[A-Z][a-z]*\.?\s?){1,2}(?:,|\.|\s)", text[end:end + 20]))
    if label == "PERSON":
        if not cued or len(words) > 2:
            return False
        entry = _known(index, name, min_pop=MIN_POP_CUED)
        return entry is not None and (entry.feature != "city" or entry.population >= MIN_POP_BARE)
    entry = _known(index, name, min_pop=MIN_POP_CUED if cued else MIN_POP_BARE)
    return entry is not None


def _organisation_places(text: str, start: int, end: int,
                         index: GazetteerIndex) -> list[tuple[int, int]]:
    """Return the place at the head ("Ohio Department of …") or tail ("Bank of Princeton")."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(words) < 2:
        return []
    tokens = [text[s:e] for s, e in words]
    if any(t in _OUTLET for t in tokens):
        return []
    out = []
    for n in range(min(len(words) - 1, 3), 0, -1):  # head: the longest known name first
        name_tokens = tokens[:n]
        if not all(t[:1].isupper() for t in name_tokens):
            continue
        s, e = words[0][0], words[n - 1][1]
        institutional = tokens[n] in _INSTITUTION
        # "Gainesville Police" for any town; "Oregon Guard" only for a prominent place
        if _known(index, text[s:e], min_pop=MIN_POP_CUED if institutional else PROMINENT_POP):
            out.append((s, e))
            break
    if not out:
        for i, tok in enumerate(tokens[:-1]):  # tail: "University of (the) Kentucky"
            if tok != "of":
                continue
            j = i + 1 + (tokens[i + 1] in ("the", "The"))
            if j < len(tokens) and all(t[:1].isupper() for t in tokens[j:]):
                s, e = words[j][0], words[-1][1]
                if _known(index, text[s:e], min_pop=MIN_POP_CUED):
                    out.append((s, e))
                break
    return out


def _capitalized_runs(text: str, tokens: Sequence[Token] | None) -> list[tuple[int, int]]:
    """Return runs of capitalized words (with tokens: runs of proper nouns)."""
    runs: list[tuple[int, int]] = []
    if tokens is not None:
        cur: list[Token] = []
        for tok in tokens:
            word = text[tok.start:tok.end]
            if tok.pos == "PROPN" and word[:1].isupper():
                if cur and text[cur[-1].end:tok.start].strip() not in ("", "-"):
                    runs.append((cur[0].start, cur[-1].end))
                    cur = []
                cur.append(tok)
            elif cur:
                runs.append((cur[0].start, cur[-1].end))
                cur = []
        if cur:
            runs.append((cur[0].start, cur[-1].end))
        return runs
    for m in re.finditer(r"[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*)*", text):
        runs.append((m.start(), m.end()))
    return runs


def _longest_known(text: str, start: int, end: int, index: GazetteerIndex,
                   tokens: Sequence[Token] | None,
                   ambiguous: dict[str, str]) -> list[tuple[int, int]]:
    """Return the known place names inside a run, longest first, without overlaps."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    words = [(start + s, start + e) for s, e in words]
    out: list[tuple[int, int]] = []
    sent_starts = {t.start for t in tokens if t.sent_start} if tokens else set()
    i = 0
    while i < len(words):
        found = None
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            s, e = trim_span(text, words[i][0], words[i + n - 1][1])
            name = text[s:e]
            if not name or not _is_name_text(name) or name in ambiguous:
                continue
            if n == 1 and (len(name) < 3 or name.isupper() and len(name) < 5):
                continue  # "US", "UK" are found by the NER; "PM", "ISIS" are not places
            initial = s in sent_starts or tokens is None and _sentence_initial(text, s) \
                or _title_case_line(text, s)
            cued = bool(_LOCATIVE.search(text, max(0, s - 16), s))
            min_pop = MIN_POP_CUED if cued else MIN_POP_BARE
            if initial and n == 1 and not cued:
                min_pop = max(min_pop, MIN_POP_BARE * 10)
            if _known(index, name, min_pop=min_pop, allow_alternate=n > 1):
                found = (s, e, n)
                break
        if found:
            out.append(found[:2])
            i += found[2]
        else:
            i += 1
    return out


def _title_case_line(text: str, start: int) -> bool:
    """Return whether ``start`` lies in a Title Case line (a headline: every word capitalized)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    if len(line) > 300:
        line = text[max(line_start, start - 80):start + 80]
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip()
    return not before or before[-1] in ".!?\"“\n:"


def _propagate(text: str, entities: Sequence, spans: _Spans, names: set[str],
               ambiguous: dict[str, str]) -> None:
    """Mark the other standalone occurrences of each accepted name (one sense per discourse)."""
    blocked = [(e.start, e.end, e.label, e.end - e.start) for e in entities
               if e.label in NAME_LABELS and e.label != "NORP"]
    for name in sorted(names, key=len, reverse=True):
        if not name or ambiguous.get(name) == "word" or not _is_name_text(name):
            continue
        forms = {name, name.upper()} if not name.isupper() else {name, name.title()}
        for form in forms:
            for s in _occurrences(text, form):
                e = s + len(form)
                if spans.overlaps(s, e):
                    continue
                inside = [b for b in blocked if b[0] <= s and e <= b[1]]
                if any(b[3] > e - s and not _name_at_edge(text, b, s, e) for b in inside):
                    continue  # part of a longer person or organisation name
                if ambiguous.get(name) == "name" and any(b[2] == "PERSON" for b in inside):
                    continue  # "Jordan" the player, in an article about Jordan
                spans.add(s, e, "discourse")


def _occurrences(text: str, form: str) -> list[int]:
    """Return the starts of ``form`` in ``text`` as a whole word."""
    out = []
    i = text.find(form)
    while i != -1:
        before = text[i - 1] if i else " "
        after = text[i + len(form)] if i + len(form) < len(text) else " "
        if not (before.isalnum() or before in "_.-") and not (after.isalnum() or after in "_-"):
            out.append(i)
        i = text.find(form, i + 1)
    return out


def _name_at_edge(text: str, entity: tuple[int, int, str, int], s: int, e: int) -> bool:
    """Return whether an organisation's name starts with the place and goes on institutionally."""
    start, end, label, _ = entity
    if label != "ORG" or s != start:
        return False
    rest = text[e:end].split()
    return bool(rest) and rest[0] in _INSTITUTION and not any(w in _OUTLET for w in rest)


__all__ = ["PLACE_LABELS", "Token", "Toponym", "ambiguous_words", "find_toponyms", "trim_span"]
