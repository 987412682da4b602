"""The API over the examples as the real pipeline codes them: every view agrees with the records."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app


@pytest.fixture(scope="module")
def client(examples_db: str):
    with TestClient(create_app(examples_db)) as test_client:
        yield test_client


def test_every_event_has_its_evidence_and_article(client: TestClient) -> None:
    response = client.get("/api/events?limit=10000")
    rows = response.json()
    assert len(rows) == int(response.headers["x-total-count"]) == client.get("/api/stats").json()["totals"]["events"]
    records = {}
    for row in rows:
        if row["article_id"] not in records:
            records[row["article_id"]] = client.get(f"/api/articles/{row['article_id']}").json()
        text = records[row["article_id"]]["text"]
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
        event = next(e for e in records[row["article_id"]]["events"] if e["id"] == row["event_id"])
        assert text[event["trigger"]["start"]:event["trigger"]["end"]] == row["trigger"]
    detail = client.get(f"/api/events/{rows[0]['uid']}").json()
    assert detail["evidence"]["text"] == rows[0]["evidence"]


def test_views_agree_with_the_event_list(client: TestClient) -> None:
    rows = client.get("/api/events?limit=10000").json()
    stats = client.get("/api/stats").json()
    assert sum(d["count"] for d in stats["by_day"]) == sum(1 for r in rows if r["date"] and len(r["date"]) == 10)
    assert sum(t["count"] for t in stats["by_type"]) == len(rows)
    places = client.get("/api/places").json()
    assert sum(p["count"] for p in places) == sum(1 for r in rows if r["lat"] is not None)
    network = client.get("/api/network?max_actors=300").json()
    ids = {n["id"] for n in network["nodes"]}
    assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    assert sum(e["count"] for e in network["edges"]) == sum(
        1 for r in rows if r["source_id"] and r["target_id"] and (r["source_name"], r["source_code"]) != (r["target_name"], r["target_code"]))


def test_assault_filter_and_sorting_over_the_examples(client: TestClient) -> None:
    assaults = client.get("/api/events?type=ASSAULT&sort=-confidence&limit=500").json()
    assert assaults and {r["plover"] for r in assaults} == {"ASSAULT"}
    confidences = [r["confidence"] for r in assaults]
    assert confidences == sorted(confidences, reverse=True)
    by_root = client.get("/api/events?cameo=18&limit=500").json()
    assert all(r["cameo"].startswith("18") for r in by_root)


def test_actor_timeline_and_quotes_over_the_examples(client: TestClient) -> None:
    actors = client.get("/api/actors?limit=5").json()
    top = client.get(f"/api/actors/{actors[0]['id']}").json()
    assert top["events"] == actors[0]["events"] == sum(t["count"] for t in top["timeline"])
    quotes = client.get("/api/quotes?limit=500").json()
    assert quotes and all(q["text"] for q in quotes)
    speaker = next(q for q in quotes if q["speaker_name"])
    mine = client.get(f"/api/quotes?speaker_id={speaker['speaker_id']}").json()
    assert mine and all(q["speaker_id"] == speaker["speaker_id"] for q in mine)


def test_registry_lists_actors_across_articles(client: TestClient) -> None:
    rows = client.get("/api/registry?limit=500").json()
    assert rows and all({"name", "type", "articles", "spellings", "titles"} <= set(r) for r in rows)
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    # the syndicated pair (20a/20b) names the same interior minister twice, with his title each time
    minister = next(r for r in rows if r["type"] == "PERSON" and r["articles"] >= 2 and r["titles"])
    found = client.get("/api/registry", params={"q": minister["name"].split()[-1]}).json()
    assert minister["id"] in {r["id"] for r in found}
    assert client.get("/api/registry?q=nobody-by-this-name").json() == []
