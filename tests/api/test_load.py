"""The API under load: capped counts for X-Total-Count, the server's worker set-up, and
``bench api`` end to end on a small store (real server processes, real HTTP on loopback)."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.api import server  # noqa: E402
from eventwire.api.routes import events as event_routes  # noqa: E402
from eventwire.bench import api as bench_api  # noqa: E402


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(f"sqlite:///{tmp_path / 'load.db'}")
    app.state.store.upsert_many([make_record("consult-nov"),
                                 make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10-29")])
    with TestClient(app) as test_client:
        yield test_client


def test_total_count_stops_at_the_cap_and_says_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_routes, "COUNT_CAP", 1)
    capped = client.get("/api/events?limit=1")
    assert capped.status_code == 200 and len(capped.json()) == 1
    assert capped.headers["x-total-count"] == "1" and capped.headers["x-total-count-capped"] == "true"
    exact = client.get("/api/events?limit=1&count=exact")
    assert exact.headers["x-total-count"] == "2" and "x-total-count-capped" not in exact.headers
    one = client.get("/api/events?type=ASSAULT")
    assert one.headers["x-total-count"] == "1" and "x-total-count-capped" not in one.headers
    none = client.get("/api/events?count=false")
    assert "x-total-count" not in none.headers and len(none.json()) == 2


def test_an_unknown_count_mode_is_422_with_the_choices(client: TestClient) -> None:
    response = client.get("/api/events?count=maybe")
    assert response.status_code == 422
    assert "exact" in response.json()["detail"] and "false" in response.json()["detail"]


def test_old_boolean_count_values_still_work(client: TestClient) -> None:
    for value in ("1", "yes", "True"):
        assert client.get(f"/api/events?count={value}").headers["x-total-count"] == "2"
    assert "x-total-count" not in client.get("/api/events?count=0").headers


def test_workers_default_to_the_cores_and_build_the_same_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert 1 <= server.default_workers() <= server.MAX_DEFAULT_WORKERS
    url = f"sqlite:///{tmp_path / 'workers.db'}"
    monkeypatch.setenv(server.APP_ENV, json.dumps({"store_url": url, "cors_origins": ["http://localhost:9"]}))
    app = server.app_from_env()
    try:
        assert app.state.store.stats()["articles"] == 0
        with TestClient(app) as test_client:
            allowed = test_client.get("/api/stats", headers={"Origin": "http://localhost:9"})
            assert allowed.headers.get("access-control-allow-origin") == "http://localhost:9"
    finally:
        app.state.store.close()


def test_bench_api_end_to_end_on_a_small_store(tmp_path: Path) -> None:
    report = bench_api.run(events=400, clients=3, seconds=1.0, baseline_seconds=0.5, db=f"sqlite:///{tmp_path / 'b.db'}")
    assert report["store"]["events"] == 400
    load = report["load"]
    assert load["errors"] == 0 and load["requests"] > 20 and load["server_workers"] == bench_api.SERVER_WORKERS
    assert load["server_cpu_ms_per_request"] > 0 and load["client_cpu_ms_per_request"] > 0
    assert report["one_client_latency_ms"]["errors"] == 0
    assert set(report["p95_by_query_ms"]) == {kind for kind, _ in bench_api.query_mix()}
    latency = report["latency_ms"]
    assert all(not math.isnan(latency[k]) for k in ("p50", "p95", "p99"))
    assert latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]
    assert report["target"]["met"] == (latency["p95"] < bench_api.TARGET_P95_MS)


def test_every_query_of_the_mix_is_valid_and_url_safe() -> None:
    for kind, query in bench_api.query_mix():
        assert " " not in query and query, kind
