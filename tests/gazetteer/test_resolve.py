"""Resolution: feature preference, embedded names, cues, data fixes, explanations, geocode."""
from __future__ import annotations

import typer
from typer.testing import CliRunner

from eventwire.gazetteer import candidates, get_index
from eventwire.gazetteer.geocode import geocode
from eventwire.gazetteer.resolve import embedded_names, resolve_mentions


def resolve(text: str, *names: str, trusted: bool = False):
    """Resolve the first occurrence of each name in ``text`` and return the entries."""
    mentions = [(n, text.index(n), text.index(n) + len(n)) for n in names]
    out = resolve_mentions(text, mentions, index=get_index(), trusted=trusted)
    return [r.entry if r else None for r in out]


def test_embedded_names_strip_generic_words_then_try_parts() -> None:
    assert embedded_names("Benue State")[0] == "Benue"
    assert embedded_names("West Surrey")[0] == "Surrey"
    assert "Dubai" in embedded_names("Dubai World Cup")
    assert "University" not in embedded_names("Colorado State University")


def test_unknown_names_fall_back_to_their_known_part() -> None:
    benue, dubai = resolve("Benue State and the Dubai World Cup.", "Benue State", "Dubai World Cup")
    assert (benue.feature, benue.country_iso3) == ("admin1", "NGA")
    assert (dubai.name, dubai.country_iso3) == ("Dubai", "ARE")
    # a small part of an untrusted name is not taken ("Ridge" of "Glacier Ridge")
    assert resolve("at Glacier Ridge", "Glacier Ridge") == [None]


def test_new_york_is_the_city_unless_written_as_the_state() -> None:
    assert resolve("He flew to New York.", "New York")[0].geonameid == 5128581
    assert resolve("Farms in upstate New York.", "New York")[0].feature == "admin1"
    assert resolve("Towns of New York state voted.", "New York")[0].feature == "admin1"


def test_oceans_beat_small_namesakes_in_a_country_context() -> None:
    atlantic, _ = resolve("Storms over the Atlantic hit Florida.", "Atlantic", "Florida")
    assert (atlantic.name, atlantic.geonameid) == ("Atlantic Ocean", 3373405)


def test_data_fixes_canada_point_and_state_demonyms() -> None:
    canada = candidates("Canada")[0]
    assert (canada.lat, canada.lon) == (60.1087, -113.643)
    texans = resolve("Texans voted.", "Texans", trusted=True)[0]
    assert (texans.name, texans.feature) == ("Texas", "admin1")
    assert any(e.geonameid == 5883102 for e in candidates("Alberta"))


def test_geocode_explains_the_winner() -> None:
    paris = geocode("Paris", "French police said")
    assert paris.resolution.entry.geonameid == 2988507
    assert paris.context_countries == ["FRA"]
    top = paris.candidates[0]
    assert top.parts["country in text"] > 0 and top.share == max(c.share for c in paris.candidates)
    texas = geocode("Paris", "Storms hit towns in Texas")
    assert texas.resolution.entry.geonameid == 4717560
    assert geocode("Xyzzyville").resolution is None


def test_geocode_command_registers_and_prints() -> None:
    from eventwire.cli.geo import register

    app = typer.Typer()

    @app.callback()
    def _main() -> None:
        pass

    register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["geocode", "Paris", "--context", "French police said", "--json"])
    assert result.exit_code == 0, result.output
    assert '"geonameid": 2988507' in result.output and '"why"' in result.output
    assert runner.invoke(app, ["geocode", "Xyzzyville"]).exit_code == 1
    help_text = runner.invoke(app, ["geocode", "--help"]).output
    assert "Example: eventwire geocode Paris" in help_text
