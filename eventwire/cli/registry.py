"""``eventwire registry``: the corpus's persons and organisations, their spellings and titles.

``register(app)`` adds the command to the main Typer app; the work is
``eventwire.corpus.registry`` (the CLI only parses arguments and prints).
"""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer) -> None:
    """Add the ``registry`` command to ``app``."""
    app.command("registry")(registry_command)


def registry_command(
    query: Optional[str] = typer.Argument(None, help="A name or spelling to look up (any part of it)."),
    db: Optional[str] = typer.Option(None, "--db", help="Store URL (default: $EVENTWIRE_DB or sqlite:///eventwire.db)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Show at most this many actors (most articles first)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the actor registry: one person or organisation across articles.

    Example: eventwire registry lavrov --json
    """
    from eventwire.config import load_config
    from eventwire.corpus import Corpus
    from eventwire.store import open_store

    config = load_config(overrides={"store": {"url": db}})
    store = open_store(config.store.url)
    try:
        rows = Corpus(store).registry(query, limit)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    table = Table("name", "type", "code", "articles", "first seen", "last seen", "spellings", "titles over time")
    for r in rows:
        titles = "; ".join(f"{(t['published'] or '')[:10]} {t['title']}" for t in r["titles"][-3:])
        table.add_row(r["name"], r["type"], r["code"] or "–", str(r["articles"]), r["first_seen"][:10],
                      r["last_seen"][:10], ", ".join(r["spellings"][:4]), titles or "–")
    Console().print(table)
