"""Meta's delivery statuses are applied by the webhook itself, before it answers: only ever raised, never
signalled to the conversation that sent the message, and refused whole (503, Retry-After) while PostgreSQL cannot
take them, so Meta's redelivery applies them later."""

import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from deploy.local.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from migrations.apply import upgrade_head
from models import Business, DeadLetter, Message
from models.enums import Channel, DeliveryStatus, Direction
from models.runtime.db import create_engine
from models.runtime.settings import Settings
from models.seeding.seed import seed_salon
from tests.app_client import client_for
from tests.fakes.whatsapp_graph_api import GraphApiFake
from tests.live.meta import fixture, status
from tests.settings_for import conversation_of, settings_for, whatsapp_cloud
from tests.webhooks.test_whatsapp import SECRET, post
from webhooks.app import RETRY_AFTER_SECONDS
from workflows.conversation.workflow import ConversationWorkflow


@pytest.fixture
def settings(database_url: str, graph: GraphApiFake) -> Settings:
    return settings_for(database_url, **whatsapp_cloud(graph.api_base))


async def sent_message(db: AsyncEngine, phone: str, wamid: str) -> None:
    """An outbound message of the demo salon that WhatsApp took (it has its wamid), as the outbound ledger marks
    one; no conversation runs for it."""
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        session.add(
            Message(
                business_id=business.id,
                customer_phone=phone,
                direction=Direction.OUTBOUND,
                channel=Channel.WHATSAPP_CLOUD,
                external_id=f"out-{uuid.uuid4()}",
                body="Recordatorio",
                workflow_id="booking:any",
                provider_message_id=wamid,
                delivery_status=DeliveryStatus.SENT,
            )
        )


async def status_of(db: AsyncEngine, wamid: str) -> DeliveryStatus | None:
    async with AsyncSession(db) as session:
        return (
            await session.execute(select(Message.delivery_status).where(Message.provider_message_id == wamid))
        ).scalar_one()


async def row_version(db: AsyncEngine, wamid: str) -> str:
    """PostgreSQL's xmin of the message row: it changes with any write to the row, even of the same values."""
    async with db.connect() as conn:
        query = text("SELECT xmin::text FROM message WHERE provider_message_id = :wamid")
        return str((await conn.execute(query, {"wamid": wamid})).scalar_one())


def batch(phone: str, state: str, *wamids: str) -> dict[str, Any]:
    """One delivery from Meta carrying `state` for each of `wamids`."""
    payload = status(phone, wamids[0], state)
    statuses = payload["entry"][0]["changes"][0]["value"]["statuses"]
    statuses.extend(statuses[0] | {"id": wamid} for wamid in wamids[1:])
    return payload


async def test_a_status_for_a_running_conversations_reply_is_applied_before_the_answer_and_never_signalled(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    inbound = fixture("webhook.message.text.json", phone)
    assert (await post(api, inbound)).status_code == 200
    handle = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "wamid.xyzxyz")
    async with AsyncSession(db) as session:
        [wamid] = (
            await session.execute(
                select(Message.provider_message_id).where(
                    Message.customer_phone == phone, Message.direction == Direction.OUTBOUND
                )
            )
        ).scalars()
    assert wamid is not None

    assert (await post(api, status(phone, wamid, "delivered"))).json() == {"delivered": 0, "statuses": 1}
    assert await status_of(db, wamid) == DeliveryStatus.DELIVERED, "applied before the webhook answered"
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
    signals = [
        event.workflow_execution_signaled_event_attributes.signal_name
        for event in (await handle.fetch_history()).events
        if event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
    ]
    assert signals == ["customer_message"], "the conversation heard of the customer's message, not of the status"


async def test_statuses_out_of_order_leave_the_highest(phone: str, api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await sent_message(db, phone, "wamid.shuffled")
    assert (await post(api, status(phone, "wamid.shuffled", "read"))).json()["statuses"] == 1
    assert await status_of(db, "wamid.shuffled") == DeliveryStatus.READ
    assert (await post(api, status(phone, "wamid.shuffled", "delivered"))).json()["statuses"] == 1
    assert await status_of(db, "wamid.shuffled") == DeliveryStatus.READ


async def test_a_redelivered_status_changes_nothing(phone: str, api: httpx.AsyncClient, db: AsyncEngine) -> None:
    await sent_message(db, phone, "wamid.twice")
    assert (await post(api, status(phone, "wamid.twice", "delivered"))).json() == {"delivered": 0, "statuses": 1}
    version = await row_version(db, "wamid.twice")

    assert (await post(api, status(phone, "wamid.twice", "delivered"))).json() == {"delivered": 0, "statuses": 1}
    assert await status_of(db, "wamid.twice") == DeliveryStatus.DELIVERED
    assert await row_version(db, "wamid.twice") == version, "the row was not written again"
    async with AsyncSession(db) as session:
        assert list((await session.execute(select(DeadLetter))).scalars()) == [], "ours, so no dead letter"


async def test_a_batch_postgresql_is_too_slow_for_is_refused_whole_and_its_redelivery_applies_it(
    phone: str, api: httpx.AsyncClient, db: AsyncEngine
) -> None:
    for wamid in ("wamid.a", "wamid.b"):
        await sent_message(db, phone, wamid)
    both = batch(phone, "read", "wamid.a", "wamid.b")
    # Another transaction holds the second message's row: the batch's write waits past its time limit.
    async with db.connect() as holder, holder.begin():
        lock = text("SELECT 1 FROM message WHERE provider_message_id = 'wamid.b' FOR UPDATE")
        await holder.execute(lock)
        refused = await post(api, both)
        assert refused.status_code == 503 and refused.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert [await status_of(db, w) for w in ("wamid.a", "wamid.b")] == [DeliveryStatus.SENT] * 2, "none applied"

    assert (await post(api, both)).json() == {"delivered": 0, "statuses": 2}
    assert [await status_of(db, w) for w in ("wamid.a", "wamid.b")] == [DeliveryStatus.READ] * 2


@pytest.fixture
async def own_postgres() -> AsyncIterator[tuple[Path, str]]:
    """A PostgreSQL of this test's own (migrated, the demo salon seeded), which it may stop and start again."""
    root = Path(tempfile.mkdtemp(prefix="cf-status-", dir="/tmp"))
    try:
        url = start_embedded_postgres(root / "pg", database="status_outage")
        upgrade_head(url)
        engine = create_engine(url)
        await seed_salon(engine)
        await engine.dispose()
        yield root / "pg", url
    finally:
        stop_embedded_postgres(root / "pg")
        shutil.rmtree(root, ignore_errors=True)


async def test_a_status_while_postgresql_is_down_is_refused_with_retry_after_and_its_redelivery_applies_it(
    phone: str, own_postgres: tuple[Path, str], temporal_client: Client
) -> None:
    pgdata, url = own_postgres
    engine = create_engine(url)
    await sent_message(engine, phone, "wamid.outage")
    read = status(phone, "wamid.outage", "read")
    async with client_for(settings_for(url, whatsapp_app_secret=SecretStr(SECRET)), temporal_client) as api:
        stop_embedded_postgres(pgdata)
        refused = await post(api, read)
        assert refused.status_code == 503 and refused.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
        assert start_embedded_postgres(pgdata, database="status_outage") == url
        assert await status_of(engine, "wamid.outage") == DeliveryStatus.SENT

        assert (await post(api, read)).json() == {"delivered": 0, "statuses": 1}
    assert await status_of(engine, "wamid.outage") == DeliveryStatus.READ
    await engine.dispose()
