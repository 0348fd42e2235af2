"""/admin → "Con el equipo" for a login of business B: only B's conversations are listed and handed back."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import cast

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col
from temporalio.client import Client, WorkflowExecution, WorkflowHandle
from temporalio.worker import Worker

from models import AdminAccount, Business, Customer, Message
from models.enums import Channel, Direction
from models.passwords import hash_password
from models.queries import get_business
from models.runtime.settings import Settings
from tests.admin_csrf import carry_csrf
from tests.app_client import client_for
from tests.factories import make_business
from tests.settings_for import conversation_of
from workflows.conversation.types import ConversationInput
from workflows.conversation.workflow import ConversationWorkflow

B_SLUG = "bella"
B_LOGIN = {"username": "berta", "password": "clave-de-bella"}


@pytest.fixture
async def bella(db: AsyncEngine) -> None:
    """Business B, with a login, beside the demo salon (business A, slug atrevete)."""
    async with AsyncSession(db) as session, session.begin():
        business = await make_business(session, slug=B_SLUG)
        hashed = hash_password(B_LOGIN["password"])
        session.add(AdminAccount(business_id=business.id, username=B_LOGIN["username"], password_hash=hashed))


async def _login(api: httpx.AsyncClient) -> None:
    response = await api.post("/admin/login", data=B_LOGIN)
    assert response.status_code in (302, 303), response.text
    await carry_csrf(api)


@pytest.mark.usefixtures("bella")
async def test_hand_back_reaches_only_the_business_conversations(
    api: httpx.AsyncClient, temporal_client: Client, worker: Worker, phone: str
) -> None:
    # On the worker's queue: a workflow task left on a queue nobody polls freezes the test server's clock.
    theirs, mine = [
        await temporal_client.start_workflow(
            ConversationWorkflow.run,
            ConversationInput(business=business, phone=phone),
            id=conversation_of(business, phone),
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
    """Temporal for the handovers page: records the visibility query and finds one escalated conversation
    (the time-skipping test server has no visibility queries; tests/e2e lists a real one)."""

    def __init__(self, found: SimpleNamespace) -> None:
        self.queries: list[str] = []
        self._found = found

    def list_workflows(self, query: str) -> AsyncIterator[WorkflowExecution]:
        self.queries.append(query)
        return self._one()

    async def _one(self) -> AsyncIterator[WorkflowExecution]:
        yield cast(WorkflowExecution, self._found)


@pytest.mark.usefixtures("bella")
async def test_the_handovers_page_asks_only_for_the_business_conversations_in_its_time(
    settings: Settings, db: AsyncEngine
) -> None:
    async with db.begin() as conn:
        await conn.execute(update(Business).where(col(Business.slug) == B_SLUG).values(timezone="America/Mexico_City"))
    started = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    conversation = conversation_of(B_SLUG, "+34600123456")
    async with AsyncSession(db) as session, session.begin():
        bella = await get_business(session, slug=B_SLUG)
        session.add(Customer(business_id=bella.id, phone="+34600123456", first_name="Lucía"))
        session.add(
            Message(
                business_id=bella.id,
                customer_phone="+34600123456",
                direction=Direction.INBOUND,
                channel=Channel.WHATSAPP_CLOUD,
                external_id="wamid.handover",
                body="quiero hablar con alguien",
                workflow_id=conversation,
            )
        )
        # The conversation also wrote to the salon's phone: that number is not the customer.
        session.add(
            Message(
                business_id=bella.id,
                customer_phone="+34910000000",
                direction=Direction.OUTBOUND,
                channel=Channel.WHATSAPP_CLOUD,
                external_id=f"{conversation}:team:1",
                body="🔔 Lucía quiere hablar con alguien",
                workflow_id=conversation,
            )
        )
    visibility = _Visibility(SimpleNamespace(id=conversation, start_time=started))
    async with client_for(settings, cast(Client, visibility)) as api:
        await _login(api)
        page = await api.get("/admin/handovers")
    assert visibility.queries == [
        f'ConversationState="escalated" AND Business="{B_SLUG}" AND ExecutionStatus="Running"'
    ]
    assert "+34600123456" in page.text and "02/12/2026 03:30" in page.text, "Mexico City's clock, not the server's"
    assert "Lucía" in page.text, "the customer's name, read from the business's own rows"
    assert "+34910000000" not in page.text, "the team's phone is not the customer's"


@pytest.mark.usefixtures("bella")
async def test_the_handovers_page_says_who_why_and_what_they_said_last(settings: Settings, db: AsyncEngine) -> None:
    conversation = conversation_of(B_SLUG, "+34600123456")
    said = [
        (Direction.INBOUND, "+34600123456", "hola, quiero cita"),
        (Direction.OUTBOUND, "+34910000000", "🔔 Pide hablar con una persona.\nCliente: Lucía (+34600123456)"),
        (Direction.INBOUND, "+34600123456", "<b>¿me llamáis?</b>"),
    ]
    async with AsyncSession(db) as session, session.begin():
        bella = await get_business(session, slug=B_SLUG)
        session.add(Customer(business_id=bella.id, phone="+34600123456", first_name="Lucía", last_name="Ortega"))
        for n, (direction, phone, body) in enumerate(said):
            session.add(
                Message(
                    business_id=bella.id,
                    customer_phone=phone,
                    direction=direction,
                    channel=Channel.WHATSAPP_CLOUD,
                    external_id=f"m{n}",
                    body=body,
                    workflow_id=conversation,
                    created_at=datetime(2026, 12, 2, 9, 30 + n, tzinfo=UTC),
                )
            )
    visibility = _Visibility(SimpleNamespace(id=conversation, start_time=datetime(2026, 12, 2, 9, 30, tzinfo=UTC)))
    async with client_for(settings, cast(Client, visibility)) as api:
        await _login(api)
        page = (await api.get("/admin/handovers")).text
    assert "Lucía Ortega" in page
    assert "Pide hablar con una persona." in page and "Cliente: Lucía" not in page, "the alert's first line"
    assert "&lt;b&gt;¿me llamáis?&lt;/b&gt;" in page, "the customer's last message, escaped"
    assert "hola, quiero cita" not in page, "only the last one"
