"""The WhatsApp Cloud adapter against a local fake of the Graph API: text inside the 24 h window, the
template of the message's purpose outside it (and on 131047), filled as Meta accepts it; one message per
idempotency key, 429/5xx retried, other 4xx final."""

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.exceptions import ApplicationError

from activities.messaging.port import MessagePurpose, SendMessageInput
from activities.messaging.whatsapp import WhatsAppCloudChannel
from models import Message
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import archive_message
from models.runtime.db import session_factory
from tests.fakes.whatsapp_graph_api import GraphApiFake, graph_error
from tests.fakes.whatsapp_templates import TemplateRejected
from tests.settings_for import settings_for
from worker import graph_api

PHONE_NUMBER_ID = "1122334455667"


def _channel(db: AsyncEngine, graph: GraphApiFake) -> WhatsAppCloudChannel:
    """The adapter as the worker builds it: the template names are the settings' defaults."""
    settings = settings_for(
        "postgresql+psycopg://unused",
        whatsapp_access_token=SecretStr("EAAG-test-token"),
        whatsapp_phone_number_id=PHONE_NUMBER_ID,
        whatsapp_api_base=graph.api_base,
    )
    return WhatsAppCloudChannel(session_factory(db), graph_api(settings))


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


async def test_outside_the_window_the_reply_template_carries_the_text_on_one_line(
    db: AsyncEngine, graph: GraphApiFake, phone: str
) -> None:
    text = "He liberado tu hueco.\nEscríbeme\tsi quieres     otro 🌸"
    await _channel(db, graph).send_message(_send(phone, text=text))
    [body] = graph.sent()
    assert body["type"] == "template"
    assert body["template"] == {
        "name": "citaflow_respuesta",
        "language": {"code": "es"},
        "components": [
            {
                "type": "body",
                "parameters": [{"type": "text", "text": "He liberado tu hueco. Escríbeme si quieres otro 🌸"}],
            }
        ],
    }
    assert graph.read(body) == (
        "Hola, tienes un mensaje pendiente de tu salón: He liberado tu hueco. Escríbeme si quieres otro 🌸 "
        "Puedes responder a este mensaje cuando quieras."
    )


# The variables each purpose's workflow fills in, as booking_texts and the agenda builder make them.
NOTICES = {
    MessagePurpose.REMINDER: (
        ["el viernes 5 de diciembre a las 10:00", "Mechas + Corte con Pilar"],
        "¡Hola! Te recordamos tu cita el viernes 5 de diciembre a las 10:00 para Mechas + Corte con Pilar 🌸 "
        "¿Vienes? Responde SÍ para confirmarla; si no puedes venir, responde a este mensaje y lo cambiamos.",
    ),
    MessagePurpose.STAFF_NOTICE: (
        ["URGENTE, es hoy 🚨", "Lucía", "el miércoles 3 de diciembre a las 17:00", "Corte"],
        "Nueva cita (URGENTE, es hoy 🚨) de Lucía, que viene el miércoles 3 de diciembre a las 17:00 para Corte. "
        "Ya la tienes en tu agenda del salón.",
    ),
    MessagePurpose.AGENDA: (
        ["Pilar", "viernes 5 de diciembre", "10:00 Lucía: Mechas · 12:30 Ana: Corte"],
        "Buenos días, Pilar ☀️ Tu agenda del viernes 5 de diciembre es esta: 10:00 Lucía: Mechas · 12:30 Ana: "
        "Corte. ¡Que tengas un buen día! 🌸",
    ),
}


@pytest.mark.parametrize("purpose", list(NOTICES))
async def test_outside_the_window_each_purpose_goes_as_its_approved_template(
    db: AsyncEngine, graph: GraphApiFake, phone: str, purpose: MessagePurpose
) -> None:
    params, reads = NOTICES[purpose]
    send = SendMessageInput("atrevete", phone, "el texto de dentro de la ventana", "k", "wf", purpose, params)
    result = await _channel(db, graph).send_message(send)
    [body] = graph.sent()
    assert not result.duplicate and graph.read(body) == reads


async def test_inside_the_window_a_notice_is_its_plain_text(db: AsyncEngine, graph: GraphApiFake, phone: str) -> None:
    await _customer_wrote(db, phone)
    params, _ = NOTICES[MessagePurpose.REMINDER]
    send = SendMessageInput("atrevete", phone, "Te recuerdo tu cita 🌸", "k", "wf", MessagePurpose.REMINDER, params)
    await _channel(db, graph).send_message(send)
    [body] = graph.sent()
    assert graph.read(body) == "Te recuerdo tu cita 🌸"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        (["el viernes a las 10:00"], 132000),  # one variable short
        (["el viernes a las 10:00", "Corte", "con Pilar"], 132000),
        (["el viernes a las 10:00", " "], 131008),
    ],
)
async def test_a_template_meta_cannot_fill_is_refused_for_good(
    db: AsyncEngine, graph: GraphApiFake, phone: str, params: list[str], code: int
) -> None:
    send = SendMessageInput("atrevete", phone, "x", "conv:reply:1:0", "wf", MessagePurpose.REMINDER, params)
    with pytest.raises(ApplicationError) as rejected:
        await _channel(db, graph).send_message(send)
    assert rejected.value.non_retryable and f"error {code}" in str(rejected.value)
    assert graph.sent() == [] and (await _row(db, "conv:reply:1:0")).delivery_status == DeliveryStatus.FAILED


async def test_an_unknown_template_is_meta_132001(db: AsyncEngine, graph: GraphApiFake, phone: str) -> None:
    del graph.templates[("citaflow_respuesta", "es")]
    with pytest.raises(ApplicationError, match="error 132001"):
        await _channel(db, graph).send_message(_send(phone))
    [request] = graph.requests
    assert request.json()["template"]["name"] == "citaflow_respuesta" and graph.sent() == []


@pytest.mark.parametrize(
    "body",
    [
        "{{1}} tiene una cita nueva.",
        "¡{{1}}! Tienes una cita nueva.",
        "Tienes una cita nueva para {{1}}",
        "Tienes una cita nueva: {{1}}. 🌸",
        "Tu cita {{1}}, {{2}} en el salón.",
        "Tu cita {{2}} en el salón {{1}} de siempre.",
    ],
)
def test_meta_refuses_to_approve_a_body_it_would_reject(graph: GraphApiFake, body: str) -> None:
    with pytest.raises(TemplateRejected):
        graph.register("citaflow_prueba", "es", body)


def test_meta_approves_a_body_with_text_around_each_variable(graph: GraphApiFake) -> None:
    graph.register("citaflow_prueba", "es", "Hola {{1}}, tu cita es {{2}} en el salón.")
    assert (
        graph.templates[("citaflow_prueba", "es")].render(["Ana", "mañana"])
        == "Hola Ana, tu cita es mañana en el salón."
    )


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
