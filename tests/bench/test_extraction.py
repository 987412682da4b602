"""The article-extraction benchmark's shingle metric and its run through the HTML reader."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.bench import extraction

GOLD = ("Rescue teams reached the flooded villages on Tuesday after the river burst its banks. "
        "Officials said about 300 families had been moved to schools on higher ground. "
        "The regional governor asked the army for boats and fuel.")


def _page(body_paragraphs: list[str]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    nav = "".join(f'<li><a href="/s{i}">Section {i} news and more</a></li>' for i in range(12))
    return (
        "<html><head><title>Floods cut off villages</title></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>Floods cut off villages</h1>{paragraphs}</article></main>"
        "<footer><p>Copyright 2024 Example Media. All rights reserved. Subscribe to our "
        "newsletter for the latest headlines every morning.</p></footer></body></html>")


def test_tokens_and_shingles_follow_the_benchmark() -> None:
    assert extraction.tokens("It's 3.5 km—far!") == ["It", "s", "3", "5", "km", "far"]
    assert extraction.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert extraction.shingles("a b") == {("a", "b"): 1}  # short text: one shingle of all
    assert extraction.shingles("") == {}
    # a multiset: a repeated run counts twice
    assert extraction.shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_score_page_counts_multiset_overlap_normalised() -> None:
    perfect = extraction.score_page("a", GOLD, GOLD)
    assert (perfect.precision, perfect.recall, perfect.exact) == (1.0, 1.0, True)
    # prediction = gold + boilerplate: full recall, lower precision
    noisy = extraction.score_page("b", GOLD, GOLD + " Sign up for our newsletter today and save")
    assert noisy.recall == 1.0 and 0.7 < noisy.precision < 1.0 and not noisy.exact
    assert noisy.tp + noisy.fp + noisy.fn == pytest.approx(1.0)
    # prediction = first sentence only: full precision, lower recall
    first = GOLD.split(". ")[0]
    short = extraction.score_page("c", GOLD, first)
    assert short.precision == 1.0 and short.recall < 0.5
    # no prediction (a page the reader refused)
    empty = extraction.score_page("d", GOLD, "", rejected="no article text")
    assert (empty.precision, empty.recall) == (0.0, 0.0)


def test_aggregate_is_f1_of_mean_precision_and_recall() -> None:
    pages = [extraction.PageScore("a", 0.5, 0.5, 0.0, False),   # P 0.5, R 1
             extraction.PageScore("b", 0.5, 0.0, 0.5, False),   # P 1, R 0.5
             extraction.PageScore("c", 0.0, 0.0, 1.0, False, "rejected")]  # P excluded, R 0
    out = extraction.aggregate(pages)
    assert out["precision"] == 0.75  # page c has tp + fp = 0: not in the precision mean
    assert out["recall"] == 0.5
    assert out["f1"] == round(2 * 0.75 * 0.5 / 1.25, 4)
    assert out["rejected"] == 1 and out["accuracy"] == 0.0
    assert extraction.aggregate([]) == {"pages": 0}


def test_reader_keeps_the_article_and_drops_the_boilerplate() -> None:
    text, why = extraction.extract(_page(GOLD.split(". ")), "https://example.org/floods")
    assert why is None
    score = extraction.score_page("p", GOLD, text)
    assert score.recall > 0.9 and score.precision > 0.8
    assert "newsletter" not in text and "Section 3" not in text


def test_reader_refusal_scores_as_an_empty_prediction(tmp_path: Path, monkeypatch) -> None:
    nav_only = "<html><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>"
    folder = tmp_path / extraction.DATASET
    folder.mkdir()
    records = [{"id": "good", "url": "https://example.org/a", "html": _page(GOLD.split(". ")),
                "gold_text": GOLD},
               {"id": "nav", "url": "https://example.org/b", "html": nav_only, "gold_text": GOLD}]
    (folder / extraction.FILE).write_text("".join(json.dumps(r) + "\n" for r in records))
    monkeypatch.setenv("EVENTWIRE_BENCH_DIR", str(tmp_path))
    report = extraction.run()
    assert report["pages"] == 2 and report["rejected"] == 1
    assert report["recall"] < 0.6  # the refused page contributes recall 0
    assert report["worst"][0]["id"] == "nav" and report["worst"][0]["rejected"]


def test_a_few_benchmark_pages_through_the_reader() -> None:
    from eventwire.errors import ConfigError

    try:
        path = extraction.dataset_path()
    except ConfigError:  # no ../shared beside the project
        path = None
    if path is None or not path.is_file():
        pytest.skip("../shared/bench/article_extraction_benchmark is not present")
    report = extraction.aggregate(extraction.score_records(extraction.read_pages(path, limit=8)))
    assert report["pages"] == 8
    # the full set scores F1 0.957; a handful of pages must still be mostly right
    assert report["f1"] > 0.85
