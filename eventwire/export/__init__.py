"""Exporters: views of stored records in other formats (JSONL, CSV; GDELT and PLOVER to come)."""
from eventwire.export.tabular import write_events_csv, write_jsonl

__all__ = ["write_events_csv", "write_jsonl"]
