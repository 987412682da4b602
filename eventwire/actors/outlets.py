"""The outlets named in a wire dateline, as media actors ("Pakistan Point News / Sputnik")."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from eventwire.actors.drafts import Draft, Roster
from eventwire.gazetteer import lookup_country
from eventwire.model import Document, Mention

_PART = re.compile(r"[^/,;|]+")


@lru_cache(maxsize=1)
def media_countries() -> dict[str, str]:
    text = resources.files("eventwire.ontology").joinpath("actors/media.tsv").read_text("utf-8")
    rows = csv.reader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), delimiter="\t")
    return {name: country for name, country in rows}


def outlet_country(name: str) -> str | None:
    """Return an outlet's home country: a known agency, or a country named in its name."""
    known = media_countries().get(name)
    if known:
        return known
    for n in (3, 2, 1):
        words = name.split()
        for i in range(len(words) - n + 1):
            info = lookup_country(" ".join(words[i:i + n]))
            if info:
                return info.iso3
    return None


def add_outlets(doc: Document, roster: Roster) -> None:
    """Add one MED actor per outlet in the dateline's parentheses."""
    dl = doc.dateline
    if dl is None or dl.outlet_start is None or dl.outlet_end is None:
        return
    for m in _PART.finditer(doc.text, dl.outlet_start, dl.outlet_end):
        start, end = m.start(), m.end()
        while start < end and doc.text[start].isspace():
            start += 1
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if end - start < 2:
            continue
        name = doc.text[start:end]
        draft = roster.find_name(name, "ORG") or Draft(name=name, type="ORG", country=outlet_country(name), sector="MED")
        roster.mention(draft, Mention(start=start, end=end, text=name, kind="name"))
