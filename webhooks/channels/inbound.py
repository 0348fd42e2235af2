"""What every provider webhook (WhatsApp, Chatwoot, Stripe) does the same way: read the body within a cap,
read a signature header, compute an HMAC over the raw bytes, and signal a workflow only if it runs.

A hostile POST costs at most the cap: a declared Content-Length over it is refused before a byte is read, and a
body without one (chunked) is refused as soon as more than the cap has arrived."""

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException, Request, status
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from webhooks.channels.conversations import PROVIDER_RPC_TIMEOUT

# Meta, Chatwoot and Stripe send a few kilobytes; a megabyte is far above any real delivery.
MAX_BODY_BYTES = 1_000_000


async def capped_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, or 413 before (declared) or as soon as (chunked) it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "body too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "body too large")
    return bytes(body)


def signature_header(request: Request, name: str) -> str:
    """The header's value, or "" when absent or not ASCII (no signature we make is): then it simply does not
    match, a 401, where comparing non-ASCII text would raise."""
    value = request.headers.get(name, "")
    return value if value.isascii() else ""


def hmac_sha256(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def same_signature(sent: str, expected: str) -> bool:
    """Constant-time; a non-ASCII value never matches (compare_digest raises on one)."""
    return sent.isascii() and hmac.compare_digest(sent, expected)


async def signal_if_running(client: Client, workflow_id: str, signal: str | Callable[..., Any], *args: Any) -> bool:
    """Signal the workflow; False when no such workflow runs (it finished, or never started), which the caller
    acknowledges rather than have the provider retry forever."""
    try:
        await client.get_workflow_handle(workflow_id).signal(signal, args=args, rpc_timeout=PROVIDER_RPC_TIMEOUT)
    except RPCError as exc:
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise
        return False
    return True
