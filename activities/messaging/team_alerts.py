"""The alert list in /admin: where what the team must hear about lands when the channel would not take it."""

from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models import TeamAlert
from models.queries import business_id


@dataclass
class RecordTeamAlertInput:
    business: str
    customer_phone: str
    text: str
    # What the channel said when it refused, for the person who reads the list.
    reason: str
    idempotency_key: str
    workflow_id: str


class TeamAlertList:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn
    async def record_team_alert(self, input: RecordTeamAlertInput) -> None:
        """Kept once per idempotency key: a retried activity or a replayed workflow adds no second row."""
        async with self._sessions.begin() as session:
            await session.execute(
                insert(TeamAlert)
                .values(
                    business_id=await business_id(session, slug=input.business),
                    customer_phone=input.customer_phone,
                    text=input.text,
                    reason=input.reason,
                    idempotency_key=input.idempotency_key,
                    workflow_id=input.workflow_id,
                )
                .on_conflict_do_nothing(constraint="uq_team_alert_key")
            )
