"""URL inputs, against a local http.server on 127.0.0.1 (no test touches the network)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.model import Article, RejectedInput
from eventwire.readers import InputLimits, iter_inputs

BODY = " ".join(["Police arrested two men in Lagos on Monday after a raid on a warehouse, officials said."] * 4)
PAGE = (f"<html><head><title>Lagos raid</title><meta property='article:published_time' content='2024-03-05'></head>"
        f"<body><nav>Home</nav><article><h1>Lagos raid</h1><p>{BODY}</p></article></body></html>").encode()


def feed(base: str) -> bytes:
    return (f"<rss version='2.0'><channel><title>Local Wire</title>"
            f"<item><title>Raid</title><link>{base}/page</link><description>Short teaser.</description></item>"
            f"<item><title>Gone</title><link>{base}/missing</link><description>Teaser of a gone page.</description></item>"
            f"</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE),
            "/feed": (200, "application/rss+xml", feed(base)),
            "/plain": (200, "text/plain; charset=windows-1252", b"\x93Talks resumed,\x94 the envoy said on Monday."),
            "/big": (200, "text/html", b"<html>" + b"x" * 5000 + b"</html>"),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        status, ctype, body = routes.get(self.path, (404, "text/html", b"<html>not found</html>"))
        if self.path == "/slow":
            status, ctype, body = routes["/page"]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the timeout test hangs up on /slow on purpose


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def read_all(paths, fmt="auto", **limits):
    return list(iter_inputs(paths, fmt, InputLimits(**limits)))


def test_a_url_page_is_fetched_with_a_user_agent_and_read_as_html(server: str):
    Handler.seen_agents.clear()
    [article] = read_all([f"{server}/page"])
    assert isinstance(article, Article) and "arrested two men" in article.text
    assert article.source == f"{server}/page" and article.url == f"{server}/page"
    assert article.published == "2024-03-05"
    assert Handler.seen_agents and Handler.seen_agents[0].startswith("eventwire/")


def test_redirects_are_followed_to_http_only(server: str):
    [article] = read_all([f"{server}/redirect"])
    assert isinstance(article, Article) and article.url == f"{server}/page"
    [refused] = read_all([f"{server}/to-file"])
    assert isinstance(refused, RejectedInput) and "file:///etc/passwd" in refused.reason


def test_fetch_failures_are_rejections_with_reasons(server: str):
    missing, big, image, slow = read_all([f"{server}/missing", f"{server}/big", f"{server}/image", f"{server}/slow"],
                                         max_bytes=2000, max_feed_bytes=4000, fetch_timeout=0.5)
    assert isinstance(missing, RejectedInput) and "HTTP 404" in missing.reason
    assert isinstance(big, RejectedInput) and "over the limit" in big.reason
    assert isinstance(image, RejectedInput) and "binary" in image.reason
    assert isinstance(slow, RejectedInput) and ("0.5 s" in slow.reason or "timed out" in slow.reason)


def test_connection_refused_is_a_rejection():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [out] = read_all([f"http://127.0.0.1:{port}/x"], fetch_timeout=2)
    assert isinstance(out, RejectedInput) and "cannot fetch" in out.reason


def test_plain_text_url_uses_the_declared_charset(server: str):
    [article] = read_all([f"{server}/plain"])
    assert article.text == "\u201cTalks resumed,\u201d the envoy said on Monday."


def test_feed_url_entries_and_linked_pages_only_when_asked(server: str):
    teaser, gone = read_all([f"{server}/feed"])
    assert teaser.text == "Short teaser." and teaser.url == f"{server}/page" and teaser.outlet == "Local Wire"
    full, fallback = read_all([f"{server}/feed"], fetch_links=True)
    assert "arrested two men" in full.text and full.title == "Raid" and full.published == "2024-03-05"
    # The linked page is gone: the entry's own text is kept rather than losing the entry.
    assert fallback.text == "Teaser of a gone page."


def test_urls_are_not_globbed_and_urls_inside_documents_are_not_fetched(server: str, tmp_path: Path, monkeypatch):
    from eventwire.readers import expand_paths, url

    assert list(expand_paths([f"{server}/page?id=[1]*"])) == [f"{server}/page?id=[1]*"]
    calls = []
    monkeypatch.setattr(url, "fetch", lambda *a, **k: calls.append(a))
    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "Police detained a man.", "url": "http://127.0.0.1:9/x"}\n')
    assert [a.url for a in read_all([str(path)])] == ["http://127.0.0.1:9/x"] and calls == []
