"""The dead-letter table's writer: a provider's message or status that no workflow can take is stored whole,
counted (citaflow_dead_letters_total, alert MessagesDeadLettered) and listed in /admin — never only logged.

Only for what cannot be delivered: messages go to their workflow (taken even while PostgreSQL is down), delivery
statuses to the message archive. A redelivery of the same batch is one row (by fingerprint) and counts once."""

import hashlib
import json
import logging
from typing import Any, Literal

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio.common import MetricMeter

from models import Business, DeadLetter

log = logging.getLogger("citaflow.webhooks.dead_letters")

Kind = Literal["message", "status"]


class NotRecordedError(RuntimeError):
    """PostgreSQL did not take what the webhook writes itself (a dead letter, delivery statuses): the delivery is
    refused (503 with Retry-After), the provider sends it again."""


class DeadLetters:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], meter: MetricMeter) -> None:
        self._sessions = sessions
        self._counter = meter.create_counter(
            "citaflow_dead_letters", "Provider messages and statuses no workflow could take, stored for an operator"
        )

    async def record(self, *, source: str, kind: Kind, reason: str, business: str, item: dict[str, Any]) -> None:
        raw = json.dumps(item, sort_keys=True, default=str)
        fingerprint = hashlib.sha256(f"{source}:{kind}:{raw}".encode()).hexdigest()
        business_id = select(Business.id).where(Business.slug == business).scalar_subquery()
        statement = (
            insert(DeadLetter)
            .values(
                business_id=business_id,
                source=source,
                kind=kind,
                reason=reason[:200],
                payload=json.loads(raw),
                fingerprint=fingerprint,
            )
            .on_conflict_do_nothing(index_elements=["fingerprint"])
            .returning(col(DeadLetter.id))
        )
        try:
            async with self._sessions.begin() as session:
                stored = (await session.execute(statement)).first() is not None
        except SQLAlchemyError as exc:
            raise NotRecordedError(f"{source} {kind} could not be stored as a dead letter") from exc
        if stored:
            self._counter.add(1, {"source": source, "kind": kind})
            log.error("%s %s stored as a dead letter for business %s: %s", source, kind, business, reason)
