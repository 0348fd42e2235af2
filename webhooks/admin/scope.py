"""Each staff login sees one business: the one it belongs to, named in its session at login."""

import uuid
from typing import Any
from zoneinfo import ZoneInfo

from sqladmin import ModelView
from sqladmin.helpers import secure_filename
from sqlalchemy import ScalarSelect, Select, inspect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import select
from starlette import status
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import StreamingResponse

from models import Business
from models.queries import get_business
from webhooks.admin.csv_export import csv_response
from webhooks.admin.words import spanish


def session_business(request: Request) -> str:
    """The slug of the logged-in staff member's business (StaffLogin puts it in the session)."""
    return str(request.session["business"])


def session_business_id(request: Request) -> ScalarSelect[uuid.UUID]:
    """The id of the session's business, as a subquery (SQLAdmin's query hooks cannot await a lookup)."""
    return select(Business.id).where(Business.slug == session_business(request)).scalar_subquery()


async def session_business_uuid(conn: AsyncConnection, request: Request) -> uuid.UUID:
    """The id of the session's business, read on the caller's connection (for pages of its own, not ModelViews)."""
    return (await conn.execute(select(session_business_id(request)))).scalar_one()


class BusinessScoped(ModelView):
    """A view of the rows of the session's business only: another business's rows are never listed, counted,
    searched, exported, shown, edited or deleted, and rows created here belong to the session's business.
    Its pages carry the session's CSRF token (csrf.html); its CSV exports cannot carry a formula. Values are
    shown in Spanish and instants on the business's clock (words.py), in lists, details and exports."""

    list_template, details_template = "scoped_list.html", "scoped_details.html"
    create_template, edit_template = "scoped_create.html", "scoped_edit.html"

    def _scoped(self, stmt: Select[Any], request: Request) -> Select[Any]:
        return stmt.where(inspect(self.model).columns["business_id"] == session_business_id(request))

    # Search, sort, filters and export all start from the list query.
    def list_query(self, request: Request) -> Select[Any]:
        return self._scoped(super().list_query(request), request)

    # The list counts its own (scoped) query; this is SQLAdmin's count when it is given none.
    def count_query(self, request: Request) -> Select[Any]:
        return self._scoped(super().count_query(request), request)

    def details_query(self, request: Request) -> Select[Any]:
        return self._scoped(super().details_query(request), request)

    def form_edit_query(self, request: Request) -> Select[Any]:
        return self._scoped(super().form_edit_query(request), request)

    # SQLAdmin checks a row with the details query before it deletes it or serves one of its files, but then
    # finds it again by id alone: a row the scoped query did not find must stop there, as not found.
    async def check_can_view_details(self, request: Request, model: Any) -> bool:
        return _found(model) and await super().check_can_view_details(request, model)

    async def check_can_delete(self, request: Request, model: Any) -> bool:
        return _found(model) and await super().check_can_delete(request, model)

    async def business(self, request: Request) -> Business:
        """The session's business, looked up once per request."""
        cached: Business | None = getattr(request.state, "business", None)
        if cached is None:
            async with self.session_maker() as session:
                cached = request.state.business = await get_business(session, slug=session_business(request))
        return cached

    async def zone(self, request: Request) -> ZoneInfo:
        return ZoneInfo((await self.business(request)).timezone)

    # A column formatter's own text (a link, a label) is kept; otherwise the value is said in Spanish.
    async def get_list_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        value, formatted = await super().get_list_value(obj, prop, request)
        own = prop in self._list_formatters
        return value, formatted if own else await self._spoken(value, formatted, request)

    async def get_detail_value(self, obj: Any, prop: str, request: Request | None = None) -> tuple[Any, Any]:
        value, formatted = await super().get_detail_value(obj, prop, request)
        own = prop in self._detail_formatters
        return value, formatted if own else await self._spoken(value, formatted, request)

    async def _spoken(self, value: Any, formatted: Any, request: Request | None) -> Any:
        said = None if request is None else spanish(value, await self.zone(request))
        return formatted if said is None else said

    async def detail_rows(self, request: Request, model: Any) -> list[tuple[str, Any]]:
        """(label, text) of the details page (scoped_details.html): the list's columns unless the view names its
        own (so every label is Spanish); an id nobody has put a name to is left out."""
        columns: Any = inspect(self.model).columns
        rows = []
        for name in self._details_prop_names if self.column_details_list else self._list_prop_names:
            value, text = await self.get_detail_value(model, name, request)
            column = columns.get(name)
            if column is not None and _holds_uuid(column) and str(text) in ("", str(value)):
                continue
            rows.append((self._column_labels.get(name, name), text))
        return rows

    async def export_data(
        self, data: list[Any], export_type: str = "csv", request: Request | None = None
    ) -> StreamingResponse:
        if export_type != "csv":
            return await super().export_data(data, export_type, request)
        names = self._export_prop_names
        zone = ZoneInfo("UTC") if request is None else await self.zone(request)
        rows = [[_exported(await self.get_prop_value(row, name), zone) for name in names] for row in data]
        return csv_response(secure_filename(self.get_export_name(export_type="csv")), names, rows)

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        if is_created:
            model.business_id = (await self.business(request)).id


def _exported(value: Any, zone: ZoneInfo) -> str:
    said = spanish(value, zone)
    return str(value) if said is None else said


def _holds_uuid(column: Any) -> bool:
    try:
        return column.type.python_type is uuid.UUID
    except NotImplementedError:
        return False


def _found(model: Any) -> bool:
    if model is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no encontrado")
    return True
