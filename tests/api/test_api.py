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
    assert response.json() == {"articles": 2, "rejected": 1, "events": 2, "actors": 4, "places": 2, "quotes": 2}


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


def test_events_lists_flat_rows(client: TestClient) -> None:
    rows = client.get("/api/events").json()
    assert [r["article_id"] for r in rows] == ["consult-nov", "assault-oct"]
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


def test_no_cdn_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_index_and_static_assets_are_served(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "text/html" in index.headers["content-type"]
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200, asset
    assert 'id="events"' in index.text and 'id="filters"' in index.text


def test_web_ui_loads_nothing_from_the_network() -> None:
    for path in WEB_DIR.iterdir():
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
    field_ids = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html)
    assert field_ids
    for field_id in field_ids:
        assert f'<label for="{field_id}">' in html, field_id


def test_bad_store_url_fails_at_creation() -> None:
    with pytest.raises(StoreError):
        create_app("not a url")
