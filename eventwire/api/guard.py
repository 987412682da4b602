"""The API's outer guard: read-only methods, a request body cap, and safe response headers.

An ASGI middleware in front of every route. The API never writes to the store (ingest is the
CLI's job), so only GET, HEAD and OPTIONS pass, plus POST to the routes in ``POST_ROUTES``,
which compute and store nothing. A new route that writes must be added there on purpose, and
must check a token from the config: the guard is what keeps "read-only" true as routes grow.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POST routes that read a body and answer, storing nothing (POST /api/code codes one text).
POST_ROUTES = frozenset({"/api/code"})

# Largest request body any route accepts. /api/code has its own, smaller cap (one article);
# this one bounds what a client can make the server buffer on any route, before routing.
MAX_BODY_BYTES = 1_000_000

_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY")]


class RequestGuard:
    """Refuse writes (405) and oversized bodies (413); add nosniff/no-referrer/deny-frame headers."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"].upper()
        path = scope["path"].rstrip("/") or "/"
        if method not in READ_METHODS and not (method == "POST" and path in POST_ROUTES):
            await _answer(send, 405, "the eventwire API is read-only: it has no route that writes to the store; "
                                     "ingest with the CLI (eventwire ingest)", [(b"allow", b"GET, HEAD")])
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _answer(send, 413, f"request body over {self.max_body_bytes:,} bytes")
            return
        await _BodyCap(self.app, self.max_body_bytes)(scope, receive, send)


class _BodyCap:
    """One request whose streamed (chunked) body is counted as it arrives.

    Past the cap, the guard answers 413 itself and the route sees the client disconnect; what
    the route then does (it fails reading the body) is dropped, since the answer has been sent.
    """

    def __init__(self, app: ASGIApp, cap: int) -> None:
        self.app = app
        self.cap = cap
        self.seen = 0
        self.started = False
        self.answered = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def capped_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not self.answered:
                self.seen += len(message.get("body", b""))
                if self.seen > self.cap:
                    if not self.started:
                        self.answered = True
                        await _answer(send, 413, f"request body over {self.cap:,} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if self.answered:
                return
            if message["type"] == "http.response.start":
                self.started = True
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except Exception:
            if not self.answered:
                raise
            # The route failed because its body was cut off after the 413 went out: expected.


async def _answer(send: Send, status: int, detail: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *_HEADERS, *(extra or [])]})
    await send({"type": "http.response.body", "body": body})
