"""Who writes: the business persona and its rules, the customer behind the phone, their upcoming bookings and
their usual services, read at the start of every turn the bot answers (in the turn's local activity); and, for a
booking still waiting for its deposit, the link and failed payments only the booking workflow knows (an activity
of its own: a query waits for the booking's workflow task, which a local activity, holding the conversation's
workflow task, must never wait for)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select
from temporalio import activity

from activities.dialogue import queries
from models import Customer, Policy
from models.policies import BusinessPolicies
from models.queries import get_business
from workflows import booking_workflow_id
from workflows.booking.workflow import BookingWorkflow
from workflows.dialogue.state import CustomerFacts


@dataclass
class PaymentView:
    booking_id: str
    payment_url: str | None
    payment_failures: int


class CustomerLookup:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def facts(self, business_slug: str, phone: str, now: datetime) -> CustomerFacts:
        async with self._sessions() as session:
            business = await get_business(session, slug=business_slug)
            customer = (
                await session.execute(
                    select(Customer).where(Customer.business_id == business.id, Customer.phone == phone)
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
        return facts

    @activity.defn(name="dialogue.payment_views")
    async def payment_views(self, booking_ids: list[str]) -> list[PaymentView]:
        views = []
        for booking_id in booking_ids:
            handle = activity.client().get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(booking_id))
            view = await handle.query(BookingWorkflow.view)
            views.append(PaymentView(booking_id, view.payment_url, view.payment_failures))
        return views
