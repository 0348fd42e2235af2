"""What the bench writes and reads directly in PostgreSQL: policies, extra staff, customers, recorded messages."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select

from models import Business, Customer, Message, Policy, Service, StaffMember
from models.enums import Category, Direction
from models.policies import PolicyKey
from models.seeding import demo_salon as demo

BUSINESS = demo.SLUG
# PostgreSQL takes at most 65535 bind parameters per statement.
INSERT_CHUNK = 1000


def demo_policy(key: PolicyKey) -> int:
    """The demo salon's seeded value of a numeric policy."""
    value = demo.POLICIES[key]
    assert isinstance(value, int)
    return value


async def business_id(db: AsyncEngine) -> uuid.UUID:
    async with AsyncSession(db) as session:
        return (await session.execute(select(Business.id).where(Business.slug == BUSINESS))).scalar_one()


async def set_policies(db: AsyncEngine, values: dict[PolicyKey, int]) -> None:
    """Bookings read their policies once, when they start: a change affects only bookings started after it."""
    owner = await business_id(db)
    async with AsyncSession(db) as session, session.begin():
        for key, value in values.items():
            await session.execute(
                update(Policy).where(col(Policy.business_id) == owner, col(Policy.key) == key.value).values(value=value)
            )


async def add_staff(db: AsyncEngine, count: int) -> None:
    """Extra hairdressers, so that many bookings find distinct free slots inside the booking window."""
    owner = await business_id(db)
    rows = [
        {
            "id": uuid.uuid4(),
            "business_id": owner,
            "name": f"Bench {n:03d}",
            "category": Category.HAIRDRESSING,
            "calendar_id": f"bench-{n:03d}@{BUSINESS}.example",
            "active": True,
        }
        for n in range(count)
    ]
    if rows:
        async with AsyncSession(db) as session, session.begin():
            await session.execute(insert(StaffMember).values(rows))


async def hairdressers(db: AsyncEngine) -> list[StaffMember]:
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(StaffMember)
            .where(col(StaffMember.category).in_([Category.HAIRDRESSING, Category.BOTH]))
            .order_by(col(StaffMember.name))
        )
        return list(rows.scalars())


async def service(db: AsyncEngine, name: str) -> Service:
    async with AsyncSession(db) as session:
        return (await session.execute(select(Service).where(Service.name == name))).scalar_one()


async def add_customers(db: AsyncEngine, phones: Sequence[str]) -> list[uuid.UUID]:
    """Returning customers (name on file), one per phone, in the order of `phones`."""
    owner = await business_id(db)
    ids = [uuid.uuid4() for _ in phones]
    rows = [
        {"id": id_, "business_id": owner, "phone": phone, "first_name": "Lucía"}
        for id_, phone in zip(ids, phones, strict=True)
    ]
    async with AsyncSession(db) as session, session.begin():
        for start in range(0, len(rows), INSERT_CHUNK):
            await session.execute(insert(Customer).values(rows[start : start + INSERT_CHUNK]))
    return ids


async def inbound_count(db: AsyncEngine, id_prefix: str) -> int:
    """Customer messages a conversation recorded, by the channel's message id."""
    async with AsyncSession(db) as session:
        query = select(func.count()).where(
            Message.direction == Direction.INBOUND, col(Message.external_id).startswith(id_prefix)
        )
        return int((await session.execute(query)).scalar_one())


async def outbound_count(db: AsyncEngine, keys: Sequence[str]) -> int:
    """Outbound messages recorded under these idempotency keys (`booking:{id}:{purpose}`)."""
    async with AsyncSession(db) as session:
        query = select(func.count()).where(
            Message.direction == Direction.OUTBOUND, col(Message.external_id).in_(list(keys))
        )
        return int((await session.execute(query)).scalar_one())


async def first_reply_at(db: AsyncEngine, phone: str) -> datetime | None:
    async with AsyncSession(db) as session:
        query = select(func.min(col(Message.created_at))).where(
            Message.direction == Direction.OUTBOUND, Message.customer_phone == phone
        )
        return (await session.execute(query)).scalar_one()


async def recorded_at(db: AsyncEngine, key: str) -> datetime | None:
    """When the outbound message with this idempotency key was recorded (its transaction's start)."""
    async with AsyncSession(db) as session:
        query = select(Message.created_at).where(Message.direction == Direction.OUTBOUND, Message.external_id == key)
        return (await session.execute(query)).scalar_one_or_none()


async def message_total(db: AsyncEngine) -> int:
    async with AsyncSession(db) as session:
        return int((await session.execute(select(func.count()).select_from(Message))).scalar_one())


async def answered(db: AsyncEngine, message_id: str) -> bool:
    """Whether the conversation finished the turn of this inbound message (its replies are sent)."""
    async with AsyncSession(db) as session:
        query = select(Message.answered_at).where(
            Message.direction == Direction.INBOUND, Message.external_id == message_id
        )
        return (await session.execute(query)).scalar_one_or_none() is not None


async def sent_to(db: AsyncEngine, phone: str) -> list[str]:
    """Every message the business sent this customer, oldest first."""
    async with AsyncSession(db) as session:
        query = (
            select(Message.body)
            .where(Message.direction == Direction.OUTBOUND, Message.customer_phone == phone)
            .order_by(col(Message.created_at))
        )
        return list((await session.execute(query)).scalars())
