"""Exporters: views of stored records in other formats.

- ``tabular``: eventwire JSONL (whole records), a flat events CSV and Parquet;
- ``gdelt``: the GDELT 2.0 event table (61 tab-separated columns);
- ``plover``: PLOVER/POLECAT-style JSON lines, with its JSON Schema in ``plover_schema``.
"""
from eventwire.export.gdelt import GDELT_COLUMNS, write_gdelt
from eventwire.export.plover import write_plover
from eventwire.export.tabular import events_arrow_schema, write_events_csv, write_events_parquet, write_jsonl

__all__ = ["GDELT_COLUMNS", "events_arrow_schema", "write_events_csv", "write_events_parquet", "write_gdelt",
           "write_jsonl", "write_plover"]
