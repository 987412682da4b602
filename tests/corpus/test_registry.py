"""The actor registry: one person or organisation across articles, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from helpers_records import make_record

from eventwire.corpus import Corpus
from eventwire.corpus.registry import fold, name_key, skeleton


@pytest.mark.parametrize("a, b", [
    ("Sergei Lavrov", "Sergey Lavrov"), ("Dmitri Peskov", "Dmitry Peskov"), ("Mohammed Saleh", "Muhammad Saleh"),
    ("Aleksandr Novak", "Alexander Novak"), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("José Ortiz", "Jose Ortiz"),
])
def test_spelling_variants_share_a_key(a, b):
    assert name_key(a, "PERSON") == name_key(b, "PERSON")


@pytest.mark.parametrize("a, b", [("Sergei Lavrov", "Sergei Lavrenko"), ("Ali Hassan", "Ali Hussain"),
                                  ("Amina Odhiambo", "Amani Odhiambo")])
def test_different_people_keep_apart(a, b):
    assert name_key(a, "PERSON") != name_key(b, "PERSON")


def test_folding_and_skeleton():
    assert fold("Zelenskyy") == fold("Zelensky") == "zelenski"
    assert skeleton("Sergei") == skeleton("Sergey") == "srgi"


def article(id: str, name: str, *, country: str | None, title: str | None, published: str) -> dict:
    """make_record's article with its first actor renamed (and coded or not)."""
    record = make_record(id, published=published)
    actor = record["actors"][0]
    actor.update(name=name, country=country, sector="GOV" if country else None,
                 code=f"{country}GOV" if country else None, title=title)
    return record


def test_untitled_mention_takes_the_coding_learned_earlier(corpus: Corpus):
    corpus.add(article("a-1", "Sergei Lavrova", country="RUS", title="Foreign Minister", published="2020-01-02"))
    later = article("a-2", "Sergey Lavrova", country=None, title=None, published="2020-02-03")
    corpus.add(later)
    assert (later["actors"][0]["country"], later["actors"][0]["code"]) == ("RUS", "RUSGOV")
    surname_only = article("a-3", "Lavrova", country=None, title=None, published="2020-03-04")
    corpus.add(surname_only)
    assert surname_only["actors"][0]["country"] == "RUS"
    [entry] = [e for e in corpus.registry("lavrova")]
    assert entry["articles"] == 3 and {"Sergei Lavrova", "Sergey Lavrova"} <= set(entry["spellings"])
    assert [t["title"] for t in entry["titles"]] == ["Foreign Minister"]
    assert (entry["first_seen"], entry["last_seen"]) == ("2020-01-02", "2020-03-04")


def test_shared_surname_codes_no_one(corpus: Corpus):
    corpus.add(article("b-1", "Anna Kowal", country="POL", title="Minister", published="2020-01-01"))
    corpus.add(article("b-2", "Piotr Kowal", country="UKR", title="Mayor", published="2020-01-02"))
    alone = article("b-3", "Kowal", country=None, title=None, published="2020-01-03")
    corpus.add(alone)
    assert alone["actors"][0]["country"] is None


def test_reingesting_gives_the_same_record(corpus: Corpus):
    corpus.add(article("c-1", "Irina Volkova", country=None, title=None, published="2020-01-01"))
    corpus.add(article("c-2", "Irina Volkova", country="RUS", title="spokeswoman", published="2020-01-02"))
    again = article("c-1", "Irina Volkova", country=None, title=None, published="2020-01-01")
    corpus.add(again)
    assert again["actors"][0]["country"] is None  # what c-1 said the first time, not what c-2 taught since
    assert corpus.registry("volkova")[0]["articles"] == 2
