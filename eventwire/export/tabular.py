"""Plain tabular exports: eventwire JSONL (one record a line), a flat events CSV and Parquet."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.store import EVENT_ROW_COLUMNS

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


def events_arrow_schema() -> Any:
    """Return the pyarrow schema of the events Parquet file: EVENT_ROW_COLUMNS with their types."""
    import pyarrow as pa

    types = {
        "quad": pa.int8(), "goldstein": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
        "dead": pa.int32(), "injured": pa.int32(), "factual": pa.bool_(), "confidence": pa.float64(),
        "evidence_start": pa.int32(), "evidence_end": pa.int32(), "contexts": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(name, types.get(name, pa.string()), nullable=name not in _REQUIRED)
                      for name in EVENT_ROW_COLUMNS])


# Columns never null in a stored event row.
_REQUIRED = frozenset({"article_id", "event_id", "plover", "contexts", "cameo", "quad", "goldstein", "factual",
                       "modality", "confidence", "trigger", "evidence_start", "evidence_end", "evidence"})

# Rows per Parquet row group: about 10 MB of events, so a reader can skip through a big file.
PARQUET_BATCH = 20_000


def write_events_parquet(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write ``Store.query_events``/``iter_events`` rows to a Parquet file (zstd); return the row count.

    Columns and types follow ``events_arrow_schema``; contexts are a list column. The file is
    written in row groups of PARQUET_BATCH, so memory stays flat however many events there are.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = events_arrow_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch.clear()
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
