"""RSS/Atom feeds and WARC archives: one Article per entry or response record."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from eventwire.model import Article, RejectedInput
from eventwire.readers import InputLimits, iter_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BODY = " ".join(["The army deployed two battalions to the northern border on Tuesday, officials said."] * 4)


def read_all(paths, fmt="auto", **limits):
    return list(iter_inputs([str(p) for p in paths], fmt, InputLimits(**limits)))


RSS = b"""<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Meridian News</title><link>https://meridian.invalid/</link>
<item><title>EU threatens sanctions</title><link>https://meridian.invalid/eu</link>
 <pubDate>Tue, 27 Aug 2024 09:30:00 GMT</pubDate><description>Short summary</description>
 <content:encoded><![CDATA[<p>BRUSSELS (Meridian) - The EU \x93threatened\x94 sanctions.</p><script>x()</script><p>Madagascar rejected it.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://meridian.invalid/s</link><description>Police arrested two men in Lagos.</description></item>
<item><title>Nothing here</title><link>https://meridian.invalid/n</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Eastlake Wire</title>
<entry><title>Talks open</title><link href="https://eastlake.invalid/t"/><id>urn:x:1</id>
<updated>2024-08-27T10:00:00+02:00</updated><content type="text">Kenya and Tanzania opened trade talks.</content></entry>
</feed>"""


def test_rss_entries_become_articles_with_their_metadata(tmp_path: Path):
    path = tmp_path / "feed.rss"
    path.write_bytes(RSS)
    first, second, third = read_all([path])
    assert isinstance(first, Article)
    assert first.text == "BRUSSELS (Meridian) - The EU \u201cthreatened\u201d sanctions.\n\nMadagascar rejected it."
    assert (first.title, first.url, first.outlet) == ("EU threatens sanctions", "https://meridian.invalid/eu", "Meridian News")
    assert first.published == "2024-08-27T09:30:00Z"
    assert first.source == f"{path}#1"
    assert isinstance(second, Article) and second.text == "Police arrested two men in Lagos." and second.published is None
    assert isinstance(third, RejectedInput) and "no content" in third.reason and third.source.endswith("#3")


def test_atom_feed_is_sniffed_without_a_suffix_and_times_are_utc(tmp_path: Path):
    path = tmp_path / "feed-download"
    path.write_bytes(ATOM)
    [entry] = read_all([path])
    assert entry.text == "Kenya and Tanzania opened trade talks."
    assert entry.published == "2024-08-27T08:00:00Z" and entry.outlet == "Eastlake Wire"


def test_xml_that_is_not_a_feed_is_rejected(tmp_path: Path):
    path = tmp_path / "sitemap.xml"
    path.write_bytes(b"<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>")
    [out] = read_all([path])
    assert isinstance(out, RejectedInput) and "feed" in out.reason


def test_feed_links_are_not_fetched_unless_asked(tmp_path: Path, monkeypatch):
    from eventwire.readers import url

    def no_network(*args, **kwargs):
        raise AssertionError("fetched a link without being asked")

    monkeypatch.setattr(url, "fetch", no_network)
    path = tmp_path / "feed.rss"
    path.write_bytes(RSS)
    assert len(read_all([path])) == 3


# -- WARC ---------------------------------------------------------------------------------


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-08-27'>"
            f"</head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p></article>"
            "<footer>Copyright</footer></body></html>").encode()


def warc_bytes(records: list[tuple[str, str, bytes, str, int]]) -> bytes:
    """Build a WARC: (record type, target URI, payload, content type, HTTP status) per record."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    out = io.BytesIO()
    for n, (kind, uri, payload, ctype, status) in enumerate(records):
        record = WarcRecord()
        record.init_headers(record_type=getattr(WarcRecordType, kind), record_urn=f"uuid:0000-{n}".encode())
        record.headers["WARC-Target-URI"] = uri
        record.headers["WARC-Date"] = "2024-08-28T06:00:00Z"
        if kind == "response":
            record.headers["Content-Type"] = "application/http; msgtype=response"
            http = (f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
            record.set_bytes_content(http + payload)
        else:
            record.headers["Content-Type"] = "application/http; msgtype=request"
            record.set_bytes_content(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        record.write(out)
    return out.getvalue()


RECORDS = [
    ("request", "https://meridian.invalid/a", b"", "", 0),
    ("response", "https://meridian.invalid/a", page("Army deploys", BODY), "text/html; charset=utf-8", 200),
    ("response", "https://meridian.invalid/logo.png", b"\x89PNG\r\n", "image/png", 200),
    ("response", "https://meridian.invalid/gone", b"<html>gone</html>", "text/html", 404),
    ("response", "https://meridian.invalid/b", page("Second", BODY.replace("army", "navy")), "text/html", 200),
]


def test_warc_response_records_are_read_through_the_html_reader(tmp_path: Path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes(RECORDS))
    out = read_all([path])
    assert len(out) == 4  # the request record is no input; every response is accounted for
    first, image, missing, second = out
    assert isinstance(first, Article) and "deployed two battalions" in first.text and "Copyright" not in first.text
    assert first.source == f"{path}#urn:uuid:0000-1" and first.url == "https://meridian.invalid/a"
    assert first.published == "2024-08-27"
    assert isinstance(image, RejectedInput) and "image/png" in image.reason
    assert isinstance(missing, RejectedInput) and "404" in missing.reason
    assert isinstance(second, Article) and second.source.endswith("#urn:uuid:0000-4")


def test_warc_gz_per_record_members_and_truncation(tmp_path: Path):
    # Real .warc.gz files compress each record as its own gzip member.
    members = b"".join(gzip.compress(warc_bytes([r])) for r in RECORDS)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(members)
    out = read_all([path])
    assert [type(o).__name__ for o in out] == ["Article", "RejectedInput", "RejectedInput", "Article"]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(warc_bytes(RECORDS)[:-40])
    out = read_all([cut])
    assert isinstance(out[-1], RejectedInput) and "truncated" in out[-1].reason


def test_warc_is_sniffed_and_the_crawl_date_stands_in_for_a_missing_date(tmp_path: Path):
    undated = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    path = tmp_path / "shard"  # no suffix: recognized by its first bytes
    path.write_bytes(warc_bytes([("response", "https://x.invalid/p", undated, "text/html", 200)]))
    [article] = read_all([path])
    assert isinstance(article, Article) and article.published == "2024-08-28"


def test_directory_walk_finds_every_supported_format(tmp_path: Path):
    for name in ("a.rss", "b.warc.gz", "c.jsonl.gz", "d.atom", "e.txt", "f.pdf", "g.warc"):
        (tmp_path / name).write_bytes(b"x")
    from eventwire.readers import expand_paths

    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == ["a.rss", "b.warc.gz", "c.jsonl.gz", "d.atom",
                                                                      "e.txt", "g.warc"]


def test_examples_syndicated_pair_reads_from_a_feed(tmp_path: Path):
    """The 20a/20b pair as two entries of one feed: same story, each with its own outlet line."""
    from xml.sax.saxutils import escape

    items = []
    for name in ("20a-eu-madagascar-sanctions-threat.txt", "20b-eu-madagascar-sanctions-threat.txt"):
        title, _, body = (EXAMPLES / name).read_text("utf-8").partition("\n\n")
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.strip().split("\n\n"))
        items.append(f"<item><title>{escape(title)}</title><description>{escape(paragraphs)}</description></item>")
    path = tmp_path / "pair.rss"
    path.write_text(f"<rss version='2.0'><channel><title>Aggregator</title>{''.join(items)}</channel></rss>")
    first, second = read_all([path])
    assert "(Meridian News)" in first.text and "(Eastlake Wire)" in second.text
    assert first.text.count("\n\n") == 4 and first.title.startswith("EU Threatens Sanctions")
