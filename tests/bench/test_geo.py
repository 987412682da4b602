"""The geo benchmark's metrics and harness, on tiny synthetic data (no model, no shared data)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventwire.bench import geo


def test_match_spans_exact_and_overlap() -> None:
    pred = [(0, 5), (10, 20), (30, 35)]
    gold = [(0, 5), (12, 18), (40, 45)]
    assert geo.match_spans(pred, gold, "exact") == [((0, 5), (0, 5))]
    assert geo.match_spans(pred, gold, "overlap") == [((0, 5), (0, 5)), ((10, 20), (12, 18))]
    # one to one: two predictions inside one gold span match it once
    assert len(geo.match_spans([(0, 3), (4, 8)], [(0, 8)], "overlap")) == 1


def test_prf_and_auc() -> None:
    assert geo.prf(2, 4, 8) == {"p": 0.5, "r": 0.25, "f1": 0.3333}
    assert geo.prf(0, 0, 3)["f1"] == 0.0
    assert geo.auc([0.0, 0.0]) == 0.0
    assert geo.auc([geo.MAX_KM, geo.MAX_KM]) == pytest.approx(1.0, rel=1e-4)
    assert 0 < geo.auc([0.0, 100.0, 20039.0]) < 1
    assert math.isnan(geo.auc([]))


def test_score_resolution_counts_misses_and_kinds() -> None:
    outcomes = [geo.Outcome("A", 10.0, True, "ok"), geo.Outcome("B", None, False, "unknown name"),
                geo.Outcome("C", 900.0, False, "wrong namesake")]
    res = geo.score_resolution(outcomes)
    assert res["acc161"] == 0.3333 and res["found"] == 0.6667 and res["exact"] == 0.3333
    assert res["errors"] == {"unknown name": 1, "wrong namesake": 1}


def _write(root: Path, name: str, docs: list[dict]) -> None:
    (root / name).mkdir(parents=True)
    with (root / name / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc) + "\n")


def test_run_splits_each_dataset_into_dev_and_test(tmp_path: Path, monkeypatch) -> None:
    text = "Police in Moscow said Paris talks went on."
    moscow = {"start": 10, "end": 16, "text": "Moscow", "geonames_id": 524901,
              "lat": 55.75222, "lon": 37.61556, "is_toponym": True}
    paris = {"start": 22, "end": 27, "text": "Paris", "geonames_id": 2988507,
             "lat": 48.85341, "lon": 2.3488, "is_toponym": True}
    far = dict(paris, lat=0.0, lon=0.0)  # a gold point the resolver cannot reach
    docs = [{"text": text, "toponyms": [moscow, paris]}, {"text": text, "toponyms": [moscow, far]}]
    for name in geo.DATASETS:
        _write(tmp_path, name, docs)
    monkeypatch.setenv("EVENTWIRE_BENCH_DIR", str(tmp_path))
    report = geo.run(recognition=False, timing=False)
    assert report["lgl_dev"]["resolution"]["acc161"] == 1.0
    assert report["lgl_test"]["resolution"]["acc161"] == 0.5
    assert report["lgl_test"]["resolution"]["errors"] == {"point differs": 1}
    assert report["geovirus_dev"]["resolution"]["exact"] is None
    rows = geo.table_rows(report)
    assert [r[0] for r in rows][:2] == ["lgl_dev", "lgl_test"] and len(rows) == 8


def test_places_task_still_reports_lgl_and_geowebnews(tmp_path: Path, monkeypatch) -> None:
    from eventwire.bench import places

    doc = {"text": "Moscow.", "toponyms": [{"start": 0, "end": 6, "text": "Moscow", "is_toponym": True,
                                            "geonames_id": 524901, "lat": 55.75, "lon": 37.62}]}
    for name in ("lgl", "geowebnews"):
        _write(tmp_path, name, [doc, doc])
    monkeypatch.setenv("EVENTWIRE_BENCH_DIR", str(tmp_path))
    report = places.run()
    assert report["lgl_test"]["acc161"] == 1.0 and report["geowebnews_test"]["toponyms"] == 1


def test_error_kinds_name_what_went_wrong() -> None:
    from eventwire.gazetteer import candidates, get_index

    index = get_index()

    def first(name: str, **want):
        return next(e for e in candidates(name) if all(getattr(e, k) == v for k, v in want.items()))

    athens_tx = {"text": "Athens", "name": "Athens", "fclass": "P", "lat": 32.2049, "lon": -95.8555}
    assert geo.error_kind(index, athens_tx, first("Athens", admin1="Georgia")) == \
        "far-away namesake, same country"
    assert geo.error_kind(index, athens_tx, first("Athens", country_iso3="GRC")) == \
        "wrong country, same name"
    georgia_us = {"text": "Georgia", "name": "Georgia", "fclass": "A", "lat": 32.75, "lon": -83.5}
    assert geo.error_kind(index, georgia_us, first("Georgia", feature="country")) == "feature type"
    zion = {"text": "Zion National Park", "name": "Zion National Park", "fclass": "L",
            "fcode": "PRK", "lat": 37.3, "lon": -113.05}
    assert geo.error_kind(index, zion, first("Zion", admin1="Illinois")) == "missing: feature or POI"
    cairo = {"text": "Liverpool Academy", "normalised_name": "Cairo", "lat": 30.06, "lon": 31.25}
    assert geo.error_kind(index, cairo, first("Liverpool", country_iso3="GBR")) == \
        "gold names another place"
    nj = {"text": "NJ", "normalised_name": "New Jersey", "lat": 0.0, "lon": 0.0}
    assert geo.error_kind(index, nj, None) != "gold names another place"  # an abbreviation
    village = {"text": "Xqzvillebury", "name": "Xqzvillebury", "fclass": "P", "lat": 1.0, "lon": 1.0}
    assert geo.error_kind(index, village, None) == "unknown name: place or division"
    sa = {"text": "SA", "normalised_name": "Republic of South Africa", "lat": -29.0, "lon": 24.0}
    assert geo.error_kind(index, sa, None).endswith("place or division")  # a country, no region
    assert set(geo.ERROR_KINDS) >= {"point differs", "feature type", "missing: region"}
