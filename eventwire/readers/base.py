"""Find inputs (files, directories, globs, stdin) and dispatch them to the right reader."""
from __future__ import annotations

import glob
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from eventwire.errors import InputError, unknown_choice
from eventwire.model import Article, RejectedInput

FORMATS = ("auto", "text", "jsonl", "html")
_SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".html": "html", ".htm": "html"}


@dataclass(frozen=True, slots=True)
class InputLimits:
    max_bytes: int = 2_000_000


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield files named by ``paths`` (files, directories walked in sorted order, globs, or '-')."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield raw  # reported as missing by the reader, never silently dropped
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from (str(p) for p in sorted(path.rglob("*"))
                            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _SUFFIXES)
            else:
                yield match


def detect_format(path: str, data: bytes) -> str:
    """Guess the input format from the suffix, else from the first bytes."""
    suffix = Path(path).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def read_path(path: str, data: bytes, fmt: str, limits: InputLimits) -> Iterator[Article | RejectedInput]:
    """Yield the articles in one input's bytes; a bad input yields a RejectedInput."""
    from eventwire.readers import html, jsonl, text

    if fmt not in FORMATS:
        raise InputError(unknown_choice("input format", fmt, FORMATS))
    kind = detect_format(path, data) if fmt == "auto" else fmt
    source = None if path == "-" else path
    try:
        if kind == "jsonl":
            yield from jsonl.read(data, source=source, limits=limits)
        elif kind == "html":
            yield html.read(data, source=source, limits=limits)
        else:
            yield text.read(data, source=source, limits=limits)
    except InputError as exc:
        yield RejectedInput(source=source or "<stdin>", stage=exc.stage, reason=exc.reason)


def iter_inputs(paths: Iterable[str], fmt: str = "auto", limits: InputLimits | None = None) -> Iterator[Article | RejectedInput]:
    """Yield every article named by ``paths`` in order; unreadable inputs yield RejectedInputs."""
    limits = limits or InputLimits()
    for path in expand_paths(paths):
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = _read_bounded(Path(path), limits.max_bytes)
            except OSError as exc:
                yield RejectedInput(source=path, stage="read", reason=f"cannot read {path}: {exc.strerror or exc}")
                continue
        yield from read_path(path, data, fmt, limits)


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, so a huge file is rejected without loading it."""
    with path.open("rb") as fh:
        return fh.read(max_bytes + 1)
