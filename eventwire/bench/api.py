"""``eventwire bench api``: latency of filtered event queries on a large store under concurrent clients.

Builds a synthetic store (``events`` events in generated eventwire/1 records, written with the
store's own batched upserts), serves the API with ``eventwire serve`` on 127.0.0.1 on a free port
in a subprocess, and runs ``clients`` threads, each with its own keep-alive HTTP connection, that issue
filtered /api/events queries (a page of 50, with its X-Total-Count) back to back for ``seconds``
(``eventwire bench api --seconds 60``).
Reports p50/p95/p99 latency, throughput and errors (and, first, the latency of one client alone
for 10 s); the target is p95 < 100 ms with no errors on SQLite. The clients send requests back to
back (no think time), so under load a request's latency is mostly its wait for the CPU: on a
2-core machine it is about clients / throughput. Only loopback traffic; every loop is bounded in
time and count and stops by itself.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.store import open_store

# (PLOVER type, CAMEO code, quad class, Goldstein) of the generated events.
EVENT_KINDS = (
    ("CONSULT", "040", 1, 1.0), ("AGREE", "031", 1, 5.2), ("SUPPORT", "051", 1, 3.4), ("AID", "070", 2, 7.0),
    ("COOPERATE", "061", 2, 6.4), ("RETREAT", "0874", 2, 9.0), ("REQUEST", "020", 3, 3.0), ("ACCUSE", "112", 3, -2.0),
    ("REJECT", "120", 3, -4.0), ("THREATEN", "138", 3, -7.0), ("PROTEST", "141", 4, -6.5), ("SANCTION", "163", 4, -8.0),
    ("MOBILIZE", "152", 4, -7.2), ("COERCE", "173", 4, -5.0), ("ASSAULT", "190", 4, -10.0), ("ASSAULT", "1823", 4, -10.0),
)
COUNTRIES = ("KEN", "TZA", "NGA", "ZAF", "MOZ", "IND", "BGD", "PER", "COL", "SOM", "MWI", "DEU", "GHA", "IDN",
             "TJK", "KGZ", "CAF", "PAK", "KHM", "THA", "LTU", "BLR", "HND", "CMR", "MDG", "BRA", "PRY", "DNK")
SECTORS = ("GOV", "MIL", "COP", "REB", "CVL", "OPP", "JUD", "MED", "BUS", "NGO")
VERBS = ("met", "accused", "attacked", "urged", "sanctioned", "helped", "rejected", "threatened", "protested")
EVENTS_PER_ARTICLE = 8
TARGET_P95_MS = 100.0
PAGE = 50
# Seconds of the one-client baseline run before the concurrent load.
BASELINE_SECONDS = 10.0
# Server worker processes (``eventwire serve --workers``). Two, one per core of the bench
# machine: one process holds about one core (the GIL), and the clients' own CPU is small since
# they use http.client (0.3 ms per request). Measured with other jobs loading the machine:
# 247 requests/s with one worker, 361 with two.
SERVER_WORKERS = 2
# At most this many requests per client, whatever ``seconds`` says (a bound on every loop).
MAX_REQUESTS_PER_CLIENT = 200_000


def synthetic_records(events: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Yield valid eventwire/1 records holding ``events`` events in all, deterministically."""
    rng = random.Random(seed)
    actors = [(f"Actor {i:04d} {rng.choice(('Odhiambo', 'Mwakalinga', 'Rahman', 'Kulkarni', 'Vollmer', 'Quispe'))}",
               rng.choice(COUNTRIES), rng.choice(SECTORS)) for i in range(2000)]
    places = [(f"Town {i:03d}", rng.choice(COUNTRIES), round(rng.uniform(-35, 55), 4), round(rng.uniform(-80, 120), 4))
              for i in range(600)]
    n_articles = -(-events // EVENTS_PER_ARTICLE)
    made = 0
    for a in range(n_articles):
        count = min(EVENTS_PER_ARTICLE, events - made)
        day = 1 + rng.randrange(3 * 365)
        published = time.strftime("%Y-%m-%d", time.gmtime(1_640_995_200 + day * 86_400))
        cast = rng.sample(range(len(actors)), 6)
        where = rng.sample(range(len(places)), 2)
        parts = [f"Synthetic report {a}", ""]
        offset = len(parts[0]) + 2
        record_actors = [{"id": f"a{i + 1}", "name": actors[k][0], "type": "PERSON", "country": actors[k][1],
                          "sector": actors[k][2], "code": actors[k][1] + actors[k][2], "title": None, "mentions": []}
                         for i, k in enumerate(cast)]
        record_places = [{"id": f"p{i + 1}", "name": places[k][0], "geonameid": None, "country": places[k][1],
                          "admin1": None, "feature": "city", "lat": places[k][2], "lon": places[k][3],
                          "confidence": 0.8, "mentions": []} for i, k in enumerate(where)]
        record_events = []
        for e in range(count):
            plover, cameo, quad, goldstein = EVENT_KINDS[rng.randrange(len(EVENT_KINDS))]
            src, tgt = rng.sample(range(6), 2)
            place = rng.randrange(2)
            verb = rng.choice(VERBS)
            sentence = (f"{record_actors[src]['name']} {verb} {record_actors[tgt]['name']} "
                        f"in {record_places[place]['name']} on {published}.")
            start = offset
            for who in (src, tgt):
                name = record_actors[who]["name"]
                at = sentence.index(name) + start
                record_actors[who]["mentions"].append({"start": at, "end": at + len(name), "text": name, "kind": "name"})
            trigger_at = start + len(record_actors[src]["name"]) + 1
            place_at = start + sentence.index(record_places[place]["name"])
            record_places[place]["mentions"].append(
                {"start": place_at, "end": place_at + len(record_places[place]["name"]), "text": record_places[place]["name"]})
            precise = rng.random() < 0.9
            factual = rng.random() < 0.85
            record_events.append({
                "id": f"e{e + 1}", "plover": plover, "mode": None, "contexts": [], "cameo": cameo, "quad": quad,
                "goldstein": goldstein, "source": f"a{src + 1}", "target": f"a{tgt + 1}",
                "date": published if precise else published[:7], "date_precision": "day" if precise else "month",
                "date_basis": "published", "location": f"p{place + 1}", "dead": rng.choice((None, None, None, 1, 3)),
                "injured": None, "factual": factual, "modality": "asserted" if factual else "intended",
                "trigger": {"start": trigger_at, "end": trigger_at + len(verb), "text": verb},
                "evidence": {"start": start, "end": start + len(sentence)}, "quote": None,
                "confidence": round(rng.uniform(0.3, 0.95), 2)})
            parts.append(sentence)
            offset += len(sentence) + 1
        text = parts[0] + "\n\n" + " ".join(parts[2:])
        made += count
        yield {
            "schema": "eventwire/1", "id": f"bench-{a:06d}", "source": None, "url": f"https://bench.invalid/{a}",
            "outlet": f"Outlet {a % 40}", "title": parts[0], "published": published, "language": "en", "text": text,
            "actors": record_actors, "places": record_places, "timex": [], "quotes": [], "events": record_events,
            "story": {"cluster": None, "duplicate_of": None, "similarity": None},
            "provenance": {"eventwire": "bench", "pipeline": "synthetic", "model": None, "processed_at": "2025-01-01T00:00:00Z"},
        }


def query_mix(seed: int = 11) -> list[tuple[str, str]]:
    """Return (kind, query string) pairs: the filters an analyst combines, with a page of 50."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    types = sorted({k[0] for k in EVENT_KINDS})
    for _ in range(40):
        country = rng.choice(COUNTRIES)
        year = rng.choice(("2022", "2023", "2024"))
        month = f"{year}-{rng.randrange(1, 13):02d}"
        lat, lon = rng.uniform(-30, 40), rng.uniform(-70, 100)
        out += [
            ("type", f"type={rng.choice(types)}"),
            ("type+country", f"type={rng.choice(types)}&country={country}"),
            ("actor", f"actor={country}{rng.choice(SECTORS)}"),
            ("cameo root+quad", rng.choice(("cameo=19&quad=4", "cameo=17&quad=4", "cameo=04&quad=1", "cameo=11&quad=3",
                                            "cameo=18", "cameo=1823"))),
            ("date range", f"since={month}&until={month}"),
            ("bbox", f"bbox={lon:.1f},{lat:.1f},{lon + 25:.1f},{lat + 15:.1f}"),
            ("text", f"q=Actor%20{rng.randrange(2000):04d}"),
            ("confidence+factual", f"min_confidence={rng.choice((0.5, 0.7, 0.9))}&factual=true&sort=-confidence"),
            ("unfiltered page", f"offset={rng.randrange(0, 2000) * PAGE}"),
        ]
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(db: str, port: int, workers: int, log: IO[bytes]) -> subprocess.Popen:
    """Start ``eventwire serve`` on 127.0.0.1:``port``: the API exactly as users run it."""
    command = [sys.executable, "-m", "eventwire.cli.main", "serve", "--db", db, "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers)]
    # stderr to a file, not a pipe: nobody reads it during the load, and a full pipe would block.
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def _wait_ready(port: int, server: subprocess.Popen, log: IO[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the API server exited: {log.read().decode(errors='replace')[-2000:]}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            if _get(conn, "/healthz")[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError(f"the API server did not answer within {timeout:.0f} s")


def _client_loop(port: int, queries: list[tuple[str, str]], offset: int, deadline: float,
                 out: list[tuple[str, float, bool]]) -> None:
    """Send queries back to back on one keep-alive connection until ``deadline``; record each.

    The client is the standard library's http.client (it sets TCP_NODELAY): a tenth of the CPU
    per request of httpx, so the 20 client threads, which share the machine's 2 cores with the
    server, measure the server rather than themselves. A failed request counts as an error and
    the client reconnects.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for i in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                break
            kind, query = queries[(offset + i) % len(queries)]
            started = time.perf_counter()
            try:
                status, body = _get(conn, f"/api/events?{query}&limit={PAGE}")
                ok = status == 200 and body[:1] == b"["
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            out.append((kind, (time.perf_counter() - started) * 1000, ok))
    finally:
        conn.close()


def _warm_up(port: int, queries: list[tuple[str, str]]) -> None:
    """Send each kind of query once (SQLite's page cache, the server's first-call paths)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for _, query in queries[:9]:
            _get(conn, f"/api/events?{query}&limit={PAGE}")
    finally:
        conn.close()


def _tree_cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of process ``pid`` and its descendants (Linux /proc).

    NaN where /proc cannot be read. The server's workers are children of its supervisor.
    """
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        cpu[child] = (int(fields[11]) + int(fields[12])) / tick
    if pid not in cpu:
        return float("nan")
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(cpu[p] for p in tree)


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    k = (len(sorted_ms) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_ms) - 1)
    return sorted_ms[lo] + (sorted_ms[hi] - sorted_ms[lo]) * (k - lo)


def build_store(db: str, events: int) -> dict[str, Any]:
    """Write the synthetic store (skipped when ``db`` already holds ``events`` events); return timings."""
    started = time.perf_counter()
    with open_store(db) as store:
        have = store.stats()["events"]
        if have != events:
            store.upsert_many(synthetic_records(events), batch_size=1000)
        stats = store.stats()
    return {"events": stats["events"], "articles": stats["articles"], "reused": have == events,
            "build_seconds": round(time.perf_counter() - started, 1)}


def run(events: int = 200_000, clients: int = 20, seconds: float = 60, db: str | None = None,
        workers: int = SERVER_WORKERS, baseline_seconds: float = BASELINE_SECONDS) -> dict:
    """Build (or reuse, with ``db``) the store, serve it, load it for ``seconds``; return the report.

    ``workers``: server processes (``eventwire serve --workers``; SQLite in WAL mode takes
    concurrent readers, and a single Python process holds about one core). The report also gives the CPU time
    the server and the clients spent per request during the load, and the machine's load
    average: other processes on the same cores lengthen every latency.
    """
    if seconds <= 0:
        raise ValueError(f"seconds must be positive (got {seconds})")
    workdir = None
    if db is None:
        workdir = tempfile.mkdtemp(prefix="eventwire-bench-api-")
        db = f"sqlite:///{Path(workdir) / 'bench.db'}"
    try:
        report: dict[str, Any] = {"task": "api", "store": build_store(db, events)}
        port = _free_port()
        log = tempfile.TemporaryFile()
        server = _serve(db, port, workers, log)
        try:
            _wait_ready(port, server, log)
            queries = query_mix()
            _warm_up(port, queries)
            # Baseline: one client alone, so the report shows a query's own latency too.
            alone: list[tuple[str, float, bool]] = []
            _client_loop(port, queries, 0, time.monotonic() + baseline_seconds, alone)
            results: list[list[tuple[str, float, bool]]] = [[] for _ in range(clients)]
            deadline = time.monotonic() + seconds
            threads = [threading.Thread(target=_client_loop, args=(port, queries, i * 7, deadline, results[i]), daemon=True)
                       for i in range(clients)]
            server_cpu, client_cpu = _tree_cpu_seconds(server.pid), time.process_time()
            began = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=seconds + 60)
            elapsed = time.perf_counter() - began
            server_cpu, client_cpu = _tree_cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
            load_average = os.getloadavg()[0]
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)
            log.close()
        samples = [s for per_client in results for s in per_client]
        ok_ms = sorted(ms for _, ms, ok in samples if ok)
        errors = sum(1 for _, _, ok in samples if not ok)
        by_kind: dict[str, list[float]] = {}
        for kind, ms, ok in samples:
            if ok:
                by_kind.setdefault(kind, []).append(ms)
        p95 = _percentile(ok_ms, 95)
        per_request = 1000 / len(samples) if samples else float("nan")
        report["load"] = {
            "clients": clients, "seconds": round(elapsed, 1), "requests": len(samples), "errors": errors,
            "throughput_rps": round(len(samples) / elapsed, 1) if elapsed else 0.0,
            "page_size": PAGE, "server_workers": workers, "cpus": os.cpu_count(),
            "load_average_1min": round(load_average, 2),
            "server_cpu_ms_per_request": round(server_cpu * per_request, 2),
            "client_cpu_ms_per_request": round(client_cpu * per_request, 2),
        }
        report["latency_ms"] = {
            "p50": round(_percentile(ok_ms, 50), 1), "p95": round(p95, 1), "p99": round(_percentile(ok_ms, 99), 1),
            "mean": round(statistics.fmean(ok_ms), 1) if ok_ms else float("nan"),
            "max": round(ok_ms[-1], 1) if ok_ms else float("nan"),
        }
        alone_ms = sorted(ms for _, ms, ok in alone if ok)
        report["one_client_latency_ms"] = {
            "requests": len(alone), "errors": sum(1 for _, _, ok in alone if not ok),
            "p50": round(_percentile(alone_ms, 50), 1), "p95": round(_percentile(alone_ms, 95), 1),
            "p99": round(_percentile(alone_ms, 99), 1),
        }
        report["p95_by_query_ms"] = {k: round(_percentile(sorted(v), 95), 1) for k, v in sorted(by_kind.items())}
        report["target"] = {"p95_ms": TARGET_P95_MS, "met": bool(ok_ms) and p95 < TARGET_P95_MS and errors == 0}
        return report
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
