"""The event benchmark's scoring functions, with hand-made gold and predictions."""
from __future__ import annotations

import json

import pytest

from eventwire.bench import events as bench
from eventwire.bench.events import NONE, Ev

# The CASE 2021 Task 2 label set: 25 ACLED sub-event types, 3 unseen types, 2 added in subtask 3.
CASE_LABELS = {
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK", "ATTACK",
    "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT",
    "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER",
    "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL",
    "SUIC_BOMB", "VIOL_DEMONSTR", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
}


def gsr_record(rid: str, text: str, event: str, actor: str | None = None, recipient: str | None = None,
               quad: int = 1) -> dict:
    return {"id": rid, "text": text, "gold": {
        "event": event, "quad_class": quad,
        "actor": [{"text": "x", "code": actor, "sector": None}] if actor else [],
        "recipient": [{"text": "y", "code": recipient, "sector": None}] if recipient else []}}


# ---------------------------------------------------------------- metrics


def test_per_class_none_prediction_costs_recall_only():
    gold = ["AGREE", "AGREE", "ASSAULT", "ASSAULT"]
    pred = ["AGREE", NONE, "AGREE", "ASSAULT"]
    table = bench.per_class(gold, pred)
    assert NONE not in table
    assert table["AGREE"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert table["ASSAULT"]["p"] == 1.0 and table["ASSAULT"]["r"] == 0.5
    assert table["ASSAULT"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert bench.macro_f1(table, ["AGREE", "ASSAULT"]) == pytest.approx((0.5 + 2 / 3) / 2, abs=1e-4)


def test_macro_f1_counts_a_missing_label_as_zero():
    table = bench.per_class(["A", "B"], ["A", "A"])
    assert bench.macro_f1(table, ["A", "B", "C"]) == pytest.approx((2 / 3) / 3, abs=1e-4)
    assert bench.macro_f1({}, []) == 0.0


def test_weighted_f1_weights_by_gold_support():
    gold = ["A", "A", "A", "B"]
    pred = ["A", "A", "B", "B"]
    table = bench.per_class(gold, pred)
    # A: p 1, r 2/3 -> f1 0.8; B: p 0.5, r 1 -> f1 2/3; weighted (3*0.8 + 1*2/3)/4
    assert bench.weighted_f1(table, ["A", "B"]) == pytest.approx((3 * 0.8 + 2 / 3) / 4, abs=1e-3)
    assert bench.weighted_f1(table, ["B", "Z"]) == pytest.approx(2 / 3, abs=1e-3)  # unseen Z has no weight


def test_class_table_can_score_none_as_a_class():
    gold = [NONE, NONE, "AGREE"]
    pred = [NONE, "AGREE", NONE]
    table = bench.class_table(gold, pred, none_is_class=True)
    assert table[NONE] == {"p": 0.5, "r": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert table["AGREE"]["f1"] == 0.0
    assert NONE not in bench.class_table(gold, pred)


def test_binary_prf():
    assert bench.binary_prf([True, True, False, False], [True, False, True, False]) == {
        "p": 0.5, "r": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert bench.binary_prf([False], [False])["f1"] == 0.0


# ---------------------------------------------------------------- predictions


def test_top_event_is_highest_confidence_first_on_ties():
    evs = [Ev("CONSULT", confidence=0.6), Ev("AGREE", confidence=0.8), Ev("ASSAULT", confidence=0.8)]
    assert bench.predicted_type(evs) == "AGREE"
    assert bench.predicted_type([]) == NONE
    assert bench.predicted_type([Ev(NONE, confidence=0.9)]) == NONE


def test_predicted_penta_maps_statements_and_no_event_to_zero():
    assert bench.predicted_penta([]) == 0
    assert bench.predicted_penta([Ev("SUPPORT", cameo="018", quad=1, confidence=0.9)]) == 0
    assert bench.predicted_penta([Ev("ASSAULT", cameo="190", quad=4, confidence=0.5)]) == 4
    assert bench.predicted_penta([Ev("AGREE", cameo="030", quad=1, confidence=0.9),
                                  Ev("ASSAULT", cameo="190", quad=4, confidence=0.5)]) == 1


def test_events_of_reads_a_hand_built_document():
    from eventwire.model import Article, Document
    from eventwire.model.records import Actor, Event, Evidence, Span

    text = "The United Nations condemned Russia."
    doc = Document(article=Article(text=text))
    doc.actors = [Actor(id="a1", name="United Nations", type="ORG", code="IGOUNO"),
                  Actor(id="a2", name="Russia", type="GPE", country="RUS", sector="GOV", code="RUSGOV")]
    doc.events = [Event(id="e1", plover="ACCUSE", cameo="122", quad=3, goldstein=-2.0, source="a1", target="a2",
                        trigger=Span(start=19, end=28, text="condemned"), evidence=Evidence(start=0, end=len(text)),
                        confidence=0.7)]
    (ev,) = bench.events_of(doc)
    assert (ev.plover, ev.source_country, ev.target_country, ev.target_sector) == ("ACCUSE", "IGO", "RUS", "GOV")
    assert ev.has_source and ev.trigger == "condemned"


# ---------------------------------------------------------------- GSR


def test_score_gsr_types_quads_and_countries():
    records = [gsr_record("1", "Japan agreed with Korea.", "AGREE", actor="JAP", recipient="KOR", quad=1),
               gsr_record("2", "UN agreed.", "AGREE", actor="IGO", quad=1),
               gsr_record("3", "Troops shelled a town.", "ASSAULT", actor="SRB", quad=4),
               gsr_record("4", "Nothing found here.", "PROTEST", actor="FRA", quad=4)]
    preds = [[Ev("AGREE", quad=1, confidence=0.8, source_country="JPN", target_country="CHN")],
             [Ev("AGREE", quad=1, confidence=0.8, source_country="IGO")],
             [Ev("ASSAULT", quad=4, confidence=0.8, source_country=None)],
             []]
    out = bench.score_gsr(records, preds)
    assert out["no event"] == 1
    # AGREE f1 1.0, ASSAULT 1.0, PROTEST 0.0
    assert out["type macro-F1"] == pytest.approx(2 / 3, abs=1e-4)
    assert out["quad macro-F1"] == pytest.approx((1.0 + 2 / 3) / 2, abs=1e-4)  # quad 4: p 1, r 0.5
    assert out["source country right (typed)"] == {"rate": pytest.approx(2 / 3, abs=1e-4), "right": 2, "of": 3}
    assert out["recipient country right (typed)"] == {"rate": 0.0, "right": 0, "of": 1}
    assert out["per type"]["PROTEST"]["support"] == 1


def test_gsr_split_is_deterministic_stratified_and_keeps_duplicates_together():
    records = [gsr_record(f"{t}{i}", f"Sentence number {i} about {t}.", t)
               for t in ("AGREE", "ASSAULT", "REJECT") for i in range(10)]
    records.append(gsr_record("dup", "Sentence number 3 about AGREE.", "REJECT"))  # same text, 2nd type
    split = bench.gsr_split(records)
    assert split == bench.gsr_split(records)
    assert set(split) == {"dev", "test"}
    by_id = dict(zip((r["id"] for r in records), split))
    assert by_id["dup"] == by_id["AGREE3"]
    reordered = list(reversed(records))
    assert dict(zip((r["id"] for r in reordered), bench.gsr_split(reordered))) == by_id
    for t in ("AGREE", "ASSAULT", "REJECT"):
        sides = [s for r, s in zip(records[:30], split) if r["gold"]["event"] == t]
        assert sides.count("dev") == 5


def test_gsr_split_of_the_real_file_is_balanced(shared_dir):
    records = bench._jsonl(shared_dir / "bench" / "events-plover-gsr" / "plover_gsr.jsonl")
    split = bench.gsr_split(records)
    assert split == bench.gsr_split(records)
    assert 150 <= split.count("dev") <= 172
    for t in {r["gold"]["event"] for r in records}:
        sides = [s for r, s in zip(records, split) if r["gold"]["event"] == t]
        assert abs(sides.count("dev") - sides.count("test")) <= 2, t


def test_gold_countries_reads_cameo_aliases():
    assert bench.gold_countries([{"code": "JAP"}, {"code": "IGOUNO"}, {"code": None}]) == {"JPN", "IGO"}


def test_collect_errors_tells_missing_actor_from_actor_without_country():
    records = [gsr_record("1", "a", "AGREE", actor="USA", recipient="RUS"),
               gsr_record("2", "b", "AGREE", actor="USA", recipient="RUS")]
    preds = [[Ev("AGREE", confidence=0.5, has_source=True, has_target=True, target_country="CHN")],
             [Ev("AGREE", confidence=0.5, source_country="USA", has_source=True)]]
    found = bench.collect_errors(records, preds)
    assert {k: [i["id"] for i in v] for k, v in found.items()} == {
        "source actor has no country": ["1"], "recipient country wrong": ["1"], "no recipient actor": ["2"]}


def test_error_kinds_ranks_and_truncates():
    long_text = "x" * 300
    records = [gsr_record("1", long_text, "AGREE", actor="USA"),
               gsr_record("2", "b", "AGREE", actor="USA"),
               gsr_record("3", "c", "AGREE", actor="USA"),
               gsr_record("4", "d", "REJECT", actor="USA"),
               gsr_record("5", "e", "AGREE", actor="USA")]
    preds = [[], [], [Ev("CONSULT", confidence=0.5, trigger="met")],
             [Ev("REJECT", confidence=0.5, source_country="RUS")], [Ev("AGREE", confidence=0.5)]]
    kinds = bench.error_kinds(records, preds)
    assert [k["kind"] for k in kinds][0] == "no event found"
    assert kinds[0]["count"] == 2 and kinds[0]["by gold type"] == {"AGREE": 2}
    assert len(kinds[0]["examples"][0]["text"]) == bench.EXAMPLE_CHARS
    assert {k["kind"] for k in kinds} == {"no event found", "type AGREE → CONSULT",
                                          "source country wrong", "no source actor"}


# ---------------------------------------------------------------- CASE 2021 mapping


def test_mapping_covers_all_30_labels_with_valid_types_and_modes():
    mapping = bench.load_mapping()
    assert set(mapping) == CASE_LABELS
    for label, (plover, mode) in mapping.items():
        assert plover == NONE or plover in bench.PLOVER_TYPES, label
        if mode is not None:
            assert plover != NONE and mode in bench.PLOVER_MODES.get(plover, ()), (label, mode)
    assert mapping["NATURAL_DISASTER"] == (NONE, None)
    assert mapping["ARREST"] == ("COERCE", "arrest")


def test_mapping_rows_say_why():
    lines = [ln for ln in bench.MAPPING_FILE.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    assert all(len(ln.split("\t")) == 4 and ln.split("\t")[3].strip() for ln in lines[1:])


def test_mapping_covers_the_dataset_labels(shared_dir):
    path = shared_dir / "bench" / "events-case2021-task2" / "case2021_task2_test.jsonl"
    labels = {json.loads(line)["gold"]["event_subtype"] for line in path.open(encoding="utf-8")}
    assert labels == set(bench.load_mapping())


def test_score_case_weighted_f1_and_modes():
    mapping = {"ARREST": ("COERCE", "arrest"), "AIR_STRIKE": ("ASSAULT", "aerial"), "NATURAL_DISASTER": (NONE, None)}
    records = [{"gold": {"event_subtype": s}} for s in ("ARREST", "AIR_STRIKE", "AIR_STRIKE", "NATURAL_DISASTER")]
    preds = [[Ev("COERCE", mode="arrest", confidence=1)], [Ev("ASSAULT", mode="heavy-weapons", confidence=1)],
             [], []]
    out = bench.score_case(records, preds, mapping)
    # COERCE f1 1 (1), ASSAULT p 1 r .5 f1 2/3 (2), NONE p .5 r 1 f1 2/3 (1)
    assert out["weighted F1"] == pytest.approx((1 + 2 * 2 / 3 + 2 / 3) / 4, abs=1e-3)
    assert out["weighted F1 (PLOVER classes, NONE gold left out)"] == pytest.approx((1 + 2 * 2 / 3) / 3, abs=1e-3)
    assert out["mode right (type right, mapped mode given)"] == {"rate": 0.5, "right": 1, "of": 2}
    assert out["type right per label"]["AIR_STRIKE"] == "1/2"


# ---------------------------------------------------------------- IndiaPoliceEvents


def test_ipe_labels_need_police_and_factual_events():
    police_kill = Ev("ASSAULT", cameo="190", dead=2, source_sector="COP", has_source=True)
    assert bench.ipe_labels([police_kill]) == {"KILL", "FORCE"}
    mob_kill = Ev("ASSAULT", cameo="1823", source_sector="CVL", has_source=True)
    assert bench.ipe_labels([mob_kill]) == set()
    assert bench.ipe_labels([mob_kill], police_only=False) == {"KILL", "FORCE"}
    passive_arrest = Ev("COERCE", cameo="173")
    assert bench.ipe_labels([passive_arrest]) == {"ARREST"}
    threatened = Ev("COERCE", cameo="173", factual=False, source_sector="COP", has_source=True)
    assert bench.ipe_labels([threatened]) == set()
    property_damage = Ev("ASSAULT", cameo="1712", source_sector="COP", has_source=True)
    assert bench.ipe_labels([property_damage]) == set()
    beating = Ev("ASSAULT", cameo="182", source_sector="COP", has_source=True)
    assert bench.ipe_labels([beating]) == {"FORCE"}


def test_score_ipe_per_label():
    gold = [["KILL", "FORCE", "ANY_ACTION"], ["ARREST"], []]
    preds = [[Ev("ASSAULT", cameo="190", dead=1, source_sector="COP", has_source=True)],
             [], [Ev("COERCE", cameo="173")]]
    out = bench.score_ipe(gold, preds)
    assert out["police source"]["KILL"]["f1"] == 1.0
    assert out["police source"]["ARREST"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "support": 1, "predicted": 1}


def test_unknown_dataset_is_refused_with_the_choices():
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="gsr"):
        bench.run(["nope"])


# ---------------------------------------------------------------- one small model run


def test_run_on_a_few_gsr_sentences(pipeline, shared_dir):
    report = bench.run(["gsr"], limit=4, pipeline=pipeline)
    gsr = report["gsr"]
    assert gsr["dev"]["sentences"] + gsr["test"]["sentences"] == 4
    assert 0.0 <= gsr["dev"]["type macro-F1"] <= 1.0
    assert isinstance(gsr["errors (dev)"], list)


def test_argument_spans_from_tokens():
    rec = {"text": "Iran’s navy seized a tanker.", "tokens": ["Iran", "’", "s", "navy", "seized", "a", "tanker", "."],
           "gold": {"source_spans": [{"text": "Iran ’ s navy", "tok_start": 0, "tok_end": 4}],
                    "target_spans": [{"text": "a tanker", "tok_start": 5, "tok_end": 7}], "reciprocal_spans": []}}
    spans = bench.gold_arg_spans(rec)
    assert spans == {"source": [(0, 11)], "target": [(19, 27)]}
    hit = Ev("COERCE", confidence=0.9, source_spans=((0, 4),), target_spans=())
    wrong = Ev("COERCE", confidence=0.9, source_spans=((19, 27),))
    scores = bench.score_args([rec, rec], [[hit], [wrong]])
    assert scores["source"]["p"] == 0.5 and scores["source"]["r"] == 0.5
    assert scores["target"]["r"] == 0.0 and scores["sentences with spans"] == 2
