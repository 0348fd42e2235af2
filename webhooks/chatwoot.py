"""Chatwoot webhook (account or agent-bot): incoming customer messages to their conversation; an agent
setting the conversation back to pending/resolved hands it back to the bot. Our own replies come back as
outgoing messages and are ignored, so the bot never answers itself.

Signed Chatwoot (v4.11.2+): X-Chatwoot-Signature = sha256=HMAC(secret, "{timestamp}.{body}"), timestamp
within 5 minutes. Older versions sign nothing: a shared token in the URL (?token=...) instead.
"""

import hashlib
import hmac
import json
import logging
import time
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from temporalio.service import RPCError, RPCStatusCode

from models.enums import Channel
from models.settings import Settings
from webhooks.conversations import deliver_message
from webhooks.deps import SettingsDep, TemporalDep
from webhooks.phones import to_e164
from webhooks.rate_limit import per_ip
from workflows import conversation_id
from workflows.conversation import ConversationWorkflow, InboundMessage

log = logging.getLogger("citaflow.webhooks.chatwoot")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(per_ip)])
MAX_BODY_BYTES = 1_000_000
MAX_SKEW_SECONDS = 300
HAND_BACK_STATUSES = {"pending", "resolved"}


def _authenticate(request: Request, raw: bytes, settings: Settings) -> None:
    if settings.chatwoot_webhook_secret is not None:
        timestamp = request.headers.get("x-chatwoot-timestamp", "")
        signature = request.headers.get("x-chatwoot-signature", "")
        secret = settings.chatwoot_webhook_secret.get_secret_value().encode()
        expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= MAX_SKEW_SECONDS
        if not (fresh and hmac.compare_digest(signature, expected)):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad or stale X-Chatwoot-Signature")
    elif settings.chatwoot_webhook_token is not None:
        token = request.query_params.get("token", "")
        if not hmac.compare_digest(token, settings.chatwoot_webhook_token.get_secret_value()):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad token")
    else:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the Chatwoot channel is not configured")


def _sender_phone(event: dict[str, Any]) -> str | None:
    conversation = event.get("conversation") or {}
    candidates = (event.get("sender") or {}, (conversation.get("meta") or {}).get("sender") or {})
    raw = next((c.get("phone_number") for c in candidates if c.get("phone_number")), None)
    try:
        return to_e164(str(raw)) if raw else None
    except ValueError:
        return None


def _text(event: dict[str, Any]) -> str:
    content = str(event.get("content") or "").strip()
    kinds = [str(a.get("file_type", "adjunto")) for a in event.get("attachments") or []]
    return " ".join([content, *(f"[{kind}]" for kind in kinds)]).strip() or "[adjunto]"


@router.post("/webhooks/chatwoot")
async def receive(request: Request, client: TemporalDep, settings: SettingsDep) -> dict[str, str]:
    """Authenticate first; then one signal (or signal-with-start) and 200."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "body too large")
    _authenticate(request, raw, settings)
    try:
        event = json.loads(raw)
        kind = event["event"]
    except (ValueError, KeyError, TypeError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "not a Chatwoot event") from exc
    phone = _sender_phone(event)
    if kind == "message_created" and event.get("message_type") == "incoming" and not event.get("private"):
        if phone is None:
            return {"status": "no_phone"}
        message = InboundMessage(message_id=f"chatwoot:{event['id']}", text=_text(event), channel=Channel.CHATWOOT)
        await deliver_message(client, settings, business=settings.default_business, phone=phone, message=message)
        return {"status": "delivered"}
    if kind == "conversation_status_changed" and event.get("status") in HAND_BACK_STATUSES and phone:
        try:
            await client.get_workflow_handle(conversation_id(settings.default_business, phone)).signal(
                ConversationWorkflow.hand_back
            )
        except RPCError as exc:
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
        return {"status": "handed_back"}
    return {"status": "ignored"}
