"""Plain tabular exports: eventwire JSONL (one record a line) and a flat events CSV."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from eventwire.store.core import EVENT_ROW_COLUMNS

# Separator for list values (PLOVER contexts) inside one CSV cell.
LIST_SEPARATOR = ";"


def write_jsonl(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write each record as one line of compact JSON (UTF-8 kept as is); return the count."""
    count = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        fh.write("\n")
        count += 1
    return count


def write_events_csv(rows: Iterable[dict[str, Any]], fh: TextIO,
                     columns: Sequence[str] = EVENT_ROW_COLUMNS) -> int:
    """Write ``Store.query_events`` rows as CSV with a header; return the number of rows.

    Columns come in the fixed order of ``columns`` (missing keys are empty cells, extra keys are
    left out), so files from different runs line up. None is an empty cell, booleans are
    ``true``/``false``, lists are joined with ``;``. Open ``fh`` with ``newline=""``.
    """
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
