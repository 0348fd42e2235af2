"""A demo caller picks no message id of a channel: its `chatwoot:5001` is the server's `console:chatwoot:5001`,
so the real signed Chatwoot message 5001 that follows is recorded and answered, not dropped as a redelivery.
(The demo exists outside production only; this runs the app in test mode, in process.)"""

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr
from temporalio.client import Client
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.app_client import client_for
from tests.settings_for import conversation_of, settings_for
from tests.webhooks.test_chatwoot import SECRET, incoming, post
from workflows.conversation.workflow import ConversationWorkflow


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(database_url, chatwoot_webhook_secret=SecretStr(SECRET))


@pytest.fixture
async def api(settings: Settings, temporal_client: Client, db: object) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(settings, temporal_client) as client:
        yield client


async def test_a_demo_message_cannot_shadow_a_chatwoot_message(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    planted = await api.post(
        "/demo/messages", json={"phone": phone, "text": "hola", "message_id": "chatwoot:5001", "wait": True}
    )
    assert planted.status_code == 202 and planted.json()["message_id"] == "console:chatwoot:5001"
    real = incoming(phone, message_id=5001, content="¿tenéis hueco el viernes?")
    assert (await post(api, real)).json() == {"status": "delivered"}
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:5001")
    bodies = [m["body"] for m in (await api.get(f"/demo/conversations/{phone}")).json()["messages"]]
    assert "¿tenéis hueco el viernes?" in bodies
