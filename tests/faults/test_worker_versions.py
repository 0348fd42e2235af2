"""Worker Versioning on the real dev server, with the runbook's own command: a conversation is pinned to the build
that started it; once a new build is current, the run answers what it has with its own code and continues as new
on the new build; a new customer starts on the new build. A booking is finished by the build that started it,
whatever build is current meanwhile. The tests share one stack, each making current the builds it needs."""

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from temporalio.api.enums.v1 import EventType, VersioningBehavior
from temporalio.client import Client

from deploy.local.builds import adopt_earlier_runs
from tests.faults.rig import Rig, fault_rig, known_customer, weekday_ahead
from tests.live.customer import WhatsAppCustomer
from webhooks.channels.conversations import customer_conversation_id

pytestmark = pytest.mark.faults
TEMPORAL = Path(sys.executable).parent / "temporal"
REPO = Path(__file__).resolve().parents[2]
# The dev server learns of a version from its first poll; until then setting it current is refused.
SET_CURRENT_SECONDS = 30
MOVE_SECONDS = 30


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    with fault_rig(WORKER_BUILD_ID="v1") as rig:
        yield rig


def make_current(rig: Rig, build_id: str) -> None:
    """docs/runbook.md: `temporal worker deployment set-current-version`, once the build's workers poll."""
    command = [str(TEMPORAL), "worker", "deployment", "set-current-version", "--deployment-name", "citaflow"]
    command += ["--build-id", build_id, "--address", rig.stack.temporal_address, "--yes"]
    deadline = time.monotonic() + SET_CURRENT_SECONDS
    while (done := subprocess.run(command, capture_output=True, text=True)).returncode != 0:
        assert time.monotonic() < deadline, done.stderr
        time.sleep(0.5)


def run_current_version_step(rig: Rig, build_id: str) -> None:
    """compose's `worker-current` one-shot (the Kubernetes Job's too), with the settings of the new build's image."""
    step = [sys.executable, "-m", "deploy.current_version"]
    env = rig.stack.env(WORKER_BUILD_ID=build_id)
    done = subprocess.run(step, cwd=REPO, env=env, capture_output=True, text=True, timeout=SET_CURRENT_SECONDS)
    assert done.returncode == 0, done.stderr


async def build_of(client: Client, workflow_id: str, run_id: str | None = None) -> tuple[str, str, int]:
    """The run id, the build it is on and its versioning behaviour."""
    described = await client.get_workflow_handle(workflow_id, run_id=run_id).describe()
    versioning = described.raw_description.workflow_execution_info.versioning_info
    return described.run_id, versioning.deployment_version.build_id, versioning.behavior


async def test_a_conversation_keeps_its_build_then_continues_on_the_current_one(
    rig: Rig, http: httpx.AsyncClient
) -> None:
    client = await Client.connect(rig.stack.temporal_address)
    make_current(rig, "v1")
    # The next build's workers poll before it is made current, as in a rollout: they take nothing until then.
    rig.stack.start_worker("worker-v2", WORKER_BUILD_ID="v2")
    alice = rig.customer(http, "Alicia")
    alice_id = customer_conversation_id(rig.stack.settings(), "atrevete", alice.phone)
    assert await alice.converse("hola, ¿dónde estáis?")
    first_run, build, behavior = await build_of(client, alice_id)
    assert (build, behavior) == ("v1", VersioningBehavior.VERSIONING_BEHAVIOR_PINNED)

    make_current(rig, "v2")
    assert await alice.converse("¿y qué horario tenéis?")
    deadline = time.monotonic() + MOVE_SECONDS
    while (moved := await build_of(client, alice_id))[0] == first_run or moved[1] != "v2":
        assert time.monotonic() < deadline, f"the conversation stayed on {moved}"
        await asyncio.sleep(0.5)
    first = (await client.get_workflow_handle(alice_id, run_id=first_run).fetch_history()).events
    signals = [e for e in first if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]
    assert len(signals) == 2, "both messages were answered by the run pinned to v1"
    assert first[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
    assert (await build_of(client, alice_id, first_run))[1] == "v1"
    assert await alice.converse("gracias"), "the new run answers"

    bob = rig.customer(http, "Bruno")
    assert await bob.converse("hola")
    bob_id = customer_conversation_id(rig.stack.settings(), "atrevete", bob.phone)
    assert (await build_of(client, bob_id))[1] == "v2", "a new conversation starts on the current build"


async def held_booking(rig: Rig, who: WhatsAppCustomer, day: str, hour: int) -> str:
    """A known customer takes the first slot offered: the booking workflow holds it and waits for the deposit (for
    days if need be, on the build it started on). Returns the deposit message."""
    async with rig.db() as db:
        await known_customer(db, who)
    [offer] = await who.converse(f"quiero cita para un tinte {day} a las {hour}")
    assert "tengo estos huecos" in offer, offer
    [link] = await who.converse("la primera")
    assert "/pay/" in link, link
    return link


async def test_a_booking_finishes_on_the_build_it_started_on(rig: Rig, http: httpx.AsyncClient) -> None:
    client = await Client.connect(rig.stack.temporal_address)
    make_current(rig, "v1")  # the rig's first worker: a rollback, when the test before made v2 current
    day = weekday_ahead(4)
    carla = rig.customer(http, "Carla")
    carla_link = await held_booking(rig, carla, day, 12)
    carla_booking = f"booking:{rig.booking_in(carla_link)}"
    assert (await build_of(client, carla_booking))[1:] == ("v1", VersioningBehavior.VERSIONING_BEHAVIOR_PINNED)

    rig.stack.start_worker("worker-v3", WORKER_BUILD_ID="v3")
    run_current_version_step(rig, "v3")
    await rig.pay(http, carla_link)
    assert "¡Cita confirmada!" in (await carla.wait_for_replies(3))[2]
    assert (await build_of(client, carla_booking))[1] == "v1", "the paid booking stayed on its build"
    events = (await client.get_workflow_handle(carla_booking).fetch_history()).events
    completed_by = {
        e.workflow_task_completed_event_attributes.deployment_version.build_id
        for e in events
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    }
    assert completed_by == {"v1"}, "every task of the booking, the payment's too, ran on the v1 worker"

    dora = rig.customer(http, "Dora")
    dora_booking = f"booking:{rig.booking_in(await held_booking(rig, dora, day, 16))}"
    assert (await build_of(client, dora_booking))[1:] == ("v3", VersioningBehavior.VERSIONING_BEHAVIOR_PINNED)


async def test_make_run_brings_the_runs_of_an_earlier_build_onto_its_own(rig: Rig, http: httpx.AsyncClient) -> None:
    """`make run` runs one worker: after a new commit, the runs the earlier commit's worker started are pinned to
    the new build (deploy/local/builds.py), or they would wait for a worker that never comes back. Last in the
    module: it moves every run of the stack."""
    client = await Client.connect(rig.stack.temporal_address)
    rig.stack.start_worker("worker-d1", WORKER_BUILD_ID="d1")
    make_current(rig, "d1")
    eva = rig.customer(http, "Eva")
    assert await eva.converse("hola")
    eva_id = customer_conversation_id(rig.stack.settings(), "atrevete", eva.phone)
    assert (await build_of(client, eva_id))[1] == "d1"
    rig.stack.stop("worker-d1")  # `make run` stopped; the next commit's starts

    rig.stack.start_worker("worker-d2", WORKER_BUILD_ID="d2")
    make_current(rig, "d2")
    assert await adopt_earlier_runs(rig.stack.settings(), "d2") >= 1
    assert await eva.converse("Me llamo Eva"), "the conversation of the earlier build answers on this one"
    assert (await build_of(client, eva_id))[1] == "d2"
