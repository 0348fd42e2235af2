"""What Meta sends: the WhatsApp Cloud fixtures (tests/fixtures/whatsapp_cloud) addressed to one of our
customers, signed with the app secret as Meta signs them (X-Hub-Signature-256)."""

import hashlib
import hmac
import json
from typing import Any

from tests import fixtures

FIXTURES = fixtures.FIXTURES / "whatsapp_cloud"


def fixture(name: str, phone: str) -> dict[str, Any]:
    """A real Meta payload, its sender replaced by a valid Spanish number (the fixture's is not dialable)."""
    payload: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    value = payload["entry"][0]["changes"][0]["value"]
    for item in value.get("contacts", []):
        item["wa_id"] = phone.lstrip("+")
    for message in value.get("messages", []):
        message["from"] = phone.lstrip("+")
    for status in value.get("statuses", []):
        status["recipient_id"] = phone.lstrip("+")
    return payload


def text_message(
    phone: str, text: str, message_id: str, *, name: str = "Cliente", timestamp: int = 0
) -> dict[str, Any]:
    payload = fixture("webhook.message.text.json", phone)
    value = payload["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["profile"]["name"] = name
    message = value["messages"][0]
    message.update(id=message_id, text={"body": text})
    if timestamp:
        message["timestamp"] = str(timestamp)
    return payload


def status(phone: str, wamid: str, state: str) -> dict[str, Any]:
    """A delivery status (sent, delivered, read, failed) for a message we sent."""
    payload = fixture(f"webhook.status.{state}.json", phone)
    payload["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = wamid
    return payload


def signed(payload: dict[str, Any], secret: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"x-hub-signature-256": signature, "content-type": "application/json"}
