"""Each request's id: the caller's X-Request-ID when it is a sane token (a proxy's trace), else a new one;
every log line written while serving it carries it (models/runtime/logs.py) and the response returns it."""

import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from models.runtime.logs import request_id

SANE = re.compile(r"[\w.-]{1,64}")


async def with_request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    incoming = request.headers.get("x-request-id", "")
    current = incoming if SANE.fullmatch(incoming) else uuid.uuid4().hex
    token = request_id.set(current)
    try:
        response = await call_next(request)
    finally:
        request_id.reset(token)
    response.headers["X-Request-ID"] = current
    return response
