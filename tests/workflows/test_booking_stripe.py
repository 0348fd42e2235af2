"""A booking with the Stripe adapter: the workflow drives the official SDK against the local Stripe fake."""

from datetime import timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.fakes.stripe_api import StripeFake
from tests.settings_for import settings_for
from tests.workflows.bookings import book, local_day_at, until
from workflows.booking.types import BookingStatus, CancelOutcome, CancelRequest, PaymentEvent
from workflows.booking.workflow import BookingWorkflow


@pytest.fixture
def settings(database_url: str, stripe_fake: StripeFake) -> Settings:
    """This module's worker takes payments through Stripe (the fake), not the simulated pay page."""
    return settings_for(
        database_url,
        payments_backend="stripe",
        stripe_secret_key=SecretStr("sk_test_123"),
        stripe_api_base=stripe_fake.base_url,
    )


async def test_paid_then_cancelled_booking_charges_and_refunds_once_through_stripe(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
) -> None:
    start = await local_day_at(temporal_env, 5, 11)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Mechas", staff="Pilar", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    (session,) = stripe_fake.sessions.values()
    view = await booking.handle.query(BookingWorkflow.view)
    assert view.payment_url == session["url"]
    assert session["amount_total"] == 1000 and session["metadata"] == {"booking_id": booking.input.booking_id}

    paid = stripe_fake.complete(session["id"])
    event = PaymentEvent("evt_1", paid["id"], paid["payment_intent"])
    await booking.handle.signal(BookingWorkflow.payment_succeeded, event)
    await until(temporal_env, booking, BookingStatus.CONFIRMED)

    result = await booking.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    assert result.outcome == CancelOutcome.CANCELLED_REFUNDED
    (refund,) = stripe_fake.refunds.values()
    assert (refund["amount"], refund["payment_intent"]) == (1000, paid["payment_intent"])


async def test_unpaid_hold_expires_the_checkout_session(
    phone: str,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
    worker: Worker,
    stripe_fake: StripeFake,
) -> None:
    start = await local_day_at(temporal_env, 5, 11)
    booking = await book(db, temporal_client, worker.task_queue, phone, service="Corte", staff="Harol", start=start)
    await until(temporal_env, booking, BookingStatus.AWAITING_PAYMENT)
    await temporal_env.sleep(timedelta(minutes=31))
    await until(temporal_env, booking, BookingStatus.EXPIRED)
    (session,) = stripe_fake.sessions.values()
    assert session["status"] == "expired"
