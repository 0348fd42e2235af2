"""A booking's calendar events, one per appointment, with ids derived from the appointments (idempotent)."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.calendar_port import CalendarEventInput, CalendarEventRef, event_id_for

from workflows.activity_calls import CALENDAR, call
from workflows.booking_types import BookingItem
from workflows.refusals import Refusal, attempt


def _event(
    appointment_id: UUID, item: BookingItem, start: datetime, who: str, booking_id: str, provisional: bool
) -> CalendarEventInput:
    return CalendarEventInput(
        event_id_for(appointment_id),
        item.staff_id,
        start,
        start + timedelta(minutes=item.duration_minutes),
        f"{' + '.join(item.service_names)} · {who}",
        f"Reserva {booking_id}",
        provisional=provisional,
    )


async def write_events(
    activity: str,
    appointment_ids: Sequence[UUID],
    items: Sequence[BookingItem],
    *,
    start: datetime,
    who: str,
    booking_id: str,
    provisional: bool,
) -> list[Refusal]:
    """`create_calendar_event` or `update_calendar_event` for every appointment of the booking."""
    state = "provisional" if provisional else "confirmado"
    return await _each(
        appointment_ids,
        items,
        lambda appointment_id, item: call(
            CALENDAR,
            activity,
            _event(appointment_id, item, start, who, booking_id, provisional),
            CalendarEventRef,
            f"evento {state} de {item.staff_name}",
        ),
    )


async def delete_events(appointment_ids: Sequence[UUID], items: Sequence[BookingItem]) -> list[Refusal]:
    return await _each(
        appointment_ids,
        items,
        lambda appointment_id, item: call(
            CALENDAR,
            "delete_calendar_event",
            CalendarEventRef(event_id_for(appointment_id), item.staff_id),
            CalendarEventRef,
            f"borra el evento de {item.staff_name}",
        ),
    )


async def _each(
    appointment_ids: Sequence[UUID],
    items: Sequence[BookingItem],
    change: Callable[[UUID, BookingItem], Awaitable[CalendarEventRef]],
) -> list[Refusal]:
    """One change per appointment; the calendars that refused are returned, named by their staff member. The
    booking goes on: the database, not the calendar, is what holds the slot."""
    refused = []
    for appointment_id, item in zip(appointment_ids, items, strict=True):
        done = await attempt(change(appointment_id, item), "calendar")
        if isinstance(done, Refusal):
            refused.append(Refusal(item.staff_name, done.reason))
    return refused
