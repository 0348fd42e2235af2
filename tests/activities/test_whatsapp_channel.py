"""The WhatsApp Cloud adapter against a local fake of the Graph API: text inside the 24 h window, the
template outside it (and on 131047), one message per idempotency key, 429/5xx retried, other 4xx final."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.exceptions import ApplicationError

from activities.messaging_port import SendMessageInput
from activities.whatsapp_channel import GraphApi, WhatsAppCloudChannel
from models import Message
from models.db import session_factory
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error

PHONE_NUMBER_ID = "1122334455667"


def _channel(db: AsyncEngine, graph: GraphApiFake) -> WhatsAppCloudChannel:
    api = GraphApi(graph.api_base, PHONE_NUMBER_ID, "EAAG-test-token", "citaflow_aviso", "es")
    return WhatsAppCloudChannel(session_factory(db), api)


async def _customer_wrote(db: AsyncEngine, phone: str) -> None:
    async with AsyncSession(db) as session, session.begin():
        await archive_message(
            session,
            business="atrevete",
            customer_phone=phone,
            direction=Direction.INBOUND,
            channel=Channel.WHATSAPP_CLOUD,
            external_id=f"wamid.in-{phone}",
            body="hola",
            workflow_id="conversation:atrevete:x",
        )


def _send(phone: str, key: str = "conv:reply:1:0", text: str = "¡Hola! 🌸") -> SendMessageInput:
    return SendMessageInput("atrevete", phone, text, key, "conversation:atrevete:x")


async def _row(db: AsyncEngine, key: str) -> Message:
    async with AsyncSession(db) as session:
        return (await session.execute(select(Message).where(Message.external_id == key))).scalar_one()


async def test_inside_the_window_a_text_is_sent_once(db: AsyncEngine, graph: GraphApiFake, phone: str) -> None:
    await _customer_wrote(db, phone)
    channel = _channel(db, graph)
    first = await channel.send_message(_send(phone))
    again = await channel.send_message(_send(phone))
    assert (first.duplicate, again.duplicate, again.external_id) == (False, True, first.external_id)
    [request] = graph.requests
    assert request.path == f"/v23.0/{PHONE_NUMBER_ID}/messages"
    assert request.headers["authorization"] == "Bearer EAAG-test-token"
    assert request.json() == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": phone.lstrip("+"),
        "type": "text",
        "text": {"preview_url": True, "body": "¡Hola! 🌸"},
    }
    row = await _row(db, "conv:reply:1:0")
    assert (row.provider_message_id, row.delivery_status, row.channel) == (
        first.external_id,
        DeliveryStatus.SENT,
        Channel.WHATSAPP_CLOUD,
    )


async def test_outside_the_window_the_approved_template_carries_the_text(
    db: AsyncEngine, graph: GraphApiFake, phone: str
) -> None:
    await _channel(db, graph).send_message(_send(phone, text="Te recuerdo tu cita mañana"))
    [body] = graph.sent()
    assert body["type"] == "template"
    assert body["template"] == {
        "name": "citaflow_aviso",
        "language": {"code": "es"},
        "components": [{"type": "body", "parameters": [{"type": "text", "text": "Te recuerdo tu cita mañana"}]}],
    }


async def test_window_closed_error_is_answered_with_the_template(
    db: AsyncEngine, graph: GraphApiFake, phone: str
) -> None:
    await _customer_wrote(db, phone)
    graph.fail_next(400, graph_error(131047, "Re-engagement message"))
    await _channel(db, graph).send_message(_send(phone))
    assert [r.json()["type"] for r in graph.requests] == ["text", "template"]


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_throttling_and_outages_raise_for_a_retry_that_sends_once(
    db: AsyncEngine, graph: GraphApiFake, phone: str, status: int
) -> None:
    await _customer_wrote(db, phone)
    channel = _channel(db, graph)
    graph.fail_next(status, graph_error(4 if status == 429 else 2))
    with pytest.raises(RuntimeError):
        await channel.send_message(_send(phone))
    assert (await _row(db, "conv:reply:1:0")).delivery_status == DeliveryStatus.QUEUED
    result = await channel.send_message(_send(phone))
    assert not result.duplicate and len(graph.requests) == 2
    assert (await _row(db, "conv:reply:1:0")).delivery_status == DeliveryStatus.SENT


async def test_a_rejected_message_is_final_and_marked_failed(db: AsyncEngine, graph: GraphApiFake, phone: str) -> None:
    await _customer_wrote(db, phone)
    graph.fail_next(400, graph_error(131026, "Message undeliverable"))
    with pytest.raises(ApplicationError) as rejected:
        await _channel(db, graph).send_message(_send(phone))
    assert rejected.value.non_retryable and rejected.value.type == "MessageRejected"
    assert (await _row(db, "conv:reply:1:0")).delivery_status == DeliveryStatus.FAILED
