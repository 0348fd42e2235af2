"""A page of one form that replaces a set of the logged-in business's rows ("Normas", "Horario"): shown with what
is saved; sent, it is either refused (400, a reason by each field, nothing written) or saved in one transaction,
and the page shows it again saying so. The business is always the session's: no form names one."""

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar
from uuid import UUID

from sqladmin import BaseView
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from webhooks.admin.scope import session_business_uuid

Values = TypeVar("Values")
SAVED = "guardado"


class FormRows(Protocol[Values]):
    """What one form page replaces: read from the database as the form's fields, checked, and written."""

    async def saved_form(self, conn: AsyncConnection, business_id: UUID) -> dict[str, str]:
        """What is saved, as the form's fields."""

    def read(self, form: Mapping[str, str]) -> tuple[Values | None, Mapping[Any, str]]:
        """The typed values, or None and the reason for each refused field."""

    async def write(self, conn: AsyncConnection, business_id: UUID, values: Values, by: str) -> None: ...

    def fields(self, form: Mapping[str, str], errors: Mapping[Any, str]) -> dict[str, Any]:
        """The template's fields: the form's values (typed or saved) and the reasons."""


class FormPage(BaseView):
    api_state: ClassVar[Any]
    template: ClassVar[str]
    # The route name of the page (admin:view-<identity>), where a saved form goes back to.
    page_route: ClassVar[str]
    # The rows this page replaces (composed in, so the page itself stays one class).
    rows: ClassVar[FormRows[Any]]

    async def show(self, request: Request) -> Response:
        async with self.api_state.engine.connect() as conn:
            form = await self.rows.saved_form(conn, await session_business_uuid(conn, request))
        return await self._render(request, form, {}, saved=SAVED in request.query_params)

    async def submit(self, request: Request) -> Response:
        form = {name: str(value) for name, value in (await request.form()).items()}
        values, errors = self.rows.read(form)
        if values is None:
            return await self._render(request, form, errors, status_code=400)
        async with self.api_state.engine.begin() as conn:
            by = str(request.session.get("staff", ""))
            await self.rows.write(conn, await session_business_uuid(conn, request), values, by)
        return RedirectResponse(f"{request.url_for(self.page_route)}?{SAVED}=1", status_code=303)

    async def _render(
        self, request: Request, form: Mapping[str, str], errors: Mapping[Any, str], *, saved: bool = False, **kw: Any
    ) -> Response:
        page = {**self.rows.fields(form, errors), "refused": bool(errors), "saved": saved}
        return await self.templates.TemplateResponse(request, self.template, page, **kw)
