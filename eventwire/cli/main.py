"""``eventwire`` command: code, ingest, events, stats, export, serve, bench, schema."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from eventwire import __version__
from eventwire.errors import EventwireError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn news articles into event data (PLOVER/CAMEO) with evidence for every field.")
err = Console(stderr=True)
# Piped output is not a terminal: give tables room rather than wrapping every cell.
out = Console() if sys.stdout.isatty() else Console(width=160)

DB_HELP = "Store URL (default: $EVENTWIRE_DB or sqlite:///eventwire.db)."


def _config(db: str | None = None):
    from eventwire.config import load_config

    return load_config(overrides={"store": {"url": db}})


@app.command()
def code(
    paths: list[str] = typer.Argument(None, help="Files, directories, globs, URLs, or - for stdin."),
    input_format: str = typer.Option("auto", "--input-format", help="auto|text|jsonl|html|rss|warc"),
    fmt: str = typer.Option("json", "--format", help="json (pretty) or jsonl (one line per record)"),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for every input."),
    fetch_links: bool = typer.Option(False, "--fetch-links", help="Fetch the pages that feed entries link to."),
) -> None:
    """Code articles and print one record per input, in input order.

    Example: eventwire code ../shared/corpus/seed/seed.txt
    """
    from eventwire import service

    if fmt not in {"json", "jsonl"}:
        raise EventwireError(f"unknown --format {fmt!r}; choose one of: json, jsonl")
    for record in service.code(paths or ["-"], input_format, published, config=_config(), fetch_links=fetch_links):
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        sys.stdout.flush()


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs or URLs to code and store."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    input_format: str = typer.Option("auto", "--input-format", help="auto|text|jsonl|html|rss|warc"),
    fetch_links: bool = typer.Option(False, "--fetch-links", help="Fetch the pages that feed entries link to."),
    stories: bool = typer.Option(True, "--stories/--no-stories", help="Cluster syndicated copies and merge events across outlets."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Code on a local Dask cluster of N worker processes (127.0.0.1)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Code on an existing Dask cluster: its scheduler address, tcp://HOST:PORT."),
) -> None:
    """Code inputs into the store; re-running adds nothing (an interrupted run resumes).

    Example: eventwire ingest examples --db sqlite:///eventwire.db

    Example (two local worker processes): eventwire ingest crawl.warc.gz --workers 2

    Example (a cluster): eventwire ingest shards/*.warc.gz --scheduler tcp://10.0.0.5:8786 --db postgresql://…
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from eventwire import service
    from eventwire.readers.base import expand_paths

    config = _config(db)
    if workers is not None or scheduler is not None:
        _quiet_dask()
    total = sum(1 for _ in expand_paths(paths))
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=err, transient=True) as bar:
        task = bar.add_task("", total=None if total < 2 else None)

        def tick(record: dict) -> None:
            bar.update(task, advance=1, description=str(record.get("source") or record.get("id"))[-50:])

        summary = service.ingest(paths, config.store.url, input_format, config, progress=tick,
                                 fetch_links=fetch_links, stories=stories, workers=workers, scheduler=scheduler)
    dupes = f", {summary.duplicates} duplicates of stored stories" if getattr(summary, "duplicates", 0) else ""
    err.print(f"{summary.inputs} inputs: {summary.written} written, {summary.unchanged} unchanged, "
              f"{summary.rejected} rejected{dupes} → {config.store.url}")


def _quiet_dask() -> None:
    """Keep Dask's own INFO lines (cluster start and stop) off the terminal unless --verbose."""
    import distributed  # noqa: F401  (sets up its loggers on import)

    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))


@app.command()
def events(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT."),
    actor: Optional[str] = typer.Option(None, "--actor", help="CAMEO actor code prefix, e.g. RUS or RUSGOV."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO3 of an actor or the place."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest event date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest event date."),
    fmt: str = typer.Option("table", "--format", help="table|json|csv"),
    limit: int = typer.Option(1000, "--limit"),
) -> None:
    """List stored events with filters.

    Example: eventwire events --type ASSAULT --country FRA --format csv
    """
    from eventwire.export import write_events_csv
    from eventwire.store import open_store

    if fmt not in {"table", "json", "csv"}:
        raise EventwireError(f"unknown --format {fmt!r}; choose one of: csv, json, table")
    store = open_store(_config(db).store.url)
    try:
        rows = store.query_events(type=type_.upper() if type_ else None, actor=actor, country=country,
                                  since=since, until=until, limit=limit)
    finally:
        store.close()
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        write_events_csv(rows, sys.stdout)
    else:
        out.print(events_table(rows))


def events_table(rows: list[dict]) -> Table:
    """The events as a compact table: one line each, long names cut with an ellipsis."""
    table = Table(show_lines=False, pad_edge=False)
    for col, width in (("date", 10), ("type", 9), ("cameo", 5), ("source", 28), ("target", 28),
                       ("place", 16), ("dead", 4), ("fact", 4), ("outlet", 18)):
        table.add_column(col, max_width=width, no_wrap=True, overflow="ellipsis")
    for r in rows:
        table.add_row(str(r.get("date") or ""), r["plover"], r["cameo"],
                      _actor_cell(r, "source"), _actor_cell(r, "target"),
                      str(r.get("place_name") or ""), "" if r.get("dead") is None else str(r["dead"]),
                      "yes" if r.get("factual") else "no", str(r.get("outlet") or ""))
    return table


def _actor_cell(row: dict, side: str) -> str:
    name = row.get(f"{side}_name")
    if not name:
        return "–"
    code = row.get(f"{side}_code")
    return f"{code} {name}" if code else name


@app.command()
def stats(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Count stored articles, rejections, events, actors, places and quotes.

    Example: eventwire stats --json
    """
    from eventwire.store import open_store

    store = open_store(_config(db).store.url)
    try:
        counts = store.stats()
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(counts) + "\n")
        return
    table = Table("what", "count")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl|csv|parquet|gdelt|plover"),
    output: Path = typer.Option(..., "-o", "--output", help="File to write (- for stdout, text formats)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the store: whole records, one row per event, GDELT 2.0 or PLOVER JSON.

    Example: eventwire export --format gdelt -o events.tsv
    """
    from eventwire.cli.exports import FORMATS, export_records

    n = export_records(fmt, output, _config(db).store.url)
    err.print(f"wrote {n} {FORMATS.get(fmt.lower(), 'items')} to {output}")


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: Optional[str] = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port (default 8321)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Server processes (default: one per core, at most 4)."),
) -> None:
    """Serve the API and the web UI until Ctrl-C.

    Example: eventwire serve --port 8321
    """
    from eventwire.api.server import default_workers
    from eventwire.api.server import serve as serve_api

    config = _config(db)
    host = host or config.serve.host
    port = port or config.serve.port
    workers = workers or default_workers()
    err.print(f"serving {config.store.url} on http://{host}:{port}/ with {workers} worker(s) (Ctrl-C to stop)")
    serve_api(config.store.url, host, port, workers, cors_origins=list(config.serve.cors_origins))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output record.

    Example: eventwire schema > eventwire.schema.json
    """
    from eventwire.model import ArticleRecord

    sys.stdout.write(json.dumps(ArticleRecord.model_json_schema(by_alias=True), indent=1) + "\n")


@app.command()
def bench(
    task: str = typer.Argument("seed", help="seed, examples, events, speed, timex, geo, places, ner, quotes, dedup, api, fuzz"),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON report."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many records per dataset (quick runs)."),
    seconds: Optional[float] = typer.Option(None, "--seconds", help="How long a timed task runs (fuzz; api: the load, default 60)."),
) -> None:
    """Score eventwire on a benchmark and print a table (data from ../shared/bench).

    Example: eventwire bench seed

    Example: eventwire bench fuzz --seconds 300
    """
    from eventwire.bench import run_task

    report = run_task(task, limit, seconds=seconds)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    else:
        for table in report_tables(report):
            out.print(table)


def report_tables(report: dict) -> list[Table]:
    tables = []
    summary = Table("metric", "value", title=f"eventwire bench {report['task']}")
    for key, value in report["summary"].items():
        summary.add_row(key, str(value))
    tables.append(summary)
    if report.get("items"):
        items = Table("kind", "gold", "found", "detail", title="gold items")
        for item in report["items"]:
            items.add_row(item["kind"], item["gold"], "yes" if item["found"] else "NO", item.get("detail", ""))
        tables.append(items)
    return tables


def _register_subcommands() -> None:
    from eventwire.cli import geo, registry

    geo.register(app)
    registry.register(app)


_register_subcommands()


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress and rejections."),
    version: bool = typer.Option(False, "--version", help="Print the version."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if version:
        out.print(f"eventwire {__version__}")
        raise typer.Exit()


def main() -> None:
    """Run the CLI; an EventwireError is a one-line message and exit code 2, not a traceback."""
    try:
        app()
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
