"""Signed webhooks: a Stripe event signed long ago is a replay, refused; a signature header that is not ASCII
is a 401, not a 500."""

import json
import time
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr
from temporalio.worker import Worker

from tests.security.production_api import SECRETS, ProductionApi
from tests.workflow_janitor import WorkflowJanitor
from webhooks.channels import stripe_events
from workflows.booking.stray_payment import stray_payment_workflow_id

NOT_ASCII = "ñ¿ü"


def hostile_headers(path: str) -> dict[str, bytes]:
    """Well-formed but for a non-ASCII signature, so the value reaches the comparison (which raised, a 500)."""
    now = str(int(time.time())).encode()
    sent = {
        "/webhooks/stripe": {"stripe-signature": b"t=" + now + b",v1=" + NOT_ASCII.encode("latin-1")},
        "/webhooks/whatsapp": {"x-hub-signature-256": ("sha256=" + NOT_ASCII).encode("latin-1")},
        "/webhooks/chatwoot": {
            "x-chatwoot-timestamp": now,
            "x-chatwoot-signature": ("sha256=" + NOT_ASCII).encode("latin-1"),
        },
    }
    return sent[path]


async def test_a_stripe_event_signed_in_2001_is_refused(
    production: ProductionApi, worker: Worker, janitor: WorkflowJanitor
) -> None:
    event = stripe_events.checkout_completed("cs_x", "no-such-booking", Decimal("5.00"))
    payload = json.dumps(event)
    # The fresh one is accepted: its money, for no booking we know, goes back through a workflow.
    janitor.adopt(stray_payment_workflow_id(event["id"]))
    secret = SecretStr(SECRETS["STRIPE_WEBHOOK_SECRET"])
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        for signed_at, expected in ((978_307_200, 401), (int(time.time()) - 301, 401), (int(time.time()), 200)):
            headers = {"stripe-signature": stripe_events.sign(payload, secret, timestamp=signed_at)}
            response = await api.post("/webhooks/stripe", content=payload, headers=headers)
            assert response.status_code == expected, signed_at


@pytest.mark.parametrize("path", ["/webhooks/stripe", "/webhooks/whatsapp", "/webhooks/chatwoot"])
async def test_a_non_ascii_signature_header_is_401(production: ProductionApi, path: str) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        response = await api.post(path, content=b"{}", headers=hostile_headers(path))
    assert response.status_code == 401
