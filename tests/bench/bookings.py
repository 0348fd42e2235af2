"""Bookings started straight on Temporal, as the conversation starts them: one customer, one slot, one service."""

import asyncio
import uuid
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.service import RPCError

from tests.bench import database
from tests.bench.progress import say
from tests.bench.rig import Bench, until
from tests.bench.slots import Slot
from tests.workflows.bookings import one_service
from workflows import booking_workflow_id
from workflows.booking.types import BookingInput, BookingStatus
from workflows.booking.workflow import BookingWorkflow

TASK_QUEUE = "citaflow"
# Bookings started at once: at most this, and half the worker's cache, or it would evict and replay runs still
# starting.
BATCH = 250
LINK_TIMEOUT_SECONDS = 600
PROGRESS_EVERY = 2000

Handle = WorkflowHandle[BookingWorkflow, BookingStatus]


@dataclass(frozen=True)
class Opened:
    booking_id: str
    phone: str
    handle: Handle

    def key(self, purpose: str) -> str:
        """The idempotency key of one of its messages, as the booking records it (`booking:{id}:{purpose}`)."""
        return f"{self.handle.id}:{purpose}"


async def start(bench: Bench, *, phone: str, customer_id: uuid.UUID, slot: Slot) -> Opened:
    item = one_service(customer_id, bench.service, slot.staff_id, slot.staff_name)
    booking_id = str(uuid.uuid4())
    handle = await bench.client.start_workflow(
        BookingWorkflow.run,
        BookingInput(booking_id, database.BUSINESS, phone, customer_id, slot.start, [item]),
        id=booking_workflow_id(booking_id),
        task_queue=TASK_QUEUE,
    )
    return Opened(booking_id, phone, handle)


async def decided(handle: Handle) -> BookingStatus:
    """Held or refused: a refused booking has already ended by the time the update would reach it."""
    try:
        return await handle.execute_update(BookingWorkflow.held)
    except (WorkflowUpdateFailedError, RPCError):
        return await handle.result()


async def open_bookings(bench: Bench, count: int) -> list[Opened]:
    """`count` bookings of new customers in distinct slots, each waiting for its deposit (its link sent)."""
    phones = bench.phones.take(count)
    customers = await database.add_customers(bench.db, phones)
    slots = bench.slots.take(count)
    opened: list[Opened] = []
    size = max(min(BATCH, bench.cache_limit // 2), 1)
    for first in range(0, count, size):
        batch = await asyncio.gather(
            *(
                start(bench, phone=phone, customer_id=customer, slot=slot)
                for phone, customer, slot in zip(
                    phones[first : first + size],
                    customers[first : first + size],
                    slots[first : first + size],
                    strict=True,
                )
            )
        )
        keys = [b.key("link") for b in batch]

        async def linked(keys: list[str] = keys) -> bool:
            return await database.outbound_count(bench.db, keys) == len(keys)

        await until(linked, LINK_TIMEOUT_SECONDS, "deposit links of a batch of bookings", interval=0.5)
        opened += batch
        if len(opened) // PROGRESS_EVERY > (len(opened) - len(batch)) // PROGRESS_EVERY:
            say(f"  {len(opened)}/{count} bookings waiting for their deposit")
    return opened


def payment_link(url: str) -> tuple[str, Decimal]:
    """The simulated Checkout Session id and the deposit, from the pay-page link the customer got."""
    parsed = urlparse(url)
    return parsed.path.rsplit("/", 1)[-1], Decimal(parse_qs(parsed.query)["amount"][0])
