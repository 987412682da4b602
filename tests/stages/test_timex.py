"""The timex stage on documents built by hand (no spaCy)."""
from __future__ import annotations

from eventwire.model import Article, Dateline, Document, Sentence
from eventwire.stages.timex import ASSIGNS, REQUIRES, find_timex

TEXT = ("ROME (Example Wire - 12th November, 2020) Police said on Thursday that a bomb went off "
        "on October 29. Investigators will report next week.")


def _document(sentences: bool, published: str | None = "2020-11-12") -> Document:
    doc = Document(article=Article(text=TEXT), published=published)
    if sentences:
        head = TEXT.index(")") + 1
        first_end = TEXT.index("29.") + 3
        doc.dateline = Dateline(start=0, end=head)
        doc.sentences = [Sentence(head + 1, first_end, 1), Sentence(first_end + 1, len(TEXT), 1)]
    return doc


def test_declares_what_it_needs_and_adds() -> None:
    assert REQUIRES == {"sentences", "published"}
    assert ASSIGNS == {"timex"}


def test_fills_timex_from_sentences_and_dateline() -> None:
    doc = find_timex(_document(sentences=True))
    assert [(t.text, t.value) for t in doc.timex] == [
        ("12th November, 2020", "2020-11-12"), ("on Thursday", "2020-11-12"),
        ("October 29", "2020-10-29"), ("next week", "2020-W47")]
    assert all(TEXT[t.start:t.end] == t.text for t in doc.timex)


def test_without_sentences_searches_the_whole_text() -> None:
    doc = find_timex(_document(sentences=False))
    assert [t.value for t in doc.timex] == ["2020-11-12", "2020-11-12", "2020-10-29", "2020-W47"]


def test_without_published_values_are_underspecified() -> None:
    doc = find_timex(_document(sentences=True, published=None))
    assert [t.value for t in doc.timex] == ["2020-11-12", "XXXX-WXX-4", "XXXX-10-29", "FUTURE_REF"]
