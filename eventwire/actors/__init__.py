"""Actor recognition and coding: named actors with titles, country and sector, and coreference."""
