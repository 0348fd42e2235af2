"""What the API counts for Prometheus: webhooks received and rejected (by reason) per provider, and how long
each took to acknowledge. Served by the SDK runtime's exporter with the Temporal client's own metrics."""

import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from temporalio.common import MetricMeter

# Why a provider's delivery was refused, by our status code (the provider retries 429 and 5xx).
REASONS = {
    400: "malformed",
    401: "bad_signature",
    403: "forbidden",
    404: "not_configured",
    413: "too_large",
    422: "malformed",
    429: "rate_limited",
    503: "temporal_unavailable",
}


# The label's only values: a path is the caller's to choose, and each new label value is a new series kept forever.
SOURCES = {"whatsapp", "chatwoot", "stripe"}


class WebhookMetrics:
    def __init__(self, meter: MetricMeter) -> None:
        self._received = meter.create_counter("citaflow_webhooks_received", "Webhook deliveries acknowledged")
        self._rejected = meter.create_counter("citaflow_webhooks_rejected", "Webhook deliveries refused")
        self._ack = meter.create_histogram_float(
            "citaflow_webhook_ack_seconds", "Time to acknowledge a webhook delivery", "s"
        )

    async def middleware(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if not path.startswith("/webhooks/") or request.method != "POST":
            return await call_next(request)
        started = time.perf_counter()
        response = await call_next(request)
        named = path.removeprefix("/webhooks/").split("/")[0]
        source = named if named in SOURCES else "other"
        self._ack.record(time.perf_counter() - started, {"source": source})
        if response.status_code < 300:
            self._received.add(1, {"source": source})
        else:
            # A handler may name a finer reason than the status code (a 503 for an unknown channel id).
            reason = getattr(request.state, "reject_reason", None) or REASONS.get(response.status_code, "error")
            self._rejected.add(1, {"source": source, "reason": reason})
        return response
