"""A booking's calendar events, one per appointment, with ids derived from the appointments (idempotent)."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.booking.store import BookingItem
    from activities.calendar.port import CalendarEventInput, CalendarEventRef, CalendarPort, event_id_for

from workflows.options import CALENDAR, described
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


# CalendarPort.create_calendar_event or CalendarPort.update_calendar_event.
EventWrite = Callable[[CalendarPort, CalendarEventInput], Awaitable[CalendarEventRef]]


async def write_events(
    write: EventWrite,
    appointment_ids: Sequence[UUID],
    items: Sequence[BookingItem],
    *,
    start: datetime,
    who: str,
    booking_id: str,
    provisional: bool,
) -> list[Refusal]:
    """`write` for every appointment of the booking."""
    state = "provisional" if provisional else "confirmado"
    return await _each(
        appointment_ids,
        items,
        lambda appointment_id, item: attempt(
            write,
            _event(appointment_id, item, start, who, booking_id, provisional),
            described(CALENDAR, f"evento {state} de {item.staff_name}"),
        ),
    )


async def delete_events(appointment_ids: Sequence[UUID], items: Sequence[BookingItem]) -> list[Refusal]:
    return await _each(
        appointment_ids,
        items,
        lambda appointment_id, item: attempt(
            CalendarPort.delete_calendar_event,
            CalendarEventRef(event_id_for(appointment_id), item.staff_id),
            described(CALENDAR, f"borra el evento de {item.staff_name}"),
        ),
    )


async def _each(
    appointment_ids: Sequence[UUID],
    items: Sequence[BookingItem],
    change: Callable[[UUID, BookingItem], Awaitable[CalendarEventRef | Refusal]],
) -> list[Refusal]:
    """One change per appointment; the calendars that refused are returned, named by their staff member. The
    booking goes on: the database, not the calendar, is what holds the slot."""
    refused = []
    for appointment_id, item in zip(appointment_ids, items, strict=True):
        done = await change(appointment_id, item)
        if isinstance(done, Refusal):
            refused.append(Refusal(item.staff_name, done.reason))
    return refused
