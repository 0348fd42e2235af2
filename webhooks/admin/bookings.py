"""Appointments in /admin: in the business's own time and words, filtered by when, status, payment and staff,
with the booking actions that go to the booking workflow. Only the logged-in business's appointments."""

import builtins
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar
from uuid import UUID

from markupsafe import Markup
from sqladmin import expose
from sqladmin.filters import ForeignKeyFilter, StaticValuesFilter
from sqladmin.pagination import Pagination
from sqlalchemy import Date, Select, cast, func
from sqlmodel import col, select
from starlette import status
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy

from models import Appointment, Business, Customer, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from webhooks.admin.appointment_facts import appointment_facts
from webhooks.admin.catalog import ReadOnly
from webhooks.admin.scope import session_business_id
from webhooks.admin.words import choices
from webhooks.privacy.customer_workflows import web_ui_link
from workflows.booking.refund_retry import RefundRetryInput, RefundRetryWorkflow, refund_retry_workflow_id
from workflows.booking.types import CancelRequest
from workflows.booking.workflow import BookingWorkflow

# The appointment's own columns on its details page, after the people and services (AppointmentView.detail_rows).
DETAILED = ("start_at", "end_at", "status", "payment_status", "total_price", "deposit_amount", "created_at")


# What staff mark on a booking they saw (or did not see) happen: a signal to its workflow.
STAFF_MARKS = {"no-show": BookingWorkflow.mark_no_show, "complete": BookingWorkflow.mark_completed}

# The list's columns said by name: ids and the services (AppointmentFacts' fields).
NAMED = {"customer_id": "customer", "staff_id": "staff", "services": "services"}


class WhenFilter:
    """Today's appointments (in the business's own day) or the upcoming ones."""

    has_operator = False
    template = "sqladmin/filters/lookup_filter.html"
    title = "Cuándo"
    parameter_name = "cuando"
    default_value = None

    async def lookups(self, request: Request, model: Any, run_query: Any) -> list[tuple[str, str]]:
        return [("__all", "Todas"), ("today", "Hoy"), ("upcoming", "Próximas")]

    async def get_filtered_query(self, query: Select[Any], value: Any, model: Any) -> Select[Any]:
        now = datetime.now(UTC)
        if value == "today":
            # The day in the business's timezone (a column); a filter gets no request to look the business up.
            zone = select(Business.timezone).where(col(Business.id) == col(Appointment.business_id)).scalar_subquery()
            local_day = cast(func.timezone(zone, col(Appointment.start_at)), Date)
            return query.filter(local_day == cast(func.timezone(zone, now), Date))
        if value == "upcoming":
            return query.filter(col(Appointment.start_at) >= now)
        return query


class ValuesFilter(StaticValuesFilter):
    """By a stored value, offering every one of its enum in Spanish (not those found in the table: that would be
    all businesses' appointments)."""

    def __init__(self, column: Any, enum: type[StrEnum], title: str) -> None:
        super().__init__(column, choices(enum), title=title)

    # SQLAdmin's own first option says "All".
    async def lookups(self, request: Request, model: Any, run_query: Any) -> list[tuple[str, str]]:
        return [("__all", "Todos"), *self.values]


class StaffFilter(ForeignKeyFilter):
    """By staff member, offering the logged-in business's staff only."""

    def __init__(self) -> None:
        super().__init__("staff_id", "name", foreign_model=StaffMember, title="Profesional")

    async def lookups(self, request: Request, model: Any, run_query: Any) -> list[tuple[str, str]]:
        rows = await run_query(
            select(StaffMember.id, StaffMember.name)
            .where(StaffMember.business_id == session_business_id(request))
            .order_by(col(StaffMember.name))
        )
        return [("__all", "Todos"), *((str(staff_id), name) for staff_id, name in rows)]


class AppointmentView(ReadOnly, model=Appointment):
    name, name_plural, icon = "Cita", "Citas", "fa-solid fa-calendar-check"
    # The export keeps the stored columns; the list also names the services (looked up per page, NAMED).
    column_export_list: ClassVar[Any] = [
        Appointment.start_at,
        Appointment.end_at,
        Appointment.customer_id,
        Appointment.staff_id,
        Appointment.status,
        Appointment.payment_status,
        Appointment.total_price,
        Appointment.deposit_amount,
        Appointment.workflow_id,
    ]
    column_list: ClassVar[Any] = [*column_export_list[:4], "services", *column_export_list[4:]]
    column_labels: ClassVar[Any] = {
        "start_at": "Empieza",
        "end_at": "Termina",
        "customer_id": "Cliente",
        "staff_id": "Profesional",
        "services": "Servicios",
        "status": "Estado",
        "payment_status": "Pago",
        "total_price": "Total (€)",
        "deposit_amount": "Anticipo (€)",
        "workflow_id": "Flujo (Temporal)",
        "created_at": "Reservada el",
    }
    column_default_sort: ClassVar[Any] = [(Appointment.start_at, False)]
    column_sortable_list: ClassVar[Any] = [Appointment.start_at, Appointment.status]
    column_filters: ClassVar[Any] = [
        WhenFilter(),
        ValuesFilter(Appointment.status, AppointmentStatus, title="Estado"),
        ValuesFilter(Appointment.payment_status, PaymentStatus, title="Pago"),
        StaffFilter(),
    ]
    # Set per app by mount_admin: the API's state, whose Temporal client the actions talk to.
    api_state: ClassVar[Any]

    # SQLAdmin's name for the page's query; it shadows the builtin in this class (hence `builtins.list`).
    async def list(self, request: Request) -> Pagination:
        """The page's rows, with who each is for and with by name, looked up together for the whole page."""
        page = await super().list(request)
        async with self.session_maker() as session:
            request.state.appointment_facts = await appointment_facts(session, page.rows)
        return page

    async def get_list_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        facts = getattr(request.state, "appointment_facts", {}).get(obj.id) if request is not None else None
        if facts is not None and prop in NAMED:
            name = getattr(facts, NAMED[prop])
            return name, name
        return await super().get_list_value(obj, prop, request)

    async def detail_rows(self, request: Request, model: Any) -> builtins.list[tuple[str, Any]]:
        """Who and what by name, when on the business's clock; the booking's Temporal page a link, not an id."""
        async with self.session_maker() as session:
            facts = (await appointment_facts(session, [model]))[model.id]
        booked_by = [("Reservada por", facts.booked_by)] if facts.booked_by else []
        rows = [("Cliente", facts.customer), *booked_by, ("Profesional", facts.staff), ("Servicios", facts.services)]
        for name in DETAILED:
            rows.append((self._column_labels[name], (await self.get_detail_value(model, name, request))[1]))
        link = web_ui_link(self.api_state.settings, model.workflow_id)
        move = request.url_for("admin:view-desk_move", appointment_id=str(model.id))
        return [
            *rows,
            ("Flujo (Temporal)", Markup('<a href="{}" target="_blank">Ver en Temporal</a>').format(link)),
            ("Cambiar", Markup('<a href="{}">Mover esta cita</a>').format(move)),
        ]

    def temporal(self) -> Client:
        client: Client = self.api_state.temporal
        return client

    list_template = "appointment_list.html"
    # (slug, label, confirmation): each a POST form on the list (appointment_list.html), never a link.
    booking_actions: ClassVar = (
        ("cancel-refund", "Cancelar con devolución", "¿Cancelar y devolver el anticipo?"),
        ("cancel-no-refund", "Cancelar sin devolución", "¿Cancelar sin devolver el anticipo?"),
        ("no-show", "No se presentó", "¿Marcar como no presentada? El anticipo no se devuelve."),
        ("complete", "Hecha", "¿Marcar la cita como hecha?"),
        ("retry-refund", "Reintentar devolución", "¿Volver a pedir a Stripe la devolución pendiente?"),
    )

    @expose("/action/{slug}", methods=["POST"])
    async def act(self, request: Request) -> RedirectResponse:
        """A booking action on the ticked rows; StaffLogin has checked the CSRF token before this runs."""
        slug = request.path_params["slug"]
        if slug in STAFF_MARKS:
            for workflow_id in await self._bookings(request):
                await self.temporal().get_workflow_handle(workflow_id).signal(STAFF_MARKS[slug])
        elif slug in ("cancel-refund", "cancel-no-refund"):
            await self._cancel(request, refund=slug == "cancel-refund")
        elif slug == "retry-refund":
            await self._retry_refund(request)
        else:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "acción desconocida")
        return self._back(request)

    async def _retry_refund(self, request: Request) -> None:
        """For the selected bookings whose refund Stripe refused: one retry each (a double click is one)."""
        business = await self.business(request)
        for workflow_id in await self._bookings(request):
            async with self.session_maker() as session:
                pending = list(
                    (
                        await session.execute(
                            select(Appointment).where(
                                Appointment.workflow_id == workflow_id,
                                Appointment.payment_status == PaymentStatus.REFUND_PENDING,
                            )
                        )
                    ).scalars()
                )
                customer = await session.get(Customer, pending[0].booked_by_id) if pending else None
            if not pending or pending[0].payment_reference is None:
                continue
            booking_id = workflow_id.removeprefix("booking:")
            await self.temporal().start_workflow(
                RefundRetryWorkflow.run,
                RefundRetryInput(
                    business.slug,
                    booking_id,
                    customer.phone if customer else "",
                    [a.id for a in pending],
                    pending[0].payment_reference,
                    sum((a.deposit_amount for a in pending), Decimal("0.00")),
                ),
                id=refund_retry_workflow_id(booking_id),
                task_queue=self.api_state.settings.task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            )

    async def _cancel(self, request: Request, *, refund: bool) -> None:
        for workflow_id in await self._bookings(request):
            handle = self.temporal().get_workflow_handle_for(BookingWorkflow.run, workflow_id)
            # The update id makes a double click one cancellation; it returns once the workflow has acted.
            await handle.execute_update(
                BookingWorkflow.cancel,
                CancelRequest(by_staff=True, staff_refund=refund),
                id=f"admin-cancel:{workflow_id}",
            )

    async def _bookings(self, request: Request) -> builtins.list[str]:
        """The booking workflows of the selected rows (a group booking is one workflow); not found, before any
        is touched, when a row is not one of the logged-in business's."""
        try:
            ids = {UUID(pk) for pk in str((await request.form()).get("pks", "")).split(",") if pk}
        except ValueError:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "cita no encontrada") from None
        async with self.session_maker() as session:
            rows = await session.execute(
                select(Appointment.id, Appointment.workflow_id).where(
                    col(Appointment.id).in_(ids), Appointment.business_id == session_business_id(request)
                )
            )
            found = {appointment_id: workflow_id for appointment_id, workflow_id in rows}
        if found.keys() != ids:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "cita no encontrada")
        return sorted(set(found.values()))

    def _back(self, request: Request) -> RedirectResponse:
        return RedirectResponse(str(request.url_for("admin:list", identity=self.identity)), status_code=303)
