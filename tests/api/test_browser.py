"""The web UI in a real browser: Debian's chromium driven by Playwright, against a live server over
a store of the examples coded with the real pipeline. Screenshots go to test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORT = {"width": 1440, "height": 900}  # a laptop screen

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
def server(examples_db: str) -> Iterator[tuple[str, object]]:
    import uvicorn

    from eventwire.api import create_app

    app = create_app(examples_db)
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app.state.store
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(server, browser) -> Iterator[object]:
    """A page that records requests leaving the server and script errors; both must stay empty."""
    url, _store = server
    page = browser.new_page(viewport=VIEWPORT)
    page.external = []
    page.errors = []
    page.on("request", lambda r: page.external.append(r.url)
            if not (r.url.startswith(url) or r.url.startswith("data:")) else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert not page.external, f"the UI requested external URLs: {page.external}"
    assert not page.errors, page.errors
    page.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def test_filter_assault_and_open_an_article_with_its_evidence(server, page) -> None:
    url, store = server
    page.goto(url + "/")
    rows = page.locator("#events tbody tr")
    rows.first.wait_for()
    stats = store.stats()
    assert page.locator("[data-stat=articles]").inner_text() == f"{stats['articles']:,}"
    assert page.locator("#page-info").inner_text().endswith(f"of {stats['events']:,}")

    page.select_option("#f-type", "ASSAULT")
    page.click("#filters button[type=submit]")
    assaults = store.count_events(type="ASSAULT")
    assert assaults > 0
    page.wait_for_function(f"document.querySelector('#page-info').textContent.endsWith('of {assaults}')")
    assert "type=ASSAULT" in page.url
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    shot(page, "events-assault")

    first = rows.first
    article_id, event_id = first.get_attribute("data-article-id"), first.get_attribute("data-event-id")
    expected = store.get_event(article_id, event_id)
    first.click()
    page.locator("#view-article").wait_for(state="visible")
    evidence = page.locator("#article-text mark.evidence")
    evidence.first.wait_for()
    assert "".join(evidence.all_inner_texts()) == expected["evidence"]
    assert page.locator("#article-text mark.trigger").inner_text() == expected["trigger"]
    # The chosen event's fields are beside the text, and it is pressed in the article's event list.
    fields = page.locator("#event-fields").inner_text()
    assert "ASSAULT" in fields and expected["cameo"] in fields
    assert page.locator(f"#article-events button[data-event='{event_id}']").get_attribute("aria-pressed") == "true"
    # Actors, places and times are highlighted too, each in its own colour.
    for layer in ("actor", "place", "timex"):
        assert page.locator(f"#article-text mark.{layer}").count() > 0, layer
    evidence_bg = page.locator("#article-text mark.evidence:not(.actor):not(.place):not(.timex)").first.evaluate(
        "m => getComputedStyle(m).backgroundColor")
    actor_bg = page.locator("#article-text mark.actor:not(.evidence)").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert evidence_bg != actor_bg
    shot(page, "article-evidence")

    # Choosing another event (keyboard) moves the evidence to its sentence.
    buttons = page.locator("#article-events button")
    if buttons.count() > 1:
        other = buttons.nth(1) if buttons.nth(0).get_attribute("data-event") == event_id else buttons.nth(0)
        other_id = other.get_attribute("data-event")
        other.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"document.querySelector(\"#article-events button[data-event='{other_id}']\").getAttribute('aria-pressed') === 'true'")
        assert "".join(page.locator("#article-text mark.evidence").all_inner_texts()) == store.get_event(article_id, other_id)["evidence"]

    # Back to the list keeps the filter.
    page.click("#article-back")
    page.locator("#view-events").wait_for(state="visible")
    assert page.locator("#f-type").input_value() == "ASSAULT"


def test_rows_are_keyboard_usable(server, page) -> None:
    url, _store = server
    page.goto(url + "/#/events?sort=-confidence&limit=25")
    page.locator("#events tbody tr").first.wait_for()
    assert page.locator("#events tbody tr").count() == 25
    assert page.locator("th[data-sort=confidence]").get_attribute("aria-sort") == "descending"
    confidences = [float(c) for c in page.locator("#events tbody tr td:nth-child(9)").all_inner_texts()]
    assert confidences == sorted(confidences, reverse=True)
    page.locator("#events tbody tr").first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement === document.querySelectorAll('#events tbody tr')[1]")
    page.keyboard.press("Enter")
    page.locator("#article-text mark.evidence").first.wait_for()
    page.go_back()
    page.locator("#events tbody tr").first.wait_for()
    page.click("#page-next")
    page.wait_for_function("document.querySelector('#page-info').textContent.startsWith('26')")


def test_timeline_view(server, page) -> None:
    url, store = server
    page.goto(url + "/")
    page.locator("#events tbody tr").first.wait_for()
    page.click("nav a[data-view=timeline]")
    page.locator("#timeline-chart svg").wait_for()
    bars = page.locator("#timeline-chart rect:not(.hit)")
    assert bars.count() > 0
    quads = set(bars.evaluate_all("rs => rs.map(r => r.getAttribute('class'))"))
    assert len(quads) >= 3, quads  # stacked by quad class
    note = page.locator("#timeline-note").inner_text()
    assert f"of {store.stats()['events']} matching events" in note
    assert page.locator("#type-chart svg g.bar").count() == len(store.event_counts()["by_type"])
    shot(page, "timeline")
    # Clicking a type bar lists those events.
    page.locator("#type-chart svg g.bar").first.click()
    page.locator("#view-events").wait_for(state="visible")
    assert "type=" in page.url


def test_map_view(server, page) -> None:
    url, store = server
    page.goto(url + "/#/map")
    page.locator("#map-chart svg circle.point").first.wait_for()
    assert page.locator("#map-chart svg path.land").count() > 150  # Natural Earth countries
    assert page.locator("#map-chart svg path[class*=shade-]").count() > 5
    assert page.locator("#map-chart svg circle.point").count() == len(store.event_places())
    assert page.locator("#map-places li").count() > 0
    shot(page, "map")
    page.click("#map-zoom-in")
    page.click("#map-world")
    # A circle is a keyboard target: Enter lists the events at that place.
    page.locator("#map-chart svg circle.point").first.focus()
    page.keyboard.press("Enter")
    page.locator("#view-events").wait_for(state="visible")
    assert "place=" in page.url


def test_network_view(server, page) -> None:
    url, store = server
    page.goto(url + "/#/network")
    page.locator("#network-chart svg .node").first.wait_for()
    network = store.dyads(max_actors=40)
    assert page.locator("#network-chart svg .node").count() == len(network["nodes"])
    assert page.locator("#network-chart svg path.edge").count() == len(network["edges"])
    colours = set(page.locator("#network-chart svg path.edge").evaluate_all(
        "ps => ps.map(p => p.getAttribute('class'))"))
    assert len(colours) >= 2
    node = page.locator("#network-chart svg .node").first
    node.focus()
    page.keyboard.press("Enter")
    page.locator("#actor-panel button").wait_for()
    assert page.locator("#actor-heading").inner_text() == network["nodes"][0]["name"]
    assert page.locator("#actor-panel svg").count() == 1  # its timeline
    shot(page, "network")
    page.click("#actor-panel button")
    page.locator("#view-events").wait_for(state="visible")
    assert "actor_id=" in page.url
    assert page.locator("#actor-chip").is_visible()
    total = store.count_events(actor_id=network["nodes"][0]["id"])
    assert total >= network["nodes"][0]["events"]
    page.wait_for_function(f"document.querySelector('#page-info').textContent.endsWith('of {total}')")


def test_api_docs_load_offline(server, page) -> None:
    url, _store = server
    page.goto(url + "/docs")
    page.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
    assert "eventwire" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 12
    shot(page, "api-docs")
