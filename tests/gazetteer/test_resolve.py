"""Resolution: feature preference, embedded names, cues, data fixes, explanations, geocode."""
from __future__ import annotations

import typer
from typer.testing import CliRunner

from eventwire.gazetteer import candidates, get_index
from eventwire.gazetteer.geocode import geocode
from eventwire.gazetteer.resolve import embedded_names, resolve_mentions, same_stem_partners


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


def _entry(name: str, lat: float, lon: float, feature: str = "city", pop: int = 1000):
    from eventwire.gazetteer.index import GazetteerEntry

    return GazetteerEntry(None, name, "USA", None, feature, lat, lon, pop)


def test_coherence_supports_namesakes_near_other_names_namesakes() -> None:
    from eventwire.gazetteer.index import NAME
    from eventwire.gazetteer.resolve import coherence

    athens_ga, athens_tx = _entry("Athens", 33.96, -83.38, pop=127000), _entry("Athens", 32.20, -95.85)
    henderson_nc = _entry("Henderson County", 35.34, -82.48, "other")
    henderson_tx = _entry("Henderson County", 32.21, -95.85, "other")
    found = {"athens": [(athens_ga, NAME), (athens_tx, NAME)],
             "henderson county": [(henderson_nc, NAME), (henderson_tx, NAME)]}
    support = coherence(found)
    # each Texas candidate has the other name's Texas candidate ~1 km away
    assert support["athens"][1] > 0.95 and support["henderson county"][1] > 0.95
    # Athens, Georgia is ~175 km from Henderson County, North Carolina: some support, far less
    assert 0.1 < support["athens"][0] < 0.2
    # a lone name has nobody to be near; a country's own name takes no support
    assert coherence({"athens": found["athens"]}) == {"athens": [0.0, 0.0]}
    mexico = {"mexico": [(_entry("Mexico", 23.0, -102.0, "country"), NAME),
                         (_entry("Mexico City", 19.4, -99.1), 2)],
              "monterrey": [(_entry("Monterrey", 25.7, -100.3), NAME)]}
    assert coherence(mexico)["mexico"] == [0.0, 0.0]


def test_the_coherent_reading_of_small_town_names_wins() -> None:
    text = "Athens police said the fire in Henderson County spread to Malakoff and Chandler."
    picks = resolve(text, "Athens", "Henderson County", "Malakoff", "Chandler", trusted=True)
    assert [p.admin1 for p in picks] == ["Texas"] * 4
    # without the other names, Athens is the Greek capital (population and capital priors)
    assert resolve("Athens police said.", "Athens")[0].country_iso3 == "GRC"


def test_divisions_are_found_without_generic_affixes() -> None:
    from eventwire.gazetteer.index import _affix_patterns, division_aliases

    patterns = _affix_patterns()
    assert division_aliases("Anhui Sheng", patterns) == ["Anhui"]
    assert division_aliases("Muhafazat Kirkuk", patterns) == ["Kirkuk"]
    assert division_aliases("Gyeonggi-do", patterns) == ["Gyeonggi"]
    assert division_aliases("County of Ceredigion", patterns) == ["Ceredigion"]
    assert division_aliases("Lagos", patterns) == []
    assert division_aliases("Edo State", patterns) == []  # fewer than four letters would be left
    for name, iso3 in (("Anhui", "CHN"), ("Jiangsu", "CHN"), ("Kirkuk", "IRQ"), ("Gyeonggi", "KOR")):
        assert any(e.feature == "admin1" and e.country_iso3 == iso3 for e in candidates(name)), name


def test_hyphens_and_the_arabic_article_do_not_hide_a_name() -> None:
    from eventwire.gazetteer.index import name_key, without_arabic_article

    assert name_key("Al-Minya") == name_key("Al Minya") == "al minya"
    assert without_arabic_article("Al Qāmishlī") == "Qāmishlī"
    assert without_arabic_article("Alexandria") is None
    assert any(e.country_iso3 == "SYR" for e in candidates("Qamishli"))
    from eventwire.gazetteer.index import _ARABIC_ARTICLE_COUNTRIES

    assert "SY" in _ARABIC_ARTICLE_COUNTRIES and "ES" not in _ARABIC_ARTICLE_COUNTRIES  # "El Ejido"


def test_state_postal_codes_and_country_point_midpoints() -> None:
    from eventwire.gazetteer.resolve import haversine_km

    assert any(e.name == "New Jersey" and e.feature == "admin1" for e in candidates("NJ"))
    japan = candidates("Japan")[0]
    # within 161 km of both GeoNames records (LGL's 2009 one and the current one)
    assert haversine_km(japan.lat, japan.lon, 36.0, 138.0) < 161
    assert haversine_km(japan.lat, japan.lon, 35.68536, 139.75309) < 161


def test_embedded_names_keep_a_trailing_division_word() -> None:
    assert embedded_names("Walker County Sheriff's Office")[:2] == ["Walker County", "Walker"]
    assert "Colorado State" not in embedded_names("Colorado State University")
    assert "County" not in embedded_names("Walker County Sheriff's Office")


def test_same_stem_partners_link_a_bare_name_to_its_division_names() -> None:
    names = {"suffolk": "Suffolk", "suffolk county": "Suffolk County",
             "suffolk township": "Suffolk Township", "new york": "New York",
             "new york city": "New York City", "laguna": "Laguna"}
    assert same_stem_partners(names) == {"suffolk": ["suffolk county", "suffolk township"]}


def test_a_bare_name_follows_the_division_named_in_full() -> None:
    text = ("Detectives of Suffolk County said the gang fled. Suffolk police chief "
            "Gerard Gigante spoke in Hauppauge.")
    county, bare = resolve(text, "Suffolk County", "Suffolk", trusted=True)
    assert county.admin1 == "New York"
    assert bare.admin1 == "New York" and abs(bare.lat - county.lat) < 0.5
    # alone, the name is another Suffolk (the English county)
    assert resolve("Suffolk police said.", "Suffolk", trusted=True)[0].admin1 != "New York"


def test_second_order_divisions_outside_the_us_and_uk() -> None:
    laguna = [e for e in candidates("Laguna") if e.country_iso3 == "PHL" and e.feature == "other"]
    assert laguna and abs(laguna[0].lat - 14.2) < 0.5 and abs(laguna[0].lon - 121.3) < 0.5
    text = "Flooding in the province of Laguna, south of Manila, displaced families."
    assert resolve(text, "Laguna", "Manila")[0].country_iso3 == "PHL"


def test_seats_of_power_beat_their_namesake_towns() -> None:
    white_house, = resolve("The White House said on Monday it would not comment.", "White House")
    assert (white_house.country_iso3, white_house.geonameid) == ("USA", 9675434)
    assert abs(white_house.lat - 38.9) < 0.1  # Washington, not White House, Tennessee
    kremlin, = resolve("The Kremlin denied the report.", "Kremlin")
    assert kremlin.country_iso3 == "RUS" and abs(kremlin.lon - 37.6) < 0.1
