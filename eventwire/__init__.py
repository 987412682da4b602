"""eventwire: news articles in, event data with evidence for every field out."""
__version__ = "0.1.0"
