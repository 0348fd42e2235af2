"""The dialogue graph's activity nodes: everything a turn reads from the database or asks other workflows.

Each node takes the graph's JSON state and returns the keys it changes. The LangGraph plugin runs each as
its own activity (`dialogue.<node>`), so a retry repeats one read or one request, never the whole turn; and
every write is idempotent (customers by phone, booking ids derived from the message, update ids from the
message), so a retry changes nothing twice.
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, or_, select
from temporalio import activity
from temporalio.client import WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from activities.availability import Availability, FindSlotsInput
from activities.understand import Understander, UnderstandInput
from activities.understanding import Understanding
from models import (
    Appointment,
    AppointmentService,
    Business,
    Customer,
    Faq,
    Pack,
    PackService,
    Policy,
    Service,
    StaffMember,
)
from models.enums import BLOCKING_STATUSES, AppointmentStatus
from models.policies import BusinessPolicies
from models.queries import get_business
from workflows import booking_workflow_id
from workflows.booking import BookingWorkflow
from workflows.booking_types import BookingInput, BookingItem, BookingStatus, CancelRequest, RescheduleRequest
from workflows.dialogue.actions import (
    BookingStarted,
    CancelAnswer,
    CancelBooking,
    CustomerSaved,
    FaqAnswers,
    PackFacts,
    RescheduleAnswer,
    RescheduleBooking,
    SaveCustomer,
    SearchSlots,
    SlotsFound,
    StartBooking,
)
from workflows.dialogue.actions import Faq as FaqRequest
from workflows.dialogue.slots import to_offer
from workflows.dialogue.state import BookingFacts, CustomerFacts, Memory, SlotOption, TurnState

# Namespace for the customer rows of people booked by someone else: a retried booking creates them once.
BOOKED_PEOPLE = uuid.UUID("0b7d3c0e-5f7e-4d0b-8a44-2e4f7c9b1d21")
UNDERSTANDING = TypeAdapter(Understanding)


class DialogueNodes:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], understander: Understander, availability: Availability
    ) -> None:
        self._sessions = sessions
        self._understander = understander
        self._availability = availability

    # -- reads --------------------------------------------------------------------------------------------------
    async def identify(self, state: TurnState) -> dict[str, Any]:
        """The business persona, the customer behind the phone, their upcoming bookings and their usual."""
        now = datetime.fromisoformat(state["now"])
        async with self._sessions() as session:
            business = await get_business(session, slug=state["business"])
            customer = (
                await session.execute(
                    select(Customer).where(Customer.business_id == business.id, Customer.phone == state["phone"])
                )
            ).scalar_one_or_none()
            policies = BusinessPolicies.from_rows(
                {
                    r.key: r.value
                    for r in (await session.execute(select(Policy).where(Policy.business_id == business.id))).scalars()
                }
            )
            facts = CustomerFacts(
                business_name=business.name,
                assistant_name=business.assistant_name,
                timezone=business.timezone,
                cancellation_hours=policies.refund_cutoff_hours,
                max_clarifications=policies.max_clarifications,
                max_name_attempts=policies.max_name_attempts,
                human_mode_hours=policies.human_mode_timeout_hours,
            )
            if customer is not None:
                facts.customer_id = customer.id
                facts.first_name = customer.first_name
                facts.opted_out = customer.opted_out
                facts.bookings = await _upcoming(session, customer.id, now)
                facts.usual_services, facts.usual_staff = await _usual(session, customer.id, now)
        for booking in facts.bookings:
            if booking.status == AppointmentStatus.PROVISIONAL:
                view = await self._booking(booking.booking_id).query(BookingWorkflow.view)
                booking.payment_url, booking.payment_failures = view.payment_url, view.payment_failures
        return {"customer": facts.model_dump(mode="json")}

    async def understand(self, state: TurnState) -> dict[str, Any]:
        """Rules or Claude (one call at most), with "mañana" relative to the business's today."""
        timezone = state["customer"]["timezone"]
        today = datetime.fromisoformat(state["now"]).astimezone(ZoneInfo(timezone)).date()
        memory = Memory.model_validate(state["memory"])
        context = [f"resumen: {memory.summary}"] if memory.summary else []
        context += [f"{line.who}: {line.text}" for line in memory.recent]
        understanding = await self._understander.understand_message(
            UnderstandInput(business=state["business"], text=state["text"], today=today, context=context)
        )
        return {"understanding": UNDERSTANDING.dump_python(understanding, mode="json")}

    async def summarize(self, state: TurnState) -> dict[str, Any]:
        """Folds the lines that left the recent window into the running summary."""
        memory = Memory.model_validate(state["memory"])
        lines = [f"{line.who}: {line.text}" for line in memory.older]
        memory.summary = await self._understander.summarize(memory.summary, lines)
        memory.older = []
        return {"memory": memory.model_dump(mode="json")}

    async def search_slots(self, state: TurnState) -> dict[str, Any]:
        request = SearchSlots.model_validate(_action(state))
        async with self._sessions() as session:
            business = await get_business(session, slug=state["business"])
            services = await _services(session, business, request.services)
            staff = await _staff_id(session, business, request.staff)
            preferred = await _staff_id(session, business, request.preferred_staff)
            pack_services = await _pack_services(session, business)
            accepted_pack = await _pack(session, business, request.pack)
        found = await self._availability.find_slots(
            FindSlotsInput(
                business=state["business"],
                service_ids=[s.id for s in services],
                now=datetime.fromisoformat(state["now"]),
                first_day=request.first_day,
                staff_id=staff,
                preferred_staff_id=preferred,
                party_size=request.party_size,
                every_slot=True,
            )
        )
        timezone = state["customer"]["timezone"]
        result = SlotsFound(
            problem=found.problem.value if found.problem else None,
            price=accepted_pack.price if accepted_pack else found.price,
            categories={s.name: s.category.value for s in services},
            # Per day, the few that fit the asked time best: the decide node chooses among these.
            slots=[
                offered
                for day in found.days
                for offered in to_offer(
                    [
                        SlotOption(start=s.start, staff_ids=list(s.staff_ids), staff_names=list(s.staff_names))
                        for s in day.slots
                    ],
                    timezone=timezone,
                    time=request.time,
                    part_of_day=request.part_of_day,
                )
            ],
            closed_reason=found.closed_reason,
        )
        if found.pack is not None:
            result.pack = PackFacts(
                name=found.pack.name,
                price=found.pack.price,
                saving=found.pack.saving,
                services=pack_services.get(found.pack.name, []),
            )
        return {"result": result.model_dump(mode="json")}

    async def faq(self, state: TurnState) -> dict[str, Any]:
        topics = FaqRequest.model_validate(_action(state)).topics
        async with self._sessions() as session:
            business = await get_business(session, slug=state["business"])
            rows = (
                await session.execute(select(Faq).where(Faq.business_id == business.id, col(Faq.topic).in_(topics)))
            ).scalars()
            by_topic = {row.topic: row.answer for row in rows}
        return {"result": FaqAnswers(answers=[by_topic[t] for t in topics if t in by_topic]).model_dump(mode="json")}

    # -- writes ----------------------------------------------------------------------------------------------
    async def save_customer(self, state: TurnState) -> dict[str, Any]:
        """Creates the customer on first contact (their confirmed name), or records their opt-out."""
        request = SaveCustomer.model_validate(_action(state))
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=state["business"])
            values: dict[str, Any] = {"opted_out": True} if request.opt_out else {"first_name": request.first_name}
            statement = (
                insert(Customer)
                .values(id=uuid.uuid4(), business_id=business.id, phone=state["phone"], **values)
                .on_conflict_do_update(constraint="uq_customer_business_phone", set_=values)
                .returning(col(Customer.id))
            )
            customer_id = (await session.execute(statement)).scalar_one()
        return {"result": CustomerSaved(customer_id=customer_id).model_dump(mode="json")}

    async def start_booking(self, state: TurnState) -> dict[str, Any]:
        """Starts the BookingWorkflow (its id comes from the message, so a retry finds the same one) and waits
        for its hold: a slot taken meanwhile is re-offered in this same turn."""
        request = StartBooking.model_validate(_action(state))
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=state["business"])
            booker = (
                await session.execute(
                    select(Customer).where(Customer.business_id == business.id, Customer.phone == state["phone"])
                )
            ).scalar_one()
            services = await _services(session, business, request.services)
            pack = await _pack(session, business, request.pack)
            items = []
            for index, person in enumerate(request.people):
                customer_id = booker.id
                if person.relation is not None:
                    key = f"{request.booking_id}:{index}"
                    customer_id = await _booked_person(session, business, booker, person.name, key)
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
        workflow_id = booking_workflow_id(request.booking_id)
        handle = await activity.client().start_workflow(
            BookingWorkflow.run,
            BookingInput(
                booking_id=request.booking_id,
                business=state["business"],
                customer_phone=state["phone"],
                booked_by_id=booker.id,
                start=request.start,
                items=items,
                conversation_workflow_id=state["conversation_id"],
            ),
            id=workflow_id,
            task_queue=activity.info().task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            static_summary=f"Reserva de {state['phone']}: {', '.join(request.services)}",
        )
        status = await handle.execute_update(BookingWorkflow.held, id=f"held:{request.booking_id}")
        return {"result": BookingStarted(booking_id=request.booking_id, status=status.value).model_dump(mode="json")}

    async def cancel_booking(self, state: TurnState) -> dict[str, Any]:
        request = CancelBooking.model_validate(_action(state))
        result = await self._booking(request.booking_id).execute_update(
            BookingWorkflow.cancel,
            CancelRequest(accept_no_refund=request.accept_no_refund),
            id=f"cancel:{request.request_id}",
        )
        answer = CancelAnswer(outcome=result.outcome.value, refunded=result.refunded_amount)
        return {"result": answer.model_dump(mode="json")}

    async def reschedule_booking(self, state: TurnState) -> dict[str, Any]:
        request = RescheduleBooking.model_validate(_action(state))
        result = await self._booking(request.booking_id).execute_update(
            BookingWorkflow.reschedule,
            RescheduleRequest(start=request.start, staff_ids=request.staff_ids, staff_names=request.staff_names),
            id=f"reschedule:{request.request_id}",
        )
        return {"result": RescheduleAnswer(moved=result.moved, reason=result.reason).model_dump(mode="json")}

    def _booking(self, booking_id: str) -> WorkflowHandle[BookingWorkflow, BookingStatus]:
        return activity.client().get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(booking_id))


def _action(state: TurnState) -> dict[str, Any]:
    action = state.get("action")
    if action is None:
        raise ValueError("activity node run without an action")
    return action


async def _services(session: AsyncSession, business: Business, names: list[str]) -> list[Service]:
    rows = (
        await session.execute(select(Service).where(Service.business_id == business.id, col(Service.name).in_(names)))
    ).scalars()
    by_name = {s.name: s for s in rows}
    return [by_name[n] for n in names if n in by_name]


async def _staff_id(session: AsyncSession, business: Business, name: str | None) -> uuid.UUID | None:
    if name is None:
        return None
    return (
        await session.execute(
            select(StaffMember.id).where(StaffMember.business_id == business.id, StaffMember.name == name)
        )
    ).scalar_one_or_none()


async def _pack(session: AsyncSession, business: Business, name: str | None) -> Pack | None:
    if name is None:
        return None
    return (
        await session.execute(select(Pack).where(Pack.business_id == business.id, Pack.name == name))
    ).scalar_one_or_none()


async def _pack_services(session: AsyncSession, business: Business) -> dict[str, list[str]]:
    rows = await session.execute(
        select(Pack.name, Service.name)
        .join(PackService, col(PackService.pack_id) == Pack.id)
        .join(Service, col(Service.id) == PackService.service_id)
        .where(Pack.business_id == business.id)
        .order_by(col(Service.name))
    )
    packs: dict[str, list[str]] = {}
    for pack, service in rows:
        packs.setdefault(pack, []).append(service)
    return packs


async def _booked_person(
    session: AsyncSession, business: Business, booker: Customer, name: str | None, key: str
) -> uuid.UUID:
    """Someone booked by another customer: their own record, no phone, linked to who booked them."""
    person_id = uuid.uuid5(BOOKED_PEOPLE, key)
    await session.execute(
        insert(Customer)
        .values(id=person_id, business_id=business.id, first_name=name, referred_by_id=booker.id)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return person_id


async def _upcoming(session: AsyncSession, customer_id: uuid.UUID, now: datetime) -> list[BookingFacts]:
    rows = (
        await session.execute(
            select(Appointment, Service.name, StaffMember.name)
            .join(AppointmentService, col(AppointmentService.appointment_id) == Appointment.id)
            .join(Service, col(Service.id) == AppointmentService.service_id)
            .join(StaffMember, col(StaffMember.id) == Appointment.staff_id)
            .where(
                or_(Appointment.customer_id == customer_id, Appointment.booked_by_id == customer_id),
                col(Appointment.status).in_(BLOCKING_STATUSES),
                Appointment.end_at > now - timedelta(hours=1),
            )
            .order_by(col(Appointment.start_at))
        )
    ).all()
    bookings: dict[str, BookingFacts] = {}
    deposits: dict[str, dict[uuid.UUID, Decimal]] = {}
    for appointment, service, staff in rows:
        booking_id = appointment.workflow_id.removeprefix("booking:")
        facts = bookings.setdefault(
            booking_id,
            BookingFacts(
                booking_id=booking_id,
                start=appointment.start_at,
                services=[],
                staff=[],
                status=appointment.status.value,
                deposit=Decimal("0.00"),
            ),
        )
        if service not in facts.services:
            facts.services.append(service)
        if staff not in facts.staff:
            facts.staff.append(staff)
        deposits.setdefault(booking_id, {})[appointment.id] = appointment.deposit_amount
    for booking_id, facts in bookings.items():
        facts.deposit = sum(deposits[booking_id].values(), Decimal("0.00"))
    return list(bookings.values())


async def _usual(session: AsyncSession, customer_id: uuid.UUID, now: datetime) -> tuple[list[str], str | None]:
    """ "Lo de siempre": the services and stylist of the customer's latest appointment that took place."""
    latest = (
        await session.execute(
            select(Appointment)
            .where(
                Appointment.customer_id == customer_id,
                col(Appointment.status).in_([AppointmentStatus.COMPLETED, AppointmentStatus.CONFIRMED]),
                Appointment.start_at < now,
            )
            .order_by(col(Appointment.start_at).desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if latest is None:
        return [], None
    services = (
        await session.execute(
            select(Service.name)
            .join(AppointmentService, col(AppointmentService.service_id) == Service.id)
            .where(AppointmentService.appointment_id == latest.id)
            .order_by(col(Service.name))
        )
    ).scalars()
    staff = (await session.execute(select(StaffMember.name).where(StaffMember.id == latest.staff_id))).scalar_one()
    return list(services), staff
