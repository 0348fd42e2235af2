"""The Stripe adapter through the official SDK against a local fake that speaks Stripe's wire format."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
import stripe
from temporalio.exceptions import ApplicationError

from activities.payments.port import CreateDepositLinkInput, ExpireDepositLinkInput, RefundDepositInput
from activities.payments.stripe import StripePayments
from tests.fakes.http_fake import Response
from tests.fakes.stripe_api import StripeFake, parse_form, running_stripe_fake, stripe_error


@pytest.fixture
def fake() -> Iterator[StripeFake]:
    with running_stripe_fake() as fake:
        yield fake


# A second business charged on its own Stripe Connect account; atrevete on the platform's.
ACCOUNTS = {"barberia-sol": "acct_1BarberiaSol"}


async def account_of(business: str | None) -> str | None:
    return ACCOUNTS.get(business or "")


@pytest.fixture
def payments(fake: StripeFake) -> StripePayments:
    # No SDK retries: Temporal's retry policy is the one place that retries.
    client = stripe.StripeClient("sk_test_123", base_addresses={"api": fake.base_url}, max_network_retries=0)
    return StripePayments(client, public_base_url="https://citaflow.example", accounts=account_of)


def link(attempt: int = 1) -> CreateDepositLinkInput:
    return CreateDepositLinkInput("b-1", "atrevete", Decimal("10.50"), "Mechas con Pilar", "+34600111222", attempt)


async def test_deposit_link_is_a_checkout_session_for_the_booking(fake: StripeFake, payments: StripePayments) -> None:
    result = await payments.create_deposit_link(link())
    session = fake.sessions[result.session_id]
    assert result.url == session["url"]
    assert (session["amount_total"], session["currency"]) == (1050, "eur")
    assert session["metadata"] == {"booking_id": "b-1"} and session["client_reference_id"] == "b-1"
    request = fake.requests[-1]
    assert request.headers["authorization"] == "Bearer sk_test_123"
    assert request.headers["idempotency-key"] == "b-1:checkout:1"
    assert parse_form(request.body)["payment_intent_data"]["metadata"] == {"booking_id": "b-1"}


async def test_a_retried_link_is_the_same_session_and_a_new_attempt_a_new_one(
    fake: StripeFake, payments: StripePayments
) -> None:
    first = await payments.create_deposit_link(link())
    again = await payments.create_deposit_link(link())
    second = await payments.create_deposit_link(link(attempt=2))
    assert first.session_id == again.session_id != second.session_id
    assert len(fake.sessions) == 2


async def test_refund_is_sent_once_per_booking_and_reason(fake: StripeFake, payments: StripePayments) -> None:
    session = (await payments.create_deposit_link(link())).session_id
    fake.complete(session)
    refund = RefundDepositInput("b-1", session, None, Decimal("10.50"), "cancellation")
    first = await payments.refund_deposit(refund)
    again = await payments.refund_deposit(refund)
    assert first == again and first.status == "succeeded"
    (stored,) = fake.refunds.values()
    assert (stored["amount"], stored["payment_intent"]) == (1050, f"pi_test_{session[8:]}")
    assert fake.requests[-1].headers["idempotency-key"] == "b-1:refund:cancellation"


async def test_expiring_an_open_session_closes_it_and_again_is_harmless(
    fake: StripeFake, payments: StripePayments
) -> None:
    session = (await payments.create_deposit_link(link())).session_id
    await payments.expire_deposit_link(ExpireDepositLinkInput(session))
    assert fake.sessions[session]["status"] == "expired"
    await payments.expire_deposit_link(ExpireDepositLinkInput(session))


async def test_a_rejected_request_is_final(fake: StripeFake, payments: StripePayments) -> None:
    fake.failures.append(stripe_error(400, "Amount must be at least 50 cents", "amount_too_small"))
    with pytest.raises(ApplicationError) as caught:
        await payments.create_deposit_link(link())
    assert caught.value.type == "PaymentRejected" and caught.value.non_retryable


async def test_a_stripe_outage_is_left_to_temporal_retries(fake: StripeFake, payments: StripePayments) -> None:
    fake.failures.append(Response(500, {"error": {"type": "api_error", "message": "boom"}}))
    with pytest.raises(stripe.APIError) as caught:
        await payments.create_deposit_link(link())
    assert not isinstance(caught.value, ApplicationError)
    assert (await payments.create_deposit_link(link())).session_id  # the retry goes through


async def test_a_business_with_a_connect_account_has_its_links_made_and_closed_on_it(
    fake: StripeFake, payments: StripePayments
) -> None:
    connected = CreateDepositLinkInput("b-2", "barberia-sol", Decimal("8.00"), "Corte", "+34600111222", 1)
    session = (await payments.create_deposit_link(connected)).session_id
    assert fake.accounts[session] == "acct_1BarberiaSol"
    # From the platform's account the session does not exist, as in Stripe: only its own account closes it.
    await payments.expire_deposit_link(ExpireDepositLinkInput(session))
    assert fake.sessions[session]["status"] == "open"
    await payments.expire_deposit_link(ExpireDepositLinkInput(session, "barberia-sol"))
    assert fake.sessions[session]["status"] == "expired"


async def test_a_connect_accounts_deposit_is_refunded_on_that_account(
    fake: StripeFake, payments: StripePayments
) -> None:
    connected = CreateDepositLinkInput("b-2", "barberia-sol", Decimal("8.00"), "Corte", "+34600111222", 1)
    session = (await payments.create_deposit_link(connected)).session_id
    fake.complete(session)
    refund = RefundDepositInput("b-2", session, None, Decimal("8.00"), "cancellation", "barberia-sol")
    assert (await payments.refund_deposit(refund)).status == "succeeded"
    assert {r.headers.get("stripe-account") for r in fake.requests} == {"acct_1BarberiaSol"}
    with pytest.raises(ApplicationError):  # the platform's account has no such payment
        await payments.refund_deposit(RefundDepositInput("b-2", session, None, Decimal("8.00"), "no-show"))
