"""The WhatsApp Cloud webhook fed with Meta's payloads (tests/fixtures/whatsapp_cloud), signed as Meta signs."""

import copy
import hashlib
import hmac
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.live.meta import fixture, signed
from tests.settings_for import conversation_of, settings_for
from workflows.conversation.workflow import ConversationWorkflow

SECRET = "meta-app-secret"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        whatsapp_app_secret=SecretStr(SECRET),
        whatsapp_verify_token=SecretStr("verify-me"),
    )


async def post(api: httpx.AsyncClient, payload: dict[str, Any]) -> httpx.Response:
    body, headers = signed(payload, SECRET)
    return await api.post("/webhooks/whatsapp", content=body, headers=headers)


async def inbound_and_replies(
    client: Client, api: httpx.AsyncClient, phone: str, last_id: str
) -> list[tuple[str, str]]:
    handle = client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, last_id)
    messages = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
    return [(m["direction"], m["body"]) for m in messages]


async def test_meta_handshake_echoes_the_challenge_only_with_the_token(api: httpx.AsyncClient) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}
    ok = await api.get("/webhooks/whatsapp", params=query)
    assert (ok.status_code, ok.text) == (200, "1158201444")
    bad = await api.get("/webhooks/whatsapp", params=query | {"hub.verify_token": "guess"})
    assert bad.status_code == 403


async def test_text_message_reaches_the_conversation_with_the_profile_name(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    response = await post(api, fixture("webhook.message.text.json", phone))
    assert response.json() == {"delivered": 1, "statuses": 0}
    transcript = await inbound_and_replies(temporal_client, api, phone, "wamid.xyzxyz")
    assert transcript[0] == ("inbound", "Body Text")
    assert transcript[1][1].startswith("¡Hola! Soy Maite"), "answered at once, introduced"


async def test_a_batch_of_three_is_three_turns_in_order_and_redelivery_changes_nothing(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    payload = fixture("webhook.message.text.json", phone)
    messages = payload["entry"][0]["changes"][0]["value"]["messages"]
    first = messages[0]
    messages[:] = [copy.deepcopy(first) | {"id": f"wamid.{n}", "text": {"body": f"mensaje {n}"}} for n in (1, 2, 3)]
    for _ in range(5):  # Meta retries deliveries: five times the same batch
        assert (await post(api, payload)).json() == {"delivered": 3, "statuses": 0}
    transcript = await inbound_and_replies(temporal_client, api, phone, "wamid.3")
    assert [body for direction, body in transcript if direction == "inbound"] == ["mensaje 1", "mensaje 2", "mensaje 3"]
    assert [direction for direction, _ in transcript].count("outbound") == 3


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("webhook.message.interactive_button_reply.json", "title"),
        ("webhook.message.interactive_list_reply.json", "title"),
        ("webhook.message.image.json", "[image]"),
    ],
)
async def test_buttons_lists_and_media_are_delivered_as_text(
    name: str, text: str, phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    payload = fixture(name, phone)
    message_id = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    assert (await post(api, payload)).json() == {"delivered": 1, "statuses": 0}
    transcript = await inbound_and_replies(temporal_client, api, phone, message_id)
    assert transcript[0] == ("inbound", text)


async def test_a_photo_is_recorded_and_answered_politely(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    payload = fixture("webhook.message.image.json", phone)
    message_id = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    await post(api, payload)
    [(_, photo), (_, reply)] = await inbound_and_replies(temporal_client, api, phone, message_id)
    assert photo == "[image]"
    assert reply.startswith("¡Hola! Soy Maite") and "¡Gracias! De momento no puedo ver fotos" in reply


async def test_forged_missing_malformed_and_oversized_deliveries_are_rejected(
    phone: str, api: httpx.AsyncClient, temporal_client: Client
) -> None:
    body, headers = signed(fixture("webhook.message.text.json", phone), secret="someone-else")
    assert (await api.post("/webhooks/whatsapp", content=body, headers=headers)).status_code == 401
    assert (await api.post("/webhooks/whatsapp", content=body)).status_code == 401
    garbage, headers = b"{not json", signed({}, SECRET)[1]
    headers["x-hub-signature-256"] = "sha256=" + hmac.new(SECRET.encode(), garbage, hashlib.sha256).hexdigest()
    assert (await api.post("/webhooks/whatsapp", content=garbage, headers=headers)).status_code == 422
    huge = b"x" * 1_000_001
    assert (await api.post("/webhooks/whatsapp", content=huge, headers=headers)).status_code == 413
    statuses = fixture("webhook.status.read.json", phone)
    assert (await post(api, statuses)).json() == {"delivered": 0, "statuses": 0}
    with pytest.raises(RPCError) as missing:  # nothing was started for this customer
        await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).describe()
    assert missing.value.status == RPCStatusCode.NOT_FOUND
