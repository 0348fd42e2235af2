"""The Stripe payments adapter: Checkout Sessions for deposits, expiry when a hold is released, refunds.

A business with a Stripe Connect account is charged on it (the Stripe-Account header on every call about its
deposits: Stripe answers "no such session" to a call on the wrong account).

Every call carries an idempotency key derived from the booking, so a retried activity never creates a
second session or refunds twice. 4xx answers are final (non-retryable); network errors, 429 and 5xx raise
so that Temporal retries them with backoff.
"""

from decimal import Decimal
from typing import Any

import stripe
from stripe import RequestOptions
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.payments.accounts import AccountLookup
from activities.payments.port import (
    CreateDepositLinkInput,
    DepositLink,
    ExpireDepositLinkInput,
    PaymentPort,
    RefundDepositInput,
    RefundResult,
)

# Stripe answers these when the request itself is wrong or refused: retrying cannot help.
FINAL_ERRORS = (stripe.InvalidRequestError, stripe.CardError, stripe.AuthenticationError, stripe.PermissionError)


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _rejected(error: stripe.StripeError) -> ApplicationError:
    return ApplicationError(str(error.user_message or error), type="PaymentRejected", non_retryable=True)


class StripePayments(PaymentPort):
    def __init__(self, client: stripe.StripeClient, *, public_base_url: str, accounts: AccountLookup) -> None:
        self._client = client
        self._base = public_base_url.rstrip("/")
        self._accounts = accounts

    async def _options(self, business: str | None, idempotency_key: str | None = None) -> RequestOptions:
        options: RequestOptions = {}
        account = await self._accounts(business)
        if account is not None:
            options["stripe_account"] = account
        if idempotency_key is not None:
            options["idempotency_key"] = idempotency_key
        return options

    @activity.defn(name="create_deposit_link")
    async def create_deposit_link(self, input: CreateDepositLinkInput) -> DepositLink:
        """A Checkout Session for the deposit; the booking id travels in metadata to the webhook."""
        metadata = {"booking_id": input.booking_id}
        params: dict[str, Any] = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "eur",
                        "unit_amount": cents(input.amount),
                        "product_data": {"name": f"Anticipo: {input.description}"[:250]},
                    },
                }
            ],
            "client_reference_id": input.booking_id,
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
            "success_url": f"{self._base}/pay/done",
            "cancel_url": f"{self._base}/pay/done",
        }
        try:
            session = await self._client.v1.checkout.sessions.create_async(
                params=params,  # type: ignore[arg-type]
                options=await self._options(input.business, f"{input.booking_id}:checkout:{input.attempt}"),
            )
        except FINAL_ERRORS as error:
            raise _rejected(error) from error
        return DepositLink(session_id=session.id, url=str(session.url))

    @activity.defn(name="expire_deposit_link")
    async def expire_deposit_link(self, input: ExpireDepositLinkInput) -> ExpireDepositLinkInput:
        """Close the session so the released slot cannot be paid for; already closed is fine."""
        try:
            await self._client.v1.checkout.sessions.expire_async(
                input.session_id, options=await self._options(input.business)
            )
        except stripe.InvalidRequestError as error:
            if error.http_status not in (400, 404):
                raise _rejected(error) from error
        return input

    @activity.defn(name="refund_deposit")
    async def refund_deposit(self, input: RefundDepositInput) -> RefundResult:
        """Refund the deposit once per booking and reason, whatever the retries."""
        try:
            payment_intent = input.payment_intent_id
            if payment_intent is None:
                session = await self._client.v1.checkout.sessions.retrieve_async(
                    input.session_id, options=await self._options(input.business)
                )
                payment_intent = str(session.payment_intent)
            refund = await self._client.v1.refunds.create_async(
                params={
                    "payment_intent": payment_intent,
                    "amount": cents(input.amount),
                    "reason": "requested_by_customer",
                    "metadata": {"booking_id": input.booking_id, "reason": input.reason},
                },
                options=await self._options(input.business, f"{input.booking_id}:refund:{input.reason}"),
            )
        except FINAL_ERRORS as error:
            raise _rejected(error) from error
        return RefundResult(refund_id=refund.id, status=str(refund.status))
