"""Production serves no demo surface: the demo chat that read any customer's transcript and wrote as them,
the simulated checkout, the API docs. What it does serve carries a CSP without inline script."""

import time

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.service import RPCError

from models.runtime.settings import Settings
from tests.security.production_api import ProductionApi
from tests.settings_for import conversation_of

VICTIM = "+34600111222"


async def test_the_demo_chat_is_not_served_and_writes_nothing(
    production: ProductionApi, db: AsyncEngine, temporal_client: Client, settings: Settings
) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        assert (await api.get("/demo")).status_code == 404
        assert (await api.get("/demo/demo.js")).status_code == 404
        assert (await api.get(f"/demo/conversations/{VICTIM}")).status_code == 404
        for text in ("quiero cancelar mi cita", "sí"):
            sent = await api.post("/demo/messages", json={"phone": VICTIM, "text": text})
            assert sent.status_code == 404
    with pytest.raises(RPCError):
        await temporal_client.get_workflow_handle(conversation_of("atrevete", VICTIM, settings)).describe()


async def test_the_simulated_checkout_and_the_api_docs_are_not_served(production: ProductionApi) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        for path in ("/docs", "/redoc", "/openapi.json", "/pay/cs_sim_000000000000000000000000"):
            assert (await api.get(path)).status_code == 404, path
        # The amount that used to be formatted (gigabytes, seconds) before the signature was checked.
        started = time.monotonic()
        bomb = await api.get("/pay/x", params={"booking": "b", "amount": "1e999999999", "sig": "0" * 64})
        assert bomb.status_code == 404 and time.monotonic() - started < 2


async def test_without_an_operator_token_production_serves_no_codec(production: ProductionApi) -> None:
    """The codec server decrypts every customer's payloads: with no CODEC_TOKEN it does not exist."""
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        for path in ("/codec/decode", "/codec/encode"):
            assert (await api.post(path, json={"payloads": []})).status_code == 404, path


async def test_stripe_return_url_shows_a_spanish_page(production: ProductionApi) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        page = await api.get("/pay/done", params={"session_id": "cs_live_x"})
    assert page.status_code == 200 and "ya puedes volver a WhatsApp" in page.text


async def test_every_page_forbids_inline_script(production: ProductionApi) -> None:
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        for path in ("/pay/done", "/admin/login"):
            page = await api.get(path)
            assert page.status_code == 200, path
            policy = page.headers.get("content-security-policy", "")
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0], path
            assert "<script>" not in page.text, path
