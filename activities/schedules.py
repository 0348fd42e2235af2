"""Temporal Schedules of every business (the staff's morning agenda), kept in line with its policy rows.

Run by the worker at start-up: not an activity, but like them it touches the world (Temporal and the DB).
"""

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleRange,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)

from models import Business, Policy
from models.policies import PolicyKey
from workflows.agenda import AgendaInput, StaffAgendaWorkflow

log = logging.getLogger("citaflow.schedules")


@dataclass
class AgendaTime:
    business: str
    timezone: str
    hour: int


def agenda_schedule_id(business: str) -> str:
    return f"agenda:{business}"


def agenda_schedule(when: AgendaTime, task_queue: str) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            StaffAgendaWorkflow.run,
            AgendaInput(when.business),
            id=f"agenda-run:{when.business}",
            task_queue=task_queue,
        ),
        spec=ScheduleSpec(
            calendars=[ScheduleCalendarSpec(hour=[ScheduleRange(when.hour)], minute=[ScheduleRange(0)])],
            time_zone_name=when.timezone,
        ),
    )


async def agenda_times(sessions: async_sessionmaker[AsyncSession]) -> list[AgendaTime]:
    async with sessions() as session:
        rows = await session.execute(
            select(Business.slug, Business.timezone, Policy.value)
            .join(Policy, col(Policy.business_id) == col(Business.id))
            .where(Policy.key == PolicyKey.STAFF_AGENDA_HOUR.value)
        )
        return [AgendaTime(slug, tz, int(hour)) for slug, tz, hour in rows]


async def ensure_agenda_schedules(client: Client, sessions: async_sessionmaker[AsyncSession], task_queue: str) -> None:
    """Create each business's schedule, or bring an existing one in line with the current policy hour."""
    for when in await agenda_times(sessions):
        schedule = agenda_schedule(when, task_queue)
        try:
            await client.create_schedule(agenda_schedule_id(when.business), schedule)
            log.info("agenda schedule created for %s at %02d:00 %s", when.business, when.hour, when.timezone)
        except ScheduleAlreadyRunningError:

            def replace(_: ScheduleUpdateInput, new: Schedule = schedule) -> ScheduleUpdate:
                return ScheduleUpdate(schedule=new)

            await client.get_schedule_handle(agenda_schedule_id(when.business)).update(replace)
