"""The dialogue graph's activity nodes: everything a turn reads from the database or asks other workflows.

Each node takes the graph's JSON state and returns the keys it changes. The LangGraph plugin runs each as
its own activity (`dialogue.<node>`), so a retry repeats one read or one request, never the whole turn; and
every write is idempotent (customers by phone, booking ids derived from the message, update ids from the
message), so a retry changes nothing twice.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity

from activities.booking.availability import Availability, FindSlotsInput
from activities.dialogue import queries
from activities.dialogue.booking_requests import BookingRequestNodes
from activities.understanding.schema import Understanding
from activities.understanding.understander import Understander, UnderstandInput
from models import (
    Customer,
    Faq,
    Policy,
)
from models.enums import AppointmentStatus
from models.policies import BusinessPolicies
from models.queries import get_business
from workflows.booking.workflow import BookingWorkflow
from workflows.dialogue.actions import (
    CustomerSaved,
    FaqAnswers,
    PackFacts,
    SaveCustomer,
    SearchSlots,
    SlotsFound,
)
from workflows.dialogue.actions import Faq as FaqRequest
from workflows.dialogue.slots import to_offer
from workflows.dialogue.state import CustomerFacts, Memory, SlotOption, TurnState

UNDERSTANDING = TypeAdapter(Understanding)
# How long a customer waits for Claude through overloads and outages before the rules answer instead.
UNDERSTANDING_PATIENCE = timedelta(seconds=20)


class DialogueNodes(BookingRequestNodes):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], understander: Understander, availability: Availability
    ) -> None:
        super().__init__(sessions)
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
                facts.bookings = await queries.upcoming(session, customer.id, now)
                facts.usual_services, facts.usual_staff = await queries.usual(session, customer.id, now)
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
        understood = await self._understander.understand_message(
            UnderstandInput(business=state["business"], text=state["text"], today=today, context=context),
            fall_back=_waited_long(),
        )
        activity.metric_meter().create_counter(
            "citaflow_understandings", "Messages understood, by which understanding answered"
        ).add(1, {"by": understood.by})
        return {
            "understanding": UNDERSTANDING.dump_python(understood.understanding, mode="json"),
            "understood_by": understood.by,
        }

    async def summarize(self, state: TurnState) -> dict[str, Any]:
        """Folds the lines that left the recent window into the running summary."""
        memory = Memory.model_validate(state["memory"])
        lines = [f"{line.who}: {line.text}" for line in memory.older]
        memory.summary = await self._understander.summarize(memory.summary, lines, fall_back=_waited_long())
        memory.older = []
        return {"memory": memory.model_dump(mode="json")}

    async def search_slots(self, state: TurnState) -> dict[str, Any]:
        request = SearchSlots.model_validate(queries.action_of(state))
        async with self._sessions() as session:
            business = await get_business(session, slug=state["business"])
            services = await queries.services(session, business, request.services)
            staff = await queries.staff_id(session, business, request.staff)
            preferred = await queries.staff_id(session, business, request.preferred_staff)
            pack_services = await queries.pack_services(session, business)
            accepted_pack = await queries.pack(session, business, request.pack)
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
            day_full=found.day_full,
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
        """The business's answers to the topics asked, and the prices asked (of services named, or all)."""
        request = FaqRequest.model_validate(queries.action_of(state))
        topics = request.topics
        async with self._sessions() as session:
            business = await get_business(session, slug=state["business"])
            rows = (
                await session.execute(select(Faq).where(Faq.business_id == business.id, col(Faq.topic).in_(topics)))
            ).scalars()
            by_topic = {row.topic: row.answer for row in rows}
            priced = await queries.price_list(session, business, request.services) if request.catalogue else []
        answers = FaqAnswers(answers=[by_topic[t] for t in topics if t in by_topic], prices=priced)
        return {"result": answers.model_dump(mode="json")}

    # -- writes ----------------------------------------------------------------------------------------------
    async def save_customer(self, state: TurnState) -> dict[str, Any]:
        """Creates the customer on first contact (their confirmed name), or records their opt-out."""
        request = SaveCustomer.model_validate(queries.action_of(state))
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=state["business"])
            values: dict[str, Any] = {"first_name": request.first_name}
            if request.opt_out or request.opt_in:
                values = {"opted_out": request.opt_out}
            statement = (
                insert(Customer)
                .values(id=uuid.uuid4(), business_id=business.id, phone=state["phone"], **values)
                .on_conflict_do_update(constraint="uq_customer_business_phone", set_=values)
                .returning(col(Customer.id))
            )
            customer_id = (await session.execute(statement)).scalar_one()
        return {"result": CustomerSaved(customer_id=customer_id).model_dump(mode="json")}


def _waited_long() -> bool:
    """Claude overloaded or down for this long (the activity's retries included): the customer is not kept
    waiting longer, the rules answer this turn."""
    info = activity.info()
    # Both instants are the server's: the wait is measured on one clock (the time-skipping one in tests).
    return info.current_attempt_scheduled_time - info.scheduled_time >= UNDERSTANDING_PATIENCE
