"""Load the ontology's data files into frozen, typed tables."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from eventwire.errors import ConfigError


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    plover: str | None
    mode: str | None
    contexts: tuple[str, ...]
    quad: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class RoleEntry:
    words: tuple[str, ...]
    sector: str
    kind: str  # "person" or "group"
    role: str  # a coarse class used by coreference ("minister", "spokesperson", …)


@dataclass(frozen=True, slots=True)
class IgoEntry:
    alias: str
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class KnownActor:
    """A well-known person or organisation (actors/known.tsv): its country and sector."""

    name: str
    type: str  # PERSON or ORG
    country: str | None  # ISO3, or None for international actors (see ``code``)
    sector: str
    code: str | None = None  # explicit CAMEO code for international actors ("IGO", "IMGINS")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexical trigger: a lemma (with an optional object/complement lemma) and its code."""

    lemma: str
    pos: str  # VERB or NOUN
    cameo: str
    plover: str  # may override the CAMEO->PLOVER map (noted in triggers.tsv)
    with_word: str | None  # a dependent lemma the trigger needs ("express" + "sympathy")
    target_preps: tuple[str, ...]  # prepositions whose object is the recipient
    patient_of: bool  # for nominals: "X of Y" makes Y the recipient (deportation of Y)
    word_is_target: bool = False  # the second word is the recipient ("expelled two diplomats")


@dataclass(frozen=True)
class Ontology:
    cameo: Mapping[str, CameoCode]
    roles: Mapping[tuple[str, ...], RoleEntry]
    max_role_words: int
    igos: Mapping[str, IgoEntry]
    known: Mapping[str, KnownActor]  # lowercased alias (and name) -> actor
    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]
    words: Mapping[str, frozenset[str]]
    plover_quad: Mapping[str, int]
    peoples: Mapping[str, str] = field(default_factory=dict)  # regional or ethnic demonym -> ISO3 of its state
    seats: Mapping[str, str] = field(default_factory=dict)  # seat of government (not a capital) -> ISO3

    def code(self, cameo: str) -> CameoCode:
        try:
            return self.cameo[cameo]
        except KeyError:
            raise ConfigError(f"CAMEO code {cameo!r} is not in ontology/cameo.tsv") from None


def _rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.ontology").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t")]


def _load_cameo() -> dict[str, CameoCode]:
    rows = _rows("cameo.tsv")
    out = {}
    for code, name, plover, mode, contexts, quad, goldstein in rows[1:]:
        out[code] = CameoCode(code, name, plover or None, mode or None,
                              tuple(c for c in contexts.split(";") if c), int(quad), float(goldstein))
    return out


def _load_triggers(cameo: Mapping[str, CameoCode]) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    out: dict[tuple[str, str], list[Trigger]] = {}
    for row in _rows("triggers.tsv"):
        row = (row + [""] * 6)[:6]
        lemma, pos, code, plover, preps, flags = (c.strip() for c in row)
        word = None
        if "+" in lemma:
            lemma, word = lemma.split("+", 1)
        if code not in cameo:
            raise ConfigError(f"triggers.tsv: {lemma!r} has unknown CAMEO code {code!r}")
        ptype = plover or cameo[code].plover
        if not ptype:
            raise ConfigError(f"triggers.tsv: {lemma!r} ({code}) has no PLOVER type; give one")
        flag_set = {f.strip() for f in flags.split(",")}
        trig = Trigger(lemma, pos, code, ptype, word, tuple(p for p in preps.split(",") if p), "of" in flag_set,
                       "obj" in flag_set)
        out.setdefault((lemma, pos), []).append(trig)
    # Triggers needing a dependent word are tried before the bare lemma.
    return {k: tuple(sorted(v, key=lambda t: t.with_word is None)) for k, v in out.items()}


# Pseudo-countries of known.tsv: international actors, coded by CAMEO code, not ISO3.
INTERNATIONAL = frozenset({"IGO", "IMG", "NGO"})


def _load_known() -> dict[str, KnownActor]:
    out: dict[str, KnownActor] = {}
    for row in _rows("actors/known.tsv"):
        name, type_, country, sector, aliases = (row + [""] * 5)[:5]
        if type_ not in {"PERSON", "ORG"}:
            raise ConfigError(f"actors/known.tsv: {name!r} has type {type_!r}; PERSON or ORG")
        if country in INTERNATIONAL:
            actor = KnownActor(name, type_, None, sector, country if country == sector else country + sector)
        else:
            actor = KnownActor(name, type_, country, sector)
        for alias in (name, *(a for a in aliases.split("|") if a.strip())):
            key = alias.strip().lower()
            if key in out and out[key] != actor:
                raise ConfigError(f"actors/known.tsv: alias {alias!r} names two actors")
            out[key] = actor
    return out


def _load_words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group, word in _rows("words.tsv"):
        out.setdefault(group.strip(), set()).add(word.strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Return the ontology tables (read once per process; immutable)."""
    cameo = _load_cameo()
    roles = {}
    for word, sector, kind, role in _rows("actors/roles.tsv"):
        key = tuple(word.lower().split())
        roles[key] = RoleEntry(key, sector, kind, role)
    igos = {alias: IgoEntry(alias, name, code) for alias, name, code in _rows("actors/igos.tsv")}
    for entry in list(igos.values()):  # the canonical name is an alias of its own
        igos.setdefault(entry.name, IgoEntry(entry.name, entry.name, entry.code))
    return Ontology(
        cameo=MappingProxyType(cameo),
        roles=MappingProxyType(roles),
        max_role_words=max(len(k) for k in roles),
        igos=MappingProxyType(igos),
        known=MappingProxyType(_load_known()),
        triggers=MappingProxyType(_load_triggers(cameo)),
        words=MappingProxyType(_load_words()),
        plover_quad=MappingProxyType({t: int(q) for t, q, _name in _rows("plover.tsv")}),
        peoples=MappingProxyType({word.lower(): iso3 for word, iso3 in _rows("actors/peoples.tsv")}),
        seats=MappingProxyType({name: iso3 for name, iso3, _note in _rows("actors/seats.tsv")}),
    )
