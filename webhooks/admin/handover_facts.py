"""What the team needs to pick up an escalated conversation, read from the business's own rows: who it is, why
Maite handed it over, and what the customer said last.

The reason is the team's alert (every escalation sends one, starting with 🔔: workflows/dialogue/texts.py
team_alert, the turn's hand-over, the deposit's): the conversation's own, or a booking's naming the customer.
The workflow keeps the exact reason only in its history (the `escalate` signal, the `alert_team` input): a
query or memo holding it would spare this reading of the alerts.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select

from models import Message
from models.enums import Direction
from webhooks.admin.threads import customer_name

ALERT_MARK = "🔔"


@dataclass
class HandoverFacts:
    phone: str
    name: str
    reason: str
    last_message: str


async def handover_facts(session: AsyncSession, *, business_id: uuid.UUID, workflow_id: str) -> HandoverFacts:
    """The facts of one escalated conversation; "—" for what its rows do not say."""
    last = (
        await session.execute(
            select(Message.customer_phone, Message.body)
            .where(
                Message.business_id == business_id,
                Message.workflow_id == workflow_id,
                Message.direction == Direction.INBOUND,
            )
            .order_by(col(Message.created_at).desc())
            .limit(1)
        )
    ).first()
    if last is None:
        return HandoverFacts("—", "", await _reason(session, business_id, workflow_id, None), "—")
    phone, body = last
    name = await customer_name(session, business_id=business_id, phone=phone)
    return HandoverFacts(phone, name, await _reason(session, business_id, workflow_id, phone), body)


async def _reason(session: AsyncSession, business_id: uuid.UUID, workflow_id: str, phone: str | None) -> str:
    about = col(Message.workflow_id) == workflow_id
    if phone is not None:
        about = or_(about, col(Message.body).contains(phone, autoescape=True))
    alert = await session.scalar(
        select(Message.body)
        .where(
            Message.business_id == business_id,
            Message.direction == Direction.OUTBOUND,
            col(Message.body).startswith(ALERT_MARK),
            about,
        )
        .order_by(col(Message.created_at).desc())
        .limit(1)
    )
    return "—" if alert is None else alert.splitlines()[0].removeprefix(ALERT_MARK).strip()
