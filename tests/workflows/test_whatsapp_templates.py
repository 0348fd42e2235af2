"""The messages a salon starts go through WhatsApp as the approved template of their purpose, filled with their
variables, and Meta (the Graph API fake, which refuses what Meta refuses) accepts them: the staff notice,
the 48 h reminder, the morning agenda, and any other message to someone outside the 24 h window."""

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.localtime import spoken_date
from models.runtime.settings import Settings
from tests.fakes.whatsapp_graph_api import GraphApiFake
from tests.settings_for import settings_for, whatsapp_cloud
from tests.workflows.bookings import book, local_day_at, pay, until_sent
from workflows.agenda import AgendaInput, StaffAgendaWorkflow

PILAR = "+34600000101"


@pytest.fixture
def settings(database_url: str, graph: GraphApiFake) -> Settings:
    return settings_for(
        database_url,
        **whatsapp_cloud(graph.api_base),
    )


def _received(graph: GraphApiFake, phone: str) -> list[tuple[str, str]]:
    """(template name, what the recipient reads) of every send Meta accepted for `phone`; nobody here wrote
    in the last 24 h, so every one is a template."""
    return [(b["template"]["name"], graph.read(b)) for b in graph.sent() if b["to"] == phone.lstrip("+")]


async def test_customer_messages_staff_notice_and_reminder_go_as_their_templates(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    graph: GraphApiFake,
) -> None:
    start = await local_day_at(temporal_env, 5, 11)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await pay(temporal_env, booking)
    await temporal_env.sleep(start - timedelta(hours=47) - await temporal_env.get_current_time())
    await until_sent(temporal_env, db, booking, f"reminder-{start.isoformat()}")

    at = f"el {spoken_date(start.date())} a las 11:00"
    customer = _received(graph, phone)
    assert [name for name, _ in customer] == [
        "citaflow_respuesta",
        "citaflow_respuesta",
        "citaflow_recordatorio_confirmar",
    ]
    assert customer[0][1].startswith("Hola, tienes un mensaje pendiente de tu salón: ¡Genial! Te he reservado")
    assert customer[2][1] == (
        f"¡Hola! Te recordamos tu cita {at} para Mechas con Pilar 🌸 ¿Vienes? Responde SÍ para confirmarla; si no "
        "puedes venir, responde a este mensaje y lo cambiamos."
    )
    assert (
        "citaflow_aviso_equipo",
        f"Nueva cita (confirmada) de Lucía, que viene {at} para Mechas. Ya la tienes en tu agenda del salón.",
    ) in _received(graph, PILAR)


async def test_morning_agenda_goes_as_its_template_with_the_day_on_one_line(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    graph: GraphApiFake,
) -> None:
    start = await local_day_at(temporal_env, 1, 12, 30)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await pay(temporal_env, booking)
    await temporal_env.sleep(start.replace(hour=8, minute=0) - await temporal_env.get_current_time())
    sent = await temporal_client.execute_workflow(
        StaffAgendaWorkflow.run, AgendaInput("atrevete"), id=f"agenda-test-{phone}", task_queue=worker.task_queue
    )
    assert sent == 5
    agendas = [text for name, text in _received(graph, PILAR) if name == "citaflow_agenda"]
    assert agendas == [
        f"Buenos días, Pilar ☀️ Tu agenda del {spoken_date(start.date())} es esta: 12:30 Lucía: Mechas. "
        "¡Que tengas un buen día! 🌸"
    ]
