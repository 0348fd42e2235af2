"""Whose Stripe account a business's deposits are charged on: its Stripe Connect account, or the platform's."""

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.queries import get_business

# business slug (None: a booking from before businesses had accounts) -> connected account id or None.
AccountLookup = Callable[[str | None], Awaitable[str | None]]


def accounts_from_db(sessions: async_sessionmaker[AsyncSession]) -> AccountLookup:
    async def account_of(business: str | None) -> str | None:
        if business is None:
            return None
        async with sessions() as session:
            return (await get_business(session, slug=business)).stripe_account_id

    return account_of
