"""The API's Prometheus endpoint: webhooks counted as received or rejected by reason, acks timed."""

import re

import httpx
from pydantic import SecretStr
from temporalio.client import Client
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.app_client import client_for
from tests.live.meta import fixture, signed
from tests.live.stack import free_port

SECRET = "meta-app-secret"


def sample(metrics: str, name: str, **labels: str) -> float:
    """The value of one series in Prometheus's text format (0 when absent)."""
    for line in metrics.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and all(f'{k}="{v}"' in match.group(1) for k, v in labels.items()):
            return float(match.group(2))
    return 0.0


async def test_webhooks_are_counted_by_outcome_and_timed(
    settings: Settings, temporal_client: Client, worker: Worker, phone: str
) -> None:
    address = f"127.0.0.1:{free_port()}"
    update = {"whatsapp_app_secret": SecretStr(SECRET), "metrics_address": address}
    async with client_for(settings.model_copy(update=update), temporal_client) as api:
        body, headers = signed(fixture("webhook.message.text.json", phone), SECRET)
        assert (await api.post("/webhooks/whatsapp", content=body, headers=headers)).status_code == 200
        forged = {**headers, "x-hub-signature-256": "sha256=" + "0" * 64}
        for _ in range(2):
            assert (await api.post("/webhooks/whatsapp", content=body, headers=forged)).status_code == 401
        assert (await api.get("/health")).status_code == 200  # not a webhook: not counted
        metrics = httpx.get(f"http://{address}/metrics").text

    assert sample(metrics, "citaflow_webhooks_received_total", source="whatsapp") == 1
    assert sample(metrics, "citaflow_webhooks_rejected_total", source="whatsapp", reason="bad_signature") == 2
    assert sample(metrics, "citaflow_webhook_ack_seconds_count", source="whatsapp") == 3
