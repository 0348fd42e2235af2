"""WhatsApp end to end: a customer writes through Meta's webhook, Maite answers through the Graph API (local
fake), and Meta's delivery statuses, however shuffled or repeated, leave the highest on the message record."""

import random

import httpx
import phonenumbers
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from models import Customer, Message, TeamAlert
from models.enums import DeliveryStatus, Direction
from models.runtime.settings import Settings
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error
from tests.live.meta import status, text_message
from tests.settings_for import conversation_of, settings_for
from tests.webhooks.test_whatsapp import SECRET, fixture, post
from workflows.conversation.workflow import ConversationWorkflow


@pytest.fixture
def settings(database_url: str, graph: GraphApiFake) -> Settings:
    return settings_for(
        database_url,
        whatsapp_app_secret=SecretStr(SECRET),
        whatsapp_verify_token=SecretStr("verify-me"),
        whatsapp_access_token=SecretStr("EAAG-test-token"),
        whatsapp_phone_number_id="1122334455667",
        whatsapp_api_base=graph.api_base,
        messaging_backend="whatsapp_cloud",
    )


async def _reply_row(db: AsyncEngine, phone: str) -> Message:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message).where(Message.customer_phone == phone, Message.direction == Direction.OUTBOUND)
        )
        [row] = rows.scalars()
        return row


async def test_reply_goes_through_the_graph_api_and_statuses_keep_the_highest(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    graph: GraphApiFake,
    db: AsyncEngine,
    temporal_client: Client,
) -> None:
    inbound = fixture("webhook.message.text.json", phone)
    assert (await post(api, inbound)).status_code == 200
    message_id = inbound["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, message_id)

    [body] = graph.sent()
    assert body["to"] == phone.lstrip("+") and body["type"] == "text", "the customer just wrote: inside the window"
    assert body["text"]["body"].startswith("¡Hola! Soy Maite")
    row = await _reply_row(db, phone)
    assert row.provider_message_id is not None and row.delivery_status == DeliveryStatus.SENT

    # Meta does not keep order and redelivers: read arrives first, then delivered and sent, some twice. The
    # webhook applies each before it answers.
    for state in ("read", "delivered", "sent", "delivered", "read"):
        response = await post(api, status(phone, row.provider_message_id, state))
        assert response.status_code == 200 and response.json()["statuses"] == 1
        assert (await _reply_row(db, phone)).delivery_status == DeliveryStatus.READ


async def test_statuses_for_unknown_conversations_are_acknowledged(
    phone: str, api: httpx.AsyncClient, worker: Worker
) -> None:
    response = await post(api, status(phone, "wamid.nobody", "delivered"))
    assert response.status_code == 200 and response.json() == {"delivered": 0, "statuses": 0}


async def test_a_sender_the_phone_library_rejects_is_answered_by_wa_id_and_kept_as_a_customer(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    graph: GraphApiFake,
    db: AsyncEngine,
    temporal_client: Client,
) -> None:
    wa_id = f"3459{random.randint(1_000_000, 9_999_999)}"  # +34 59…: no Spanish number by the library's data
    assert not phonenumbers.is_valid_number(phonenumbers.parse(f"+{wa_id}"))
    batch = text_message(phone, "hola", "wamid.known", name="Ana")
    value = batch["entry"][0]["changes"][0]["value"]
    value["contacts"].append({"wa_id": wa_id, "profile": {"name": "Lucía"}})
    value["messages"].append(value["messages"][0] | {"from": wa_id, "id": "wamid.raw"})
    assert (await post(api, batch)).json() == {"delivered": 2, "statuses": 0}

    customer = f"+{wa_id}"
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", customer))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "wamid.raw")
    reply = next(body for body in graph.sent() if body["to"] == wa_id)
    assert reply["text"]["body"].startswith("¡Hola! Soy Maite")

    said = text_message(customer, "me llamo Lucía", "wamid.raw2", name="Lucía")
    assert (await post(api, said)).status_code == 200
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "wamid.raw2")
    async with AsyncSession(db) as session:
        [row] = (await session.execute(select(Customer).where(Customer.phone == customer))).scalars()
    assert row.first_name == "Lucía"
    await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
    assert customer in (await api.get("/admin/customer/list")).text


async def test_a_reply_meta_refuses_goes_to_the_team_and_the_conversation_goes_on(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    graph: GraphApiFake,
    db: AsyncEngine,
    temporal_client: Client,
) -> None:
    digits = phone.lstrip("+")
    graph.refuse(lambda r: (r.json() or {}).get("to") == digits, 400, graph_error(131026, "Message undeliverable"))
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    for n, text in enumerate(("hola", "¿dónde estáis?"), start=1):
        inbound = fixture("webhook.message.text.json", phone)
        message = inbound["entry"][0]["changes"][0]["value"]["messages"][0]
        message.update(id=f"wamid.refused.{n}", text={"body": text})
        assert (await post(api, inbound)).status_code == 200
        await handle.execute_update(ConversationWorkflow.wait_until_handled, f"wamid.refused.{n}")

    async with AsyncSession(db) as session:
        to_customer = await session.execute(
            select(Message.delivery_status).where(
                Message.customer_phone == phone, Message.direction == Direction.OUTBOUND
            )
        )
        assert set(to_customer.scalars()) == {DeliveryStatus.FAILED}
        alerts = list((await session.execute(select(TeamAlert).order_by(col(TeamAlert.created_at)))).scalars())
    assert len(alerts) == 2, "each unanswered message reached the team"
    assert all("131026" in a.reason and phone in a.text for a in alerts)
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
