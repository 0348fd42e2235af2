"""What Meta's WhatsApp deliveries carry, read leniently: each message and status of a batch becomes what its
workflow takes, or an `Undeliverable` naming why (it then goes to the dead-letter table, never only to a log)."""

from typing import Any

from pydantic import BaseModel, ConfigDict

from models.delivery import DeliveryUpdate
from models.enums import Channel, DeliveryStatus
from webhooks.channels.customer_keys import whatsapp_customer
from workflows.conversation.types import InboundMessage


class Undeliverable(ValueError):
    """An item of a batch no workflow can take: no sender, no id, an unknown status."""


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow")


class WaValue(_Lenient):
    # phone_number_id: the business's number the customer wrote to (or that sent the message a status is for).
    metadata: dict[str, Any] = {}
    contacts: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []


class WaChange(_Lenient):
    field: str
    value: WaValue


class WaEntry(_Lenient):
    changes: list[WaChange]


class WaPayload(_Lenient):
    object: str
    entry: list[WaEntry]


def message_text(message: dict[str, Any]) -> str:
    """What the customer said: text, the title of a tapped button or list row, or a note for media."""
    kind = message.get("type")
    if kind == "text":
        return str(message.get("text", {}).get("body", ""))
    if kind == "interactive":
        reply = message.get("interactive", {})
        return str(reply.get(reply.get("type", ""), {}).get("title", ""))
    if kind == "button":
        return str(message.get("button", {}).get("text", ""))
    return f"[{kind or 'adjunto'}]"


def inbound_message(message: dict[str, Any], names: dict[Any, Any]) -> tuple[str, InboundMessage]:
    """The customer's key (their wa_id when the phone library rejects the number) and the message for their
    conversation."""
    message_id = message.get("id")
    if not isinstance(message_id, str) or not message_id:
        raise Undeliverable("message without an id")
    try:
        customer = whatsapp_customer(message.get("from"))
    except ValueError as exc:
        raise Undeliverable("message without a usable sender") from exc
    try:
        text = message_text(message)
    except (AttributeError, TypeError) as exc:
        raise Undeliverable(f"message whose {message.get('type')!r} content cannot be read") from exc
    return customer, InboundMessage(
        message_id=message_id, text=text, channel=Channel.WHATSAPP_CLOUD, profile_name=names.get(message["from"])
    )


def delivery_status(item: dict[str, Any]) -> DeliveryUpdate:
    """The status of one of our messages. Meta always names the recipient: a status without a usable one is
    malformed, kept as a dead letter rather than applied."""
    try:
        whatsapp_customer(item.get("recipient_id"))
        return DeliveryUpdate(provider_message_id=str(item["id"]), status=DeliveryStatus(item["status"]))
    except (KeyError, ValueError, TypeError) as exc:
        raise Undeliverable("status without a usable recipient, id or status") from exc
