"""Reader guards found by the hostile suite and the fuzzer, tested on inputs built by hand."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from eventwire.bench.hostile import gzip_bomb
from eventwire.model import Article, RejectedInput
from eventwire.readers import InputLimits, iter_inputs
from eventwire.readers.compressed import BoundedGunzip, open_gunzip
from eventwire.readers.fields import MAX_RUN_CHARS, iso_published, text_problem

STORY = "Rebels attacked a convoy near Kaduna on Monday, police said.\n\n" * 3


def read(path: Path) -> list:
    return list(iter_inputs([str(path)], "auto", InputLimits()))


def test_a_long_run_without_spaces_is_not_prose(tmp_path: Path):
    assert text_problem(STORY) is None
    assert text_problem(STORY + "x" * MAX_RUN_CHARS) is None
    assert "1,001 characters" in text_problem(STORY + "[" * (MAX_RUN_CHARS + 1) + " end")
    (tmp_path / "brackets.txt").write_text(STORY + "[" * 80_000, "utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b64", "text": "%s"}\n{"id": "ok", "text": "%s"}\n'
                                      % ("QUJD" * 500, STORY.replace("\n", "\\n")), "utf-8")
    out = read(tmp_path / "brackets.txt") + read(tmp_path / "b.jsonl")
    assert isinstance(out[0], RejectedInput) and "without a space" in out[0].reason
    assert isinstance(out[1], RejectedInput) and out[1].id == "b64" and out[1].source.endswith("b.jsonl:1")
    assert isinstance(out[2], Article) and out[2].id == "ok"


def test_the_bomb_guard_stops_early_and_keeps_what_came_before():
    stream = open_gunzip(io.BytesIO(gzip_bomb(1 << 30)), what="bomb")
    while stream.read(1 << 20):
        pass
    raw: BoundedGunzip = stream.raw
    assert "compression bomb" in str(raw.failure) and raw.produced < 40 * 2**20
    plain = gzip.compress(STORY.encode() * 20)
    stream = open_gunzip(io.BytesIO(plain[:-40]), what="cut")
    data = stream.read()
    assert isinstance(stream.raw.failure, EOFError) and data and STORY.encode().startswith(data[:20])


def test_a_bomb_in_a_container_ends_it_with_a_rejection(tmp_path: Path):
    good = b'{"id": "first", "text": "%s"}\n' % STORY.replace("\n", "\\n").encode()
    (tmp_path / "mixed.jsonl.gz").write_bytes(gzip.compress(good) + gzip_bomb(1 << 30, prefix=b'{"text": "'))
    out = read(tmp_path / "mixed.jsonl.gz")
    assert isinstance(out[0], Article) and out[0].id == "first"
    assert any(isinstance(o, RejectedInput) and "compression bomb" in o.reason for o in out[1:])


def test_feeds_declaring_entities_are_refused(tmp_path: Path):
    feed = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/hostname">]><rss version="2.0">'
            "<channel><title>W</title><item><title>T</title><description>&e; %s</description></item></channel></rss>"
            % STORY)
    (tmp_path / "f.xml").write_text(feed, "utf-8")
    (tmp_path / "f16.xml").write_bytes(feed.replace('version="1.0"?', 'version="1.0" encoding="utf-16"?').encode("utf-16"))
    for name in ("f.xml", "f16.xml"):
        out = read(tmp_path / name)
        assert len(out) == 1 and isinstance(out[0], RejectedInput) and "XML entities" in out[0].reason, name


def test_jsonl_surrogates_nesting_and_bad_dates(tmp_path: Path):
    lines = ['{"id": "s", "text": "\\ud800 Rebels attacked a convoy near Kaduna on Monday."}', "[" * 100_000,
             '{"id": "d", "text": "Rebels attacked a convoy near Kaduna.", "published": "not a date"}']
    (tmp_path / "x.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    surrogate, nested, dated = read(tmp_path / "x.jsonl")
    assert surrogate.text == "\ufffd Rebels attacked a convoy near Kaduna on Monday."  # one character for one
    assert isinstance(nested, RejectedInput) and "too deeply" in nested.reason
    assert isinstance(dated, Article) and dated.published is None
    assert [iso_published(v, "t") for v in ("2024-03-14", "2024-02-30", "2024", "2024-03-14T10:00:00Z")] == [
        "2024-03-14", None, "2024", "2024-03-14T10:00:00Z"]
