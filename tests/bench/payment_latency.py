"""3. Stripe `checkout.session.completed` posted to the webhook until the booking's confirmation message is
recorded by the console channel, one booking at a time."""

import asyncio
import time
from datetime import datetime

import httpx
from pydantic import SecretStr

from tests.bench import database
from tests.bench.bookings import Opened, open_bookings, payment_link
from tests.bench.figures import Row, percentile
from tests.bench.rig import STRIPE_WEBHOOK_SECRET, Bench, settle
from webhooks.channels import stripe_events
from workflows.booking.workflow import BookingWorkflow

# The figure comes from the row's created_at: polling only has to notice it, and faster polling is load.
POLL_SECONDS = 0.05
# Between two customers, so the last workflow task of one does not overlap the next.
PAUSE_SECONDS = 0.2
CONFIRMATION_TIMEOUT_SECONDS = 30


async def run(bench: Bench, bookings: int) -> Row:
    waiting = await open_bookings(bench, bookings)
    await settle(bench.db)
    latencies: list[float] = []
    acks: list[float] = []
    async with httpx.AsyncClient(base_url=bench.api, timeout=30) as http:
        for booking in waiting:
            view = await booking.handle.query(BookingWorkflow.view)
            assert view.payment_url is not None, view
            session_id, amount = payment_link(view.payment_url)
            event = stripe_events.checkout_completed(session_id, booking.booking_id, amount)
            signed = stripe_events.signed(event, SecretStr(STRIPE_WEBHOOK_SECRET))
            # Wall clock on both ends: the row's created_at is PostgreSQL's now() on this same machine.
            posted = time.time()
            response = await http.post(
                "/webhooks/stripe", content=signed["payload"], headers={"stripe-signature": signed["signature"]}
            )
            acks.append((time.time() - posted) * 1000)
            response.raise_for_status()
            confirmed = await _confirmation(bench, booking)
            latencies.append((confirmed.timestamp() - posted) * 1000)
            await asyncio.sleep(PAUSE_SECONDS)
    return Row.of(
        "stripe checkout.session.completed → confirmation",
        latencies,
        "ms",
        f"{bookings} bookings awaiting payment, paid one at a time; webhook ack median {percentile(acks, 50):.1f} ms",
        "p95 < 500 ms",
        webhook_ack_ms=acks,
    )


async def _confirmation(bench: Bench, booking: Opened) -> datetime:
    deadline = time.monotonic() + CONFIRMATION_TIMEOUT_SECONDS
    while (at := await database.recorded_at(bench.db, booking.key("confirmation"))) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{booking.handle.id} not confirmed within {CONFIRMATION_TIMEOUT_SECONDS} s")
        await asyncio.sleep(POLL_SECONDS)
    return at
