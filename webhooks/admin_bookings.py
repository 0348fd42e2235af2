"""Appointments in /admin: in the salon's time and words, filtered by when, status, payment and staff, with the
booking actions that go to the booking workflow."""

from datetime import datetime, timedelta
from typing import Any, ClassVar
from uuid import UUID
from zoneinfo import ZoneInfo

from sqladmin import action
from sqladmin.filters import AllUniqueStringValuesFilter, ForeignKeyFilter
from sqlalchemy import Select
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import RedirectResponse
from temporalio.client import Client

from models import Appointment, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from webhooks.admin_catalog import ReadOnly
from workflows.booking import BookingWorkflow
from workflows.booking_types import CancelRequest

# The salon's clock and words in the lists (the database keeps UTC and English enum values).
SALON_TIMEZONE = ZoneInfo("Europe/Madrid")
ONE_DAY = timedelta(days=1)
STATUS_LABELS = {
    AppointmentStatus.PROVISIONAL: "provisional",
    AppointmentStatus.CONFIRMED: "confirmada",
    AppointmentStatus.COMPLETED: "realizada",
    AppointmentStatus.CANCELLED: "cancelada",
    AppointmentStatus.EXPIRED: "caducada",
    AppointmentStatus.NO_SHOW: "no se presentó",
}
PAYMENT_LABELS = {
    PaymentStatus.PENDING: "pendiente",
    PaymentStatus.PAID: "pagado",
    PaymentStatus.REFUNDED: "devuelto",
    PaymentStatus.FORFEITED: "no devuelto",
    PaymentStatus.NOT_REQUIRED: "sin anticipo",
    PaymentStatus.REFUND_PENDING: "devolución en curso",
}


class WhenFilter:
    """Today's appointments (in the salon's day) or the upcoming ones."""

    has_operator = False
    template = "sqladmin/filters/lookup_filter.html"
    title = "Cuándo"
    parameter_name = "cuando"
    default_value = None

    async def lookups(self, request: Request, model: Any, run_query: Any) -> list[tuple[str, str]]:
        return [("__all", "Todas"), ("today", "Hoy"), ("upcoming", "Próximas")]

    async def get_filtered_query(self, query: Select[Any], value: Any, model: Any) -> Select[Any]:
        now = datetime.now(SALON_TIMEZONE)
        if value == "today":
            midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
            return query.filter(col(Appointment.start_at) >= midnight, col(Appointment.start_at) < midnight + ONE_DAY)
        if value == "upcoming":
            return query.filter(col(Appointment.start_at) >= now)
        return query


def _local(instant: datetime | None) -> str:
    return instant.astimezone(SALON_TIMEZONE).strftime("%d/%m/%Y %H:%M") if instant else ""


class AppointmentView(ReadOnly, model=Appointment):
    name, name_plural, icon = "Cita", "Citas", "fa-solid fa-calendar-check"
    column_list: ClassVar[Any] = [
        Appointment.start_at,
        Appointment.end_at,
        Appointment.status,
        Appointment.payment_status,
        Appointment.total_price,
        Appointment.deposit_amount,
        Appointment.workflow_id,
    ]
    column_labels: ClassVar[Any] = {
        "start_at": "Empieza",
        "end_at": "Termina",
        "status": "Estado",
        "payment_status": "Pago",
        "total_price": "Total (€)",
        "deposit_amount": "Anticipo (€)",
        "workflow_id": "Flujo (Temporal)",
    }
    column_formatters: ClassVar[Any] = {
        Appointment.start_at: lambda m, a: _local(m.start_at),
        Appointment.end_at: lambda m, a: _local(m.end_at),
        Appointment.status: lambda m, a: STATUS_LABELS.get(m.status, m.status),
        Appointment.payment_status: lambda m, a: PAYMENT_LABELS.get(m.payment_status, m.payment_status),
    }
    column_default_sort: ClassVar[Any] = [(Appointment.start_at, False)]
    column_sortable_list: ClassVar[Any] = [Appointment.start_at, Appointment.status]
    column_filters: ClassVar[Any] = [
        WhenFilter(),
        AllUniqueStringValuesFilter(Appointment.status, title="Estado"),
        AllUniqueStringValuesFilter(Appointment.payment_status, title="Pago"),
        ForeignKeyFilter("staff_id", "name", foreign_model=StaffMember, title="Profesional"),
    ]
    # Set per app by mount_admin: the API's state, whose Temporal client the actions talk to.
    api_state: ClassVar[Any]

    def temporal(self) -> Client:
        client: Client = self.api_state.temporal
        return client

    @action("cancel-refund", "Cancelar con devolución", "¿Cancelar y devolver el anticipo?", add_in_list=True)
    async def cancel_with_refund(self, request: Request) -> RedirectResponse:
        return await self._cancel(request, refund=True)

    @action("cancel-no-refund", "Cancelar sin devolución", "¿Cancelar sin devolver el anticipo?", add_in_list=True)
    async def cancel_without_refund(self, request: Request) -> RedirectResponse:
        return await self._cancel(request, refund=False)

    @action("no-show", "No se presentó", "¿Marcar como no presentada? El anticipo no se devuelve.", add_in_list=True)
    async def no_show(self, request: Request) -> RedirectResponse:
        for workflow_id in await self._bookings(request):
            await self.temporal().get_workflow_handle(workflow_id).signal(BookingWorkflow.mark_no_show)
        return self._back(request)

    async def _cancel(self, request: Request, *, refund: bool) -> RedirectResponse:
        for workflow_id in await self._bookings(request):
            handle = self.temporal().get_workflow_handle_for(BookingWorkflow.run, workflow_id)
            # The update id makes a double click one cancellation; it returns once the workflow has acted.
            await handle.execute_update(
                BookingWorkflow.cancel,
                CancelRequest(by_staff=True, staff_refund=refund),
                id=f"admin-cancel:{workflow_id}",
            )
        return self._back(request)

    async def _bookings(self, request: Request) -> list[str]:
        """The booking workflows of the selected rows (a group booking is one workflow)."""
        ids = [UUID(pk) for pk in request.query_params.get("pks", "").split(",") if pk]
        async with self.session_maker() as session:
            rows = await session.execute(select(Appointment.workflow_id).where(col(Appointment.id).in_(ids)))
            return sorted(set(rows.scalars()))

    def _back(self, request: Request) -> RedirectResponse:
        return RedirectResponse(str(request.url_for("admin:list", identity=self.identity)), status_code=303)
