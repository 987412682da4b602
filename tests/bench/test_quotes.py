"""The quotes benchmark's matching rules on hand-made records."""
from __future__ import annotations

import pytest

from eventwire.bench import quotes

TEXT = '“We are ready,” Volk said. Kolokoltsev said Russia would help.'


def record(speaker: str | None = "a1", start: int = 1, end: int = 14) -> dict:
    return {"text": TEXT,
            "actors": [{"id": "a1", "name": "Irina Volk", "mentions": [{"start": 16, "end": 20, "text": "Volk", "kind": "name"}]}],
            "quotes": [{"id": "q1", "start": start, "end": end, "text": TEXT[start:end], "kind": "direct", "speaker": speaker},
                       {"id": "q2", "start": 45, "end": 62, "text": TEXT[45:62], "kind": "indirect", "speaker": None}]}


GOLD = {"id": "doc", "attributions": [
    {"content": {"spans": [[0, 15]], "text": TEXT[0:15]}, "source": {"spans": [[16, 20]], "text": "Volk"},
     "content_is_direct_quote_heuristic": True},
    {"content": {"spans": [[45, 63]], "text": TEXT[45:63]}, "source": {"spans": [[27, 38]], "text": "Kolokoltsev"},
     "content_is_direct_quote_heuristic": False}]}


def test_found_exact_and_speaker() -> None:
    result = quotes.score([GOLD], [record()])
    assert result["direct"]["found (overlap)"] == 1.0
    assert result["direct"]["found (exact)"] == 1.0
    assert result["direct"]["speaker right"] == 1.0
    assert result["indirect"]["found (overlap)"] == 1.0
    assert result["indirect"]["speaker right"] == 0.0


def test_partial_span_is_found_but_not_exact() -> None:
    result = quotes.score([GOLD], [record(start=1, end=8)])
    assert result["direct"]["found (overlap)"] == 1.0 and result["direct"]["found (exact)"] == 0.0


def test_missing_speaker_is_wrong() -> None:
    assert quotes.score([GOLD], [record(speaker=None)])["direct"]["speaker right"] == 0.0


def test_speaker_right_by_name_inside_the_gold_source() -> None:
    rec = record()
    rec["actors"][0]["mentions"] = [{"start": 100, "end": 104, "text": "Volk", "kind": "name"}]
    gold = {"source": {"spans": [[0, 30]], "text": "Russian spokeswoman Irina Volk"}}
    assert quotes.speaker_right(rec, rec["quotes"][0], gold)


def test_unknown_split_is_an_error() -> None:
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="dev"):
        quotes.load("validation")


@pytest.mark.model
def test_run_on_a_few_documents(shared_dir) -> None:
    result = quotes.run("dev", limit=2)
    assert result["documents"] == 2 and result["direct"]["gold"] > 0
