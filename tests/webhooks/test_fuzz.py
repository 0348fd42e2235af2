"""Property-based fuzzing of every webhook route: whatever the body or headers, never a 5xx.

Bodies are random bytes and random JSON, unsigned, wrongly signed and correctly signed (so the parsing behind
each signature check is exercised too); the answer must be a clear 2xx/4xx.
"""

import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pydantic import SecretStr
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.settings_for import settings_for
from webhooks.channels import stripe_events

WHATSAPP_SECRET = "fuzz-meta-secret"
CHATWOOT_SECRET = "fuzz-chatwoot-secret"

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)
# Shapes close to the real payloads, so the handlers go past their first key lookups.
NEAR_REAL = st.fixed_dictionaries(
    {
        "object": st.sampled_from(["whatsapp_business_account", "x"]),
        "entry": st.lists(
            st.fixed_dictionaries({"changes": st.lists(st.fixed_dictionaries({"value": JSON}), max_size=2)}),
            max_size=2,
        ),
        "event": st.sampled_from(["message_created", "conversation_status_changed", "other"]),
        "type": st.sampled_from(["checkout.session.completed", "payment_intent.payment_failed", "x"]),
        "data": st.fixed_dictionaries({"object": JSON}),
        "message_type": st.sampled_from(["incoming", "outgoing", 0]),
        "content": JSON,
        "sender": JSON,
        "conversation": JSON,
    }
)
BODIES = (
    st.binary(max_size=300)
    | JSON.map(lambda v: json.dumps(v).encode())
    | NEAR_REAL.map(lambda v: json.dumps(v).encode())
)
HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
SIGNING = st.sampled_from(["none", "garbage", "valid"])
FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(
        database_url,
        whatsapp_app_secret=SecretStr(WHATSAPP_SECRET),
        whatsapp_verify_token=SecretStr("verify-me"),
        chatwoot_webhook_secret=SecretStr(CHATWOOT_SECRET),
        rate_limit_per_ip=1_000_000,
        rate_limit_per_sender=1_000_000,
    )


def _headers(route: str, body: bytes, signing: str, garbage: str, settings: Settings) -> dict[str, str]:
    if signing == "none":
        return {}
    if route == "/webhooks/whatsapp":
        digest = hmac.new(WHATSAPP_SECRET.encode(), body, hashlib.sha256).hexdigest()
        return {"x-hub-signature-256": f"sha256={digest}" if signing == "valid" else garbage}
    if route == "/webhooks/chatwoot":
        stamp = str(int(time.time()))
        digest = hmac.new(CHATWOOT_SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        signature = f"sha256={digest}" if signing == "valid" else garbage
        return {"x-chatwoot-signature": signature, "x-chatwoot-timestamp": stamp}
    if route == "/webhooks/stripe":
        valid = stripe_events.sign(body.decode(errors="replace"), settings.stripe_webhook_secret)
        return {"stripe-signature": valid if signing == "valid" else garbage}
    return {"content-type": garbage} if signing == "garbage" else {"content-type": "application/json"}


@pytest.mark.parametrize("route", ["/webhooks/whatsapp", "/webhooks/chatwoot", "/webhooks/stripe", "/demo/messages"])
@FUZZ
@given(body=BODIES, signing=SIGNING, garbage=HEADER_TEXT)
async def test_no_body_or_header_makes_a_webhook_fail(
    route: str, body: bytes, signing: str, garbage: str, api: httpx.AsyncClient, worker: Worker, settings: Settings
) -> None:
    if signing == "valid" and route == "/webhooks/stripe":
        body = body.decode(errors="replace").encode()  # Stripe signs text; what it signs is what it sends
    response = await api.post(route, content=body, headers=_headers(route, body, signing, garbage, settings))
    assert response.status_code < 500, (route, body, response.text)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["hub.mode", "hub.challenge", "hub.verify_token", "x"]), HEADER_TEXT))
async def test_no_handshake_query_makes_the_whatsapp_webhook_fail(
    params: dict[str, Any], api: httpx.AsyncClient
) -> None:
    response = await api.get("/webhooks/whatsapp", params=params)
    assert response.status_code < 500, (params, response.text)
