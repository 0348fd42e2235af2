"""What a booking needs to know about its business before acting: timezone, policies, who to notify."""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select
from temporalio import activity

from models import Customer, Policy, StaffMember
from models.policies import BusinessPolicies
from models.queries import get_business


@dataclass
class BookingContextInput:
    business: str
    customer_id: UUID


@dataclass
class BookingContext:
    business_name: str
    timezone: str
    policies: BusinessPolicies
    # staff id (str) -> phone for notices; None when the staff member has none.
    staff_phones: dict[str, str | None]
    customer_name: str | None
    # The Stripe Connect account its deposits are paid into (None: the platform's own account); a payment
    # event from another account is not this booking's deposit.
    stripe_account_id: str | None = None


class BookingContextLoader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def load_booking_context(self, input: BookingContextInput) -> BookingContext:
        """Read once at the start of a booking, so the rules cannot change under a running booking."""
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            rows = (await session.execute(select(Policy).where(Policy.business_id == business.id))).scalars()
            # Every stylist of the business: a move can hand the booking to any of them, who must hear of it.
            staff = (await session.execute(select(StaffMember).where(StaffMember.business_id == business.id))).scalars()
            customer = await session.get(Customer, input.customer_id)
            return BookingContext(
                business_name=business.name,
                timezone=business.timezone,
                policies=BusinessPolicies.from_rows({row.key: row.value for row in rows}),
                staff_phones={str(s.id): s.notify_phone for s in staff},
                customer_name=customer.first_name if customer else None,
                stripe_account_id=business.stripe_account_id,
            )
