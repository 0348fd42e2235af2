"""Who and what the salon deals with, in /admin: customers and messages (read-only) and the closures staff
manage themselves; the catalogue staff edit is in editable.py. Every view shows the logged-in business's rows
only (BusinessScoped)."""

from typing import Any, ClassVar
from urllib.parse import quote

from markupsafe import Markup
from starlette.requests import Request

from models import Closure, Customer, Message
from webhooks.admin.scope import BusinessScoped
from webhooks.admin.staff_pick import StaffChoice, StaffPicked


class ReadOnly(BusinessScoped):
    can_create = can_edit = can_delete = False
    can_export = True


class StaffOrSalon(StaffChoice):
    no_one = "Todo el salón"


class ClosureView(StaffPicked, model=Closure):
    """Staff add holidays and vacations here; availability reads them on the next search."""

    can_create = can_edit = can_delete = True
    name, name_plural, icon = "Cierre", "Cierres y vacaciones", "fa-solid fa-calendar-xmark"
    form_columns: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    form_overrides: ClassVar[Any] = {"staff_id": StaffOrSalon}
    column_list: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    column_labels: ClassVar[Any] = {
        "start_date": "Desde",
        "end_date": "Hasta",
        "reason": "Motivo",
        "staff_id": "Profesional",
    }
    column_details_list: ClassVar[Any] = column_list
    column_default_sort: ClassVar[Any] = [(Closure.start_date, True)]

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValueError("La fecha «Hasta» no puede ser anterior a «Desde».")
        await super().on_model_change(data, model, is_created, request)


def _privacy_link(phone: str | None) -> Markup | str:
    if not phone:
        return "—"
    return Markup('<a href="/admin/privacy?customer={}">{}</a>').format(quote(phone, safe=""), phone)


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
        # A phone, or the channel's own id when the number could not be read (webhooks/channels/customer_keys.py).
        "phone": "Teléfono o contacto",
        "total_spent": "Gastado (€)",
        "last_visit_at": "Última visita",
        "opted_out": "Baja",
    }
    column_searchable_list: ClassVar[Any] = [Customer.phone, Customer.first_name, Customer.last_name]
    # The phone leads to the customer's page of personal data: their workflows in Temporal, and erasing them.
    column_formatters: ClassVar[Any] = {Customer.phone: lambda m, _: _privacy_link(m.phone)}
    column_formatters_detail: ClassVar[Any] = column_formatters


class MessageView(ReadOnly, model=Message):
    name, name_plural, icon = "Mensaje", "Mensajes", "fa-solid fa-comments"
    column_list: ClassVar[Any] = [Message.created_at, Message.customer_phone, Message.direction, Message.body]
    column_details_list: ClassVar[Any] = [
        *column_list,
        Message.channel,
        Message.delivery_status,
        Message.answered_at,
    ]
    column_labels: ClassVar[Any] = {
        "created_at": "Fecha",
        "customer_phone": "Teléfono o contacto",
        "direction": "Escribe",
        "body": "Texto",
        "channel": "Canal",
        "delivery_status": "Entrega",
        "answered_at": "Contestado",
    }
    column_default_sort: ClassVar[Any] = [(Message.created_at, True)]
    column_searchable_list: ClassVar[Any] = [Message.customer_phone]
