"""The HTTP API and web UI over a store: ``create_app(store_url)`` returns a FastAPI app."""
from eventwire.api.app import PLOVER_TYPES, create_app

__all__ = ["PLOVER_TYPES", "create_app"]
