"""One booking the conversation started, from hold to paid, confirmed and completed: its whole history.

The 48 h reminder and the end of the appointment are days away on the real clock, so staff mark the visit done
(as for a walk-in that finished early); the recorded history of a booking reminded and completed on the
time-skipping server (tests/workflows/histories) gives the full lifecycle beside it."""

import asyncio
import re
import time
from pathlib import Path

import httpx
from pydantic import SecretStr
from temporalio.client import WorkflowHistory

from tests.bench import database
from tests.bench.bookings import payment_link
from tests.bench.histories import Run
from tests.bench.rig import STRIPE_WEBHOOK_SECRET, Bench, until
from webhooks.channels import stripe_events
from workflows import booking_workflow_id
from workflows.booking.types import BookingStatus
from workflows.booking.workflow import BookingWorkflow

LINK = re.compile(r"/pay/\S*[?&]booking=([\w-]+)")
WAIT_SECONDS = 30
RECORDED = Path("tests/workflows/histories/booking_paid_reminded_completed.json")


async def pay_and_complete(bench: Bench, api: httpx.AsyncClient, phone: str) -> Run:
    """Pay the customer's latest deposit link through the Stripe webhook, wait for the confirmation, have staff
    mark it completed; the closed booking's history."""
    booking_id = await _latest_link(bench, phone)
    handle = bench.client.get_workflow_handle_for(BookingWorkflow.run, booking_workflow_id(booking_id))
    view = await handle.query(BookingWorkflow.view)
    assert view.payment_url is not None, view
    session_id, amount = payment_link(view.payment_url)
    signed = stripe_events.signed(
        stripe_events.checkout_completed(session_id, booking_id, amount), SecretStr(STRIPE_WEBHOOK_SECRET)
    )
    response = await api.post(
        "/webhooks/stripe", content=signed["payload"], headers={"stripe-signature": signed["signature"]}
    )
    response.raise_for_status()

    async def confirmed() -> bool:
        return (await handle.query(BookingWorkflow.view)).status == BookingStatus.CONFIRMED

    await until(confirmed, WAIT_SECONDS, f"booking {booking_id} confirmed")
    await handle.signal(BookingWorkflow.mark_completed)
    status = await handle.result()
    assert status == BookingStatus.COMPLETED, status
    history = await handle.fetch_history()
    return Run(booking_workflow_id(booking_id), list(history.events))


async def _latest_link(bench: Bench, phone: str) -> str:
    """The booking sends its link a moment after the turn that started it."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not (found := [m for body in await database.sent_to(bench.db, phone) if (m := LINK.search(body))]):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no deposit link sent to {phone} within {WAIT_SECONDS} s")
        await asyncio.sleep(0.2)
    return found[-1].group(1)


def recorded() -> Run:
    """A booking paid, reminded 48 h before and completed at its end, recorded on the time-skipping server."""
    history = WorkflowHistory.from_json("booking", RECORDED.read_text())
    return Run(RECORDED.name, list(history.events))
