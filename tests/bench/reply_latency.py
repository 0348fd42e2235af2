"""2. Message to reply: a new customer's "hola" posted to the webhook until the console channel records the
greeting (the outbound row's created_at), one customer at a time on an otherwise idle stack."""

import asyncio
import time
from datetime import datetime

import httpx

from tests.bench import database
from tests.bench.figures import Row
from tests.bench.rig import WHATSAPP_APP_SECRET, Bench, settle
from tests.live import meta

# The figure comes from the row's created_at: polling only has to notice it, and faster polling is load.
POLL_SECONDS = 0.05
# Between two customers, so the last workflow task of one does not overlap the next.
PAUSE_SECONDS = 0.2
REPLY_TIMEOUT_SECONDS = 30


async def run(bench: Bench, customers: int) -> Row:
    await settle(bench.db)
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=bench.api, timeout=30) as http:
        for phone in bench.phones.take(customers):
            body, headers = meta.signed(meta.text_message(phone, "hola", f"wamid.reply.{phone}"), WHATSAPP_APP_SECRET)
            # Wall clock on both ends: the row's created_at is PostgreSQL's now() on this same machine.
            posted = time.time()
            response = await http.post("/webhooks/whatsapp", content=body, headers=headers)
            response.raise_for_status()
            replied = await _reply(bench, phone)
            latencies.append((replied.timestamp() - posted) * 1000)
            await asyncio.sleep(PAUSE_SECONDS)
    return Row.of(
        'message → reply ("hola", rules understanding)',
        latencies,
        "ms",
        f"{customers} new customers, one at a time",
        "p95 < 300 ms",
    )


async def _reply(bench: Bench, phone: str) -> datetime:
    deadline = time.monotonic() + REPLY_TIMEOUT_SECONDS
    while (at := await database.first_reply_at(bench.db, phone)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply to {phone} within {REPLY_TIMEOUT_SECONDS} s")
        await asyncio.sleep(POLL_SECONDS)
    return at
