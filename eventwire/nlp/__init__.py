"""Loading the pinned spaCy model."""
from eventwire.nlp.loader import load_model

__all__ = ["load_model"]
