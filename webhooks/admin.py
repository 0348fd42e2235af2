"""The staff admin at /admin (SQLAdmin): login, and read-only lists of what the salon and its bookings are.

Workflow-owned rows (appointments, messages) are never edited here; staff actions on bookings arrive as
signals to their workflows (a later step), so the admin cannot contradict a running booking.
"""

from typing import Any, ClassVar

from fastapi import FastAPI
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request

from models import Appointment, Closure, Customer, Faq, Message, Pack, Policy, Service, StaffMember
from models.settings import Settings
from webhooks.passwords import verify_password


class StaffLogin(AuthenticationBackend):
    def __init__(self, settings: Settings) -> None:
        super().__init__(secret_key=settings.session_secret.get_secret_value(), https_only=False, max_age=12 * 3600)
        self._username = settings.admin_username
        self._password_hash = settings.admin_password_hash

    async def login(self, request: Request) -> bool:
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


class ClosureView(ReadOnly, model=Closure):
    name, name_plural, icon = "Cierre", "Cierres y vacaciones", "fa-solid fa-calendar-xmark"
    column_list: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    column_labels: ClassVar[Any] = {
        "start_date": "Desde",
        "end_date": "Hasta",
        "reason": "Motivo",
        "staff_id": "Profesional",
    }


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
    column_default_sort: ClassVar[Any] = [(Appointment.start_at, False)]
    column_sortable_list: ClassVar[Any] = [Appointment.start_at, Appointment.status]


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


VIEWS = (AppointmentView, CustomerView, StaffView, ServiceView, PackView, ClosureView, FaqView, PolicyView, MessageView)


def mount_admin(app: FastAPI, engine: AsyncEngine, settings: Settings) -> Admin:
    admin = Admin(app, engine, title="Atrévete · gestión", authentication_backend=StaffLogin(settings))
    for view in VIEWS:
        admin.add_view(view)
    return admin
