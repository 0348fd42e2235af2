"""Worker Versioning on the real dev server, with the runbook's own command: a conversation is pinned to the build
that started it; once a new build is current, the run answers what it has with its own code and continues as new
on the new build; a new customer starts on the new build."""

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

from tests.faults.rig import Rig, fault_rig
from webhooks.channels.conversations import customer_conversation_id

pytestmark = pytest.mark.faults
TEMPORAL = Path(sys.executable).parent / "temporal"
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
