"""Fast JSON responses: rows go straight to ``json.dumps`` (FastAPI's encoder is slow on big pages)."""
from __future__ import annotations

import json
from typing import Any

from fastapi.responses import Response

# Header with the number of items behind a paged list (the body stays a plain JSON array).
TOTAL_HEADER = "X-Total-Count"


def json_response(content: Any, *, total: int | None = None, status_code: int = 200) -> Response:
    """Return ``content`` (dicts, lists, str, numbers, None) as compact UTF-8 JSON."""
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    headers = {TOTAL_HEADER: str(total)} if total is not None else None
    return Response(body.encode("utf-8"), status_code=status_code, media_type="application/json", headers=headers)
