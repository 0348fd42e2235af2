"""/admin → "Horario": the logged-in business's opening hours, Monday to Sunday, up to two intervals a day
(hours_form.py); saving replaces the business's hours, the next slot search offers them, bookings already made
stay as they are, and each day changed is kept in "Historial de cambios"."""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqladmin import expose
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from models.rule_changes import Interval, opening_hours, replace_hours
from webhooks.admin.form_page import FormPage
from webhooks.admin.hours_form import day_fields, form_of, read_hours


class OpeningRows:
    """The business's opening hours, a week of them at once."""

    async def saved_form(self, conn: AsyncConnection, business_id: UUID) -> dict[str, str]:
        return form_of(await opening_hours(conn, business_id))

    def read(self, form: Mapping[str, str]) -> tuple[dict[int, list[Interval]] | None, Mapping[Any, str]]:
        return read_hours(form)

    async def write(self, conn: AsyncConnection, business_id: UUID, values: dict[int, list[Interval]], by: str) -> None:
        await replace_hours(conn, business_id, values, by)

    def fields(self, form: Mapping[str, str], errors: Mapping[Any, str]) -> dict[str, Any]:
        return {"days": day_fields(form, errors)}


class HoursView(FormPage):
    name, icon = "Horario", "fa-solid fa-clock"
    template, page_route = "hours.html", "admin:view-hours"
    rows = OpeningRows()

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/hours", methods=["GET"], identity="hours")
    async def hours(self, request: Request) -> Response:
        return await self.show(request)

    @expose("/hours/save", methods=["POST"], identity="hours_save")
    async def hours_save(self, request: Request) -> Response:
        return await self.submit(request)
