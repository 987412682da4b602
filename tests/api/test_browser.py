"""The web UI in a real browser: Debian's chromium driven by Playwright, against a live server."""
from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers_records import make_record  # noqa: E402

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium on PATH (apt-get install chromium); "
                                                "never `playwright install`"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from eventwire.api import create_app

    db = tmp_path_factory.mktemp("browser") / "ui.db"
    app = create_app(f"sqlite:///{db}")
    app.state.store.upsert(make_record("consult-nov"))
    app.state.store.upsert(make_record("assault-oct", plover="ASSAULT", cameo="190", date="2020-10-29"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_events_table_and_article_view(server_url: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server_url) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server_url + "/")
    rows = page.locator("#events tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert page.locator("[data-stat=articles]").inner_text() == "2"
    first = rows.nth(0)
    assert "CONSULT" in first.inner_text() and "RUSGOV" in first.inner_text() and "Gerald Darmanin" in first.inner_text()

    first.click()
    article = page.locator("#article")
    article.wait_for(state="visible")
    evidence = page.locator("#article-text mark.evidence")
    assert "".join(evidence.all_inner_texts()).startswith("MOSCOW, Nov 12 - Russian Interior Minister")
    assert page.locator("#article-text mark.trigger").inner_text() == "met"
    actors = page.locator("#article-text mark.actor").all_inner_texts()
    assert "Vladimir Kolokoltsev" in actors and "Gerald Darmanin" in actors
    # Actor marks are coloured differently from the evidence around them.
    evidence_bg = page.locator("#article-text mark.evidence:not(.actor)").first.evaluate("m => getComputedStyle(m).backgroundColor")
    actor_bg = page.locator("#article-text mark.actor").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert evidence_bg != actor_bg
    assert page.evaluate("document.activeElement.id") == "article-heading"

    assert not external, f"the UI requested external URLs: {external}"
    assert not errors, errors
    page.close()


def test_filter_form_and_keyboard(server_url: str, browser) -> None:
    page = browser.new_page()
    page.goto(server_url + "/")
    page.locator("#events tbody tr").first.wait_for()
    page.select_option("#f-type", "ASSAULT")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    assert "ASSAULT" in page.locator("#events tbody tr").inner_text()
    assert "type=ASSAULT" in page.url

    page.fill("#f-q", "nothing-matches-this")
    page.press("#f-q", "Enter")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 0")
    assert "No events match" in page.locator("#status").inner_text()

    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 2")
    # A keyboard user opens an article with the row's button.
    page.locator("#events tbody tr button.row-open").first.focus()
    page.keyboard.press("Enter")
    page.locator("#article-text mark.evidence").first.wait_for()
    page.close()
