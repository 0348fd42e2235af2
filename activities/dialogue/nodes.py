"""The dialogue graph's activity nodes: everything a turn reads from the database or asks other workflows.

Each takes a typed input holding only what it needs (workflows/dialogue/node_inputs.py) and returns the
result decide reads. The graph's workflow-side nodes (workflows/dialogue/nodes.py) schedule them: reads and
small writes as local activities, language-model calls and requests to bookings as activities. A retry
repeats one read or one request, never the whole turn; every write is idempotent (customers by phone, booking
ids derived from the message, update ids from the message), so a retry changes nothing twice.
"""

import uuid
from datetime import timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity

from activities.booking.availability import Availability, FindSlotsInput
from activities.dialogue import queries
from activities.dialogue.booking_requests import BookingRequestNodes
from activities.understanding.schema import Understanding
from activities.understanding.understander import Understander, UnderstandInput, count_understanding
from models import Customer, Faq
from models.queries import get_business
from workflows.dialogue.actions import (
    CustomerSaved,
    FaqAnswers,
    PackFacts,
    SaveCustomer,
    SearchSlots,
    SlotsFound,
)
from workflows.dialogue.actions import Faq as FaqRequest
from workflows.dialogue.node_inputs import ActionInput, SummarizeInput, UnderstandOutput
from workflows.dialogue.slots import to_offer
from workflows.dialogue.state import SlotOption

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
    @activity.defn(name="dialogue.understand")
    async def understand(self, input: UnderstandInput) -> UnderstandOutput:
        """Claude (one call at most, the rules standing in after a refusal or a long outage), with "mañana"
        relative to the business's today and the conversation's summary and recent lines as context."""
        understood = await self._understander.understand_message(input, fall_back=_waited_long())
        count_understanding(understood)
        return UnderstandOutput(UNDERSTANDING.dump_python(understood.understanding, mode="json"), understood.by)

    @activity.defn(name="dialogue.summarize")
    async def summarize(self, input: SummarizeInput) -> str:
        """The running summary with the lines that left the recent window folded in."""
        return await self._understander.summarize(input.summary, input.lines, fall_back=_waited_long())

    @activity.defn(name="dialogue.search_slots")
    async def search_slots(self, input: ActionInput) -> dict[str, Any]:
        request = SearchSlots.model_validate(input.request)
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            services = await queries.services(session, business, request.services)
            staff = await queries.staff_id(session, business, request.staff)
            preferred = await queries.staff_id(session, business, request.preferred_staff)
            pack_services = await queries.pack_services(session, business)
            accepted_pack = await queries.pack(session, business, request.pack)
        found = await self._availability.find_slots(
            FindSlotsInput(
                business=input.business,
                service_ids=[s.id for s in services],
                now=input.now,
                first_day=request.first_day,
                staff_id=staff,
                preferred_staff_id=preferred,
                party_size=request.party_size,
                every_slot=True,
            )
        )
        timezone = input.timezone
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
        return result.model_dump(mode="json")

    @activity.defn(name="dialogue.faq")
    async def faq(self, input: ActionInput) -> dict[str, Any]:
        """The business's answers to the topics asked, and the prices asked (of services named, or all)."""
        request = FaqRequest.model_validate(input.request)
        topics = request.topics
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            rows = (
                await session.execute(select(Faq).where(Faq.business_id == business.id, col(Faq.topic).in_(topics)))
            ).scalars()
            by_topic = {row.topic: row.answer for row in rows}
            priced = await queries.price_list(session, business, request.services) if request.catalogue else []
        answers = FaqAnswers(answers=[by_topic[t] for t in topics if t in by_topic], prices=priced)
        return answers.model_dump(mode="json")

    # -- writes ----------------------------------------------------------------------------------------------
    @activity.defn(name="dialogue.save_customer")
    async def save_customer(self, input: ActionInput) -> dict[str, Any]:
        """Creates the customer on first contact (their confirmed name), or records their opt-out."""
        request = SaveCustomer.model_validate(input.request)
        async with self._sessions.begin() as session:
            business = await get_business(session, slug=input.business)
            values: dict[str, Any] = {"first_name": request.first_name}
            if request.opt_out or request.opt_in:
                values = {"opted_out": request.opt_out}
            statement = (
                insert(Customer)
                .values(id=uuid.uuid4(), business_id=business.id, phone=input.phone, **values)
                .on_conflict_do_update(constraint="uq_customer_business_phone", set_=values)
                .returning(col(Customer.id))
            )
            customer_id = (await session.execute(statement)).scalar_one()
        return CustomerSaved(customer_id=customer_id).model_dump(mode="json")


def _waited_long() -> bool:
    """Claude overloaded or down for this long (the activity's retries included): the customer is not kept
    waiting longer, the rules answer this turn."""
    info = activity.info()
    # Both instants are the server's: the wait is measured on one clock (the time-skipping one in tests).
    return info.current_attempt_scheduled_time - info.scheduled_time >= UNDERSTANDING_PATIENCE
