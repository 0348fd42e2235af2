"""Understanding a message: the business's catalogue from the database, then rules or Claude.

Called by the dialogue graph's `understand` node, which is the activity.
"""

from dataclasses import dataclass, field
from datetime import date

import anthropic
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from activities.claude_understanding import understand_with_claude
from activities.rules_understanding import understand
from activities.summaries import digest, summarize_with_claude
from activities.understanding import Catalog, Understanding
from models import Service, StaffMember
from models.queries import get_business


@dataclass
class UnderstandInput:
    business: str
    text: str
    # Business-local today, from the workflow's clock: "mañana" must not depend on when a retry runs.
    today: date
    # The summary and recent lines ("maite: ¿Cuál prefieres?"), so a model can read "sí" or "la segunda".
    context: list[str] = field(default_factory=list)


@dataclass
class ClaudeConfig:
    client: anthropic.AsyncAnthropic
    model: str


class Understander:
    """At most one language-model call per message; without a key the rules understand alone."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], claude: ClaudeConfig | None = None) -> None:
        self._sessions = sessions
        self._claude = claude

    async def understand_message(self, input: UnderstandInput) -> Understanding:
        """What the customer's message means, with services and staff named as in the catalogue."""
        async with self._sessions() as session:
            business = await get_business(session, slug=input.business)
            services = await session.execute(
                select(Service.name).where(Service.business_id == business.id, col(Service.active).is_(True))
            )
            staff = await session.execute(
                select(StaffMember.name).where(
                    StaffMember.business_id == business.id, col(StaffMember.active).is_(True)
                )
            )
            catalog = Catalog(services=list(services.scalars()), staff=list(staff.scalars()))
        if self._claude is None:
            return understand(input.text, today=input.today, catalog=catalog)
        return await understand_with_claude(
            self._claude.client,
            self._claude.model,
            text=input.text,
            business=business.name,
            catalog=catalog,
            today=input.today,
            context=input.context,
        )

    async def summarize(self, summary: str, lines: list[str]) -> str:
        """The summary with `lines` folded in: written by Claude when configured, a digest otherwise."""
        if self._claude is None:
            return digest(summary, lines)
        return await summarize_with_claude(self._claude.client, self._claude.model, summary=summary, lines=lines)
