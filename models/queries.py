"""Plain keyword-only query functions shared by activities and the API (no Temporal, no HTTP here)."""

import uuid

from sqlalchemy import func, or_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models.appointment import Appointment
from models.business import Business
from models.customer import Customer
from models.message import Message


class UnknownBusinessError(LookupError):
    """The slug names no business: a configuration error, not something a retry fixes."""


async def get_business(session: AsyncSession, *, slug: str) -> Business:
    business = (await session.execute(select(Business).where(Business.slug == slug))).scalar_one_or_none()
    if business is None:
        raise UnknownBusinessError(f"no business with slug {slug!r}")
    return business


async def business_id(session: AsyncSession, *, slug: str) -> uuid.UUID:
    return (await get_business(session, slug=slug)).id


async def archive_message(session: AsyncSession, *, business: str, **values: object) -> bool:
    """Store a message unless its (business, direction, external id) is already stored; True if it is new."""
    stmt = (
        insert(Message)
        .values(business_id=await business_id(session, slug=business), **values)
        .on_conflict_do_nothing(constraint="uq_message_external_id")
        .returning(col(Message.id))
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def conversation_messages(session: AsyncSession, *, slug: str, phone: str) -> list[Message]:
    """The transcript of one customer with one business, oldest first."""
    stmt = (
        select(Message)
        .join(Business, col(Business.id) == col(Message.business_id))
        .where(Business.slug == slug, Message.customer_phone == phone)
        .order_by(col(Message.created_at), col(Message.id))
    )
    return list((await session.execute(stmt)).scalars().all())


async def booking_workflow_ids(session: AsyncSession, *, slug: str, phone: str) -> list[str]:
    """The booking workflows of the customer behind `phone` (booked by them or for them), oldest first."""
    booker = (
        select(Customer.id)
        .join(Business, col(Business.id) == col(Customer.business_id))
        .where(Business.slug == slug, Customer.phone == phone)
    )
    rows = await session.execute(
        select(Appointment.workflow_id, func.min(Appointment.created_at))
        .where(or_(col(Appointment.customer_id).in_(booker), col(Appointment.booked_by_id).in_(booker)))
        .group_by(col(Appointment.workflow_id))
        .order_by(func.min(Appointment.created_at))
    )
    return [workflow_id for workflow_id, _ in rows]
