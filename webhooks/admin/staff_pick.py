"""Rows that name one of the salon's staff (closures, stylists' hours and time off), picked from a list of the
session business's staff by name, shown by name, and refused when the id is another business's."""

from typing import Any, ClassVar
from uuid import UUID

from sqladmin.fields import SelectField
from sqlmodel import col, select
from starlette.requests import Request

from models import StaffMember
from webhooks.admin.scope import BusinessScoped


class StaffChoice(SelectField):
    """A staff member (or none, when `no_one` names that choice). SQLAdmin builds forms without the request, so
    the options (the session business's staff) are given when the page is drawn (`offer`, in staff_*.html), and
    StaffPicked refuses any other id when saving."""

    no_one: ClassVar[str | None] = None

    def __init__(self, **kwargs: Any) -> None:
        blank = self.no_one
        super().__init__(
            coerce=UUID, allow_blank=blank is not None, blank_text=blank or "", validate_choice=False, **kwargs
        )

    def process_data(self, value: Any) -> None:
        # The row's own id is a UUID already (coerce only parses the form's text).
        self.data = value

    def offer(self, options: list[tuple[str, str]]) -> None:
        self.choices = options


class StaffPicked(BusinessScoped):
    """A view whose rows have a `staff_id` chosen with a StaffChoice."""

    create_template, edit_template = "staff_create.html", "staff_edit.html"
    # staff_id is a foreign key, which SQLAdmin leaves out of forms unless told.
    form_include_pk = True
    form_overrides: ClassVar[Any] = {"staff_id": StaffChoice}

    async def get_list_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        if prop != "staff_id" or request is None:
            return await super().get_list_value(obj, prop, request)
        return obj.staff_id, await self._staff_name(request, obj.staff_id)

    async def get_detail_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        if prop != "staff_id" or request is None:
            return await super().get_detail_value(obj, prop, request)
        return obj.staff_id, await self._staff_name(request, obj.staff_id)

    async def _staff_name(self, request: Request, staff_id: UUID | None) -> str:
        blank = self.form_overrides["staff_id"].no_one
        if staff_id is None and blank is not None:
            return str(blank)
        return dict(await self.staff_options(request)).get(str(staff_id), "—")

    async def create_context(self, request: Request) -> dict[str, Any]:
        return {"staff_options": await self.staff_options(request)}

    async def edit_context(self, request: Request) -> dict[str, Any]:
        return {"staff_options": await self.staff_options(request)}

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        staff_id = data.get("staff_id")
        if staff_id is not None and str(staff_id) not in dict(await self.staff_options(request)):
            raise ValueError("Ese profesional no es de este salón.")
        await super().on_model_change(data, model, is_created, request)

    async def staff_options(self, request: Request) -> list[tuple[str, str]]:
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
