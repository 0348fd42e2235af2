"""Who and what the salon deals with, in /admin: customers and messages (read-only) and the closures staff
manage themselves; the catalogue staff edit is in editable.py. Every view shows the logged-in business's rows
only (BusinessScoped)."""

from typing import Any, ClassVar
from urllib.parse import quote
from uuid import UUID

from markupsafe import Markup
from sqladmin.fields import SelectField
from sqlmodel import col, select
from starlette.requests import Request

from models import Closure, Customer, Message, StaffMember
from webhooks.admin.scope import BusinessScoped


class ReadOnly(BusinessScoped):
    can_create = can_edit = can_delete = False
    can_export = True


class StaffChoice(SelectField):
    """A closure's staff member, or none for the whole salon. SQLAdmin builds forms without the request, so the
    options (the session business's staff) are given when the page is drawn (`offer`, in closure_*.html), and
    ClosureView refuses any other id when saving."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=UUID, allow_blank=True, blank_text="Todo el salón", validate_choice=False, **kwargs)

    def process_data(self, value: Any) -> None:
        # The row's own id is a UUID already (coerce only parses the form's text).
        self.data = value

    def offer(self, options: list[tuple[str, str]]) -> None:
        self.choices = options


class ClosureView(BusinessScoped, model=Closure):
    """Staff add holidays and vacations here; availability reads them on the next search."""

    can_create = can_edit = can_delete = True
    name, name_plural, icon = "Cierre", "Cierres y vacaciones", "fa-solid fa-calendar-xmark"
    create_template, edit_template = "closure_create.html", "closure_edit.html"
    form_columns: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    # staff_id is a foreign key, which SQLAdmin leaves out of forms unless told.
    form_include_pk = True
    form_overrides: ClassVar[Any] = {"staff_id": StaffChoice}
    column_list: ClassVar[Any] = [Closure.start_date, Closure.end_date, Closure.reason, Closure.staff_id]
    column_labels: ClassVar[Any] = {
        "start_date": "Desde",
        "end_date": "Hasta",
        "reason": "Motivo",
        "staff_id": "Profesional",
    }
    column_details_list: ClassVar[Any] = column_list
    column_default_sort: ClassVar[Any] = [(Closure.start_date, True)]

    # The staff member by name (the row holds an id); none is the whole salon.
    async def get_list_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        if prop != "staff_id" or request is None:
            return await super().get_list_value(obj, prop, request)
        return obj.staff_id, await self._staff_name(request, obj.staff_id)

    async def get_detail_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        if prop != "staff_id" or request is None:
            return await super().get_detail_value(obj, prop, request)
        return obj.staff_id, await self._staff_name(request, obj.staff_id)

    async def _staff_name(self, request: Request, staff_id: UUID | None) -> str:
        if staff_id is None:
            return "Todo el salón"
        return dict(await self._staff_options(request)).get(str(staff_id), "—")

    async def create_context(self, request: Request) -> dict[str, Any]:
        return {"staff_options": await self._staff_options(request)}

    async def edit_context(self, request: Request) -> dict[str, Any]:
        return {"staff_options": await self._staff_options(request)}

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValueError("La fecha «Hasta» no puede ser anterior a «Desde».")
        staff_id = data.get("staff_id")
        if staff_id is not None and str(staff_id) not in dict(await self._staff_options(request)):
            raise ValueError("Ese profesional no es de este salón.")
        await super().on_model_change(data, model, is_created, request)

    async def _staff_options(self, request: Request) -> list[tuple[str, str]]:
        """(id, name) of the session business's staff, by name; read once per request (a list names many)."""
        cached: list[tuple[str, str]] | None = getattr(request.state, "staff_options", None)
        if cached is not None:
            return cached
        business = await self.business(request)
        async with self.session_maker() as session:
            rows = await session.execute(
                select(StaffMember.id, StaffMember.name)
                .where(StaffMember.business_id == business.id)
                .order_by(col(StaffMember.name))
            )
            cached = request.state.staff_options = [(str(staff_id), name) for staff_id, name in rows]
        return cached


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
