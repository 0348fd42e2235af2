"""/admin → "Con el equipo" for a login of business B: only B's conversations are listed and handed back."""

from collections.abc import AsyncIterator
from typing import cast

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from temporalio.client import Client, WorkflowExecution, WorkflowHandle
from temporalio.worker import Worker

from models import AdminAccount
from models.settings import Settings
from tests.app_client import client_for
from tests.factories import make_business
from webhooks.passwords import hash_password
from workflows import conversation_id
from workflows.conversation import ConversationWorkflow
from workflows.conversation_types import ConversationInput

B_SLUG = "bella"
B_LOGIN = {"username": "berta", "password": "clave-de-bella"}


@pytest.fixture
async def bella(db: AsyncEngine) -> None:
    """Business B, with a login, beside the demo salon (business A, slug atrevete)."""
    async with AsyncSession(db) as session, session.begin():
        business = await make_business(session, slug=B_SLUG)
        hashed = hash_password(B_LOGIN["password"], iterations=1_000)
        session.add(AdminAccount(business_id=business.id, username=B_LOGIN["username"], password_hash=hashed))


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data=B_LOGIN)
    assert response.status_code in (302, 303), response.text


async def test_hand_back_reaches_only_the_business_conversations(
    api: httpx.AsyncClient, bella: None, temporal_client: Client, worker: Worker, phone: str
) -> None:
    # On the worker's queue: a workflow task left on a queue nobody polls freezes the test server's clock.
    theirs, mine = [
        await temporal_client.start_workflow(
            ConversationWorkflow.run,
            ConversationInput(business=business, phone=phone),
            id=conversation_id(business, phone),
            task_queue=worker.task_queue,
        )
        for business in ("atrevete", B_SLUG)
    ]
    await _login(api)
    assert (await api.post("/admin/handovers/hand-back", data={"workflow_id": theirs.id})).status_code == 404
    assert (await api.post("/admin/handovers/hand-back", data={"workflow_id": mine.id})).status_code == 303
    assert (await _signals(theirs), await _signals(mine)) == ([], ["hand_back"])


async def _signals(handle: WorkflowHandle[object, object]) -> list[str]:
    return [
        event.workflow_execution_signaled_event_attributes.signal_name
        async for event in handle.fetch_history_events()
        if event.HasField("workflow_execution_signaled_event_attributes")
    ]


class _Visibility:
    """Temporal for the handovers page: records the visibility query, finds nothing (the time-skipping test
    server has no visibility queries; tests/e2e lists a real escalated conversation)."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def list_workflows(self, query: str) -> AsyncIterator[WorkflowExecution]:
        self.queries.append(query)
        return _nothing()


async def _nothing() -> AsyncIterator[WorkflowExecution]:
    for found in ():
        yield found


async def test_the_handovers_page_asks_only_for_the_business_conversations(settings: Settings, bella: None) -> None:
    visibility = _Visibility()
    async with client_for(settings, cast(Client, visibility)) as api:
        await _login(api)
        assert (await api.get("/admin/handovers")).status_code == 200
    assert visibility.queries == [
        f'ConversationState="escalated" AND Business="{B_SLUG}" AND ExecutionStatus="Running"'
    ]
