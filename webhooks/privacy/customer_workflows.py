"""A customer's workflows in Temporal, found by their pseudonym (and, for bookings made without a conversation, by
their appointments), with the Web UI page of each."""

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, or_, select
from temporalio.client import Client
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


async def customers_named(session: AsyncSession, customer: str, business: str | None) -> list[tuple[Customer, str]]:
    """The customer rows behind `customer` (a phone or channel key), each with its business's slug."""
    query = (
        select(Customer, Business.slug)
        .join(Business, col(Business.id) == col(Customer.business_id))
        .where(Customer.phone == customer)
    )
    if business is not None:
        query = query.where(Business.slug == business)
    return [(row, slug) for row, slug in (await session.execute(query)).all()]


async def booking_ids_of(session: AsyncSession, customers: list[Customer]) -> set[str]:
    """The booking workflows that hold these customers' data: booked by them or for them."""
    ids = [c.id for c in customers]
    rows = await session.execute(
        select(Appointment.workflow_id)
        .where(or_(col(Appointment.customer_id).in_(ids), col(Appointment.booked_by_id).in_(ids)))
        .distinct()
    )
    return set(rows.scalars())


async def customer_workflow_ids(
    client: Client, settings: Settings, session: AsyncSession, customer: str, business: str | None
) -> list[str]:
    """Every workflow id that may hold the customer's data, whether it still exists in Temporal or not."""
    pseudonym = customer_pseudonym(settings, customer)
    query = f'CustomerPseudonym="{pseudonym}"' + (f' AND Business="{business}"' if business else "")
    found = {wf.id async for wf in client.list_workflows(query)}
    rows = await customers_named(session, customer, business)
    found |= {conversation_id(slug, pseudonym) for _, slug in rows}
    bookings = await booking_ids_of(session, [c for c, _ in rows])
    found |= bookings | {refund_retry_workflow_id(b.removeprefix("booking:")) for b in bookings}
    return sorted(found)


async def find_customer_workflows(
    client: Client, settings: Settings, session: AsyncSession, customer: str, business: str | None = None
) -> list[FoundWorkflow]:
    """The customer's workflows Temporal still has, with their status and Web UI page."""
    found = []
    for workflow_id in await customer_workflow_ids(client, settings, session, customer, business):
        try:
            description = await client.get_workflow_handle(workflow_id).describe()
        except RPCError as exc:
            if exc.status == RPCStatusCode.NOT_FOUND:  # never started, or deleted: nothing of it to show
                continue
            raise
        status = description.status.name if description.status else "UNKNOWN"
        found.append(FoundWorkflow(workflow_id, status, web_ui_link(settings, workflow_id)))
    return found
