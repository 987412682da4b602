"""Error types. Each message says what happened and what to do about it."""
from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input cannot be read or coded (empty, binary, too large, not English, …)."""

    def __init__(self, reason: str, *, stage: str = "read") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage


class ConfigError(EventwireError):
    """A configuration key or value is wrong."""


class PipelineError(EventwireError):
    """Stages are missing or out of order."""


class StoreError(EventwireError):
    """The store cannot be opened, migrated or written."""


def unknown_choice(kind: str, name: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return a message for an unknown ``name`` listing the valid ``choices``."""
    return f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(choices))}"
