"""A real browser (Debian's chromium, driven by Playwright) against the app served by uvicorn on a free port,
with the test's Temporal server, worker and database. Screenshots go to test-output/screenshots/."""

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, Page, async_playwright
from temporalio.client import Client

from models.runtime.settings import Settings
from tests.settings_for import settings_for
from webhooks.app import create_app

CHROMIUM = "/usr/bin/chromium"
# The machine has no internet: nothing in the background may try to reach it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `make screenshots` points this at docs/screenshots to refresh the README's pictures.
SCREENSHOTS = Path(
    os.environ.get("CITAFLOW_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-output" / "screenshots")
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def port() -> int:
    return _free_port()


@pytest.fixture
def settings(database_url: str, port: int) -> Settings:
    """Payment links must open on this test's server."""
    return settings_for(database_url, public_base_url=f"http://127.0.0.1:{port}")


@pytest.fixture
async def site(settings: Settings, temporal_client: Client, port: int) -> AsyncIterator[str]:
    app = create_app(settings, temporal=temporal_client)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (Debian package `chromium`; `make test` installs it when it can)")
    async with async_playwright() as playwright:
        # Playwright starts every launch on a fresh temporary --user-data-dir of its own.
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(locale="es-ES", viewport={"width": 1100, "height": 720})
    yield await context.new_page()
    await context.close()


async def snap(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
