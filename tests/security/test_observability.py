"""What the API tells operators cannot be steered by strangers: metric labels come from a fixed set (a random
path is no new series), and access logs carry no query strings (verify tokens, ?token=)."""

import re
import uuid

import httpx

from tests.security.production_api import SECRETS, ProductionApi

SOURCE = re.compile(r'source="([^"]*)"')


async def test_random_webhook_paths_add_no_metric_series(production: ProductionApi) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        for _ in range(50):
            await api.post(f"/webhooks/{uuid.uuid4().hex}", content=b"{}")
        scraped = httpx.get(f"http://127.0.0.1:{production.metrics_port}/metrics", timeout=10).text
    sources = {
        m.group(1) for line in scraped.splitlines() if line.startswith("citaflow_") for m in SOURCE.finditer(line)
    }
    assert sources and sources <= {"whatsapp", "chatwoot", "stripe", "other"}, sorted(sources)[:5]


async def test_access_logs_carry_no_query_strings(production: ProductionApi) -> None:
    token = SECRETS["WHATSAPP_VERIFY_TOKEN"]
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        params = {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "42"}
        assert (await api.get("/webhooks/whatsapp", params=params)).status_code == 200
        await api.post("/webhooks/chatwoot", params={"token": "a-guessed-chatwoot-token"}, content=b"{}")
    log = production.log_text()
    assert "GET /webhooks/whatsapp HTTP/1.1" in log, "the access line is there, without its query"
    assert token not in log and "a-guessed-chatwoot-token" not in log
