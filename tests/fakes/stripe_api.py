"""A local fake of the Stripe API (Checkout Sessions, Refunds), built on Stripe's own fixture objects.

It speaks the wire format the official SDK sends (form-encoded bracket notation, Bearer key,
Idempotency-Key) and answers with objects shaped like tests/fixtures/stripe/*.json.
"""

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl

from tests import fixtures
from tests.fakes.http_fake import FakeServer, Request, Response, serving

FIXTURES = fixtures.FIXTURES / "stripe"


def _fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"object.{name}.openapi_fixtures3.json").read_text())
    return data


def parse_form(body: bytes) -> dict[str, Any]:
    """`line_items[0][price_data][unit_amount]=1500` -> {"line_items": {"0": {"price_data": {...}}}}."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return result


def stripe_error(status: int, message: str, code: str, kind: str = "invalid_request_error") -> Response:
    return Response(status, {"error": {"type": kind, "code": code, "message": message}})


class StripeFake(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        # Connect: the connected account each session was made on (None: the platform's own).
        self.accounts: dict[str, str | None] = {}
        self._idempotent: dict[tuple[str, str], Response] = {}
        self.route("POST", r"/v1/checkout/sessions", self._create_session)
        self.route("GET", r"/v1/checkout/sessions/(?P<id>[^/]+)", self._get_session)
        self.route("POST", r"/v1/checkout/sessions/(?P<id>[^/]+)/expire", self._expire_session)
        self.route("POST", r"/v1/refunds", self._create_refund)

    def handle(self, request: Request) -> Response:
        """Stripe replays the first response for a repeated Idempotency-Key instead of acting twice."""
        key = request.headers.get("idempotency-key")
        if key and (request.path, key) in self._idempotent:
            self.requests.append(request)
            return self._idempotent[(request.path, key)]
        response = super().handle(request)
        if key and response.status < 500:
            self._idempotent[(request.path, key)] = response
        return response

    def complete(self, session_id: str) -> dict[str, Any]:
        """What happens when the customer pays: the session completes with a payment intent."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_test_{session_id[8:]}")
        return session

    def _session_on(self, request: Request, session_id: str) -> dict[str, Any] | None:
        """A session is only seen from the account it was made on (the Stripe-Account header), as in Stripe."""
        session = self.sessions.get(session_id)
        if session is None or self.accounts.get(session_id) != request.headers.get("stripe-account"):
            return None
        return session

    def _create_session(self, request: Request, _: re.Match[str]) -> Response:
        form = parse_form(request.body)
        line = form["line_items"]["0"]
        amount = int(line["price_data"]["unit_amount"]) * int(line.get("quantity", "1"))
        session_id = f"cs_test_{len(self.sessions) + 1:04d}"
        session = copy.deepcopy(_fixture("checkout.session")) | {
            "id": session_id,
            "object": "checkout.session",
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "mode": form.get("mode", "payment"),
            "amount_total": amount,
            "amount_subtotal": amount,
            "currency": line["price_data"]["currency"],
            "client_reference_id": form.get("client_reference_id"),
            "metadata": form.get("metadata", {}),
            "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"),
            "payment_intent": None,
        }
        self.accounts[session_id] = request.headers.get("stripe-account")
        self.sessions[session_id] = session
        return Response(200, session)

    def _get_session(self, request: Request, match: re.Match[str]) -> Response:
        session = self._session_on(request, match["id"])
        if session is None:
            return stripe_error(404, f"No such checkout.session: '{match['id']}'", "resource_missing")
        return Response(200, session)

    def _expire_session(self, request: Request, match: re.Match[str]) -> Response:
        session = self._session_on(request, match["id"])
        if session is None:
            return stripe_error(404, f"No such checkout.session: '{match['id']}'", "resource_missing")
        if session["status"] != "open":
            return stripe_error(400, "Only Checkout Sessions with a status of open can be expired.", "session_not_open")
        session["status"] = "expired"
        return Response(200, session)

    def _create_refund(self, request: Request, _: re.Match[str]) -> Response:
        form = parse_form(request.body)
        paid = [s for s in self.sessions.values() if s["payment_intent"] == form["payment_intent"]]
        if paid and self._session_on(request, paid[0]["id"]) is None:
            return stripe_error(404, f"No such payment_intent: '{form['payment_intent']}'", "resource_missing")
        refund_id = f"re_test_{len(self.refunds) + 1:04d}"
        refund = copy.deepcopy(_fixture("refund")) | {
            "id": refund_id,
            "object": "refund",
            "amount": int(form["amount"]),
            "payment_intent": form["payment_intent"],
            "reason": form.get("reason"),
            "metadata": form.get("metadata", {}),
            "status": "succeeded",
            "currency": "eur",
        }
        self.refunds[refund_id] = refund
        return Response(200, refund)


@contextmanager
def running_stripe_fake() -> Iterator[StripeFake]:
    with serving(StripeFake()) as fake:
        assert isinstance(fake, StripeFake)
        yield fake
