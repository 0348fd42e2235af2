"""The staff admin at /admin (SQLAdmin): login, lists of what the salon and its bookings are, closures, and
booking actions.

Workflow-owned rows (appointments, messages) are never edited here: a staff action on a booking (cancel with or
without refund, no-show) is an update or signal to its workflow, which does the work and tells the customer, so
the admin cannot contradict a running booking. The list shows the result once the workflow has acted.
"""

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqladmin import Admin, BaseView, ModelView, action, expose
from sqladmin.authentication import AuthenticationBackend
from sqladmin.filters import AllUniqueStringValuesFilter, ForeignKeyFilter
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from temporalio.client import Client

from models import Appointment, Closure, Customer, Faq, Message, Pack, Policy, Service, StaffMember
from models.enums import AppointmentStatus, PaymentStatus
from models.queries import business_id
from models.settings import Settings
from webhooks.passwords import verify_password
from webhooks.rate_limit import RateLimiter
from workflows.booking import BookingWorkflow
from workflows.booking_types import CancelRequest
from workflows.conversation import ConversationWorkflow

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


class StaffLogin(AuthenticationBackend):
    def __init__(self, settings: Settings) -> None:
        super().__init__(secret_key=settings.session_secret.get_secret_value(), https_only=False, max_age=12 * 3600)
        self._username = settings.admin_username
        self._password_hash = settings.admin_password_hash
        # Login attempts per client address: guessing passwords gets a 429, not an answer.
        self._attempts = RateLimiter(limit=settings.admin_login_attempts_per_minute, window_seconds=60)

    async def login(self, request: Request) -> bool:
        self._attempts.check(request.client.host if request.client else "unknown")
        form = await request.form()
        ok = form.get("username") == self._username and verify_password(
            str(form.get("password", "")), self._password_hash.get_secret_value()
        )
        if ok:
            request.session.update({"staff": self._username})
        return ok

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        return request.session.get("staff") == self._username


class ReadOnly(ModelView):
    can_create = can_edit = can_delete = False
    can_export = True


class StaffView(ReadOnly, model=StaffMember):
    name, name_plural, icon = "Profesional", "Equipo", "fa-solid fa-user"
    column_list: ClassVar[Any] = [StaffMember.name, StaffMember.category, StaffMember.active, StaffMember.calendar_id]
    column_labels: ClassVar[Any] = {
        "name": "Nombre",
        "category": "Especialidad",
        "active": "Activa",
        "calendar_id": "Calendario",
    }
    column_searchable_list: ClassVar[Any] = [StaffMember.name]


class ServiceView(ReadOnly, model=Service):
    name, name_plural, icon = "Servicio", "Servicios", "fa-solid fa-scissors"
    column_list: ClassVar[Any] = [
        Service.name,
        Service.category,
        Service.duration_minutes,
        Service.price,
        Service.needs_deposit,
    ]
    column_labels: ClassVar[Any] = {
        "name": "Nombre",
        "category": "Categoría",
        "duration_minutes": "Minutos",
        "price": "Precio (€)",
        "needs_deposit": "Anticipo",
    }
    column_searchable_list: ClassVar[Any] = [Service.name]
    column_sortable_list: ClassVar[Any] = [Service.name, Service.price, Service.duration_minutes]


class PackView(ReadOnly, model=Pack):
    name, name_plural, icon = "Pack", "Packs", "fa-solid fa-gift"
    column_list: ClassVar[Any] = [Pack.name, Pack.duration_minutes, Pack.price]
    column_labels: ClassVar[Any] = {"name": "Nombre", "duration_minutes": "Minutos", "price": "Precio (€)"}


class ClosureView(ModelView, model=Closure):
    """Staff add holidays and vacations here; availability reads them on the next search."""

    can_create = can_edit = can_delete = True
    default_business: ClassVar[str] = "atrevete"
    name, name_plural, icon = "Cierre", "Cierres y vacaciones", "fa-solid fa-calendar-xmark"
    form_columns: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    column_list: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    column_labels: ClassVar[Any] = {
        "start_date": "Desde",
        "end_date": "Hasta",
        "reason": "Motivo",
        "staff_id": "Profesional",
    }
    column_default_sort: ClassVar[Any] = [(Closure.start_date, True)]

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValueError("La fecha «Hasta» no puede ser anterior a «Desde».")
        if is_created:
            async with self.session_maker() as session:
                model.business_id = await business_id(session, slug=self.default_business)


class FaqView(ReadOnly, model=Faq):
    name, name_plural, icon = "Pregunta frecuente", "Preguntas frecuentes", "fa-solid fa-circle-question"
    column_list: ClassVar[Any] = [Faq.topic, Faq.question, Faq.answer]
    column_labels: ClassVar[Any] = {"topic": "Tema", "question": "Pregunta", "answer": "Respuesta"}


class PolicyView(ReadOnly, model=Policy):
    name, name_plural, icon = "Norma", "Normas del salón", "fa-solid fa-scale-balanced"
    column_list: ClassVar[Any] = [Policy.key, Policy.value, Policy.description]
    column_labels: ClassVar[Any] = {"key": "Clave", "value": "Valor", "description": "Descripción"}


class CustomerView(ReadOnly, model=Customer):
    name, name_plural, icon = "Cliente", "Clientes", "fa-solid fa-address-book"
    column_list: ClassVar[Any] = [
        Customer.first_name,
        Customer.last_name,
        Customer.phone,
        Customer.total_spent,
        Customer.last_visit_at,
        Customer.opted_out,
    ]
    column_labels: ClassVar[Any] = {
        "first_name": "Nombre",
        "last_name": "Apellidos",
        "phone": "Teléfono",
        "total_spent": "Gastado (€)",
        "last_visit_at": "Última visita",
        "opted_out": "Baja",
    }
    column_searchable_list: ClassVar[Any] = [Customer.phone, Customer.first_name, Customer.last_name]


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


class MessageView(ReadOnly, model=Message):
    name, name_plural, icon = "Mensaje", "Mensajes", "fa-solid fa-comments"
    column_list: ClassVar[Any] = [Message.created_at, Message.customer_phone, Message.direction, Message.body]
    column_labels: ClassVar[Any] = {
        "created_at": "Fecha",
        "customer_phone": "Teléfono",
        "direction": "Sentido",
        "body": "Texto",
    }
    column_default_sort: ClassVar[Any] = [(Message.created_at, True)]
    column_searchable_list: ClassVar[Any] = [Message.customer_phone]


class HandoverView(BaseView):
    """Conversations in human mode (ConversationState="escalated", from Temporal's visibility) and the button
    that gives each back to Maite (the `hand_back` signal)."""

    name, icon = "Con el equipo", "fa-solid fa-headset"
    api_state: ClassVar[Any]
    business: ClassVar[str] = "atrevete"

    @expose("/handovers/hand-back", methods=["POST"], identity="hand_back")
    async def hand_back(self, request: Request) -> Response:
        workflow_id = str((await request.form()).get("workflow_id", ""))
        if not workflow_id.startswith(f"conversation:{self.business}:"):
            return PlainTextResponse("conversación desconocida", status_code=404)
        client: Client = self.api_state.temporal
        await client.get_workflow_handle_for(ConversationWorkflow.run, workflow_id).signal(
            ConversationWorkflow.hand_back
        )
        return RedirectResponse(str(request.url_for("admin:view-handovers")), status_code=303)

    # Last: SQLAdmin names the view (and its menu link) after the last exposed page.
    @expose("/handovers", methods=["GET"], identity="handovers")
    async def handovers(self, request: Request) -> Response:
        client: Client = self.api_state.temporal
        query = f'ConversationState="escalated" AND Business="{self.business}" AND ExecutionStatus="Running"'
        conversations = [
            {
                "workflow_id": wf.id,
                "phone": wf.id.rsplit(":", 1)[1],
                "since": wf.start_time.astimezone().strftime("%d/%m/%Y %H:%M"),
            }
            async for wf in client.list_workflows(query)
        ]
        return await self.templates.TemplateResponse(request, "handovers.html", {"conversations": conversations})


VIEWS = (
    AppointmentView,
    HandoverView,
    CustomerView,
    StaffView,
    ServiceView,
    PackView,
    ClosureView,
    FaqView,
    PolicyView,
    MessageView,
)
TEMPLATES = Path(__file__).parent / "templates"


def mount_admin(app: FastAPI, engine: AsyncEngine, settings: Settings) -> Admin:
    admin = Admin(
        app,
        engine,
        title="Atrévete · gestión",
        authentication_backend=StaffLogin(settings),
        templates_dir=str(TEMPLATES),
    )
    # Views are classes; this app's own subclasses carry its Temporal client and business.
    bound: dict[type[BaseView | ModelView], dict[str, Any]] = {
        AppointmentView: {"api_state": app.state},
        HandoverView: {"api_state": app.state, "business": settings.default_business},
        ClosureView: {"default_business": settings.default_business},
    }
    for view in VIEWS:
        extra = bound.get(view)
        admin.add_view(view if extra is None else _bound(view, extra))
    return admin


def _bound(view: Any, extra: dict[str, Any]) -> Any:
    """A subclass of `view` carrying this app's values. SQLAdmin's metaclass recomputes a view's names for every
    class it creates, so the Spanish ones (and the model) are named again."""
    named = {"name": view.name, "icon": view.icon}
    if not issubclass(view, ModelView):
        return type(view.__name__, (view,), {**named, **extra})
    return type(view.__name__, (view,), {**named, "name_plural": view.name_plural, **extra}, model=view.model)
