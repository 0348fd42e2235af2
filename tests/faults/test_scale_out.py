"""Scale-out on one machine: two API processes and two workers on one Temporal and one PostgreSQL, 50
customers booking and paying through both APIs, one worker killed in the middle. Every message is answered
once, every paid booking confirmed once, no slot sold twice."""

import asyncio
from datetime import datetime, timedelta
from itertools import cycle

import httpx
import pytest
from sqlalchemy import text
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from models.enums import AppointmentStatus, PaymentStatus
from tests.faults.rig import MADRID, SATURDAY, Rig, appointments_of, known_customer, said
from tests.live.customer import WhatsAppCustomer
from tests.live.stack import free_port
from tests.webhooks.test_metrics import sample

pytestmark = pytest.mark.faults
CUSTOMERS = 50
FIRST_HOUR, LAST_HOUR = 10, 19


def hours_ahead() -> list[tuple[str, int]]:
    """A distinct weekday hour for each customer (a Peinado is 30 minutes: two never overlap)."""
    found, day = [], datetime.now(MADRID).date() + timedelta(days=3)
    while len(found) < CUSTOMERS:
        if day.weekday() < SATURDAY:
            found += [(said(day), hour) for hour in range(FIRST_HOUR, LAST_HOUR)]
        day += timedelta(days=1)
    return found[:CUSTOMERS]


async def workflow_pollers(rig: Rig) -> set[str]:
    client = await Client.connect(rig.stack.temporal_address)
    answer = await client.workflow_service.describe_task_queue(
        DescribeTaskQueueRequest(
            namespace="default",
            task_queue=TaskQueue(name="citaflow"),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        )
    )
    return {poller.identity for poller in answer.pollers}


async def books_and_pays(rig: Rig, who: WhatsAppCustomer, day: str, hour: int, killed: asyncio.Event) -> str:
    [offer] = await who.converse(f"quiero cita para un peinado {day} a las {hour}")
    assert "tengo estos huecos" in offer and f"a las {hour}:00" in offer.splitlines()[1], offer
    await killed.wait()  # the second half of every flow runs after a worker died
    [link] = await who.converse("la primera", timeout=180)
    assert "/pay/" in link, link
    await rig.pay(who.api, link)
    [confirmation] = (await who.wait_for_replies(3, timeout=180))[2:]
    return confirmation


async def test_two_apis_and_two_workers_share_the_load_and_lose_nothing_when_one_worker_dies(rig: Rig) -> None:
    metrics_address = f"127.0.0.1:{free_port()}"
    rig.stack.start_worker("worker-2", METRICS_ADDRESS=metrics_address)
    second_api = rig.stack.start_api("api-2")
    assert len(await workflow_pollers(rig)) >= 2, "both workers poll the task queue"
    async with (
        httpx.AsyncClient(base_url=rig.api, timeout=15) as first,
        httpx.AsyncClient(base_url=second_api, timeout=15) as second,
        rig.db() as db,
    ):
        apis = cycle((first, second))
        people = [rig.customer(next(apis), f"Persona{n}") for n in range(CUSTOMERS)]
        for who in people:
            await known_customer(db, who)
        killed = asyncio.Event()
        flows = [
            asyncio.create_task(books_and_pays(rig, who, day, hour, killed))
            for who, (day, hour) in zip(people, hours_ahead(), strict=True)
        ]
        while sum(len(who.replies()) for who in people) < CUSTOMERS:  # every offer made
            await asyncio.sleep(0.2)
        rig.stack.kill("worker")
        killed.set()
        confirmations = await asyncio.gather(*flows)

        assert all("¡Cita confirmada!" in c for c in confirmations)
        await asyncio.sleep(2)  # a duplicate would have arrived by now
        for who in people:
            replies = who.replies()
            assert len(replies) == 3 and len(set(replies)) == 3, f"{who.name}: {replies}"
            [appointment] = await appointments_of(db, who.phone)
            assert (appointment.status, appointment.payment_status) == (
                AppointmentStatus.CONFIRMED,
                PaymentStatus.PAID,
            )
        async with db.connect() as conn:
            overlapping = await conn.scalar(
                text(
                    "SELECT count(*) FROM appointment a JOIN appointment b ON a.staff_id = b.staff_id "
                    "AND a.id < b.id AND tstzrange(a.start_at, a.end_at) && tstzrange(b.start_at, b.end_at) "
                    "WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'"
                )
            )
        assert overlapping == 0
        assert len(rig.stripe.sessions) == CUSTOMERS, "one checkout per booking"

    # The surviving worker's Prometheus endpoint: the SDK's metrics and ours (all turns after the kill ran there).
    metrics = httpx.get(f"http://{metrics_address}/metrics").text
    assert sample(metrics, "citaflow_turns_total") >= CUSTOMERS
    assert sample(metrics, "citaflow_booking_transitions_total", status="confirmed") >= 1
    assert (
        sample(metrics, "temporal_workflow_completed_total") >= 0 and "temporal_activity_execution_latency" in metrics
    )
