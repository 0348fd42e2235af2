"""The admin's staff logins: the one from settings (the default business's) and one per `AdminAccount` row (its
business's). A signed session names the staff member and the business; guessing is rate limited."""

import asyncio

from sqladmin.authentication import AuthenticationBackend
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from starlette.requests import Request

from models import AdminAccount, Business
from models.settings import DEV_ADMIN_PASSWORD_HASH, Settings
from webhooks.passwords import verify_password
from webhooks.rate_limit import RateLimits, client_address


class StaffLogin(AuthenticationBackend):
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], limits: RateLimits) -> None:
        super().__init__(secret_key=settings.session_secret.get_secret_value(), https_only=False, max_age=12 * 3600)
        self._settings_login = (settings.admin_username, settings.default_business)
        self._password_hash = settings.admin_password_hash
        self._sessions = sessions
        # Guessing passwords gets a 429, not an answer: from one address, or at one username from many.
        self._limits = limits

    async def login(self, request: Request) -> bool:
        await self._limits.spend(self._limits.login_per_address, "login-address", client_address(request))
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        await self._limits.spend(self._limits.login_per_username, "login-username", username.casefold()[:60])
        business = await self._business_of(username, password)
        if business is not None:
            request.session.update({"staff": username, "business": business})
        return business is not None

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        staff, business = request.session.get("staff"), request.session.get("business")
        if not staff or not business:
            return False
        if (staff, business) == self._settings_login:
            return True
        # Checked on every request, so a deleted account (or one moved to another business) loses access at once.
        async with self._sessions() as session:
            account = await session.execute(
                select(AdminAccount.id)
                .join(Business, col(Business.id) == col(AdminAccount.business_id))
                .where(AdminAccount.username == staff, Business.slug == business)
            )
            return account.first() is not None

    async def _business_of(self, username: str, password: str) -> str | None:
        """The slug of the business the username and password log in to; None when they are wrong."""
        settings_username, default_business = self._settings_login
        if username == settings_username and await _verified(password, self._password_hash.get_secret_value()):
            return default_business
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(AdminAccount.password_hash, Business.slug)
                    .join(Business, col(Business.id) == col(AdminAccount.business_id))
                    .where(AdminAccount.username == username)
                )
            ).first()
        if row is None:
            # Hash anyway: an unknown username must take as long to refuse as a wrong password.
            await _verified(password, DEV_ADMIN_PASSWORD_HASH)
            return None
        password_hash, slug = row
        return slug if await _verified(password, password_hash) else None


async def _verified(password: str, encoded: str) -> bool:
    # PBKDF2 takes a good fraction of a second: off the event loop, so webhooks keep being answered meanwhile.
    return await asyncio.to_thread(verify_password, password, encoded)
