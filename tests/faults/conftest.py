"""Each fault-suite module gets its own live stack (the tests in it break it and mend it), and each test an
HTTP client for the deliveries it makes."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.faults.rig import Rig, fault_rig


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    with fault_rig() as rig:
        yield rig


@pytest.fixture
async def http(rig: Rig) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=rig.api, timeout=15) as client:
        yield client
