"""A WhatsApp Cloud deployment's staff answer from /admin: the reply leaves through the Graph API (local fake)
from the conversation's workflow, and a reply Meta refuses is a Spanish error on the page, never a 500 nor a
failed conversation."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from models import Message
from models.enums import DeliveryStatus
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error
from tests.live.meta import fixture
from tests.settings_for import conversation_of
from tests.webhooks.test_admin_takeover import _login, _reply
from tests.webhooks.test_whatsapp import post
from tests.webhooks.test_whatsapp_outbound import settings  # noqa: F401  (the fixture)
from workflows.conversation.workflow import ConversationWorkflow


async def _customer_writes(api: httpx.AsyncClient, client: Client, phone: str) -> None:
    inbound = fixture("webhook.message.text.json", phone)
    assert (await post(api, inbound)).status_code == 200
    message_id = inbound["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    handle = client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, message_id)


async def _staff_rows(db: AsyncEngine, phone: str) -> list[tuple[str, DeliveryStatus | None]]:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message.body, Message.delivery_status).where(
                Message.customer_phone == phone, Message.author == "admin"
            )
        )
        return [(body, status) for body, status in rows]


async def test_a_staff_reply_goes_through_the_graph_api(
    phone: str, api: httpx.AsyncClient, worker: Worker, graph: GraphApiFake, db: AsyncEngine, temporal_client: Client
) -> None:
    await _customer_writes(api, temporal_client, phone)
    await _login(api)
    assert (await _reply(api, phone, "Soy del salón: ¿te va bien el jueves?")).status_code == 303
    last = graph.sent()[-1]
    assert (last["to"], graph.read(last)) == (phone.lstrip("+"), "Soy del salón: ¿te va bien el jueves?")
    assert await _staff_rows(db, phone) == [("Soy del salón: ¿te va bien el jueves?", DeliveryStatus.SENT)]


async def test_a_refused_staff_reply_is_a_spanish_error_and_the_conversation_goes_on(
    phone: str, api: httpx.AsyncClient, worker: Worker, graph: GraphApiFake, db: AsyncEngine, temporal_client: Client
) -> None:
    await _customer_writes(api, temporal_client, phone)
    await _login(api)
    digits = phone.lstrip("+")
    graph.refuse(lambda r: (r.json() or {}).get("to") == digits, 400, graph_error(131026, "Message undeliverable"))
    refused = await _reply(api, phone, "¿Me oyes?")
    assert refused.status_code == 502
    assert "El canal no ha aceptado la respuesta; no le ha llegado al cliente" in refused.text
    assert "131026" in refused.text, "the channel's own reason"
    assert "¿Me oyes?</textarea>" in refused.text, "the draft is kept to send again"
    assert await _staff_rows(db, phone) == [("¿Me oyes?", DeliveryStatus.FAILED)]
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
