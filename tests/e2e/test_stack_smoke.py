"""`make run` for real: every process started, a message answered, the workflow found, nothing left behind."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil
import pytest
from playwright.async_api import async_playwright, expect
from temporalio.client import Client

from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from models.runtime.db import create_engine
from models.runtime.payload_codec import PayloadKeys, development_keys, encrypted_converter
from models.runtime.pseudonyms import customer_pseudonym
from tests.admin_csrf import carry_csrf
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, snap
from tests.settings_for import TEST_DEFAULTS, conversation_of
from tests.workflows.bookings import MADRID, Booking, customer, item, start_booking
from workflows.booking.types import BookingStatus, BookingView
from workflows.booking.workflow import BookingWorkflow

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _stack_processes(data_dir: str) -> list[psutil.Process]:
    """Everything the launcher started: its children carry DATA_DIR in their environment (postgres and
    temporal also on their command line)."""
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if data_dir in " ".join(proc.info["cmdline"] or []) or proc.environ().get("DATA_DIR") == data_dir:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


@pytest.fixture
def stack() -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    data_dir = Path(tempfile.mkdtemp(prefix="cf-e2e-", dir="/tmp"))
    ports = {"api": _free_port(), "temporal": _free_port(), "ui": _free_port()}
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "API_PORT": str(ports["api"]),
        "TEMPORAL_ADDRESS": f"127.0.0.1:{ports['temporal']}",
        "TEMPORAL_UI_URL": f"http://127.0.0.1:{ports['ui']}",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports['api']}",
        "CITAFLOW_START_TEMPORAL": "1",
    }
    env.pop("DATABASE_URL", None)
    launcher = subprocess.Popen(
        [sys.executable, "-m", "deploy.local.stack"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield launcher, {**env, "API": f"http://127.0.0.1:{ports['api']}"}
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
        for proc in _stack_processes(str(data_dir)):
            proc.kill()
        stop_embedded_postgres(data_dir / "pg")
        shutil.rmtree(data_dir, ignore_errors=True)


def _wait_for_line(launcher: subprocess.Popen[str], text: str, timeout: float) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    assert launcher.stdout is not None
    while time.monotonic() < deadline:
        line = launcher.stdout.readline()
        if not line and launcher.poll() is not None:
            break
        seen.append(line.rstrip())
        if text in line:
            return seen
    raise AssertionError(f"launcher never printed {text!r}; output:\n" + "\n".join(seen))


async def test_make_run_starts_answers_and_stops_cleanly(stack: tuple[subprocess.Popen[str], dict[str, str]]) -> None:
    launcher, env = stack
    output = _wait_for_line(launcher, "Ctrl-C stops everything", timeout=120)
    assert any(f"{env['API']}/demo" in line for line in output)
    assert any(f"{env['API']}/admin" in line for line in output)
    assert any(env["TEMPORAL_UI_URL"] in line for line in output)
    git = ["git", "rev-parse", "--short=12", "HEAD"]
    commit = subprocess.run(git, cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    assert any(line.strip() == f"Worker build:     {commit} (current)" for line in output)

    phone = "+34600111222"
    async with httpx.AsyncClient(base_url=env["API"], timeout=30) as api:
        sent = await api.post("/demo/messages", json={"phone": phone, "text": "hola", "wait": True})
        assert sent.status_code == 202 and sent.json()["handled"] is True
        transcript = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
        login_page = await api.get("/admin/login")
        demo_page = await api.get("/demo")
    assert transcript[-1]["direction"] == "outbound" and "Soy Maite" in transcript[-1]["body"]
    assert login_page.status_code == 200 and demo_page.status_code == 200

    # `make run` generated the development payload key into the data folder; its children encrypt with it.
    keys = PayloadKeys.parse(development_keys(Path(env["DATA_DIR"])))
    client = await Client.connect(env["TEMPORAL_ADDRESS"], data_converter=encrypted_converter(keys))
    ids: list[str] = []
    for _ in range(50):  # visibility is eventually consistent
        ids = [
            wf.id
            async for wf in client.list_workflows(f'CustomerPseudonym="{customer_pseudonym(TEST_DEFAULTS, phone)}"')
        ]
        if ids:
            break
        time.sleep(0.3)
    assert ids == [conversation_of("atrevete", phone)]
    described = await client.get_workflow_handle(ids[0]).describe()
    pinned_to = described.raw_description.workflow_execution_info.versioning_info.deployment_version.build_id
    assert pinned_to == commit, "make run's worker is a version of the deployment, the commit's build, made current"
    agenda = await client.get_schedule_handle("agenda:atrevete").describe()
    assert agenda.schedule.spec.time_zone_name == "Europe/Madrid"

    booking = await _paid_booking_is_confirmed_on_the_real_server(client, env)
    await _staff_hand_a_conversation_back_from_the_admin(env)
    await _the_booking_reads_as_a_story_in_the_web_ui(env, booking.handle.id)

    launcher.send_signal(signal.SIGINT)
    assert launcher.wait(timeout=60) == 0
    time.sleep(0.5)
    assert [p.info["cmdline"] for p in _stack_processes(env["DATA_DIR"])] == []


async def _paid_booking_is_confirmed_on_the_real_server(client: Client, env: dict[str, str]) -> Booking:
    """The dev server validates what the time-skipping server lets pass (search attribute names, for one)."""
    url = start_embedded_postgres(Path(env["DATA_DIR"]) / "pg")
    engine = create_engine(url, pool_size=1)
    try:
        booker = await customer(engine, "+34600777888")
        items = [await item(engine, booker, service="Mechas", staff="Pilar")]
    finally:
        await engine.dispose()
    start = datetime.now(MADRID).replace(hour=11, minute=0, second=0, microsecond=0) + timedelta(days=5)
    booking = await start_booking(client, "citaflow", phone="+34600777888", booker=booker, start=start, items=items)
    view = await _view_when(booking, lambda v: v.payment_url is not None)
    assert view.payment_url is not None
    async with httpx.AsyncClient(timeout=30) as api:
        page = await api.get(view.payment_url)
        match = re.search(r'id="events">(.*?)</script>', page.text, re.S)
        assert match is not None
        paid = json.loads(match.group(1))["pay"]
        await api.post(
            f"{env['API']}/webhooks/stripe", content=paid["payload"], headers={"stripe-signature": paid["signature"]}
        )
    await _view_when(booking, lambda v: v.status == BookingStatus.CONFIRMED)
    found: list[str] = []
    for _ in range(50):
        found = [wf.id async for wf in client.list_workflows('BookingStatus="confirmed" AND StaffMember="Pilar"')]
        if found:
            break
        time.sleep(0.3)
    assert found == [booking.handle.id]
    return booking


async def _staff_hand_a_conversation_back_from_the_admin(env: dict[str, str]) -> None:
    """Escalated conversations are listed from Temporal's visibility (the real server has it) and handed back."""
    phone = "+34600333444"
    async with httpx.AsyncClient(base_url=env["API"], timeout=30) as api:
        for text in ("hola", "Me llamo Ana", "quiero hablar con una persona"):
            await api.post("/demo/messages", json={"phone": phone, "text": text, "wait": True})
        await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})
        await carry_csrf(api)
        page = ""
        for _ in range(50):  # visibility is eventually consistent
            page = (await api.get("/admin/handovers")).text
            if phone in page:
                break
            time.sleep(0.3)
        assert phone in page and "Ana" in page and "Devolver al bot" in page
        silent = await api.post("/demo/messages", json={"phone": phone, "text": "¿hola?", "wait": True})
        assert silent.json()["handled"] is True
        back = await api.post("/admin/handovers/hand-back", data={"workflow_id": conversation_of("atrevete", phone)})
        assert back.status_code == 303
        await api.post("/demo/messages", json={"phone": phone, "text": "¿dónde estáis?", "wait": True})
        messages = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
    after_handover = [m["body"] for m in messages[messages.index(next(m for m in messages if m["body"] == "¿hola?")) :]]
    assert after_handover[0] == "¿hola?" and after_handover[1] == "¿dónde estáis?", "silent while with the team"
    assert "¿Hay algo más en lo que pueda ayudarte?" in after_handover[2], "the bot answers again after the hand-back"


async def _the_booking_reads_as_a_story_in_the_web_ui(env: dict[str, str], workflow_id: str) -> None:
    """The Temporal Web UI, in Chromium: the booking's page shows its summary and its activities' summaries."""
    if not Path(CHROMIUM).exists():
        warnings.warn("Chromium is not installed: the Web UI check was skipped", stacklevel=1)
        return
    url = f"{env['TEMPORAL_UI_URL']}/namespaces/default/workflows/{quote(workflow_id, safe='')}"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await page.goto(url)
        await expect(page.get_by_text(workflow_id).first).to_be_visible(timeout=20_000)
        # The timeline names timers and activities by their summaries: the history reads as a story.
        await expect(page.get_by_text("recordatorio 48 h").first).to_be_visible(timeout=20_000)
        await expect(page.get_by_text("confirma la cita").first).to_be_attached()
        await snap(page, "08-temporal-booking-history")
        await browser.close()


async def _view_when(booking: Booking, ready: Callable[[BookingView], bool]) -> BookingView:
    for _ in range(100):
        view = await booking.handle.query(BookingWorkflow.view)
        if ready(view):
            return view
        time.sleep(0.1)
    raise AssertionError(f"booking never got there: {view}")
