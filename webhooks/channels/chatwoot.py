"""Chatwoot webhook (account or agent-bot): incoming customer messages to their conversation; an agent writing
to the customer, opening the conversation or having it assigned silences the bot (chatwoot_agents.py), setting
it back to pending/resolved hands it back. Our own replies come back as outgoing messages and are ignored, so
the bot never answers itself nor silences itself.

Signed Chatwoot (v4.11.2+): X-Chatwoot-Signature = sha256=HMAC(secret, "{timestamp}.{body}"), timestamp
within 5 minutes. Older versions sign nothing: a shared token in the URL (?token=...) instead.
"""

import json
import logging
import time
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field, ValidationError

from models.enums import Channel
from models.runtime.settings import Settings
from webhooks.channels.chatwoot_agents import AGENT_SENDER, TAKE_OVER_STATUSES, assigned, ours
from webhooks.channels.conversations import customer_conversation_id, deliver_message
from webhooks.channels.customer_keys import chatwoot_customer
from webhooks.channels.inbound import capped_body, hmac_sha256, same_signature, signal_if_running, signature_header
from webhooks.deps import DeadLettersDep, RoutesDep, SessionDep, SettingsDep, TemporalDep
from webhooks.rate_limit import address_not_spent, authenticated, per_customer
from workflows.conversation.types import InboundMessage
from workflows.conversation.workflow import ConversationWorkflow

log = logging.getLogger("citaflow.webhooks.chatwoot")
router = APIRouter(tags=["webhooks"], dependencies=[Depends(address_not_spent)])
MAX_SKEW_SECONDS = 300
HAND_BACK_STATUSES = {"pending", "resolved"}
# Inboxes whose contacts' phone numbers the channel itself verified.
PHONE_VOUCHING_CHANNELS = {"Channel::Whatsapp"}


def _authenticate(request: Request, raw: bytes, settings: Settings) -> None:
    if settings.chatwoot_webhook_secret is not None:
        timestamp = signature_header(request, "x-chatwoot-timestamp")
        signature = signature_header(request, "x-chatwoot-signature")
        secret = settings.chatwoot_webhook_secret.get_secret_value()
        expected = "sha256=" + hmac_sha256(secret, timestamp.encode() + b"." + raw)
        # isdecimal, not isdigit: "²" is a digit int() cannot read.
        fresh = timestamp.isdecimal() and abs(time.time() - int(timestamp)) <= MAX_SKEW_SECONDS
        if not (fresh and same_signature(signature, expected)):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad or stale X-Chatwoot-Signature")
    elif settings.chatwoot_webhook_token is not None:
        token = request.query_params.get("token", "")
        if not same_signature(token, settings.chatwoot_webhook_token.get_secret_value()):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad token")
    else:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the Chatwoot channel is not configured")


class Contact(BaseModel):
    id: int | None = None
    phone_number: str | None = None
    # "contact" (the customer), "user" (an agent), "agent_bot"; a message's sender says who wrote it.
    type: str | None = None


class ConversationMeta(BaseModel):
    sender: Contact | None = None


class Conversation(BaseModel):
    id: int | None = None
    inbox_id: int | None = None
    # The inbox's kind: "Channel::Whatsapp", "Channel::WebWidget", "Channel::Api"...
    channel: str | None = None
    meta: ConversationMeta | None = None


class Inbox(BaseModel):
    id: int | None = None


class Attachment(BaseModel):
    file_type: str = "adjunto"


class ChatwootEvent(BaseModel):
    """The fields we read of an account or agent-bot webhook (Chatwoot sends many more)."""

    event: str
    id: int | str | None = None
    # A string at the top level ("incoming"); an integer inside conversation.messages[].
    message_type: str | int | None = None
    private: bool = False
    content: str | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    sender: Contact | None = None
    conversation: Conversation | None = None
    status: str | None = None
    inbox: Inbox | None = None
    # Conversation events carry the conversation at the top level.
    inbox_id: int | None = None
    channel: str | None = None
    meta: ConversationMeta | None = None
    changed_attributes: list[dict[str, Any]] = Field(default_factory=list)

    def inbox_key(self) -> str | None:
        """The inbox the event happened in: one per business on a shared Chatwoot account."""
        places = (
            self.inbox.id if self.inbox else None,
            self.inbox_id,
            self.conversation.inbox_id if self.conversation else None,
        )
        return next((str(inbox) for inbox in places if inbox is not None), None)

    def customer(self) -> str | None:
        """The contact's key (webhooks/channels/customer_keys.py): their phone only from a WhatsApp inbox, where
        WhatsApp vouches for it; a website-widget visitor (or an API inbox's caller) types any number they like, so
        theirs is no identity and their Chatwoot contact id is the key."""
        meta = self.conversation.meta if self.conversation else self.meta
        # An agent's message names the agent as its sender: the customer is the conversation's contact.
        sender = self.sender if self.sender is None or self.sender.type in (None, "contact") else None
        candidates = [c for c in (sender, meta.sender if meta else None) if c is not None]
        vouched = (self.conversation.channel if self.conversation else self.channel) in PHONE_VOUCHING_CHANNELS
        phone = next((c.phone_number for c in candidates if c.phone_number), None) if vouched else None
        contact_id = next((c.id for c in candidates if c.id is not None), None)
        return chatwoot_customer(phone, contact_id)

    def conversation_id(self) -> str | None:
        return str(self.conversation.id) if self.conversation and self.conversation.id is not None else None

    def text(self) -> str:
        content = (self.content or "").strip()
        return " ".join([content, *(f"[{a.file_type}]" for a in self.attachments)]).strip() or "[adjunto]"


@router.post("/webhooks/chatwoot")
async def receive(
    request: Request,
    client: TemporalDep,
    settings: SettingsDep,
    routes: RoutesDep,
    dead_letters: DeadLettersDep,
    session: SessionDep,
) -> dict[str, str]:
    """Authenticate first; then one signal (or signal-with-start) and 200; a message naming no contact or no id
    is a dead letter."""
    raw = await capped_body(request)
    await authenticated(request, lambda: _authenticate(request, raw, settings))
    try:
        event = ChatwootEvent.model_validate_json(raw)
    except ValidationError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "not a Chatwoot event") from exc
    customer = event.customer()
    if event.event == "message_created" and event.message_type == "incoming" and not event.private:
        business = await routes.business("chatwoot", event.inbox_key())
        if customer is None or event.id is None:
            reason = "message naming no contact" if customer is None else "message without an id"
            item = json.loads(raw)
            await dead_letters.record(source="chatwoot", kind="message", reason=reason, business=business, item=item)
            return {"status": "dead_letter"}
        await per_customer(request, business=business, customer=customer)
        message = InboundMessage(
            message_id=f"chatwoot:{event.id}",
            text=event.text(),
            channel=Channel.CHATWOOT,
            channel_conversation_id=str(event.conversation.id)
            if event.conversation and event.conversation.id
            else None,
        )
        await deliver_message(client, settings, business=business, phone=customer, message=message)
        return {"status": "delivered"}
    if event.event == "conversation_status_changed" and event.status in HAND_BACK_STATUSES and customer:
        business = await routes.business("chatwoot", event.inbox_key())
        await signal_if_running(
            client, customer_conversation_id(settings, business, customer), ConversationWorkflow.hand_back
        )
        return {"status": "handed_back"}
    if customer and _agent_acted(event):
        business = await routes.business("chatwoot", event.inbox_key())
        echo = event.event == "message_created" and await ours(
            session, business=business, customer=customer, message_id=str(event.id), content=event.content or ""
        )
        if not echo:
            await signal_if_running(
                client,
                customer_conversation_id(settings, business, customer),
                ConversationWorkflow.escalate,
                f"un agente atiende en Chatwoot ({event.event})",
            )
            return {"status": "silenced"}
    return {"status": "ignored"}


def _agent_acted(event: ChatwootEvent) -> bool:
    """A user (not a contact, not a bot) wrote to the customer, or the conversation was opened or given to one.
    A user's message may still be our own post coming back (`ours`)."""
    if event.event == "message_created":
        return (
            event.message_type == "outgoing"
            and not event.private
            and event.sender is not None
            and event.sender.type == AGENT_SENDER
            and event.id is not None
        )
    if event.event == "conversation_status_changed":
        return event.status in TAKE_OVER_STATUSES
    return event.event == "conversation_opened" or (
        event.event == "conversation_updated" and assigned(event.changed_attributes)
    )
