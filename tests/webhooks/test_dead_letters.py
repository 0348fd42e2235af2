"""Nothing a provider sends is dropped with a 200: what no workflow can take is a dead letter (stored whole,
counted once, listed in /admin); a status for a message the business sent reaches the message archive, whether or
not a conversation runs."""

import copy
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.common import MetricMeter
from temporalio.worker import Worker

from models import DeadLetter, Message
from models.enums import DeliveryStatus
from models.runtime.db import create_engine, session_factory
from models.runtime.settings import Settings
from tests.app_client import client_for
from tests.live.meta import signed, status, text_message
from tests.live.stack import free_port
from tests.settings_for import conversation_of, settings_for
from tests.webhooks import test_chatwoot as chatwoot
from tests.webhooks.test_metrics import sample
from tests.webhooks.test_whatsapp_statuses import sent_message
from webhooks.channels.dead_letters import DeadLetters, NotRecordedError
from workflows.conversation.workflow import ConversationWorkflow

SECRET = "meta-app-secret"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        whatsapp_app_secret=SecretStr(SECRET),
        chatwoot_webhook_secret=SecretStr(chatwoot.SECRET),
    )


async def post(api: httpx.AsyncClient, payload: dict[str, Any]) -> httpx.Response:
    body, headers = signed(payload, SECRET)
    return await api.post("/webhooks/whatsapp", content=body, headers=headers)


async def dead_letters(db: AsyncEngine) -> list[DeadLetter]:
    async with AsyncSession(db) as session:
        return list((await session.execute(select(DeadLetter).order_by(DeadLetter.reason))).scalars())


async def test_a_malformed_message_of_a_batch_is_a_dead_letter_counted_once_and_the_rest_is_delivered(
    phone: str, settings: Settings, temporal_client: Client, worker: Worker, db: AsyncEngine
) -> None:
    batch = text_message(phone, "hola", "wamid.good")
    messages = batch["entry"][0]["changes"][0]["value"]["messages"]
    good = messages[0]
    no_sender = {k: v for k, v in copy.deepcopy(good).items() if k != "from"} | {"id": "wamid.nosender"}
    no_id = {k: v for k, v in copy.deepcopy(good).items() if k != "id"}
    messages[:] = [no_sender, good, no_id]
    address = f"127.0.0.1:{free_port()}"
    async with client_for(settings.model_copy(update={"metrics_address": address}), temporal_client) as api:
        for _ in range(2):  # Meta redelivers: one row each, counted once
            assert (await post(api, batch)).json() == {"delivered": 1, "statuses": 0}
        metrics = httpx.get(f"http://{address}/metrics").text

    assert sample(metrics, "citaflow_dead_letters_total", source="whatsapp", kind="message") == 2
    assert [(d.source, d.kind, d.reason, d.payload) for d in await dead_letters(db)] == [
        ("whatsapp", "message", "message without a usable sender", no_sender),
        ("whatsapp", "message", "message without an id", no_id),
    ]
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "wamid.good")


async def test_dead_letters_are_listed_in_the_admin(phone: str, api: httpx.AsyncClient, db: AsyncEngine) -> None:
    batch = text_message(phone, "hola", "wamid.x")
    batch["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = None
    assert (await post(api, batch)).status_code == 200
    await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    page = (await api.get("/admin/dead-letter/list")).text
    assert "message without a usable sender" in page and "Sin entregar" in page


async def test_a_status_reaches_the_archive_or_else_the_dead_letters(
    phone: str, api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    await sent_message(db, phone, "wamid.ours")
    assert (await post(api, status(phone, "wamid.ours", "read"))).json() == {"delivered": 0, "statuses": 1}
    assert (await post(api, status(phone, "wamid.theirs", "read"))).json() == {"delivered": 0, "statuses": 0}

    async with AsyncSession(db) as session:
        ours = (await session.execute(select(Message).where(Message.provider_message_id == "wamid.ours"))).scalar_one()
    assert ours.delivery_status == DeliveryStatus.READ
    [letter] = await dead_letters(db)
    assert (letter.kind, letter.reason) == ("status", "status of a message this business never sent")
    assert letter.payload["id"] == "wamid.theirs"


async def test_a_chatwoot_contact_without_a_usable_phone_is_keyed_by_contact_and_one_naming_nobody_is_a_dead_letter(
    api: httpx.AsyncClient, worker: Worker, temporal_client: Client, db: AsyncEngine
) -> None:
    widget = chatwoot.incoming("not a phone", message_id=777)
    widget["sender"]["id"] = 9001
    assert (await chatwoot.post(api, widget)).json() == {"status": "delivered"}
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", "chatwoot:9001"))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:777")

    nobody = chatwoot.incoming("", message_id=778)
    del nobody["sender"]["id"]
    assert (await chatwoot.post(api, nobody)).json() == {"status": "dead_letter"}
    [letter] = await dead_letters(db)
    assert (letter.source, letter.reason, letter.payload["id"]) == ("chatwoot", "message naming no contact", 778)


async def test_a_dead_letter_postgresql_cannot_take_is_refused_for_a_redelivery() -> None:
    nowhere = create_engine("postgresql+psycopg://postgres@/citaflow?host=/nonexistent-socket-dir")
    letters = DeadLetters(session_factory(nowhere), MetricMeter.noop)
    with pytest.raises(NotRecordedError):
        await letters.record(source="whatsapp", kind="message", reason="r", business="atrevete", item={"id": "x"})
    await nowhere.dispose()
