"""Country names and ISO numeric codes for the API's counts and the UI's map (from pycountry)."""
from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=512)
def country_info(alpha3: str) -> dict[str, str | None]:
    """Return {"name", "numeric"} of an ISO 3166-1 alpha-3 code; both None for a non-ISO code.

    ``numeric`` (e.g. "566") is the id the map's Natural Earth shapes carry. CAMEO actor
    country codes that are not ISO countries (IGOs, regions) have no name or shape.
    """
    country = pycountry.countries.get(alpha_3=alpha3.upper()) if alpha3 and len(alpha3) == 3 else None
    if country is None:
        return {"name": None, "numeric": None}
    return {"name": getattr(country, "common_name", None) or country.name, "numeric": country.numeric}
