"""The dialogue nodes that ask a BookingWorkflow for something: start it (and wait for its hold), cancel it,
move it. Ids come from the customer's message, so a retried node asks once."""

from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select
from temporalio import activity
from temporalio.client import WorkflowHandle

from activities.booking.store import BookingItem
from activities.booking.waitlist import JoinWaitlistInput, Waitlist
from activities.dialogue import queries
from activities.heartbeats import while_heartbeating
from models import (
    Customer,
)
from models.queries import get_business
from workflows import booking_workflow_id
from workflows.booking.starts import start_and_hold
from workflows.booking.types import BookingInput, BookingStatus, CancelRequest, RescheduleRequest
from workflows.booking.workflow import BookingWorkflow
from workflows.dialogue.actions import (
    AttendanceAnswer,
    BookingStarted,
    CancelAnswer,
    CancelBooking,
    ConfirmAttendance,
    JoinWaitlist,
    RescheduleAnswer,
    RescheduleBooking,
    StartBooking,
    WaitlistJoined,
)
from workflows.dialogue.node_inputs import ActionInput


class BookingRequestNodes:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._waitlist = Waitlist(sessions)

    @activity.defn(name="dialogue.join_waitlist")
    async def join_waitlist(self, input: ActionInput) -> dict[str, Any]:
        """Joining twice for the same day keeps one wish (the latest), so a retried node is harmless."""
        request = JoinWaitlist.model_validate(input.request)
        joined = await self._waitlist.join_waitlist(
            JoinWaitlistInput(
                input.business, input.phone, request.services, request.day, request.staff, request.part_of_day
            )
        )
        return WaitlistJoined(joined=joined).model_dump(mode="json")

    @activity.defn(name="dialogue.start_booking")
    async def start_booking(self, input: ActionInput) -> dict[str, Any]:
        """Starts the BookingWorkflow (its id comes from the message, so a retry finds the same one) and waits
        for its hold: a slot taken meanwhile is re-offered in this same turn."""
        request = StartBooking.model_validate(input.request)
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=input.business)
            booker = (
                await session.execute(
                    select(Customer).where(Customer.business_id == business.id, Customer.phone == input.phone)
                )
            ).scalar_one()
            services = await queries.services(session, business, request.services)
            pack = await queries.pack(session, business, request.pack)
            items = []
            for index, person in enumerate(request.people):
                customer_id = booker.id
                if person.relation is not None:
                    key = f"{request.booking_id}:{index}"
                    customer_id = await queries.booked_person(session, business, booker, person.name, key)
                items.append(
                    BookingItem(
                        customer_id=customer_id,
                        staff_id=person.staff_id,
                        staff_name=person.staff_name,
                        service_ids=[s.id for s in services],
                        service_names=[s.name for s in services],
                        price=pack.price if pack else sum((s.price for s in services), Decimal("0.00")),
                        duration_minutes=pack.duration_minutes if pack else sum(s.duration_minutes for s in services),
                        pack_id=pack.id if pack else None,
                        needs_deposit=any(s.needs_deposit for s in services),
                    )
                )
        status = await while_heartbeating(
            start_and_hold(
                activity.client(),
                BookingInput(
                    booking_id=request.booking_id,
                    business=input.business,
                    customer_phone=input.phone,
                    booked_by_id=booker.id,
                    start=request.start,
                    items=items,
                    conversation_workflow_id=input.conversation_id,
                    customer_name=booker.first_name,
                    language=request.language,
                ),
                task_queue=activity.info().task_queue,
                summary=f"Reserva de {booker.first_name or 'un cliente'}: {', '.join(request.services)}",
            )
        )
        return BookingStarted(booking_id=request.booking_id, status=status).model_dump(mode="json")

    @activity.defn(name="dialogue.cancel_booking")
    async def cancel_booking(self, input: ActionInput) -> dict[str, Any]:
        request = CancelBooking.model_validate(input.request)
        result = await while_heartbeating(
            self._booking(request.booking_id).execute_update(
                BookingWorkflow.cancel,
                CancelRequest(accept_no_refund=request.accept_no_refund),
                id=f"cancel:{request.request_id}",
            )
        )
        answer = CancelAnswer(outcome=result.outcome, refunded=result.refunded_amount)
        return answer.model_dump(mode="json")

    @activity.defn(name="dialogue.reschedule_booking")
    async def reschedule_booking(self, input: ActionInput) -> dict[str, Any]:
        request = RescheduleBooking.model_validate(input.request)
        result = await while_heartbeating(
            self._booking(request.booking_id).execute_update(
                BookingWorkflow.reschedule,
                RescheduleRequest(start=request.start, staff_ids=request.staff_ids, staff_names=request.staff_names),
                id=f"reschedule:{request.request_id}",
            )
        )
        return RescheduleAnswer(moved=result.moved, reason=result.reason).model_dump(mode="json")

    @activity.defn(name="dialogue.confirm_attendance")
    async def confirm_attendance(self, input: ActionInput) -> dict[str, Any]:
        """The customer's yes to the reminder; the booking records it once however often this is retried."""
        request = ConfirmAttendance.model_validate(input.request)
        confirmed = await while_heartbeating(
            self._booking(request.booking_id).execute_update(
                BookingWorkflow.confirm_attendance, id=f"attendance:{request.request_id}"
            )
        )
        return AttendanceAnswer(confirmed=confirmed).model_dump(mode="json")

    def _booking(self, booking_id: str) -> WorkflowHandle[BookingWorkflow, BookingStatus]:
        return activity.client().get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(booking_id))
