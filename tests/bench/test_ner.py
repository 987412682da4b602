"""The NER benchmark's scoring, label mapping and data loading."""
from __future__ import annotations

import pytest

from eventwire.bench import ner


def test_score_is_exact_span_micro_f1() -> None:
    gold = {(0, 5): "PER", (10, 15): "LOC", (20, 25): "ORG"}
    pred = {(0, 5): "PER", (10, 15): "ORG", (30, 35): "MISC"}
    result = ner.score([(gold, pred)])
    assert result["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["per_label"]["PER"]["f1"] == 1.0
    assert result["per_label"]["LOC"]["recall"] == 0.0


def test_predictions_are_widened_to_dataset_tokens() -> None:
    assert ner._widen("the U.S. 's envoy", 4, 7) == (4, 8)


def test_conll_segments_are_lines() -> None:
    text = "HEADLINE .\nLONDON 1996-08-30\nA sentence ."
    segs = ner.segments_of("conll2003", text)
    assert [text[s.start:s.end] for s in segs] == ["HEADLINE .", "LONDON 1996-08-30", "A sentence ."]
    assert segs[0].kind == "headline"


def test_re3d_named_only_drops_nominals() -> None:
    record = {"entities": [{"start": 0, "end": 3, "label": "Organisation", "text": "the UN"},
                           {"start": 4, "end": 9, "label": "Person", "text": "Volk"},
                           {"start": 10, "end": 12, "label": "Weapon", "text": "gun"}]}
    gold, dropped = ner.gold_spans("re3d", record, named_only=True)
    assert gold == {(4, 9): "PER"} and dropped == [(0, 3)]


def test_unknown_dataset_is_an_error() -> None:
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="conll2003"):
        ner.load("ontonotes")


@pytest.mark.model
def test_run_on_a_few_conll_documents(shared_dir) -> None:
    result = ner.run("conll2003", "dev", limit=3)
    assert result["documents"] == 3 and 0.5 < result["f1"] <= 1.0
    assert set(result["per_label"]) <= {"PER", "ORG", "LOC", "MISC"}
