"""The Chatwoot webhook with Chatwoot's own example payload: signed, token-authenticated, loop-free."""

import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from temporalio.client import Client
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests import fixtures
from tests.app_client import client_for
from tests.settings_for import conversation_of, settings_for
from workflows.conversation.workflow import ConversationWorkflow

FIXTURE = fixtures.FIXTURES / "chatwoot"
SECRET = "chatwoot-webhook-secret"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        chatwoot_webhook_secret=SecretStr(SECRET),
    )


def incoming(phone: str, message_id: int = 4242, **changes: Any) -> dict[str, Any]:
    """Chatwoot's documented example, from a WhatsApp inbox, with the contact's phone it carries."""
    event: dict[str, Any] = json.loads((FIXTURE / "message_created.incoming.api_channel.docs_example.json").read_text())
    event["sender"]["phone_number"] = phone
    event["conversation"]["channel"] = "Channel::Whatsapp"
    return event | {"id": message_id} | changes


def signed(event: dict[str, Any], *, at: int | None = None, secret: str = SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    timestamp = str(at if at is not None else int(time.time()))
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, {"x-chatwoot-signature": f"sha256={digest}", "x-chatwoot-timestamp": timestamp}


async def post(api: httpx.AsyncClient, event: dict[str, Any], **kwargs: Any) -> httpx.Response:
    body, headers = signed(event, **kwargs)
    return await api.post("/webhooks/chatwoot", content=body, headers=headers)


async def test_incoming_message_reaches_the_conversation_once(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    for _ in range(3):  # retried deliveries
        assert (await post(api, incoming(phone))).json() == {"status": "delivered"}
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:4242")
    messages = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
    assert (messages[0]["direction"], messages[0]["body"]) == (
        "inbound",
        "This is a incoming message from API Channel",
    )
    assert len(messages) == 2


async def test_outgoing_and_private_messages_are_ignored_so_the_bot_never_answers_itself(
    phone: str, api: httpx.AsyncClient, temporal_client: Client
) -> None:
    assert (await post(api, incoming(phone, message_type="outgoing"))).json() == {"status": "ignored"}
    assert (await post(api, incoming(phone, private=True))).json() == {"status": "ignored"}


async def test_agent_setting_pending_hands_the_conversation_back(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    await post(api, incoming(phone))
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:4242")
    await handle.signal(ConversationWorkflow.escalate, "prueba")
    change = incoming(phone, event="conversation_status_changed", status="pending")
    assert (await post(api, change)).json() == {"status": "handed_back"}
    await post(api, incoming(phone, message_id=4243, content="¿seguís ahí?"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:4243")
    messages = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
    assert [m["direction"] for m in messages] == ["inbound", "outbound", "inbound", "outbound"]


async def test_forged_stale_and_unsigned_deliveries_are_rejected(phone: str, api: httpx.AsyncClient) -> None:
    assert (await post(api, incoming(phone), secret="guess")).status_code == 401
    assert (await post(api, incoming(phone), at=int(time.time()) - 600)).status_code == 401
    assert (await api.post("/webhooks/chatwoot", json=incoming(phone))).status_code == 401
    body, headers = signed({"no": "event"})
    assert (await api.post("/webhooks/chatwoot", content=body, headers=headers)).status_code == 400


async def test_older_chatwoot_authenticates_with_a_url_token(database_url: str, temporal_client: Client) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        app_env="test",
        database_url=database_url,
        chatwoot_webhook_token=SecretStr("url-token"),
    )
    async with client_for(settings, temporal_client) as api:
        ignored = {"event": "conversation_created"}
        assert (await api.post("/webhooks/chatwoot?token=url-token", json=ignored)).json() == {"status": "ignored"}
        assert (await api.post("/webhooks/chatwoot?token=nope", json=ignored)).status_code == 401
