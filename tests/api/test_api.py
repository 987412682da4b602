"""The HTTP API over a store seeded with hand-built records (no model)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record, make_rejection  # noqa: E402

from eventwire.api import PLOVER_TYPES, create_app  # noqa: E402
from eventwire.errors import StoreError  # noqa: E402

WEB_DIR = Path(__file__).resolve().parents[2] / "eventwire" / "api" / "web"


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(f"sqlite:///{tmp_path / 'api.db'}")
    store = app.state.store
    store.upsert(make_record("consult-nov"))
    store.upsert(make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10-29"))
    store.record_rejection(make_rejection())
    with TestClient(app) as test_client:
        yield test_client


def test_stats(client: TestClient) -> None:
    response = client.get("/api/stats")
    assert response.status_code == 200
    body = response.json()
    assert body["totals"] == {"articles": 2, "rejected": 1, "events": 2, "actors": 4, "places": 2, "quotes": 2}
    assert body["events"] == 2 and body["undated"] == 0 and body["imprecise"] == 0
    assert body["by_day"] == [{"date": "2020-10-29", "quad": 1, "count": 1}, {"date": "2020-11-12", "quad": 1, "count": 1}]
    assert {t["plover"] for t in body["by_type"]} == {"ASSAULT", "CONSULT"}
    assert body["by_country"] == [{"country": "RUS", "count": 2, "name": "Russian Federation", "numeric": "643"}]
    assert client.get("/api/stats?type=ASSAULT").json()["events"] == 1
    assert client.get("/api/stats?breakdown=false").json() == {"totals": body["totals"]}


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


def test_events_lists_flat_rows(client: TestClient) -> None:
    response = client.get("/api/events")
    rows = response.json()
    assert response.headers["x-total-count"] == "2"
    assert [r["article_id"] for r in rows] == ["consult-nov", "assault-oct"]
    assert rows[0]["uid"] == "consult-nov/e1"
    assert rows[0]["source_code"] == "RUSGOV" and rows[0]["target_name"] == "Gerald Darmanin"
    assert rows[0]["evidence"].endswith("on Thursday.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT", ["assault-oct"]),
        ("type=assault", ["assault-oct"]),
        ("actor=FRA", ["consult-nov", "assault-oct"]),
        ("actor=USA", []),
        ("country=RUS&since=2020-11", ["consult-nov"]),
        ("until=2020-10", ["assault-oct"]),
        ("q=Darmanin&limit=1", ["consult-nov"]),
        ("limit=1&offset=1", ["assault-oct"]),
        # Empty form fields are no filter.
        ("type=&actor=&country=&since=&until=&q=", ["consult-nov", "assault-oct"]),
    ],
)
def test_events_filters(client: TestClient, query: str, expected: list[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert [r["article_id"] for r in response.json()] == expected


def test_unknown_type_lists_the_choices(client: TestClient) -> None:
    response = client.get("/api/events?type=FIGHT")
    assert response.status_code == 422
    assert "choose one of" in response.json()["detail"] and "ASSAULT" in response.json()["detail"]


def test_bad_limit_is_rejected(client: TestClient) -> None:
    assert client.get("/api/events?limit=-1").status_code == 422
    assert client.get("/api/events?limit=lots").status_code == 422


def test_article_and_missing_article(client: TestClient) -> None:
    response = client.get("/api/articles/consult-nov")
    assert response.status_code == 200
    assert response.json() == make_record("consult-nov")
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/json")
    assert "nope" in missing.json()["detail"]


def test_article_ids_with_slashes(client: TestClient) -> None:
    client.app.state.store.upsert(make_record("cc-news/2020/11/x.warc.gz#r1"))
    assert client.get("/api/articles/cc-news/2020/11/x.warc.gz%23r1").json()["id"] == "cc-news/2020/11/x.warc.gz#r1"


def test_docs_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    # Every script, style and icon of the docs page comes from this server.
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", docs.text)
    assert refs and all(ref.startswith("/") for ref in refs), refs
    assert "cdn" not in docs.text.lower() and "validatorUrl\": null" in docs.text
    for ref in refs:
        assert client.get(ref).status_code == 200, ref
    assert client.get("/docs/assets/swagger-editor-bundle.js").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{uid}", "/api/actors",
                 "/api/actors/{actor_id}", "/api/stories", "/api/quotes", "/api/stats", "/api/network",
                 "/api/places", "/api/code"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "cameo", "quad", "actor", "actor_name", "country", "since", "until", "place", "bbox", "q",
            "factual", "min_confidence", "sort", "limit", "offset"} <= params
    assert "post" in paths["/api/code"] and "requestBody" in paths["/api/code"]["post"]


def test_index_and_static_assets_are_served(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "text/html" in index.headers["content-type"]
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200, asset
    assert 'id="events"' in index.text and 'id="filters"' in index.text


def test_web_ui_loads_nothing_from_the_network() -> None:
    files = [p for p in WEB_DIR.rglob("*") if p.is_file()]
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        # Only relative or root-relative references; no external scripts, styles or fonts.
        assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", text), path.name
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), path.name


def test_type_select_lists_the_plover_types() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    select = html[html.index('<select id="f-type"'):html.index("</select>")]
    assert tuple(re.findall(r"<option>([A-Z]+)</option>", select)) == PLOVER_TYPES
    assert len(PLOVER_TYPES) == 16


def test_form_fields_have_labels() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    field_ids = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    assert field_ids
    for field_id in field_ids:
        assert f'<label for="{field_id}">' in html, field_id


def test_bad_store_url_fails_at_creation() -> None:
    with pytest.raises(StoreError):
        create_app("not a url")


# -- the rest of the API over hand-built records ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cameo=19", ["assault-oct"]),
        ("cameo=04", ["consult-nov"]),
        ("quad=1", ["consult-nov", "assault-oct"]),
        ("actor_name=darmanin", ["consult-nov", "assault-oct"]),
        ("place=mosc", ["consult-nov", "assault-oct"]),
        ("bbox=30,50,40,60", ["consult-nov", "assault-oct"]),
        ("bbox=-10,-10,10,10", []),
        ("factual=false", []),
        ("factual=true&min_confidence=0.8", ["consult-nov", "assault-oct"]),
        ("min_confidence=0.9", []),
        ("sort=date", ["assault-oct", "consult-nov"]),
        ("sort=-type", ["consult-nov", "assault-oct"]),
        ("article=assault-oct", ["assault-oct"]),
    ],
)
def test_more_event_filters(client: TestClient, query: str, expected: list[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert [r["article_id"] for r in response.json()] == expected
    assert response.headers["x-total-count"] == str(len(expected))


@pytest.mark.parametrize(
    ("query", "message"),
    [("bbox=1,2,3", "four numbers"), ("cameo=abc", "CAMEO code"), ("sort=colour", "sort key"),
     ("quad=7", "less than or equal"), ("min_confidence=2", "less than or equal")],
)
def test_bad_event_filters_are_422_with_advice(client: TestClient, query: str, message: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_event_detail(client: TestClient) -> None:
    body = client.get("/api/events/assault-oct/e1").json()
    assert body["uid"] == "assault-oct/e1" and body["row"]["plover"] == "ASSAULT"
    assert body["event"]["trigger"]["text"] == "met"
    assert body["evidence"]["text"].startswith("MOSCOW, Nov 12") and body["evidence"]["text"].endswith("Thursday.")
    assert body["source_actor"]["name"] == "Vladimir Kolokoltsev" and body["target_actor"]["code"] == "FRAGOV"
    assert body["place"]["name"] == "Moscow" and body["quote"] is None
    assert body["article"]["id"] == "assault-oct" and body["article"]["url"] == "https://example.org/assault-oct"
    for missing in ("assault-oct/e9", "nope/e1", "no-separator"):
        assert client.get(f"/api/events/{missing}").status_code == 404, missing


def test_articles_list_pages(client: TestClient) -> None:
    response = client.get("/api/articles?limit=1")
    assert response.headers["x-total-count"] == "2"
    [first] = response.json()
    assert first["id"] == "assault-oct" or first["id"] == "consult-nov"
    assert first["events"] == 1 and "text" not in first
    assert client.get("/api/articles?q=Darmanin&outlet=Test%20Wire").headers["x-total-count"] == "2"
    assert client.get("/api/articles?outlet=Nobody").json() == []


def test_actors_and_actor_timeline(client: TestClient) -> None:
    actors = client.get("/api/actors").json()
    assert [a["name"] for a in actors] == ["Gerald Darmanin", "Vladimir Kolokoltsev"]
    assert actors[0]["events"] == 2 and actors[0]["articles"] == 2
    detail = client.get(f"/api/actors/{actors[1]['id']}").json()
    assert detail["name"] == "Vladimir Kolokoltsev" and detail["titles"] == ["Interior Minister"]
    assert {(t["date"], t["count"]) for t in detail["timeline"]} == {("2020-10-29", 1), ("2020-11-12", 1)}
    assert [c["role"] for c in detail["counterparts"]] == ["target"]
    assert len(detail["recent_events"]) == 2 and detail["recent_events"][0]["uid"] == "consult-nov/e1"
    assert client.get("/api/actors/0000000000000000").status_code == 404
    assert [a["code"] for a in client.get("/api/actors?code=FRA").json()] == ["FRAGOV"]


def test_quotes_by_speaker(client: TestClient) -> None:
    quotes = client.get("/api/quotes?speaker=Kolokoltsev").json()
    assert len(quotes) == 2 and quotes[0]["speaker_code"] == "RUSGOV"
    assert quotes[0]["text"] == "Russia was ready to cooperate with France on fighting terrorism"
    assert client.get("/api/quotes?speaker=Darmanin").json() == []
    by_id = client.get(f"/api/quotes?speaker_id={quotes[0]['speaker_id']}&limit=1").json()
    assert len(by_id) == 1


def test_stories_is_a_list(client: TestClient) -> None:
    response = client.get("/api/stories")
    assert response.status_code == 200 and isinstance(response.json(), list)


def test_network_and_places(client: TestClient) -> None:
    network = client.get("/api/network").json()
    assert [n["name"] for n in network["nodes"]] == ["Gerald Darmanin", "Vladimir Kolokoltsev"]
    assert network["edges"] == [{"source": network["nodes"][1]["id"], "target": network["nodes"][0]["id"],
                                 "quad": 1, "count": 2}]
    assert client.get("/api/network?type=AID").json()["nodes"] == []
    places = client.get("/api/places").json()
    assert places == [{"name": "Moscow", "country": "RUS", "lat": 55.75222, "lon": 37.61556, "count": 2,
                       "by_quad": {"1": 2, "2": 0, "3": 0, "4": 0}}]


class StubPipeline:
    """Stands in for the spaCy pipeline: returns a fixed record for the posted article."""

    def __init__(self) -> None:
        self.seen: list = []

    def code(self, articles):
        from eventwire.model import ArticleRecord, RejectedRecord, Rejection

        for article in articles:
            self.seen.append(article)
            if article.text.startswith("Guten"):
                yield RejectedRecord(id="x", source=article.source, rejected=Rejection(stage="read", reason="not English (detected: de)"))
            else:
                yield ArticleRecord.model_validate(make_record("coded", text=make_record()["text"]))


@pytest.fixture
def code_client(tmp_path: Path):
    stub = StubPipeline()
    app = create_app(f"sqlite:///{tmp_path / 'code.db'}", pipeline=stub, max_code_bytes=5_000)
    with TestClient(app) as test_client:
        test_client.stub = stub
        yield test_client


def test_code_returns_the_record_and_stores_nothing(code_client: TestClient) -> None:
    response = code_client.post("/api/code", json={"text": "Some news.", "published": "2024-03-14", "title": "T"})
    assert response.status_code == 200, response.text
    assert response.json()["events"][0]["plover"] == "CONSULT"
    [article] = code_client.stub.seen
    assert (article.text, article.published, article.title, article.source) == ("Some news.", "2024-03-14", "T", "api")
    assert code_client.get("/api/stats?breakdown=false").json()["totals"]["articles"] == 0
    plain = code_client.post("/api/code", content="Plain text news.", headers={"content-type": "text/plain"})
    assert plain.status_code == 200 and code_client.stub.seen[-1].text == "Plain text news."


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"json": {"text": "x" * 6000}}, 413, "over 5,000 bytes"),
        ({"content": b"x" * 6000, "headers": {"content-type": "text/plain"}}, 413, "over 5,000 bytes"),
        ({"json": {"txt": "typo"}}, 422, "text"),
        ({"json": {"text": ""}}, 422, "text"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "post JSON"),
        ({"content": b"\xff\xfe", "headers": {"content-type": "text/plain"}}, 422, "not UTF-8"),
        ({"json": {"text": "Guten Tag"}}, 422, "not English"),
    ],
)
def test_code_rejects_bad_bodies(code_client: TestClient, kwargs: dict, status: int, message: str) -> None:
    response = code_client.post("/api/code", **kwargs)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]


def test_code_refuses_a_body_larger_than_declared_cap_without_reading_it(code_client: TestClient) -> None:
    response = code_client.post("/api/code", content=b"{}", headers={"content-type": "application/json",
                                                                      "content-length": "10000000"})
    assert response.status_code == 413


def test_code_with_the_real_pipeline(pipeline, tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'real.db'}", pipeline=pipeline)
    text = ("NAIROBI, March 14 - Kenyan police arrested 14 protesters in Nairobi on Thursday, "
            "the Interior Ministry said.")
    with TestClient(app) as client:
        response = client.post("/api/code", json={"text": text, "published": "2024-03-14"})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["schema"] == "eventwire/1" and record["text"] == text
    assert any(e["plover"] == "COERCE" for e in record["events"]), record["events"]
    assert app.state.store.stats()["articles"] == 0
