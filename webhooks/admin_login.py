"""The admin's one staff login: a password hash from settings, a signed session, guessing rate limited."""

from sqladmin.authentication import AuthenticationBackend
from starlette.requests import Request

from models.settings import Settings
from webhooks.passwords import verify_password
from webhooks.rate_limit import RateLimiter


class StaffLogin(AuthenticationBackend):
    def __init__(self, settings: Settings) -> None:
        super().__init__(secret_key=settings.session_secret.get_secret_value(), https_only=False, max_age=12 * 3600)
        self._username = settings.admin_username
        self._password_hash = settings.admin_password_hash
        # Login attempts per client address: guessing passwords gets a 429, not an answer.
        self._attempts = RateLimiter(limit=settings.admin_login_attempts_per_minute, window_seconds=60)

    async def login(self, request: Request) -> bool:
        self._attempts.check(request.client.host if request.client else "unknown")
        form = await request.form()
        ok = form.get("username") == self._username and verify_password(
            str(form.get("password", "")), self._password_hash.get_secret_value()
        )
        if ok:
            request.session.update({"staff": self._username})
        return ok

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        return request.session.get("staff") == self._username
