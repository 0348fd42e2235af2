"""The codec server: only an operator with the token reads payloads; only the Web UI's origin may ask from a
browser; what it encodes, it decodes."""

import base64
from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr
from temporalio.client import Client

from models.runtime.settings import Settings
from tests.app_client import client_for

TOKEN = "an-operator-token-long-enough-for-production"
PLAIN = {
    "metadata": {"encoding": base64.b64encode(b"json/plain").decode()},
    "data": base64.b64encode(b'"Hola"').decode(),
}


@pytest.fixture
async def guarded(settings: Settings, temporal_client: Client) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(settings.model_copy(update={"codec_token": SecretStr(TOKEN)}), temporal_client) as api:
        yield api


async def test_without_the_operator_token_nothing_is_decoded(guarded: httpx.AsyncClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = await guarded.post("/codec/decode", json={"payloads": [PLAIN]}, headers=headers)
        assert response.status_code == 401, headers


async def test_with_the_token_what_is_encoded_decodes_back(guarded: httpx.AsyncClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    encoded = await guarded.post("/codec/encode", json={"payloads": [PLAIN]}, headers=auth)
    assert encoded.status_code == 200
    [sealed] = encoded.json()["payloads"]
    assert base64.b64decode(sealed["data"]) != b'"Hola"'
    decoded = await guarded.post("/codec/decode", json=encoded.json(), headers=auth)
    assert decoded.json()["payloads"] == [PLAIN]


async def test_malformed_or_oversized_bodies_are_refused(guarded: httpx.AsyncClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert (await guarded.post("/codec/decode", content=b"{not json", headers=auth)).status_code == 400
    huge = {**auth, "content-length": str(64 * 1024 * 1024)}
    assert (await guarded.post("/codec/decode", content=b"{}", headers=huge)).status_code == 413


async def test_only_the_web_ui_origin_may_call_from_a_browser(guarded: httpx.AsyncClient, settings: Settings) -> None:
    def preflight(origin: str) -> dict[str, str]:
        return {
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-namespace",
        }

    allowed = await guarded.options("/codec/decode", headers=preflight(settings.temporal_ui_url))
    assert allowed.headers.get("access-control-allow-origin") == settings.temporal_ui_url
    refused = await guarded.options("/codec/decode", headers=preflight("https://evil.example"))
    assert "access-control-allow-origin" not in refused.headers
