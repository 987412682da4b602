"""``eventwire geocode``: show a place name's candidates and why one of them won.

``register(app)`` adds the command to the main Typer app; the work is
``eventwire.gazetteer.geocode.geocode`` (the CLI only parses arguments and prints).
"""
from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table

LIMIT_HELP = "Show at most this many candidates (best first)."


def register(app: typer.Typer) -> None:
    """Add the ``geocode`` command to ``app``."""
    app.command("geocode")(geocode_command)


def geocode_command(
    name: str = typer.Argument(..., help="The place name, e.g. Paris, 'New York', Georgia."),
    context: str = typer.Option("", "--context", "-c",
                                help="Text around the name: its places and nationalities "
                                     "decide between namesakes."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help=LIMIT_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Resolve a place name and show its candidates, their scores and why one won.

    The name is resolved as the places stage resolves it inside an article whose other text
    is --context: population, feature (a country name is the country), capitals, the
    countries, divisions and places the context names, "City, State" qualifiers. Exits 1
    when the gazetteer knows no place of that name.

    Example: eventwire geocode Paris --context 'French police said'
    """
    from eventwire.gazetteer.geocode import geocode

    result = geocode(name, context)
    shown = result.candidates[:limit]
    if as_json:
        sys.stdout.write(json.dumps(_as_dict(result, shown), ensure_ascii=False, indent=1) + "\n")
    else:
        _print(result, shown)
    if result.resolution is None:
        raise typer.Exit(1)


def _entry_dict(entry) -> dict:
    return {"name": entry.name, "geonameid": entry.geonameid, "country": entry.country_iso3,
            "admin1": entry.admin1, "feature": entry.feature, "lat": entry.lat,
            "lon": entry.lon, "population": entry.population}


def _as_dict(result, shown) -> dict:
    res = result.resolution
    return {
        "name": result.name,
        "resolved": None if res is None else {**_entry_dict(res.entry),
                                              "confidence": res.confidence},
        "context_places": result.context_places,
        "context_countries": result.context_countries,
        "candidates": [{**_entry_dict(c.entry), "score": c.score, "share": c.share,
                        "why": c.parts} for c in shown],
        "candidates_total": len(result.candidates),
    }


def _print(result, shown) -> None:
    out = Console() if sys.stdout.isatty() else Console(width=160)
    if result.context_places or result.context_countries:
        out.print(f"context: places {', '.join(result.context_places) or '–'}; "
                  f"nationalities {', '.join(result.context_countries) or '–'}")
    if result.resolution is None:
        out.print(f"[red]no place named {result.name!r} in the gazetteer[/red]")
        return
    table = Table(title=f"{result.name!r}: {len(result.candidates)} candidates")
    for col in ("#", "place", "feature", "country", "admin1", "population", "geonameid",
                "lat, lon", "score", "share", "why"):
        table.add_column(col, overflow="fold")
    for i, c in enumerate(shown, 1):
        e = c.entry
        why = ", ".join(f"{k} {v:+.2f}" for k, v in c.parts.items())
        table.add_row(str(i), e.name, e.feature, e.country_iso3 or "", e.admin1 or "",
                      f"{e.population:,}", str(e.geonameid or ""), f"{e.lat:.4f}, {e.lon:.4f}",
                      f"{c.score:.2f}", f"{c.share:.3f}", why)
    out.print(table)
    res = result.resolution
    out.print(f"→ {res.entry.name} ({res.entry.feature}, {res.entry.country_iso3 or '–'}"
              f"{', ' + res.entry.admin1 if res.entry.admin1 else ''}), geonameid "
              f"{res.entry.geonameid or '–'}, confidence {res.confidence}")


__all__ = ["geocode_command", "register"]
