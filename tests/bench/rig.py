"""What every measurement drives: the live stack (one worker, one API), the bench's own Temporal and PostgreSQL
clients, and the books of phones and free slots."""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from models import Service
from models.policies import PolicyKey
from models.runtime.db import create_engine
from models.runtime.settings import DEV_STRIPE_WEBHOOK_SECRET, Settings
from tests.bench import database
from tests.bench.slots import ZONE, Phones, SlotBook, staff_needed
from tests.live.stack import LiveStack
from tests.settings_for import TEST_CONVERTER

WHATSAPP_APP_SECRET = "bench-meta-app-secret"
STRIPE_WEBHOOK_SECRET = DEV_STRIPE_WEBHOOK_SECRET
# Named explicitly so nothing from the developer's shell or .env changes what is measured.
ENV = {
    "WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
    "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
    "MESSAGING_BACKEND": "console",
    "PAYMENTS_BACKEND": "simulated",
    "UNDERSTANDING_BACKEND": "rules",
    "CALENDAR_BACKEND": "local",
}
# A 30-minute service with a deposit: one grid slot each, and a payment link to wait on.
SERVICE = "Peinado"
# Holds long enough that no hold timer fires while the bench runs, unless a measurement shortens them.
BENCH_POLICIES = {
    PolicyKey.HOLD_MINUTES: 24 * 60,
    PolicyKey.HOLD_MINUTES_SAME_DAY: 24 * 60,
    PolicyKey.HOLD_REMINDER_BEFORE_MINUTES: database.demo_policy(PolicyKey.HOLD_REMINDER_BEFORE_MINUTES),
}


@dataclass
class Bench:
    stack: LiveStack
    api: str
    client: Client
    db: AsyncEngine
    service: Service
    phones: Phones
    slots: SlotBook
    # Workflows the worker keeps in memory (WORKER_MAX_CACHED_WORKFLOWS), as the worker reads it.
    cache_limit: int


@asynccontextmanager
async def bench(stack: LiveStack, api: str, slots_needed: int) -> AsyncIterator[Bench]:
    """Clients and enough hairdressers for `slots_needed` distinct slots; holds made long."""
    client = await Client.connect(stack.temporal_address, data_converter=TEST_CONVERTER)
    db = create_engine(stack.database_url, pool_size=10)
    try:
        service = await database.service(db, SERVICE)
        today = datetime.now(ZONE).date()
        staff = await database.hairdressers(db)
        await database.add_staff(db, max(staff_needed(slots_needed, service.duration_minutes, today) - len(staff), 0))
        await database.set_policies(db, BENCH_POLICIES)
        slots = SlotBook(await database.hairdressers(db), service.duration_minutes, today)
        yield Bench(stack, api, client, db, service, Phones(), slots, _worker_cache_limit(stack))
    finally:
        await db.dispose()


def _worker_cache_limit(stack: LiveStack) -> int:
    """As the worker reads it: from its environment, else the setting's default."""
    configured = stack.env().get("WORKER_MAX_CACHED_WORKFLOWS")
    default = Settings.model_fields["worker_max_cached_workflows"].default
    return int(configured) if configured else int(default)


async def until(check: Callable[[], Awaitable[bool]], timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        await asyncio.sleep(interval)


async def settle(db: AsyncEngine, quiet: float = 3.0, timeout: float = 600.0) -> None:
    """Wait until no message has been recorded for `quiet` seconds: the previous measurement's work is done."""
    deadline = time.monotonic() + timeout
    last, since = await database.message_total(db), time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        now = await database.message_total(db)
        if now != last:
            last, since = now, time.monotonic()


def restart(bench: Bench, **env: str) -> None:
    """Worker and API again, with `env` on top of the stack's (none: as the bench started them)."""
    for name in ("api", "worker"):
        bench.stack.stop(name)
    bench.stack.start_worker(**env)
    bench.api = bench.stack.start_api(**env)
