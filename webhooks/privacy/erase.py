"""Erasing a customer on request (GDPR Art. 17), from `python -m webhooks.privacy erase` or /admin:

1. their upcoming bookings are cancelled through their workflows, so holds are released and deposits refunded by
   the cancellation policy, as if they had cancelled themselves;
2. every workflow of theirs is deleted from Temporal (a running one is terminated by the deletion);
3. their messages are deleted, the team's alerts about them and any undelivered webhook naming them are cleared,
   and the customer row (and anyone they booked for) loses name and phone, keeping the amounts and appointments
   the business must keep for its accounts.

Run again, it finds nothing left and says so. Opting out (STOP) is separate: it keeps the customer and stops
messages."""

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import String, cast, delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DeleteWorkflowExecutionRequest
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode

from models import Appointment, Customer, DeadLetter, Message, TeamAlert
from models.enums import AppointmentStatus
from models.runtime.settings import Settings
from webhooks.privacy.customer_workflows import customer_workflow_ids, described, records_of
from workflows.booking.types import CancelRequest
from workflows.booking.workflow import BookingWorkflow

ERASED_TEXT = "(borrado a petición del cliente)"
UPCOMING = (AppointmentStatus.PROVISIONAL, AppointmentStatus.CONFIRMED)
GONE_CHECK_SECONDS = 0.5


@dataclass
class ErasureReport:
    customer: str
    businesses: list[str] = field(default_factory=list)
    bookings_cancelled: list[str] = field(default_factory=list)
    workflows_deleted: list[str] = field(default_factory=list)
    # (workflow id, run id) of each deletion asked for: `wait_until_gone` confirms them.
    runs_deleted: list[tuple[str, str]] = field(default_factory=list)
    messages_deleted: int = 0
    people_anonymised: int = 0
    appointments_kept: int = 0
    alerts_cleared: int = 0
    dead_letters_deleted: int = 0

    def lines(self) -> list[str]:
        if not self.businesses and not self.workflows_deleted:
            return [f"Nada que borrar de {self.customer}: no queda ningún dato suyo."]
        return [
            f"Borrado {self.customer} en: {', '.join(self.businesses) or '—'}",
            f"Reservas canceladas (con la devolución que marca la política): {len(self.bookings_cancelled)}",
            *(f"  {b}" for b in self.bookings_cancelled),
            f"Flujos borrados de Temporal: {len(self.workflows_deleted)} (los ya cerrados desaparecen en un minuto)",
            *(f"  {w}" for w in self.workflows_deleted),
            f"Mensajes borrados: {self.messages_deleted}",
            f"Personas anonimizadas (la clienta y a quien reservó): {self.people_anonymised}",
            f"Citas conservadas sin datos personales (importes para la contabilidad): {self.appointments_kept}",
            f"Avisos del equipo vaciados: {self.alerts_cleared}",
            f"Entregas sin destino borradas: {self.dead_letters_deleted}",
        ]


async def erase_customer(
    client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    customer: str,
    business: str | None = None,
) -> ErasureReport:
    report = ErasureReport(customer)
    async with sessions() as session:
        records = await records_of(session, customer, business)
        upcoming = await _upcoming_bookings(session, records.bookings)
    workflow_ids = await customer_workflow_ids(client, settings, customer, business, records)
    report.businesses = sorted({slug for _, slug in records.rows})
    for workflow_id in upcoming:
        if await _cancel(client, workflow_id):
            report.bookings_cancelled.append(workflow_id)
    for workflow_id in workflow_ids:
        asked = await _delete(client, workflow_id)
        report.runs_deleted += asked
        if asked:
            report.workflows_deleted.append(workflow_id)
    # Last, so nothing a deleted workflow was still doing writes the customer back.
    async with sessions.begin() as session:
        for row, _ in records.rows:
            await _anonymise(session, row, workflow_ids, report)
    return report


async def _upcoming_bookings(session: AsyncSession, booked: set[str]) -> list[str]:
    rows = await session.execute(
        select(Appointment.workflow_id)
        .where(
            col(Appointment.workflow_id).in_(booked),
            col(Appointment.status).in_(UPCOMING),
            Appointment.end_at > datetime.now(UTC),
        )
        .distinct()
    )
    return sorted(rows.scalars())


async def _cancel(client: Client, workflow_id: str) -> bool:
    """The customer's own cancellation (the policy decides the refund); False when the booking is no longer
    running."""
    handle = client.get_workflow_handle_for(BookingWorkflow.run, workflow_id)
    try:
        await handle.execute_update(
            BookingWorkflow.cancel, CancelRequest(accept_no_refund=True), id=f"erase-cancel:{workflow_id}"
        )
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            return False
        raise
    except WorkflowUpdateFailedError:
        return False
    return True


async def _delete(client: Client, workflow_id: str) -> list[tuple[str, str]]:
    """Asks Temporal to delete every run of `workflow_id` (a continued conversation has several; deleting the
    current one leaves the earlier ones). A running run is terminated and gone at once; the server removes a
    closed one in the background (on the dev server within a minute). Returns the runs asked for."""
    runs = {wf.run_id async for wf in client.list_workflows(f'WorkflowId="{workflow_id}"') if wf.run_id}
    asked = []
    for run_id in [None, *sorted(runs)]:  # the current run first: visibility may not list it yet
        request = DeleteWorkflowExecutionRequest(
            namespace=client.namespace,
            workflow_execution=WorkflowExecution(workflow_id=workflow_id, run_id=run_id or ""),
        )
        try:
            await client.workflow_service.delete_workflow_execution(request)
        except RPCError as exc:
            if exc.status == RPCStatusCode.NOT_FOUND:
                continue
            raise
        asked.append((workflow_id, run_id or ""))
    return asked


async def wait_until_gone(client: Client, runs: list[tuple[str, str]], timeout: timedelta) -> list[str]:
    """The workflow ids of `runs` Temporal can still describe after `timeout` (none, normally)."""
    deadline = asyncio.get_running_loop().time() + timeout.total_seconds()
    left = list(runs)
    while left:
        left = [run for run in left if await described(client, *run) is not None]
        if not left or asyncio.get_running_loop().time() > deadline:
            break
        await asyncio.sleep(GONE_CHECK_SECONDS)
    return sorted({workflow_id for workflow_id, _ in left})


async def _anonymise(session: AsyncSession, customer: Customer, workflow_ids: list[str], report: ErasureReport) -> None:
    key = customer.phone or ""
    business = customer.business_id
    # Their conversation, and what their bookings told anyone (a stylist's notice names the customer).
    deleted = await session.execute(
        delete(Message).where(
            col(Message.business_id) == business,
            (col(Message.customer_phone) == key) | col(Message.workflow_id).in_(workflow_ids),
        )
    )
    report.messages_deleted += deleted.rowcount  # type: ignore[attr-defined]
    cleared = await session.execute(
        update(TeamAlert)
        .where(
            col(TeamAlert.business_id) == business,
            (col(TeamAlert.customer_phone) == key) | col(TeamAlert.workflow_id).in_(workflow_ids),
        )
        .values(customer_phone="", text=ERASED_TEXT, reason=ERASED_TEXT)
    )
    report.alerts_cleared += cleared.rowcount  # type: ignore[attr-defined]
    # A delivery no workflow took carries the provider's payload: Meta writes the number without its "+".
    mentions = cast(col(DeadLetter.payload), String)
    dropped = await session.execute(
        delete(DeadLetter).where(
            col(DeadLetter.business_id) == business,
            mentions.contains(key) | mentions.contains(key.removeprefix("+")),
        )
    )
    report.dead_letters_deleted += dropped.rowcount  # type: ignore[attr-defined]
    appointments = (
        (
            await session.execute(
                select(Appointment.customer_id).where(
                    (col(Appointment.customer_id) == customer.id) | (col(Appointment.booked_by_id) == customer.id)
                )
            )
        )
        .scalars()
        .all()
    )
    report.appointments_kept += len(appointments)
    # Whoever they booked for (a daughter, a friend) is known to the business only through them.
    people = {customer.id} | {
        person
        for person in (
            await session.execute(
                select(Customer.id).where(col(Customer.id).in_(set(appointments)), col(Customer.phone).is_(None))
            )
        ).scalars()
    }
    anonymised = await session.execute(
        update(Customer).where(col(Customer.id).in_(people)).values(phone=None, first_name=None, last_name=None)
    )
    report.people_anonymised += anonymised.rowcount  # type: ignore[attr-defined]
