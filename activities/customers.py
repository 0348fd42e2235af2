"""Who is writing: the business's persona and whether this phone is a known customer."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select
from temporalio import activity

from models.customer import Customer
from models.queries import get_business


@dataclass
class LoadCustomerInput:
    business: str
    phone: str


@dataclass
class CustomerContext:
    business_name: str
    assistant_name: str
    known: bool
    first_name: str | None = None
    opted_out: bool = False


class CustomerDirectory:
    """Read-only lookups of customers by phone."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def load_customer_context(self, input: LoadCustomerInput) -> CustomerContext:
        """The facts a turn needs about the business and the customer behind a phone number."""
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            customer = (
                await session.execute(
                    select(Customer).where(Customer.business_id == business.id, Customer.phone == input.phone)
                )
            ).scalar_one_or_none()
        return CustomerContext(
            business_name=business.name,
            assistant_name=business.assistant_name,
            known=customer is not None and bool(customer.first_name),
            first_name=customer.first_name if customer else None,
            opted_out=customer.opted_out if customer else False,
        )
