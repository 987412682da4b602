"""Properties of coding, checked with hypothesis on articles built from news sentence fragments.

Every span's offsets match its text; every record validates against the published JSON Schema;
the same input and config give the same output (also from a second, separately built pipeline);
re-ingesting changes nothing. The real model is slow, so example counts are modest and
derandomized (the same examples on every run: CI cannot flake), with no example database.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.bench.hostile import DATELINE, OBJECTS, PLACES, PREDICATES, QUOTES, SUBJECTS, TIMES
from eventwire.model import Article, ArticleRecord

# Characters real copy carries that shift offsets if anything counts bytes or strips them.
ODD = ("\u201c", "\u201d", "\u2019", "\u2013", "\u00a0", "\u00e9", "\t", "  ", "\U0001f600", "\u200b", "\ufffd")

SETTINGS = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def sentences(draw) -> str:
    parts = [draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(OBJECTS)),
             draw(st.sampled_from(PLACES)), draw(st.sampled_from(TIMES))]
    text = " ".join(p for p in parts if p) + "."
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    return text


@st.composite
def articles(draw) -> Article:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3), min_size=1, max_size=4))
    body = [" ".join(p) for p in paragraphs]
    if draw(st.booleans()):
        body.insert(draw(st.integers(0, len(body))), draw(st.sampled_from(QUOTES)))
    headline = body[0].split(".")[0].title()[:80]
    lead = (DATELINE if draw(st.booleans()) else "") + body[0]
    text = "\n\n".join([headline, lead, *body[1:]]) + "\n"
    published = draw(st.sampled_from(["2024-03-14", "2023-11-02", None]))
    return Article(text=text, published=published, source="hypothesis")


def spans(record: dict) -> list[tuple[str, dict]]:
    """Every span of a record that carries its text, with where it is."""
    out = []
    for actor in record["actors"]:
        out += [(f"actor {actor['id']} mention", m) for m in actor["mentions"]]
    for place in record["places"]:
        out += [(f"place {place['id']} mention", m) for m in place["mentions"]]
    out += [("timex", t) for t in record["timex"]]
    for quote in record["quotes"]:
        out.append((f"quote {quote['id']}", quote))
        if quote.get("cue"):
            out.append((f"quote {quote['id']} cue", quote["cue"]))
    out += [(f"event {e['id']} trigger", e["trigger"]) for e in record["events"]]
    return out


def code(pipeline, article: Article) -> dict:
    from eventwire.service import as_dict

    return as_dict(next(iter(pipeline.code([article]))))


def without_time(record: dict) -> dict:
    return {**record, "provenance": {k: v for k, v in record["provenance"].items() if k != "processed_at"}}


@pytest.fixture(scope="module")
def schema_validator():
    import jsonschema

    schema = ArticleRecord.model_json_schema(by_alias=True)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def second_pipeline():
    """A pipeline built separately from the session one (same config): same input, same output."""
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    return Pipeline.build(load_config(environ={}))


@SETTINGS
@given(article=articles())
def test_every_span_matches_its_text_and_records_validate(pipeline, schema_validator, article: Article):
    record = code(pipeline, article)
    assert "rejected" not in record, record.get("rejected")
    text = record["text"]
    assert text == article.text  # verbatim: offsets refer to the input
    for where, span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), (where, span)
        assert text[span["start"]:span["end"]] == span["text"], (where, span)
    actor_ids = {a["id"] for a in record["actors"]}
    place_ids = {p["id"] for p in record["places"]}
    quote_ids = {q["id"] for q in record["quotes"]}
    for event in record["events"]:
        evidence, trigger = event["evidence"], event["trigger"]
        assert 0 <= evidence["start"] <= trigger["start"] <= trigger["end"] <= evidence["end"] <= len(text), event
        assert {event["source"], event["target"]} - {None} <= actor_ids, event
        assert event["location"] is None or event["location"] in place_ids, event
        assert event["quote"] is None or event["quote"] in quote_ids, event
    errors = sorted(schema_validator.iter_errors(record), key=str)
    assert not errors, errors[0].message
    ArticleRecord.model_validate(record)


@settings(SETTINGS, max_examples=8)
@given(article=articles())
def test_same_input_and_config_give_the_same_output(pipeline, second_pipeline, article: Article):
    first = without_time(code(pipeline, article))
    assert without_time(code(pipeline, article)) == first
    assert without_time(code(second_pipeline, article)) == first


@settings(SETTINGS, max_examples=4)
@given(batch=st.lists(articles(), min_size=1, max_size=3, unique_by=lambda a: a.text))
def test_reingesting_changes_nothing(pipeline, tmp_path_factory, batch: list[Article]):
    import json

    from eventwire import service
    from eventwire.config import load_config
    from eventwire.store import open_store

    folder = tmp_path_factory.mktemp("reingest")
    path = folder / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": a.text, "published": a.published}) + "\n"
                            for i, a in enumerate(batch)), "utf-8")
    db = f"sqlite:///{folder / 'p.db'}"
    config = load_config(environ={})

    def snapshot() -> tuple:
        with open_store(db) as store:
            return (store.stats(), sorted((without_time(r) for r in store.iter_records()), key=lambda r: r["id"]),
                    sorted(r["id"] for r in store.iter_rejections()))

    first = service.ingest([str(path)], db, config=config, pipeline=pipeline)
    assert first.written + first.rejected == len(batch)
    before = snapshot()
    again = service.ingest([str(path)], db, config=config, pipeline=pipeline)
    assert (again.written, again.unchanged) == (0, first.written)
    assert snapshot() == before
