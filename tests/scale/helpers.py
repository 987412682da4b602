"""Inputs and store snapshots shared by the scale tests (no model needed here)."""
from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Columns that say when a row was written, not what it holds: they differ between any two runs.
CLOCK_COLUMNS = frozenset({"ingested_at", "first_seen", "updated_at", "seen_at", "at"})
TABLES = ("articles", "rejected", "events", "actors", "places", "quotes", "timex", "stories", "story_articles",
          "story_merges", "canonical_events", "canonical_members")


def example_stories() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


def story_page(text: str) -> bytes:
    """An HTML page for an example story: the headline as <h1>, each paragraph as <p>."""
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    title, body = html.escape(blocks[0]), "".join(f"<p>{html.escape(b)}</p>" for b in blocks[1:])
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-05-06'>"
            f"</head><body><nav>Home | World | Business</nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright Meridian News</footer></body></html>").encode()


def write_warc(path: Path, stories: list[Path]) -> int:
    """Write a WARC of HTML response records (one per story, plus an image); return the record count."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    pages = [(f"https://meridian.invalid/{p.stem}", story_page(p.read_text("utf-8")), "text/html; charset=utf-8")
             for p in stories]
    pages.insert(1, ("https://meridian.invalid/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
    with path.open("wb") as out:
        for n, (uri, payload, ctype) in enumerate(pages):
            record = WarcRecord()
            record.init_headers(record_type=WarcRecordType.response, record_urn=f"uuid:eventwire-test-{n}".encode())
            record.headers["WARC-Target-URI"] = uri
            record.headers["WARC-Date"] = "2024-05-06T06:00:00Z"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
            record.set_bytes_content(http + payload)
            record.write(out)
    return len(pages)


def store_contents(db_file: Path) -> dict[str, list[tuple]]:
    """Every row of the store's content tables, sorted, without the clock columns.

    Record JSON loses its ``processed_at`` (a clock too); everything else must match exactly.
    """
    conn = sqlite3.connect(db_file)
    try:
        out = {}
        for table in TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in CLOCK_COLUMNS]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            if table == "articles":
                at = columns.index("record")
                rows = [(*r[:at], _without_clock(r[at]), *r[at + 1:]) for r in rows]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def _without_clock(record_json: str) -> str:
    record = json.loads(record_json)
    record["provenance"].pop("processed_at", None)
    return json.dumps(record, sort_keys=True)
