"""One production-mode API process for the whole security suite (starting one takes seconds)."""

from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr
from temporalio.testing import WorkflowEnvironment

from models.runtime.settings import Settings
from tests.security.production_api import (
    PRODUCTION_TASK_QUEUE,
    SECRETS,
    ProductionApi,
    production_env,
    start_production_api,
)
from tests.settings_for import settings_for
from tests.workflow_janitor import clock_skips


@pytest.fixture(scope="session")
def temporal_address(temporal_env: WorkflowEnvironment) -> str:
    address: str = temporal_env.client.service_client.config.target_host
    return address


@pytest.fixture(scope="session")
def production(database_url: str, temporal_address: str) -> Iterator[ProductionApi]:
    api = start_production_api(production_env(database_url, temporal_address))
    yield api
    api.stop()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """A security test's worker polls the production API's queue: what that API starts is answered, and ended by
    the test's janitor, never left with a task nobody takes."""
    return settings_for(
        database_url, task_queue=PRODUCTION_TASK_QUEUE, pseudonym_secret=SecretStr(SECRETS["PSEUDONYM_SECRET"])
    )


@pytest.fixture(autouse=True)
async def clock_still_skips(temporal_env: WorkflowEnvironment) -> AsyncIterator[None]:
    """The production API is a process of its own: a workflow it starts is no test's. Whatever a test made it
    start must not stop the test server's clock for the tests after it."""
    yield
    assert await clock_skips(temporal_env), "the test server's clock stopped skipping: a workflow task nobody takes"
