"""Story clusters over the store: exact and near duplicates, incremental, persistent, merged."""
from __future__ import annotations

from corpus_helpers import example_text

from eventwire.corpus import Corpus
from eventwire.store import open_store

A = example_text("20a-eu-madagascar-sanctions-threat.txt")
B = example_text("20b-eu-madagascar-sanctions-threat.txt")
STRIKE = example_text("03-durban-port-strike.txt")
RAID = example_text("02-nigeria-kaduna-village-raid.txt")


def rec(id: str, text: str, outlet: str | None = None, url: str | None = None, published: str | None = None) -> dict:
    return {"id": id, "text": text, "outlet": outlet, "url": url, "title": text.split("\n", 1)[0],
            "published": published, "actors": [], "places": [], "events": []}


def test_syndicated_pair_shares_a_cluster_and_is_flagged(corpus: Corpus):
    first = corpus.add(rec("20a", A, "Meridian News", published="2024-08-27"))
    second = corpus.add(rec("20b", B, "Eastlake Wire", published="2024-08-27"))
    other = corpus.add(rec("03", STRIKE, "Meridian News"))
    assert first == {"cluster": first["cluster"], "duplicate_of": None, "similarity": None}
    assert second["cluster"] == first["cluster"] and second["duplicate_of"] == "20a"
    assert 0.6 < second["similarity"] < 1.0
    assert other["cluster"] != first["cluster"] and other["duplicate_of"] is None
    [story] = corpus.stories(syndicated=True)
    assert story["id"] == first["cluster"] and story["founder"] == "20a" and story["articles"] == 2
    assert story["outlets"] == ["Eastlake Wire", "Meridian News"] and story["first_published"] == "2024-08-27"
    assert story["members"] == ["20a", "20b"]
    assert corpus.stats()["stories"] == 2


def test_exact_copy_under_another_id_is_a_duplicate_with_similarity_one(corpus: Corpus):
    corpus.add(rec("x1", RAID, "Wire One"))
    copy = corpus.add(rec("x2", RAID.replace("\n\n", "\n\n  "), "Wire Two"))  # whitespace only
    assert copy["duplicate_of"] == "x1" and copy["similarity"] == 1.0


def test_adding_again_is_idempotent(corpus: Corpus):
    a = corpus.add(rec("20a", A, "Meridian News"))
    b = corpus.add(rec("20b", B, "Eastlake Wire"))
    assert corpus.add(rec("20b", B, "Eastlake Wire")) == b
    assert corpus.add(rec("20a", A, "Meridian News")) == a
    assert corpus.stats()["story articles"] == 2


def test_a_reused_id_with_new_text_is_reassigned(corpus: Corpus):
    corpus.add(rec("20a", A, "Meridian News"))
    corpus.add(rec("u1", B, "Eastlake Wire"))
    moved = corpus.add(rec("u1", STRIKE, "Eastlake Wire"))
    assert moved["duplicate_of"] is None
    assert {s["articles"] for s in corpus.stories()} == {1}


def test_the_index_survives_a_restart(store_url: str):
    with open_store(store_url) as store:
        first = Corpus(store).add(rec("20a", A, "Meridian News"))
    with open_store(store_url) as store:
        again = Corpus(store).add(rec("20b", B, "Eastlake Wire"))
    assert again["cluster"] == first["cluster"] and again["duplicate_of"] == "20a"


def test_a_copy_of_two_clusters_merges_them(corpus: Corpus):
    paragraphs = STRIKE.strip().split("\n\n")
    head, tail = "\n\n".join(paragraphs[:4]), "\n\n".join(paragraphs[:1] + paragraphs[4:])
    one = corpus.add(rec("head", head, "Wire One"))
    two = corpus.add(rec("tail", tail, "Wire Two"))
    assert one["cluster"] != two["cluster"]  # too little in common to tell
    full = corpus.add(rec("full", STRIKE, "Wire Three"))  # contains both: one story after all
    assert full["cluster"] == one["cluster"]
    assert corpus.clusters() == {"head": one["cluster"], "tail": one["cluster"], "full": one["cluster"]}
    assert corpus.resolve_cluster(two["cluster"]) == one["cluster"]
    [story] = corpus.stories()
    assert story["articles"] == 3 and story["syndicated"] is True


def test_an_outlets_repeated_paragraph_is_its_boilerplate(corpus: Corpus):
    promo = ("The Daily Ledger is an independent news service covering politics, business, security and "
             "human rights across the region, with correspondents in more than forty capitals.")
    briefs = [example_text(name).strip().split("\n\n")[1] for name in (
        "01-kenya-tanzania-trade-talks.txt", "06-lima-fuel-protests.txt", "09-malawi-lifts-rally-ban.txt",
        "13-tajikistan-kyrgyz-border-shelling.txt")]
    results = [corpus.add(rec(f"b{i}", f"{brief}\n\n{promo}", "Daily Ledger")) for i, brief in enumerate(briefs)]
    assert len({r["cluster"] for r in results}) == 4  # the shared promo does not make one story


def test_one_outlet_alone_is_not_syndication(corpus: Corpus):
    corpus.add(rec("v1", A, "Meridian News"))
    corpus.add(rec("v2", A + "\n\nUpdated with the ministry's statement.", "Meridian News"))
    [story] = corpus.stories()
    assert story["articles"] == 2 and story["syndicated"] is False
    corpus.add(rec("v3", A, None, url="https://www.example.org/eu"))
    assert corpus.stories()[0]["syndicated"] is True


def test_remove_forgets_an_article(corpus: Corpus):
    a = corpus.add(rec("20a", A, "Meridian News"))
    corpus.add(rec("20b", B, "Eastlake Wire"))
    corpus.remove("20a")
    assert corpus.story_of("20a") is None
    assert corpus.stories()[0]["articles"] == 1
    again = corpus.add(rec("20a", A, "Meridian News"))
    assert again["cluster"] == a["cluster"] and again["duplicate_of"] == "20b"
