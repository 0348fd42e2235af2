"""A business's conversations as the message table tells them: the latest ones with who each is with, and one
customer's whole thread with who wrote each message (the customer, Maite, or the staff login that answered)."""

import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import and_, col, or_, select

from models import Customer, Message
from models.enums import Direction
from webhooks.admin.words import local_time

# Enough for a morning at the desk; the search finds older ones.
RECENT = 50
BOT = "Maite (bot)"
CUSTOMER = "cliente"


@dataclass
class ConversationLine:
    phone: str
    name: str
    last_at: str
    last_message: str


@dataclass
class ThreadMessage:
    author: str
    at: str
    text: str
    inbound: bool


async def recent_conversations(
    session: AsyncSession, *, business_id: uuid.UUID, team_phone: str, zone: ZoneInfo, search: str = ""
) -> list[ConversationLine]:
    """The business's customers by their last message, newest first; `search` in their name or phone. The salon's
    own phone (where team alerts go) is no customer."""
    last = (
        select(Message.customer_phone, func.max(Message.created_at).label("last_at"))
        .where(Message.business_id == business_id, Message.customer_phone != team_phone)
        .group_by(col(Message.customer_phone))
        .subquery()
    )
    name = func.concat_ws(" ", Customer.first_name, Customer.last_name)
    stmt = (
        select(last.c.customer_phone, name, last.c.last_at, Message.body)
        .join(Message, and_(Message.business_id == business_id, Message.customer_phone == last.c.customer_phone))
        .where(Message.created_at == last.c.last_at)
        .outerjoin(Customer, and_(Customer.business_id == business_id, Customer.phone == last.c.customer_phone))
        .order_by(last.c.last_at.desc())
        .limit(RECENT)
    )
    if search.strip():
        wanted = f"%{search.strip()}%"
        stmt = stmt.where(or_(last.c.customer_phone.ilike(wanted), name.ilike(wanted)))
    rows = (await session.execute(stmt)).all()
    seen: set[str] = set()
    lines = []
    for phone, said_name, at, body in rows:
        # Two messages of the same instant would list the customer twice.
        if phone not in seen:
            seen.add(phone)
            lines.append(ConversationLine(phone, said_name or "", local_time(at, zone), body))
    return lines


async def thread(session: AsyncSession, *, business_id: uuid.UUID, phone: str, zone: ZoneInfo) -> list[ThreadMessage]:
    """Every message between the business and `phone`, both ways, oldest first; empty when there is none."""
    rows = await session.execute(
        select(Message)
        .where(Message.business_id == business_id, Message.customer_phone == phone)
        .order_by(col(Message.created_at), col(Message.id))
    )
    return [
        ThreadMessage(_author(m), local_time(m.created_at, zone) if m.created_at else "", m.body, _inbound(m))
        for m in rows.scalars()
    ]


async def talks_with(session: AsyncSession, *, business_id: uuid.UUID, phone: str) -> bool:
    """Whether the business has any message with `phone` (a customer of another business is no one here)."""
    found = await session.scalar(
        select(Message.id).where(Message.business_id == business_id, Message.customer_phone == phone).limit(1)
    )
    return found is not None


async def customer_name(session: AsyncSession, *, business_id: uuid.UUID, phone: str) -> str:
    found = (
        await session.execute(
            select(Customer.first_name, Customer.last_name).where(
                Customer.business_id == business_id, Customer.phone == phone
            )
        )
    ).first()
    return " ".join(filter(None, found)) if found else ""


def _inbound(message: Message) -> bool:
    return message.direction == Direction.INBOUND


def _author(message: Message) -> str:
    if _inbound(message):
        return CUSTOMER
    return message.author or BOT
