"""Understanding a message: the business's catalogue from the database, then rules or Claude.

Called by the dialogue graph's `understand` node, which is the activity.
"""

import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import anthropic
import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.understanding.claude import understand_with_claude
from activities.understanding.rules import understand
from activities.understanding.schema import Catalog, Understanding
from activities.understanding.summaries import digest, summarize_with_claude
from models import Faq, Service, StaffMember
from models.queries import get_business

log = logging.getLogger("citaflow.understanding")
T = TypeVar("T")


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


@dataclass(frozen=True)
class Understood:
    understanding: Understanding
    # Which understanding answered: "claude", "rules", or "rules_fallback" (Claude refused or was down).
    by: str


class Understander:
    """At most one language-model call per message; without a key the rules understand alone."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], claude: ClaudeConfig | None = None) -> None:
        self._sessions = sessions
        self._claude = claude

    async def understand_message(self, input: UnderstandInput, *, fall_back: bool = False) -> Understood:
        """What the customer's message means, with services and staff named as in the catalogue.

        A refusal from Claude (4xx, an answer without the tool call) is answered by the rules at once; an
        overload or outage is raised for the activity's retries, unless `fall_back` (the customer has waited
        long enough): then the rules answer too."""
        business, catalog = await self._catalog(input.business)
        if self._claude is None:
            return Understood(understand(input.text, today=input.today, catalog=catalog), "rules")
        understanding = await _claude_or_none(
            understand_with_claude(
                self._claude.client,
                self._claude.model,
                text=input.text,
                business=business,
                catalog=catalog,
                today=input.today,
                context=input.context,
            ),
            fall_back,
            "understand the message",
        )
        if understanding is None:
            return Understood(understand(input.text, today=input.today, catalog=catalog), "rules_fallback")
        return Understood(understanding, "claude")

    async def understand_offline(self, input: UnderstandInput) -> Understood | None:
        """The rules' understanding when no language model is configured (no call to wait for or retry, so it
        runs with the turn's first read); None when Claude answers, in an activity of its own."""
        if self._claude is not None:
            return None
        return await self.understand_message(input)

    async def summarize(self, summary: str, lines: list[str], *, fall_back: bool = False) -> str:
        """The summary with `lines` folded in: written by Claude when configured and answering, a digest
        otherwise (after a refusal at once, after an outage once `fall_back`)."""
        if self._claude is None:
            return digest(summary, lines)
        written = await _claude_or_none(
            summarize_with_claude(self._claude.client, self._claude.model, summary=summary, lines=lines),
            fall_back,
            "summarise",
        )
        return digest(summary, lines) if written is None else written

    async def _catalog(self, slug: str) -> tuple[str, Catalog]:
        async with self._sessions() as session:
            business = await get_business(session, slug=slug)
            services = await session.execute(
                select(Service.name, Service.aliases).where(
                    Service.business_id == business.id, col(Service.active).is_(True)
                )
            )
            staff = await session.execute(
                select(StaffMember.name).where(
                    StaffMember.business_id == business.id, col(StaffMember.active).is_(True)
                )
            )
            faqs = await session.execute(select(Faq.topic, Faq.keywords).where(Faq.business_id == business.id))
            rows = services.all()
            return business.name, Catalog(
                services=[name for name, _ in rows],
                staff=list(staff.scalars()),
                aliases={name: list(aliases) for name, aliases in rows if aliases},
                faq_keywords={topic: list(keywords) for topic, keywords in faqs.all()},
            )


def count_understanding(understood: Understood) -> None:
    """Counted by which understanding answered (claude, rules, rules_fallback), for the operators' dashboard."""
    activity.metric_meter().create_counter(
        "citaflow_understandings", "Messages understood, by which understanding answered"
    ).add(1, {"by": understood.by})


async def _claude_or_none(ask: Awaitable[T], fall_back: bool, what: str) -> T | None:
    """Claude's answer; None when it refused (4xx, no tool call), or was down or overloaded and `fall_back`
    says the customer has waited enough. Otherwise the outage is raised for the activity's retries."""
    try:
        return await ask
    except ApplicationError as refused:
        reason = refused.type or "refused"
    except (anthropic.APIError, httpx.HTTPError) as down:
        if not fall_back:
            raise
        reason = type(down).__name__
    log.warning("Claude did not %s (%s): the rules stand in", what, reason)
    return None
