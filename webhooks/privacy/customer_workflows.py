"""A customer's workflows in Temporal, found by their pseudonym (and, for bookings made without a conversation, by
their appointments), with the Web UI page of each."""

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select
from temporalio.client import Client, WorkflowExecutionDescription
from temporalio.service import RPCError, RPCStatusCode

from models import Appointment, Business, Customer
from models.runtime.pseudonyms import customer_pseudonym
from models.runtime.settings import Settings
from workflows import conversation_id
from workflows.booking.refund_retry import refund_retry_workflow_id


@dataclass(frozen=True)
class FoundWorkflow:
    workflow_id: str
    status: str
    link: str


def web_ui_link(settings: Settings, workflow_id: str) -> str:
    return (
        f"{settings.temporal_ui_url}/namespaces/{settings.temporal_namespace}/workflows/{quote(workflow_id, safe='')}"
    )


@dataclass(frozen=True)
class CustomerRecords:
    """What the database knows of a customer, read once: their rows (each with its business's slug) and the
    booking workflows that hold their data (booked by them or for them)."""

    rows: list[tuple[Customer, str]]
    bookings: set[str]


async def records_of(session: AsyncSession, customer: str, business: str | None) -> CustomerRecords:
    """The rows behind `customer` (a phone or channel key), in `business` or in every business."""
    query = (
        select(Customer, Business.slug)
        .join(Business, col(Business.id) == col(Customer.business_id))
        .where(Customer.phone == customer)
    )
    if business is not None:
        query = query.where(Business.slug == business)
    rows = [(row, slug) for row, slug in (await session.execute(query)).all()]
    ids = [c.id for c, _ in rows]
    bookings = await session.execute(
        select(Appointment.workflow_id)
        .where(or_(col(Appointment.customer_id).in_(ids), col(Appointment.booked_by_id).in_(ids)))
        .distinct()
    )
    return CustomerRecords(rows, set(bookings.scalars()))


async def customer_workflow_ids(
    client: Client, settings: Settings, customer: str, business: str | None, records: CustomerRecords
) -> list[str]:
    """Every workflow id that may hold the customer's data, whether it still exists in Temporal or not."""
    pseudonym = customer_pseudonym(settings, customer)
    query = f'CustomerPseudonym="{pseudonym}"' + (f' AND Business="{business}"' if business else "")
    found = {wf.id async for wf in client.list_workflows(query)}
    found |= {conversation_id(slug, pseudonym) for _, slug in records.rows}
    found |= records.bookings | {refund_retry_workflow_id(b.removeprefix("booking:")) for b in records.bookings}
    return sorted(found)


async def described(client: Client, workflow_id: str, run_id: str = "") -> WorkflowExecutionDescription | None:
    """The run (the current one without `run_id`), or None when Temporal has none: never started, or deleted."""
    try:
        return await client.get_workflow_handle(workflow_id, run_id=run_id or None).describe()
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            return None
        raise


async def find_customer_workflows(
    client: Client, settings: Settings, customer: str, business: str | None, records: CustomerRecords
) -> list[FoundWorkflow]:
    """The customer's workflows Temporal still has, with their status and Web UI page."""
    found = []
    for workflow_id in await customer_workflow_ids(client, settings, customer, business, records):
        description = await described(client, workflow_id)
        if description is not None:
            status = description.status.name if description.status else "UNKNOWN"
            found.append(FoundWorkflow(workflow_id, status, web_ui_link(settings, workflow_id)))
    return found
