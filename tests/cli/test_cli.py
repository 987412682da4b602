import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app

runner = CliRunner()
COMMANDS = ["code", "ingest", "events", "stats", "export", "serve", "schema", "bench"]

STORY = ("Army Deploys Troops\n\nLAGOS (Harbor Press Agency - 4th June, 2024) Nigerian soldiers killed "
         "five militants in an attack on a camp in Borno State on Monday, the army said.\n\n"
         "\"We will not stop,\" army spokesman Musa Bello said.\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_schema_prints_json_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert {"actors", "events", "quotes", "timex", "places", "provenance"} <= set(schema["properties"])


def test_errors_are_one_line_and_exit_nonzero(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli.main", "stats", "--db", "postgresql+nope://x"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture()
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(STORY)
    (folder / "b-empty.txt").write_text("")
    (folder / "c-german.txt").write_text("Der Innenminister sagte am Donnerstag in Berlin, die Polizei sei bereit, mit Frankreich zusammenzuarbeiten.")
    (folder / "d-binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder


def test_code_prints_one_record_per_input_in_order(batch, pipeline):
    result = runner.invoke(app, ["code", str(batch), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in records] == ["a-good.txt", "b-empty.txt", "c-german.txt", "d-binary.txt"]
    assert "rejected" not in records[0] and records[0]["published"] == "2024-06-04"
    assert [r["rejected"]["stage"] for r in records[1:]] == ["read", "normalize", "read"]
    assert any(e["plover"] == "ASSAULT" and e["dead"] == 5 for e in records[0]["events"])


def test_ingest_is_idempotent_and_records_rejections(batch, tmp_path, pipeline):
    db = f"sqlite:///{tmp_path / 'ew.db'}"
    first = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert first.exit_code == 0, first.output
    stats1 = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).output)
    assert stats1["articles"] == 1 and stats1["rejected"] == 3 and stats1["events"] >= 1
    again = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert "0 written" in again.output
    assert json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).output) == stats1

    events = json.loads(runner.invoke(app, ["events", "--db", db, "--type", "assault", "--format", "json"]).output)
    assert events and all(e["plover"] == "ASSAULT" for e in events)
    csv_out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "-o", str(csv_out), "--db", db]).exit_code == 0
    assert csv_out.read_text().splitlines()[0].startswith("article_id")
    jsonl_out = tmp_path / "all.jsonl"
    runner.invoke(app, ["export", "--format", "jsonl", "-o", str(jsonl_out), "--db", db])
    assert json.loads(jsonl_out.read_text().splitlines()[0])["schema"] == "eventwire/1"
