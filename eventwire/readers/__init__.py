"""Readers own all input IO and yield Articles (or RejectedInputs with their reason)."""
from eventwire.readers.base import FORMATS, InputLimits, iter_inputs, read_path

__all__ = ["FORMATS", "InputLimits", "iter_inputs", "read_path"]
