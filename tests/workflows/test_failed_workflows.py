"""A workflow that ends FAILED is loud: counted by workflow type on the worker's Prometheus endpoint, under the
name the WorkflowsFailed alert watches, and named by the test janitor, which fails the test that left it."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import yaml
from temporalio import workflow
from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from models.runtime.settings import Settings
from models.runtime.temporal_client import process_runtime
from tests.live.stack import free_port
from tests.settings_for import TEST_CONVERTER
from tests.webhooks.test_metrics import sample
from tests.workflow_janitor import WorkflowJanitor

ALERTS = Path(__file__).parents[2] / "deploy" / "prometheus" / "alerts.yaml"


@workflow.defn
class RefusedForGood:
    """Fails for good after continuing as new `runs_before` times; with -1, stays open instead."""

    @workflow.run
    async def run(self, runs_before: int) -> None:
        if runs_before < 0:
            await workflow.wait_condition(lambda: False)
        if runs_before > 0:
            workflow.continue_as_new(runs_before - 1)
        raise ApplicationError("the provider said no", type="MessageRejected", non_retryable=True)


@pytest.fixture
async def metrics_client(settings: Settings, temporal_env: WorkflowEnvironment) -> AsyncIterator[tuple[Client, str]]:
    """A client of its own (the workflows here fail on purpose, outside the test's janitor), whose runtime
    serves Prometheus metrics as the worker's does."""
    address = f"127.0.0.1:{free_port()}"
    client = await Client.connect(
        temporal_env.client.service_client.config.target_host,
        data_converter=TEST_CONVERTER,
        runtime=process_runtime(settings.model_copy(update={"metrics_address": address})),
    )
    yield client, address


def _worker(client: Client, queue: str) -> Worker:
    # A test-only workflow: the sandbox would re-import this test module and its test dependencies.
    return Worker(client, task_queue=queue, workflows=[RefusedForGood], workflow_runner=UnsandboxedWorkflowRunner())


def _alert_expr(name: str) -> str:
    rules = yaml.safe_load(ALERTS.read_text())["groups"][0]["rules"]
    return str(next(rule["expr"] for rule in rules if rule["alert"] == name))


async def test_a_failed_workflow_is_counted_by_type_where_the_alert_looks(metrics_client: tuple[Client, str]) -> None:
    client, address = metrics_client
    queue = f"failing-{uuid.uuid4()}"
    async with _worker(client, queue):
        with pytest.raises(WorkflowFailureError):
            await client.execute_workflow(RefusedForGood.run, 0, id=f"refused-{uuid.uuid4()}", task_queue=queue)
        metrics = httpx.get(f"http://{address}/metrics").text

    assert sample(metrics, "temporal_workflow_failed_total", workflow_type="RefusedForGood") == 1
    assert "temporal_workflow_failed_total" in _alert_expr("WorkflowsFailed")
    assert "by (workflow_type)" in _alert_expr("WorkflowsFailed")


async def test_the_janitor_names_every_failed_run_even_behind_continue_as_new_and_a_new_run(
    metrics_client: tuple[Client, str], temporal_env: WorkflowEnvironment
) -> None:
    janitor = WorkflowJanitor()
    client = janitor.client_for(metrics_client[0])
    queue, workflow_id = f"failing-{uuid.uuid4()}", f"refused-{uuid.uuid4()}"
    async with _worker(client, queue):
        with pytest.raises(WorkflowFailureError):
            await client.execute_workflow(RefusedForGood.run, 1, id=workflow_id, task_queue=queue)
        # The same id started again (as a customer's next message would): the failed run is no longer the latest.
        await client.start_workflow(RefusedForGood.run, -1, id=workflow_id, task_queue=queue)
        failed = await janitor.failed(temporal_env.client)
        await janitor.terminate_all(temporal_env.client)

    assert failed == [f"RefusedForGood {workflow_id}: MessageRejected: the provider said no"]
