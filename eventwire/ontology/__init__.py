"""Ontology data (CAMEO, PLOVER, roles, IGOs, triggers), loaded once per process, read-only."""
from eventwire.ontology.tables import CameoCode, Ontology, RoleEntry, Trigger, load_ontology

__all__ = ["CameoCode", "Ontology", "RoleEntry", "Trigger", "load_ontology"]
