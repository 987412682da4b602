"""Run `eventwire ingest` in a measured subprocess and sort what it stored by input file.

Shared by the hostile-input batch (``conftest.py``), the crash-safety and the property tests.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.bench.hostile import reason_kind  # noqa: F401 (re-exported for conftest)

ROOT = Path(__file__).resolve().parents[2]
CONTROLS = ("01-kenya-tanzania-trade-talks.txt", "08-somalia-expels-kenyan-envoy.txt",
            "24-estonia-hospital-cyberattack.html")

# The documented memory bound (README, "Limits"): `eventwire ingest` of the hostile batch runs
# under a 3 GiB address-space limit (a 2 GB bomb inflated in memory could not) and peaks below
# 1 GiB resident. Measured here: ~0.5 GB peak RSS, ~1.0 GB peak virtual size.
ADDRESS_SPACE_LIMIT = 3 << 30
MAX_RSS_BYTES = 1 << 30

# Runs the CLI under RLIMIT_AS and writes the process's own peak RSS (ru_maxrss, KiB on Linux)
# to a file when it exits, whatever the exit code.
_MEASURED = """
import atexit, resource, sys
out, limit = sys.argv[1], int(sys.argv[2])
del sys.argv[1:3]
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
atexit.register(lambda: open(out, "w").write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)))
sys.argv[0] = "eventwire"
from eventwire.cli.main import main
main()
"""


@dataclass
class IngestRun:
    """What one measured `eventwire ingest` did."""

    returncode: int
    stderr: str
    peak_rss: int
    db: str
    seconds: float = 0.0
    outcomes: dict[str, dict] = field(default_factory=dict)  # input name -> {"coded", "rejected", "reasons"}


def run_measured_ingest(paths: list[str], db: str, *, limit: int = ADDRESS_SPACE_LIMIT, timeout: float = 600,
                        extra: tuple[str, ...] = ()) -> IngestRun:
    """Run `eventwire ingest PATHS --db DB` in a subprocess under RLIMIT_AS; return its result."""
    import tempfile
    import time

    with tempfile.NamedTemporaryFile(suffix=".rss", delete=False) as fh:
        rss_file = fh.name
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("EVENTWIRE_CONFIG", None)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, rss_file, str(limit), "ingest", *paths, "--db", db, *extra],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    seconds = time.monotonic() - started
    peak = int(Path(rss_file).read_text() or 0) if Path(rss_file).stat().st_size else 0
    os.unlink(rss_file)
    return IngestRun(proc.returncode, proc.stderr, peak, db, seconds)


def outcomes_by_input(db: str, names: list[str], folder: Path) -> dict[str, dict]:
    """Group the store's articles and rejections by the input file they came from."""
    from eventwire.store import open_store

    result = {name: {"coded": 0, "rejected": 0, "reasons": []} for name in names}

    def owner(source: str | None) -> str | None:
        if not source:
            return None
        rel = source[len(str(folder)) + 1:] if source.startswith(str(folder)) else source
        for name in sorted(names, key=len, reverse=True):
            if rel == name or rel.startswith((name + ":", name + "#")):
                return name
        return None

    with open_store(db) as store:
        for record in store.iter_records():
            name = owner(record.get("source"))
            if name:
                result[name]["coded"] += 1
        for record in store.iter_rejections():
            name = owner(record.get("source"))
            if name:
                result[name]["rejected"] += 1
                result[name]["reasons"].append(f"{record['rejected']['stage']}: {record['rejected']['reason']}")
    return result
