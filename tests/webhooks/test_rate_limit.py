"""Too fast is 429: unsigned traffic and failed signatures per client address (the one a trusted proxy saw),
signed deliveries per customer and per business, admin logins per address and per username."""

import asyncio
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import Request
from limits import RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from pydantic import SecretStr
from temporalio.client import Client
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.app_client import client_for
from tests.live.meta import signed, text_message
from tests.settings_for import conversation_of, settings_for
from tests.webhooks import test_chatwoot as chatwoot
from webhooks.bounded_memory import BoundedMemoryStorage
from webhooks.channels import stripe_events
from webhooks.rate_limit import RateLimits, client_address

SECRET = "meta-app-secret"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        rate_limit_per_ip=3,
        rate_limit_per_sender=2,
        rate_limit_per_business=3,
        whatsapp_app_secret=SecretStr(SECRET),
        chatwoot_webhook_secret=SecretStr(chatwoot.SECRET),
    )


def from_address(address: str) -> dict[str, str]:
    return {"x-forwarded-for": address}


async def whatsapp(api: httpx.AsyncClient, payload: dict[str, Any], address: str, secret: str = SECRET) -> int:
    body, headers = signed(payload, secret)
    response = await api.post("/webhooks/whatsapp", content=body, headers=headers | from_address(address))
    return response.status_code


async def test_each_key_has_its_own_moving_window(settings: Settings) -> None:
    limits = RateLimits(settings)
    hits = [await limits.spend(limits.per_sender, "sender", "a") for _ in range(2)]
    assert hits == [None, None]
    with pytest.raises(Exception, match="429"):
        await limits.spend(limits.per_sender, "sender", "a")
    await limits.spend(limits.per_sender, "sender", "b")  # another key has its own budget


async def test_memory_stays_bounded_however_many_distinct_keys() -> None:
    storage = BoundedMemoryStorage(max_keys=1_000)  # the default cap is 100,000: a small one keeps the test fast
    limiter = MovingWindowRateLimiter(storage)
    for n in range(5_000):
        assert await limiter.hit(RateLimitItemPerMinute(1), "address", f"10.0.{n // 256}.{n % 256}")
    assert len(storage.events) == 1_000 and len(storage.locks) <= 1_000
    assert "address/10.0.19.135" in next(reversed(storage.events))  # the newest kept, the oldest forgotten


def test_ipv6_callers_are_counted_per_64_block() -> None:
    def caller(host: str) -> Request:
        return Request({"type": "http", "client": (host, 1234), "headers": []})

    assert client_address(caller("2001:db8:1:2::5")) == "2001:db8:1:2::/64"
    assert client_address(caller("2001:db8:1:2:ffff::1")) == "2001:db8:1:2::/64"
    assert client_address(caller("203.0.113.9")) == "203.0.113.9"


async def test_unsigned_traffic_is_limited_per_address_and_per_sender(
    phone: str, api: httpx.AsyncClient, worker: Worker
) -> None:
    sends = [
        await api.post("/demo/messages", json={"phone": phone, "text": "hola"}, headers=from_address("203.0.113.1"))
        for _ in range(3)
    ]
    assert [r.status_code for r in sends] == [202, 202, 429]  # the sender's budget of 2
    assert sends[2].headers["retry-after"] == "60"
    page = await api.get("/demo", headers=from_address("203.0.113.1"))
    assert page.status_code == 429  # the address's budget of 3


async def test_failed_signatures_spend_the_address_budget_and_signed_deliveries_do_not(
    phone: str, api: httpx.AsyncClient, worker: Worker
) -> None:
    attacker = "198.51.100.7"
    forged = [await whatsapp(api, text_message(phone, "hola", f"wamid.f{n}"), attacker, "guess") for n in range(4)]
    assert forged == [401, 401, 401, 429]
    # Refused before its body is read: even a valid signature from that address now waits.
    assert await whatsapp(api, text_message(phone, "hola", "wamid.ok"), attacker) == 429
    # Meta's address: signed deliveries up to the per-address budget spend none of it (distinct customers)...
    meta = "192.0.2.1"
    codes = [await whatsapp(api, text_message(f"+3461000000{n}", "hola", f"wamid.m{n}"), meta) for n in range(3)]
    assert codes == [200, 200, 200]
    # ...so failures from the same address still have their whole budget.
    assert [await whatsapp(api, text_message(phone, "hola", "x"), meta, "guess") for _ in range(3)] == [401] * 3


async def test_signed_deliveries_are_limited_per_sender_and_per_business(
    api: httpx.AsyncClient, worker: Worker
) -> None:
    meta = "192.0.2.1"
    ana, luis, eva = "+34610000001", "+34610000002", "+34610000003"
    assert [await whatsapp(api, text_message(ana, "hola", f"wamid.a{n}"), meta) for n in range(3)] == [200, 200, 429]
    assert await whatsapp(api, text_message(luis, "hola", "wamid.l"), meta) == 200  # business: 3 of 3 spent
    assert await whatsapp(api, text_message(eva, "hola", "wamid.e"), meta) == 429


async def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(
    phone: str, settings: Settings, temporal_client: Client
) -> None:
    untrusted = settings.model_copy(update={"trusted_proxies": "10.9.9.9"})
    async with client_for(untrusted, temporal_client) as api:
        rotated = [await whatsapp(api, text_message(phone, "hola", "x"), f"203.0.113.{n}", "guess") for n in range(4)]
    assert rotated == [401, 401, 401, 429], "a rotated X-Forwarded-For does not reset the caller's budget"


async def test_admin_logins_are_limited_per_username_from_any_address(
    database_url: str, temporal_client: Client
) -> None:
    settings = settings_for(database_url, admin_login_attempts_per_username_per_hour=3)

    async def login(username: str, address: str) -> int:
        form = {"username": username, "password": "guess"}
        return (await api.post("/admin/login", data=form, headers=from_address(address))).status_code

    async with client_for(settings, temporal_client) as api:
        assert [await login("admin", f"203.0.113.{n}") for n in range(4)] == [400, 400, 400, 429]
        assert await login("pilar", "203.0.113.9") == 400  # another username has its own budget


async def test_fifty_signed_messages_a_second_from_one_address_are_all_accepted(
    database_url: str, temporal_client: Client, worker: Worker
) -> None:
    """Meta delivers a busy salon's customers from one address: with the default limits none waits."""
    defaults = settings_for(database_url, whatsapp_app_secret=SecretStr(SECRET), task_queue=worker.task_queue)
    phones = [f"+3462{n:07d}" for n in range(50)]
    async with client_for(defaults, temporal_client) as api:
        codes = await asyncio.gather(
            *(whatsapp(api, text_message(p, "hola", f"wamid.burst{n}"), "192.0.2.1") for n, p in enumerate(phones))
        )
        assert list(codes) == [200] * 50
        for phone in phones:
            await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).describe()


async def test_stripe_events_are_limited_per_booking_not_per_address(
    settings: Settings, api: httpx.AsyncClient, worker: Worker
) -> None:
    async def paid(booking: str, n: int) -> int:
        event = stripe_events.checkout_completed(f"cs_{booking}_{n}", booking, Decimal("5.00"))
        signed_event = stripe_events.signed(event, settings.stripe_webhook_secret)
        headers = {"stripe-signature": signed_event["signature"]} | from_address("192.0.2.50")
        return (await api.post("/webhooks/stripe", content=signed_event["payload"], headers=headers)).status_code

    assert [await paid("booking-a", n) for n in range(3)] == [200, 200, 429]  # the booking's budget of 2
    assert await paid("booking-b", 0) == 200  # more than the address's budget of 3 from one address: not counted


async def test_chatwoot_messages_are_limited_per_contact(api: httpx.AsyncClient, worker: Worker) -> None:
    codes = [(await chatwoot.post(api, chatwoot.incoming("+34610000009", message_id=n))).status_code for n in range(3)]
    assert codes == [200, 200, 429]  # the contact's budget of 2
