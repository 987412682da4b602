"""``eventwire export``: write the store in one of the export formats.

    export_records("gdelt", Path("events.tsv"), "sqlite:///eventwire.db")

The CLI command parses its options and calls ``export_records``; nothing here prints.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from eventwire.errors import EventwireError, unknown_choice
from eventwire.export import write_events_csv, write_events_parquet, write_gdelt, write_jsonl, write_plover
from eventwire.store import Store, open_store

# Each format: what one output unit is, and how to write it. Text formats accept "-" for stdout.
FORMATS: dict[str, str] = {
    "jsonl": "records",   # eventwire records, one per line (SCHEMA.md)
    "csv": "events",      # one row per event, EVENT_ROW_COLUMNS
    "parquet": "events",  # the same rows, typed columns
    "gdelt": "events",    # GDELT 2.0 event table, 61 tab-separated columns, no header
    "plover": "events",   # PLOVER JSON lines
}


@contextmanager
def _text_output(output: Path) -> Iterator[TextIO]:
    if str(output) == "-":
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def _check_output(output: Path, fmt: str) -> None:
    if str(output) == "-":
        if fmt == "parquet":
            raise EventwireError("Parquet cannot be written to stdout; give a file name, e.g. -o events.parquet")
        return
    if output.is_dir():
        raise EventwireError(f"output {str(output)!r} is a directory; give a file name, e.g. {output / ('events.' + fmt)}")
    if not output.parent.is_dir():
        raise EventwireError(f"cannot write {str(output)!r}: directory {str(output.parent)!r} does not exist")


def export_records(fmt: str, output: Path, db: str) -> int:
    """Export the store at ``db`` to ``output`` in format ``fmt``; return how many units were written.

    Formats (``FORMATS``): jsonl (whole records), csv and parquet (one row per event), gdelt (the
    GDELT 2.0 event table), plover (PLOVER JSON lines). A text format writes to stdout when
    ``output`` is "-". The store is read in pages, so memory stays flat on big stores. Raises
    EventwireError (StoreError for the store) with what to do.
    """
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise EventwireError(unknown_choice("export format", fmt, list(FORMATS)))
    output = Path(output)
    _check_output(output, fmt)
    store = open_store(db)
    try:
        return _WRITERS[fmt](store, output)
    finally:
        store.close()


def _jsonl(store: Store, output: Path) -> int:
    with _text_output(output) as fh:
        return write_jsonl(store.iter_records(), fh)


def _csv(store: Store, output: Path) -> int:
    with _text_output(output) as fh:
        return write_events_csv(store.iter_events(), fh)


def _parquet(store: Store, output: Path) -> int:
    return write_events_parquet(store.iter_events(), output)


def _gdelt(store: Store, output: Path) -> int:
    with _text_output(output) as fh:
        return write_gdelt(store.iter_records(), fh)


def _plover(store: Store, output: Path) -> int:
    with _text_output(output) as fh:
        return write_plover(store.iter_records(), fh)


_WRITERS: dict[str, Callable[[Store, Path], int]] = {
    "jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "gdelt": _gdelt, "plover": _plover,
}

__all__ = ["FORMATS", "export_records"]
