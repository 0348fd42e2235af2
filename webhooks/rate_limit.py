"""Rate limits on the `limits` library (moving window), answering 429 before work is done.

Who is limited by what:
- unsigned traffic (the demo API, the pay page) and webhook deliveries that fail their signature or token: per
  client address. An address that spent its budget on failures is refused before its body is read;
- signed deliveries (Meta, Stripe, Chatwoot): per customer and per business, never per address, because a
  provider delivers every customer's messages from a handful of addresses;
- admin logins: per client address and per username.

The client address is the one the trusted proxy saw (TRUSTED_PROXIES, webhooks/app.py). Counts live in this process
(memory://, bounded) or in a storage every API replica shares (RATE_LIMIT_STORAGE=redis://…).
"""

from collections.abc import Callable
from ipaddress import IPv6Address, ip_address, ip_network

from fastapi import HTTPException, Request, status
from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from models.runtime.settings import Settings
from webhooks.bounded_memory import BoundedMemoryStorage


def _storage(uri: str) -> Storage:
    if uri == "memory://":
        return BoundedMemoryStorage()
    storage = storage_from_string(f"async+{uri}")
    assert isinstance(storage, Storage)  # the async+ schemes are the asyncio storages
    return storage


class RateLimits:
    """Every limit of the API process and the one limiter they share."""

    def __init__(self, settings: Settings) -> None:
        self._limiter = MovingWindowRateLimiter(_storage(settings.rate_limit_storage))
        self.per_address = RateLimitItemPerMinute(settings.rate_limit_per_ip)
        self.per_sender = RateLimitItemPerMinute(settings.rate_limit_per_sender)
        self.per_business = RateLimitItemPerMinute(settings.rate_limit_per_business)
        self.login_per_address = RateLimitItemPerMinute(settings.admin_login_attempts_per_minute)
        self.login_per_username = RateLimitItemPerHour(settings.admin_login_attempts_per_username_per_hour)

    async def spend(self, item: RateLimitItem, *key: str) -> None:
        """One hit on `key`'s budget; 429 when it is spent."""
        if not await self._limiter.hit(item, *key):
            raise too_many(item)

    async def spent(self, item: RateLimitItem, *key: str) -> bool:
        """Whether `key`'s budget is spent, without spending any."""
        return not await self._limiter.test(item, *key)


def too_many(item: RateLimitItem) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS, "too many requests", headers={"Retry-After": str(item.get_expiry())}
    )


def client_address(request: Request) -> str:
    """The caller's address; an IPv6 caller's /64, the block one subscriber is given (else each address of it
    would have its own budget)."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ip_address(host)
    except ValueError:
        return host
    return str(ip_network(f"{address}/64", strict=False)) if isinstance(address, IPv6Address) else host


def rate_limits(request: Request) -> RateLimits:
    limits: RateLimits = request.app.state.rate_limits
    return limits


async def per_address(request: Request) -> None:
    """FastAPI dependency of unsigned routes: every request spends its address's budget."""
    limits = rate_limits(request)
    await limits.spend(limits.per_address, "address", client_address(request))


async def address_not_spent(request: Request) -> None:
    """FastAPI dependency of the webhooks: an address that spent its budget on failed signatures is refused
    before anything is read; signed deliveries never spend it."""
    limits = rate_limits(request)
    if await limits.spent(limits.per_address, "address", client_address(request)):
        raise too_many(limits.per_address)


async def authenticated(request: Request, check: Callable[[], None]) -> None:
    """Run a webhook's signature (or token) check; a delivery that fails it spends its address's budget, and is
    answered 429 instead of 401 once that is spent."""
    try:
        check()
    except HTTPException as exc:
        if exc.status_code == status.HTTP_401_UNAUTHORIZED:
            await per_address(request)
        raise


async def per_customer(request: Request, *, business: str, customer: str) -> None:
    """A signed delivery from `customer` of `business`: spends both their budgets (429 once either is spent).
    The customer's first, so one customer's refused flood does not eat the business's budget."""
    limits = rate_limits(request)
    await limits.spend(limits.per_sender, "sender", business, customer)
    await limits.spend(limits.per_business, "business", business)
