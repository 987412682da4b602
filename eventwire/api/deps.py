"""Dependencies the routes share: the app's store."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventwire.store import Store


async def get_store(request: Request) -> Store:
    """Return the Store the app serves (opened by ``create_app``).

    A coroutine though it never waits: FastAPI then calls it on the event loop rather than in a
    worker thread (a thread switch per request: bench api).
    """
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]
