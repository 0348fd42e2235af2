"""Which business an inbound webhook is for, by the channel's own id: the WhatsApp phone number id a message was
sent to, the Chatwoot inbox it arrived in.

The table lives in memory and is refreshed in the background, so routing never waits on PostgreSQL (customer
messages keep being taken while it is down). A deployment where no business has ids for a channel is single-tenant
for it: everything goes to DEFAULT_BUSINESS.
"""

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import select

from models import Business

log = logging.getLogger("citaflow.webhooks.routes")

ChannelName = Literal["whatsapp", "chatwoot"]
REFRESH_SECONDS = 30.0
# An unknown id may be a business added a moment ago: reload at once, but not for every delivery of a flood.
RELOAD_ON_MISS_SECONDS = 5.0
LOAD_TIMEOUT_SECONDS = 2.0


class RoutesUnavailableError(RuntimeError):
    """The table was never loaded (PostgreSQL down since this process started): answer 503, retry later."""


class UnroutedChannelError(LookupError):
    """No business has this channel id: answered 503 so the provider delivers it again once one has it."""

    def __init__(self, channel: ChannelName, channel_id: str | None) -> None:
        super().__init__(f"no business has {channel} id {channel_id!r}")
        self.channel = channel
        self.channel_id = channel_id


@dataclass(frozen=True)
class RouteTable:
    by_channel: dict[ChannelName, dict[str, str]]

    def business(self, channel: ChannelName, channel_id: str | None, default: str) -> str | None:
        routes = self.by_channel.get(channel, {})
        if not routes:
            return default
        return routes.get(channel_id) if channel_id is not None else None


async def read_table(sessions: async_sessionmaker[AsyncSession]) -> RouteTable:
    async with sessions() as session:
        rows = (
            await session.execute(select(Business.slug, Business.whatsapp_phone_number_id, Business.chatwoot_inbox_id))
        ).all()
    return RouteTable(
        {
            "whatsapp": {r.whatsapp_phone_number_id: r.slug for r in rows if r.whatsapp_phone_number_id},
            "chatwoot": {str(r.chatwoot_inbox_id): r.slug for r in rows if r.chatwoot_inbox_id is not None},
        }
    )


class ChannelRoutes:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, default_business: str) -> None:
        self._sessions = sessions
        self._default = default_business
        self._table: RouteTable | None = None
        self._loaded_at = float("-inf")

    async def load(self) -> RouteTable | None:
        """Read the table again; on failure keep the one we have (and say so). The new table, or None."""
        self._loaded_at = time.monotonic()
        try:
            async with asyncio.timeout(LOAD_TIMEOUT_SECONDS):
                self._table = await read_table(self._sessions)
        except Exception as exc:  # PostgreSQL down or slow: routing goes on with the table in memory.
            log.warning("channel routes not refreshed, keeping the previous ones: %s", exc)
            return None
        return self._table

    async def keep_fresh(self, every: float = REFRESH_SECONDS) -> None:
        while True:
            await asyncio.sleep(every)
            await self.load()

    async def business(self, channel: ChannelName, channel_id: str | None) -> str:
        table = self._table or await self.load()
        if table is None:
            raise RoutesUnavailableError("channel routes not loaded yet")
        slug = table.business(channel, channel_id, self._default)
        if slug is None and time.monotonic() - self._loaded_at >= RELOAD_ON_MISS_SECONDS:
            table = await self.load() or table
            slug = table.business(channel, channel_id, self._default)
        if slug is None:
            raise UnroutedChannelError(channel, channel_id)
        return slug
