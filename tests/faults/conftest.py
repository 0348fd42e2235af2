"""Each fault-suite module gets its own live stack (the tests in it break it and mend it), and each test an
HTTP client for the deliveries it makes; after each test, no workflow may have ended FAILED."""

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest

from models.runtime.temporal_client import connect_temporal
from tests.faults.rig import Rig, fault_rig
from tests.workflow_janitor import failed_since


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    with fault_rig() as rig:
        yield rig


@pytest.fixture
async def http(rig: Rig) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=rig.api, timeout=15) as client:
        yield client


@pytest.fixture(autouse=True)
async def no_workflow_failed(rig: Rig) -> AsyncIterator[None]:
    since = datetime.now(UTC)
    yield
    failed = await failed_since(await connect_temporal(rig.stack.settings()), since)
    assert not failed, "workflows ended FAILED:\n" + "\n".join(failed)
