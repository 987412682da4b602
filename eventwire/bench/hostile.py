"""Hostile inputs generated in code: what eventwire meets when pointed at the open web.

Used by the reliability tests (``tests/reliability``) and as seeds of ``eventwire bench fuzz``.
Every input is built here from a seeded random generator and a few English sentence
fragments written for this project; nothing binary is stored in the repository.

Each ``HostileInput`` names a file (its suffix picks the reader, as on disk), holds its bytes
and says what must become of it: ``coded`` (at least one article coded), ``rejected`` (every
record a rejection, each with a reason) or ``either``.
"""
from __future__ import annotations

import gzip
import json
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Expect = Literal["coded", "rejected", "either"]

# Sentence fragments (written for this project) that the coder finds events, actors, places
# and times in; property tests and the fuzzer assemble articles from them.
SUBJECTS = ("Kenyan Foreign Minister Amina Odhiambo", "The Nigerian army", "Police in Lagos",
            "President Emmanuel Macron", "The United Nations", "Protesters in Lima", "Rebels",
            "The German government", "Ghanaian officials", "Chinese Foreign Minister Wang Yi")
PREDICATES = ("met", "condemned", "attacked", "accused", "signed an agreement with", "criticized",
              "threatened", "praised", "expelled the envoy of", "agreed to resume talks with")
OBJECTS = ("Tanzanian officials", "the French ambassador", "villagers near Kaduna", "Russia",
           "the European Union", "opposition leaders", "the government of Peru", "Ukraine")
TIMES = ("on Monday", "on Wednesday", "last week", "on March 3, 2024", "in early November", "")
PLACES = ("in Nairobi", "in Arusha", "in Kaduna State", "in Paris", "in Geneva", "near the border", "")
QUOTES = ('"We will not accept this," the minister told reporters.',
          '"The talks were constructive," a spokeswoman said.',
          'Officials said the situation was calm.',
          '"Eleven people were killed," police said on Tuesday.')

DATELINE = "NAIROBI, March 14, 2024 (Eastlake Wire) - "


@dataclass(frozen=True, slots=True)
class HostileInput:
    """One generated input: its file name, bytes, what must become of it, and why it is hostile."""

    name: str
    data: bytes
    expect: Expect
    note: str


def sentence(rng: random.Random) -> str:
    """Return one English news sentence assembled from the fragments."""
    parts = [rng.choice(SUBJECTS), rng.choice(PREDICATES), rng.choice(OBJECTS), rng.choice(PLACES), rng.choice(TIMES)]
    return " ".join(p for p in parts if p) + "."


def story(rng: random.Random, paragraphs: int = 3) -> str:
    """Return a short wire story: headline, dateline, a few paragraphs (one may be a quote)."""
    first = sentence(rng)
    body = [DATELINE + first]
    for _ in range(paragraphs - 1):
        body.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) + " " + rng.choice(QUOTES))
    headline = first.rstrip(".").title()[:90]
    return headline + "\n\n" + "\n\n".join(body) + "\n"


def _html(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}</article>"
            "<footer>(c) Wire</footer></body></html>")


def gzip_bomb(decompressed: int, *, prefix: bytes = b"", chunk: int = 1 << 26) -> bytes:
    """Return gzip bytes that inflate to ``decompressed`` bytes (``prefix`` then zeros).

    Built from repeated gzip members (a valid multi-member gzip file), so making a 2 GB bomb
    costs compressing one 64 MB block, not two gigabytes.
    """
    head = gzip.compress(prefix, compresslevel=9, mtime=0) if prefix else b""
    member = gzip.compress(bytes(chunk), compresslevel=9, mtime=0)
    full, rest = divmod(decompressed - len(prefix), chunk)
    tail = gzip.compress(bytes(rest), compresslevel=9, mtime=0) if rest else b""
    return head + member * full + tail


def warc_record(target: str, payload: bytes, *, content_type: str = "text/html; charset=utf-8",
                status: str = "200 OK", declared: int | None = None) -> bytes:
    """Return one WARC/1.0 response record holding an HTTP response with ``payload``."""
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
    length = len(http) if declared is None else declared
    head = ("WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:{zlib.crc32(target.encode()):08x}-0000-4000-8000-000000000000>\r\n"
            "WARC-Date: 2024-03-14T10:00:00Z\r\n"
            f"WARC-Target-URI: {target}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _feed(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel>'
            f"<title>Wire</title><link>http://example.org/</link>{items}</channel></rss>").encode()


def _item(title: str, text: str) -> str:
    return f"<item><title>{title}</title><link>http://example.org/a</link><description>{text}</description></item>"


def small_inputs(seed: int = 0) -> Iterator[HostileInput]:
    """Yield the hostile inputs that are cheap to build and read (all but the big ones)."""
    rng = random.Random(seed)
    good = story(rng)
    yield HostileInput("empty.txt", b"", "rejected", "empty file")
    yield HostileInput("whitespace.txt", b" \n\t\r\n   \n" * 50, "rejected", "only whitespace")
    yield HostileInput("random.bin", rng.randbytes(200_000), "rejected", "random binary (unknown suffix: sniffed)")
    yield HostileInput("random.txt", rng.randbytes(50_000), "rejected", "random binary named .txt")
    yield HostileInput("report.pdf", _pdf(rng), "rejected", "PDF bytes")
    yield HostileInput("cp1252.txt", good.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
                       .replace(" - ", " \u2013 ").encode("cp1252"), "coded", "cp1252 smart quotes and dash")
    yield HostileInput("mixed-encoding.txt", good.encode("utf-8") + "Caf\u00e9 \u201cdeal\u201d.\n".encode("cp1252")
                       + "Z\u00fcrich\n".encode("utf-8"), "coded", "UTF-8 with stray cp1252 bytes")
    yield HostileInput("undefined-bytes.txt", b"Some text \x81\x8d\x8f\x90\x9d " * 40, "rejected",
                       "bytes neither UTF-8 nor cp1252 defines")
    yield HostileInput("utf16.txt", good.encode("utf-16"), "rejected", "UTF-16 without a declaration (NUL bytes)")
    yield HostileInput("nested.html", b"<html><body>" + b"<div>" * 100_000 + good.encode() + b"</div>" * 100_000
                       + b"</body></html>", "either", "100,000 nested divs")
    yield HostileInput("no-article.html", _nav_only().encode(), "rejected", "HTML page with navigation only")
    yield HostileInput("script-only.html", b"<html><body><script>" + b"var a=1;" * 5000 + b"</script></body></html>",
                       "rejected", "HTML with only a script")
    yield HostileInput("good.html", _html(good.split("\n")[0], good).encode(), "coded", "control: a normal page")
    yield HostileInput("bad-types.jsonl", _bad_jsonl(rng), "either", "JSONL: wrong types, broken lines, one good")
    long_text = good + "\n\n".join(sentence(rng) for _ in range(300))
    yield HostileInput("truncated.txt.gz", gzip.compress(long_text.encode())[:-600], "rejected", "gzip cut short")
    yield HostileInput("truncated.jsonl.gz", gzip.compress(_good_jsonl(rng, 30))[:-300], "either",
                       "gzipped JSONL cut short: the lines before the cut stand")
    yield HostileInput("garbage.gz", b"\x1f\x8b" + rng.randbytes(5000), "rejected", "gzip magic then garbage")
    warc = b"".join(warc_record(f"http://example.org/{i}", _html(f"Story {i}", story(rng)).encode()) for i in range(3))
    yield HostileInput("truncated.warc", warc[: len(warc) - 400], "either", "WARC cut inside its last record")
    members = b"".join(gzip.compress(warc_record(f"http://example.org/g{i}", _html(f"Story {i}", story(rng)).encode()))
                       for i in range(3))
    yield HostileInput("truncated.warc.gz", members[: len(members) - 200], "either", "WARC.gz cut inside its last member")
    yield HostileInput("lying.warc", warc_record("http://example.org/lie", b"<html>short</html>", declared=10_000_000),
                       "rejected", "WARC record declaring 10 MB, holding 100 bytes")
    yield HostileInput("binary-response.warc", warc_record("http://example.org/img", rng.randbytes(3000),
                                                           content_type="image/png"), "rejected", "WARC image response")
    yield HostileInput("xxe.xml", _feed(_item("Secret", "&xxe;"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
                       "rejected", "feed with an external entity")
    yield HostileInput("xxe-param.xml", _feed(_item("Secret", "text"), '<!DOCTYPE rss [<!ENTITY % p SYSTEM '
                                              '"http://127.0.0.1:9/evil.dtd"> %p;]>\n'), "rejected",
                       "feed with an external parameter entity")
    yield HostileInput("billion-laughs.xml", _feed(_item("Laughs", "&lol9;"), _laughs()), "rejected", "billion laughs")
    yield HostileInput("feed.xml", _feed("".join(_item(f"Story {i}", story(rng).replace("\n\n", " ")) for i in range(2))),
                       "coded", "control: a normal feed")
    yield HostileInput("broken-feed.xml", _feed(_item("Cut", story(rng)))[:300], "either", "feed cut short")
    yield HostileInput("french.txt", _french().encode(), "rejected", "French text")
    yield HostileInput("russian.txt", _russian().encode(), "rejected", "Russian text")
    yield HostileInput("control-chars.txt", bytes(rng.choice(range(1, 32)) for _ in range(3000)), "rejected",
                       "control characters")
    yield HostileInput("long-words.txt", ("x" * 100_000 + " ").encode() * 5, "rejected", "a few 100k-letter words")
    yield HostileInput("emoji.txt", (good + "\n\n" + "\U0001f600\u200b\u202e" * 300 + "\n").encode(), "either",
                       "emoji, zero-width and bidi controls")


def big_inputs() -> Iterator[HostileInput]:
    """Yield the inputs that are large on disk or once inflated (tens of MB, GB bombs)."""
    line = b"Police said the protest in Lima was peaceful. "
    yield HostileInput("huge.txt", (line * 40 + b"\n\n") * (30_000_000 // (len(line) * 40 + 2)), "rejected", "30 MB text")
    yield HostileInput("one-line.txt", line * (5_000_000 // len(line)), "rejected", "5 MB on a single line")
    yield HostileInput("one-line.jsonl", json.dumps({"text": (line * (5_000_000 // len(line))).decode()}).encode(),
                       "rejected", "5 MB JSONL record on one line")
    yield HostileInput("bomb.txt.gz", gzip_bomb(2 << 30), "rejected", "gzip of 2 GB of zeros")
    yield HostileInput("bomb.bin", gzip_bomb(2 << 30), "rejected", "gzip bomb without a suffix (sniffed)")
    yield HostileInput("bomb.jsonl.gz", gzip_bomb(2 << 30, prefix=b'{"text": "'), "rejected", "gzipped JSONL bomb")
    yield HostileInput("bomb.xml.gz", gzip_bomb(1 << 30, prefix=b'<?xml version="1.0"?><rss><channel>'), "rejected",
                       "gzipped feed bomb")
    header = warc_record("http://example.org/bomb", b"", declared=2 << 30)[:-4]
    yield HostileInput("bomb.warc.gz", gzip_bomb(2 << 30, prefix=header), "rejected", "WARC.gz bomb")


def hostile_inputs(seed: int = 0, *, big: bool = True) -> list[HostileInput]:
    """Return every hostile input (``big`` adds the large files and the compression bombs)."""
    items = list(small_inputs(seed))
    if big:
        items.extend(big_inputs())
    return items


def _pdf(rng: random.Random) -> bytes:
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Talks resumed in Arusha) Tj ET" * 50) + rng.randbytes(4000)
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"4 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + stream + b"\nendstream\nendobj\nxref\n0 5\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _nav_only() -> str:
    links = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(40))
    return f"<!DOCTYPE html><html><head><title>Home</title></head><body><nav><ul>{links}</ul></nav></body></html>"


def _laughs() -> str:
    decls = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                        for i in range(1, 10)]
    return "<!DOCTYPE rss [" + "".join(decls) + "]>\n"


def _good_jsonl(rng: random.Random, n: int) -> bytes:
    return b"".join(json.dumps({"id": f"g{i}", "text": story(rng), "published": "2024-03-14"}).encode() + b"\n"
                    for i in range(n))


def _bad_jsonl(rng: random.Random) -> bytes:
    bad = [
        b'{"id": 1, "text": 42}',
        b'{"id": "a", "text": null}',
        b'{"id": "b", "text": ["a", "list"]}',
        b'{"id": "c", "text": {"nested": "object"}}',
        b'["not", "an", "object"]',
        b'"a string"',
        b'{"id": "d", "text": "unterminated',
        b'{"id": "e" "text": "missing comma"}',
        json.dumps({"id": {"x": 1}, "text": story(rng), "published": 20240314, "title": ["t"],
                    "outlet": 3.5, "url": False}).encode(),
        json.dumps({"id": "f", "text": story(rng), "published": "not a date at all"}).encode(),
        json.dumps({"id": "g", "text": story(rng), "published": "9999-99-99"}).encode(),
        b'{"id": "h", "text": "\\ud800 lone surrogate in an otherwise empty article"}',
        b"\xff\xfe\x00garbage",
        b"{" * 100_000,
        b"[" * 50_000 + b"]" * 50_000,
        json.dumps({"id": "ok", "text": story(rng), "published": "2024-03-14"}).encode(),
    ]
    return b"\n".join(bad) + b"\n"


def _french() -> str:
    return ("Le ministre des Affaires étrangères a rencontré son homologue à Paris mardi pour discuter de la "
            "crise. Les deux pays ont convenu de reprendre les négociations commerciales le mois prochain, "
            "a déclaré le ministère dans un communiqué publié après la réunion.\n") * 4


def _russian() -> str:
    return ("Министр иностранных дел встретился с коллегой в Москве во вторник, чтобы обсудить кризис. "
            "Стороны договорились возобновить переговоры в следующем месяце, сообщило министерство.\n") * 4


def reason_kind(reason: str) -> str:
    """A short label for a rejection reason, for the counts by reason the tests and the fuzzer print."""
    text = reason
    for needle, label in (("internal error", "CRASH (internal error)"), ("compression bomb", "compression bomb"),
                          ("over the limit", "too large"), ("over 12,000,000", "too large"),
                          ("inflates to over", "too large"), ("binary", "binary"), ("is empty", "empty"),
                          ("without a space", "not prose"),
                          ("neither UTF-8", "undecodable bytes"), ("not English", "not English"),
                          ("XML entities", "XML entities refused"), ("no article text", "no article in HTML"),
                          ("not valid JSON", "broken JSON"), ("nests JSON", "broken JSON"),
                          ("not a JSON object", "wrong JSON types"), ('no "text"', "wrong JSON types"),
                          ("to the end", "truncated"), ("truncated", "truncated"), ("not an HTML page", "not a page"),
                          ("fewer than", "too short"), ("no article body", "too short"),
                          ("no content or summary", "empty feed entry"), ("not an RSS", "not a feed")):
        if needle in text:
            return label
    return text[:60]


def write_inputs(items: list[HostileInput], folder) -> list[str]:
    """Write ``items`` into ``folder`` (a pathlib.Path) and return their paths in order."""
    paths = []
    for item in items:
        path = folder / item.name
        path.write_bytes(item.data)
        paths.append(str(path))
    return paths


__all__ = ["HostileInput", "big_inputs", "gzip_bomb", "hostile_inputs", "reason_kind", "small_inputs", "sentence", "story",
           "warc_record", "write_inputs"]

