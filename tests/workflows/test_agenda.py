"""The staff's morning agenda: today's confirmed appointments per stylist, sent once."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from activities.schedules import agenda_schedule, agenda_times
from models import Message
from models.runtime.db import session_factory
from tests.workflows.bookings import MADRID, book, pay
from workflows.agenda import AgendaInput, StaffAgendaWorkflow


async def test_agenda_lists_todays_confirmed_appointments_per_staff_member(
    phone: str, db: AsyncEngine, temporal_env: WorkflowEnvironment, temporal_client: Client, worker: Worker
) -> None:
    now = (await temporal_env.get_current_time()).astimezone(MADRID)
    tomorrow_morning = (now + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    booking = await book(
        db,
        temporal_client,
        worker.task_queue,
        phone,
        service="Mechas",
        staff="Pilar",
        start=tomorrow_morning.replace(hour=12, minute=30),
    )
    await pay(temporal_env, booking)
    await temporal_env.sleep(tomorrow_morning - (await temporal_env.get_current_time()))

    sent = 0
    for _ in range(2):  # a rerun (the schedule retried) sends nothing new
        sent = await temporal_client.execute_workflow(
            StaffAgendaWorkflow.run, AgendaInput("atrevete"), id=f"agenda-test-{phone}", task_queue=worker.task_queue
        )
    assert sent == 5  # every active staff member with a phone
    async with AsyncSession(db) as session:
        agendas = {
            m.customer_phone: m.body
            for m in (
                await session.execute(select(Message).where(col(Message.external_id).startswith("agenda:")))
            ).scalars()
        }
    assert len(agendas) == 5
    assert "• 12:30 Lucía: Mechas" in agendas["+34600000101"]  # Pilar
    assert "No tienes citas hoy" in agendas["+34600000105"]  # Víctor


async def test_schedule_fires_at_the_policy_hour_in_business_time(db: AsyncEngine) -> None:
    (when,) = await agenda_times(session_factory(db))
    assert (when.business, when.timezone, when.hour) == ("atrevete", "Europe/Madrid", 8)
    spec = agenda_schedule(when, "q").spec
    assert spec.time_zone_name == "Europe/Madrid"
    assert [r.start for r in spec.calendars[0].hour] == [8]
