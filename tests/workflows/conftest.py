"""The workflow tests' worker: the production one with `cuts` inside its activities (none armed unless a test
arms one), so a test can break our own activities where a crash, a slow commit or a refusal would."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.runtime.db import session_factory
from models.runtime.settings import Settings
from tests.workflow_janitor import WorkflowJanitor
from tests.workflows.activity_cuts import ActivityCuts
from worker import build_worker


@pytest.fixture
def cuts() -> ActivityCuts:
    return ActivityCuts()


@pytest.fixture
async def worker(
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
    janitor: WorkflowJanitor,
    settings: Settings,
    db: AsyncEngine,
    cuts: ActivityCuts,
) -> AsyncIterator[Worker]:
    worker = build_worker(temporal_client, settings, session_factory(db), interceptors=[cuts])
    janitor.queues_polled.add(worker.task_queue)
    async with worker:
        yield worker
        await janitor.terminate_all(temporal_env.client)
