"""The admin's staff logins: the one from settings (the default business's) and one per `AdminAccount` row (its
business's). The cookie names the staff member, the business and a session kept in the database, so logging out
or deleting the login ends it everywhere; every change is a POST carrying the session's CSRF token; guessing is
rate limited."""

import asyncio
import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache

from sqladmin.authentication import AuthenticationBackend
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select, update
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from models import AdminAccount, AdminSession, Business
from models.passwords import hash_password, verify_password
from models.runtime.settings import Settings
from webhooks.rate_limit import RateLimits, client_address

SESSION_LIFETIME = timedelta(hours=12)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"


@cache
def _dummy_hash() -> str:
    """Verified for an unknown username, so refusing it takes as long as refusing a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


class StaffLogin(AuthenticationBackend):
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], limits: RateLimits) -> None:
        # Strict: no other site's page can make the browser send it, not even a link. Only /admin reads it.
        super().__init__(
            secret_key=settings.session_secret.get_secret_value(),
            https_only=settings.app_env == "production",
            same_site="strict",
            path="/admin",
            max_age=int(SESSION_LIFETIME.total_seconds()),
        )
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
        found = await self._business_of(username, password)
        if found is None:
            return False
        business, account_id = found
        token = secrets.token_urlsafe(32)
        async with self._sessions() as session:
            now = datetime.now(UTC)
            await session.execute(delete(AdminSession).where(col(AdminSession.expires_at) <= now))
            expires_at = now + SESSION_LIFETIME
            session.add(AdminSession(token_hash=_digest(token), account_id=account_id, expires_at=expires_at))
            await session.commit()
        request.session.clear()
        request.session.update(
            {"staff": username, "business": business, "sid": token, "csrf": secrets.token_urlsafe(32)}
        )
        return True

    async def logout(self, request: Request) -> bool:
        token = request.session.get("sid")
        if token:
            async with self._sessions() as session:
                await session.execute(delete(AdminSession).where(col(AdminSession.token_hash) == _digest(str(token))))
                await session.commit()
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> Response | bool:
        staff, business, token = (request.session.get(key) for key in ("staff", "business", "sid"))
        if not staff or not business or not token or not await self._live(str(token), staff, business):
            return False
        if request.method not in SAFE_METHODS and not await _csrf_ok(request):
            return PlainTextResponse("falta el token CSRF o no es válido", status_code=403)
        return True

    async def _live(self, token: str, staff: str, business: str) -> bool:
        """The session row is there and unexpired, and its login still belongs to that business (a deleted account
        took its sessions with it; one moved to another business loses access at once)."""
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(AdminSession.account_id).where(
                        AdminSession.token_hash == _digest(token), col(AdminSession.expires_at) > datetime.now(UTC)
                    )
                )
            ).first()
            if row is None:
                return False
            if row.account_id is None:
                return (staff, business) == self._settings_login
            account = await session.execute(
                select(AdminAccount.id)
                .join(Business, col(Business.id) == col(AdminAccount.business_id))
                .where(AdminAccount.id == row.account_id, AdminAccount.username == staff, Business.slug == business)
            )
            return account.first() is not None

    async def _business_of(self, username: str, password: str) -> tuple[str, uuid.UUID | None] | None:
        """The slug of the business the username and password log in to, and the account's id (None for the
        settings login); None when they are wrong. A hash from before Argon2id is replaced on the way."""
        settings_username, default_business = self._settings_login
        if username == settings_username:
            matches, _ = await _verified(password, self._password_hash.get_secret_value())
            if matches:
                return default_business, None
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(AdminAccount.id, AdminAccount.password_hash, Business.slug)
                    .join(Business, col(Business.id) == col(AdminAccount.business_id))
                    .where(AdminAccount.username == username)
                )
            ).first()
            if row is None:
                await _verified(password, _dummy_hash())
                return None
            account_id, password_hash, slug = row
            matches, renewed = await _verified(password, password_hash)
            if renewed is not None:
                await session.execute(
                    update(AdminAccount).where(col(AdminAccount.id) == account_id).values(password_hash=renewed)
                )
                await session.commit()
        return (slug, account_id) if matches else None


async def _csrf_ok(request: Request) -> bool:
    """The form's (or X-CSRF-Token header's) token is the one this session was given at login. Another site can
    make the browser post, but cannot read the token off our pages."""
    expected = str(request.session.get("csrf", ""))
    sent = request.headers.get("x-csrf-token") or str((await request.form()).get(CSRF_FIELD, ""))
    return bool(expected) and sent.isascii() and hmac.compare_digest(sent, expected)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _verified(password: str, encoded: str) -> tuple[bool, str | None]:
    # Argon2id takes a good fraction of a second: off the event loop, so webhooks keep being answered meanwhile.
    return await asyncio.to_thread(verify_password, password, encoded)
