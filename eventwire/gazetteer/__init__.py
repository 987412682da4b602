"""GeoNames gazetteer: one name index built once per process (see ``index``)."""
from eventwire.gazetteer.index import (
    CountryInfo,
    GazetteerEntry,
    GazetteerIndex,
    candidates,
    country_named,
    get_index,
    lookup_country,
    name_key,
)

__all__ = ["CountryInfo", "GazetteerEntry", "GazetteerIndex", "candidates", "country_named", "get_index",
           "lookup_country", "name_key"]
