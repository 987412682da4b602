"""Code a phrase's tokens to a country and sector from demonyms, country names and role words."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from eventwire.gazetteer import lookup_country
from eventwire.ontology import Ontology, RoleEntry

# Words that mark a demonym as ethnic origin rather than nationality ("of Chechen origin").
ORIGIN_WORDS = frozenset({"origin", "descent", "heritage", "background", "born"})


@dataclass(frozen=True, slots=True)
class PhraseCode:
    country: str | None = None
    sector: str | None = None
    role: RoleEntry | None = None
    role_start: int | None = None  # index into the tokens of the role words
    role_end: int | None = None
    country_index: int | None = None  # index of the token that gave the country


@lru_cache(maxsize=4096)
def country_of_word(text: str) -> str | None:
    """Return the ISO3 of a country name, alias or demonym ("Russian" → RUS), or None."""
    if not text or not text[0].isupper():
        return None
    info = lookup_country(text)
    return info.iso3 if info else None


def find_role(words: Sequence[str], onto: Ontology) -> tuple[RoleEntry, int, int] | None:
    """Return the last (head-most) role in ``words`` (lowercase) as (entry, start, end).

    Hyphens between words are skipped, so "Secretary - General" is "secretary general".
    """
    keep = [i for i, w in enumerate(words) if w not in {"-", "–"}]
    plain = [words[i] for i in keep]
    best = None
    i = 0
    while i < len(plain):
        for n in range(min(onto.max_role_words, len(plain) - i), 0, -1):
            entry = onto.roles.get(tuple(plain[i:i + n]))
            if entry:
                best = (entry, keep[i], keep[i + n - 1] + 1)
                i += n - 1
                break
        i += 1
    return best


def mixed_origin(tokens: Sequence) -> bool:
    """True when a capitalized origin is named ("of Chechen origin", "of Turkish descent")."""
    return any(tokens[i + 1].lower_ in ORIGIN_WORDS and tok.text[:1].isupper() for i, tok in enumerate(tokens[:-1]))


def code_phrase(tokens: Sequence, onto: Ontology) -> PhraseCode:
    """Code spaCy tokens (a title or noun phrase) to country and sector.

    The country comes from a country name or demonym ("French", "Russia's", "of France");
    a demonym followed by "origin"/"descent" is ethnicity, not nationality, and is ignored.
    """
    words = [t.lower_ for t in tokens]
    found = find_role(words, onto)
    country = None
    country_index = None
    for i, tok in enumerate(tokens):
        text = tok.text
        if text in ("'s", "’s"):
            continue
        iso = country_of_word(text) or (country_of_word(f"{text} {tokens[i + 1].text}") if i + 1 < len(tokens) else None)
        if not iso:
            continue
        if i + 1 < len(tokens) and tokens[i + 1].lower_ in ORIGIN_WORDS:
            continue
        if i > 0 and tokens[i - 1].lower_ == "ethnic":
            continue  # "ethnic Albanians in Serbia": ethnicity, not nationality
        following = "".join(t.text for t in tokens[i + 1:i + 3]).lower()
        if following in {"-born", "-based"} or text.endswith(("-born", "-based")):
            continue  # "Russia-born supporters": birthplace, not nationality
        country, country_index = iso, i
        break
    if country is None:  # "Chechen rebels", "Tibetan protesters": a people of one state
        for i, tok in enumerate(tokens):
            iso = onto.peoples.get(tok.lower_) if tok.text[:1].isupper() else None
            if iso and not (i > 0 and tokens[i - 1].lower_ == "ethnic"):
                country, country_index = iso, i
                break
    if country is not None and mixed_origin(tokens):
        # "a French teen of Chechen origin": the text gives a nationality and another origin;
        # which one the person holds is not stated, so the coder does not choose.
        country, country_index = None, None
    if found:
        role, start, end = found
        return PhraseCode(country, role.sector, role, start, end, country_index)
    return PhraseCode(country, None, None, None, None, country_index)
