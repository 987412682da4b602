"""API security: read-only, bounded bodies, injection-proof filters, no path traversal, no CORS, loopback.

The store is seeded with hand-built records (no model); POST /api/code runs a model-free
pipeline, since what is tested is that it stores nothing, not how it codes.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record, make_rejection  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.api.guard import POST_ROUTES, READ_METHODS  # noqa: E402
from eventwire.config import load_config  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.registry import FunctionStage  # noqa: E402

# One of each kind: quote breaking with an always-true test, a stacked statement, a UNION, LIKE
# wildcards, FTS5 operators, a NUL, non-ASCII, an overlong value, a numeric overflow, a bad bbox.
INJECTIONS = [
    "x' OR '1'='1' --", "'; DROP TABLE articles; DELETE FROM events; --",
    "') UNION SELECT name, sql FROM sqlite_master --", "%' OR '%'='", "AND OR NOT NEAR(\" *",
    "\u0000", "\U0001f600 \u202e", "a" * 3000, "1e309", "..,..,..,..",
]
# Filters that match exactly or by prefix: an injected always-true condition would return rows.
EXACT = {"type", "cameo", "actor", "actor_id", "country", "article", "outlet", "code", "speaker_id"}


def _noop(doc):
    return doc


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of two hand-built articles and a rejection; shared by the module, since every
    test here checks that nothing it sends changes it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'sec.db'}"
    app = create_app(url)
    store = app.state.store
    store.upsert(make_record("consult-nov"))
    store.upsert(make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10-29"))
    store.record_rejection(make_rejection())
    store.close()
    return url


@pytest.fixture(scope="module")
def client(seeded: str):
    pipeline = Pipeline((FunctionStage("noop", frozenset({"text"}), frozenset(), _noop),), load_config(environ={}))
    with TestClient(create_app(seeded, pipeline=pipeline), raise_server_exceptions=False) as test_client:
        yield test_client


def query_parameters(client: TestClient) -> list[tuple[str, str]]:
    """Every (GET path, query parameter) the API documents: each filter of each list route."""
    spec = client.app.openapi()
    found = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        found.extend((path, p["name"]) for p in get.get("parameters", []) if p["in"] == "query")
    return found


def test_every_filter_of_every_list_route_is_covered(client: TestClient):
    routes = {path for path, _ in query_parameters(client)}
    assert {"/api/events", "/api/articles", "/api/actors", "/api/quotes", "/api/stories"} <= routes
    names = {name for _, name in query_parameters(client)}
    assert {"type", "cameo", "actor", "country", "since", "until", "q", "bbox", "outlet", "speaker", "sort"} <= names


def test_sql_injection_through_every_filter_is_inert(client: TestClient):
    before = client.app.state.store.stats()
    failures = []
    for path, name in query_parameters(client):
        for payload in INJECTIONS:
            response = client.get(path, params={name: payload})
            if response.status_code >= 500:
                failures.append((path, name, payload[:40], response.status_code, response.text[:200]))
            elif response.status_code == 200 and name in EXACT and "'" in payload:
                rows = response.json()
                if isinstance(rows, list) and rows:
                    failures.append((path, name, payload[:40], "matched rows", len(rows)))
    assert failures == []
    after = client.app.state.store.stats()
    assert after == before and after["articles"] == 2 and after["events"] == 2
    assert client.get("/api/events").headers["x-total-count"] == "2"


@pytest.mark.parametrize("template", ["/api/articles/{}", "/api/events/{}", "/api/actors/{}", "/api/events/a/{}"])
def test_injection_through_ids_in_paths_is_inert(client: TestClient, template: str):
    for payload in INJECTIONS[:5]:
        response = client.get(template.format(payload.replace("/", "%2F").replace("#", "%23").replace("?", "%3F")))
        assert response.status_code in (404, 422), (template, payload, response.status_code, response.text[:200])
    assert client.app.state.store.stats()["articles"] == 2


def test_the_api_has_no_route_that_writes(client: TestClient):
    spec = client.app.openapi()["paths"]
    writing = {(path, method.upper()) for path, ops in spec.items() for method in ops if method.upper() not in READ_METHODS}
    assert writing == {(path, "POST") for path in POST_ROUTES}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/articles/consult-nov", "/api/ingest",
                                  "/static/index.html", "/", "/api/code/../events"])
def test_write_methods_are_refused(client: TestClient, method: str, path: str):
    response = client.request(method, path, json={"text": "x", "id": "consult-nov"})
    assert response.status_code == 405 and "read-only" in response.json()["detail"]
    assert client.app.state.store.stats()["articles"] == 2


def test_posting_a_text_to_code_stores_nothing(client: TestClient):
    before = client.app.state.store.stats()
    response = client.post("/api/code", json={"text": "Rebels attacked a convoy near Kaduna on Monday, police said."})
    assert response.status_code == 200 and response.json()["text"].startswith("Rebels")
    assert client.app.state.store.stats() == before


def test_a_text_that_would_stall_the_coder_is_refused(client: TestClient):
    response = client.post("/api/code", content=b"[" * 50_000, headers={"content-type": "text/plain"})
    assert response.status_code == 422 and "without a space" in response.json()["detail"]


def test_request_bodies_are_capped(client: TestClient):
    big = client.post("/api/code", content=b"x" * 200_000, headers={"content-type": "text/plain"})
    assert big.status_code == 413
    declared = client.post("/api/code", content=b"{}", headers={"content-length": "50000000"})
    assert declared.status_code == 413

    def chunks():
        for _ in range(40):
            yield b"y" * 65536

    streamed = client.post("/api/code", content=chunks(), headers={"content-type": "text/plain"})
    assert streamed.status_code == 413
    assert client.get("/healthz").status_code == 200  # the server is still answering


def test_a_small_global_cap_applies_before_routing(seeded: str):
    with TestClient(create_app(seeded, max_body_bytes=1000), raise_server_exceptions=False) as small:
        assert small.post("/api/code", content=b"z" * 5000, headers={"content-type": "text/plain"}).status_code == 413


TRAVERSALS = ["/static/../app.py", "/static/%2e%2e/app.py", "/static/%2e%2e%2fapp.py", "/static/..%2fapp.py",
              "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/....//app.py", "/static/%252e%252e/app.py",
              "/static//etc/passwd", "/static/vendor/../../app.py", "/static/..\\app.py", "/static/%5c..%5capp.py",
              "/static/%c0%ae%c0%ae/app.py", "/static/.%00./app.py", "/docs/assets/..%2f..%2fapp.py",
              "/docs/assets/%2e%2e%2fapp.py", "/static/../../../../../../etc/passwd"]


def _raw_get(app, raw: str) -> tuple[int, bytes]:
    """Send GET ``raw`` straight to the ASGI app, as a server hands it over (path decoded once)."""
    path, _, query = raw.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote(path), "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    sent: list[dict] = []

    async def run() -> None:
        done = asyncio.Event()
        requested = False

        async def receive():
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # a file response listens for the client going away meanwhile
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_no_path_traversal_through_static_files(client: TestClient, raw: str):
    status, body = _raw_get(client.app, raw)
    assert status in (400, 404, 405), (raw, status)
    assert b"create_app" not in body and b"root:" not in body
    via_client = client.get(raw)
    assert b"create_app" not in via_client.content and b"root:" not in via_client.content


def test_static_files_themselves_are_served(client: TestClient):
    assert client.get("/static/app.js").status_code == 200
    assert _raw_get(client.app, "/static/style.css")[0] == 200


def test_cors_is_off_unless_configured(client: TestClient, seeded: str):
    plain = client.get("/api/events", headers={"Origin": "http://evil.example"})
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers
    preflight = client.options("/api/events", headers={"Origin": "http://evil.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    with TestClient(create_app(seeded, cors_origins=["http://ok.example"])) as open_client:
        ok = open_client.get("/api/events", headers={"Origin": "http://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "http://ok.example"
        evil = open_client.get("/api/events", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in evil.headers
        refused = open_client.post("/api/events", headers={"Origin": "http://ok.example"})
        assert refused.status_code == 405


def test_cors_origins_come_from_the_config():
    assert load_config(environ={}).serve.cors_origins == ()
    configured = load_config(environ={"EVENTWIRE_SERVE_CORS_ORIGINS": "http://a.example, http://b.example"})
    assert configured.serve.cors_origins == ("http://a.example", "http://b.example")


def test_responses_carry_safe_headers(client: TestClient):
    response = client.get("/api/events")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_serve_binds_to_loopback_unless_told_otherwise(seeded: str, monkeypatch):
    from typer.testing import CliRunner

    import uvicorn

    from eventwire.cli.main import app as cli

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.delenv("EVENTWIRE_SERVE_HOST", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", seeded])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1"
    assert load_config(environ={}).serve.host == "127.0.0.1"
    seen.clear()
    CliRunner().invoke(cli, ["serve", "--db", seeded, "--host", "0.0.0.0"])
    assert seen["host"] == "0.0.0.0"  # only when told


def test_the_stored_records_are_untouched_by_a_barrage(client: TestClient):
    before = sorted(client.app.state.store.iter_records(), key=lambda r: r["id"])
    for payload in INJECTIONS:
        client.get("/api/events", params={"q": payload, "actor": payload, "country": payload})
        client.get("/api/articles", params={"q": payload, "outlet": payload})
    assert sorted(client.app.state.store.iter_records(), key=lambda r: r["id"]) == before
