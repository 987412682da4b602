"""POST /api/code: code one posted text with the real pipeline and return its record; nothing is stored."""
from __future__ import annotations

import threading
from typing import Any

import pydantic
from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from eventwire.api.models import CodeRequest
from eventwire.api.responses import json_response
from eventwire.model import Article, ArticleRecord
from eventwire.pipeline import Pipeline
from eventwire.readers.fields import text_problem

router = APIRouter(prefix="/api", tags=["coding"])

# Largest request body /api/code accepts. A wire story is 2-20 KB; coding is CPU-bound and runs
# one text at a time, so a book-length post would hold every other caller for minutes.
MAX_CODE_BYTES = 100_000


class PipelineHolder:
    """Builds the pipeline on first use (loading spaCy takes seconds) and runs one text at a time.

    spaCy pipelines are not documented as thread-safe, and coding is CPU-bound anyway, so a lock
    serializes calls rather than letting the threadpool run several at once.
    """

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def code(self, article: Article) -> dict[str, Any]:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.build()
            record = next(iter(self._pipeline.code([article])))
        return record.model_dump(mode="json", by_alias=True)


async def _read_capped(request: Request, cap: int) -> bytes:
    too_large = HTTPException(status_code=413, detail=f"request body over {cap:,} bytes; post one article at a time")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    size, chunks = 0, []
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(body: bytes, content_type: str) -> CodeRequest:
    try:
        if content_type.startswith("text/plain"):
            return CodeRequest(text=body.decode("utf-8"))
        return CodeRequest.model_validate_json(body)
    except UnicodeDecodeError:
        raise HTTPException(status_code=422, detail="the body is not UTF-8 text") from None
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(body)"
        raise HTTPException(
            status_code=422,
            detail=f"{where}: {first['msg']}; post JSON {{\"text\": \"…\", \"published\": \"YYYY-MM-DD\"}} or text/plain",
        ) from None


@router.post(
    "/code",
    response_model=ArticleRecord,
    response_model_by_alias=True,
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": CodeRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}},
    }}},
    responses={413: {"description": "body too large"}, 422: {"description": "invalid body, or the text cannot be coded"}},
)
async def code_text(request: Request) -> Response:
    """Code one text (JSON with "text" and optional title, published, outlet, url, id; or text/plain).

    Returns the eventwire record (SCHEMA.md). Nothing is stored. A text the pipeline rejects (empty,
    not English, …) answers 422 with the reason and the rejected record.
    """
    cap: int = request.app.state.max_code_bytes
    payload = _parse(await _read_capped(request, cap), request.headers.get("content-type", "application/json"))
    problem = text_problem(payload.text)  # a long run of non-spaces would hold the coder for minutes
    if problem is not None:
        raise HTTPException(status_code=422, detail=f"cannot code this text: {problem}")
    article = Article(text=payload.text, id=payload.id, source="api", url=payload.url, outlet=payload.outlet,
                      title=payload.title, published=payload.published)
    holder: PipelineHolder = request.app.state.pipeline
    record = await run_in_threadpool(holder.code, article)
    if "rejected" in record:
        return json_response({"detail": f"cannot code this text: {record['rejected']['reason']}", "record": record},
                             status_code=422)
    return json_response(record)
