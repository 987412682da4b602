"""Readers own all input IO and yield Articles (or RejectedInputs with their reason).

Formats: text, JSONL (and .jsonl.gz), HTML, RSS/Atom, WARC (and .warc.gz), and http(s) URLs
the user names.
"""
from eventwire.readers.base import FORMATS, InputLimits, expand_paths, iter_inputs, read_path

__all__ = ["FORMATS", "InputLimits", "expand_paths", "iter_inputs", "read_path"]
