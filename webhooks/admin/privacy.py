"""/admin → "Datos personales": a customer of the logged-in business, their workflows in Temporal (with their
Web UI pages), and erasing them on request after a confirmation (webhooks/privacy/erase.py)."""

from typing import Any, ClassVar

from sqladmin import BaseView, expose
from starlette.requests import Request
from starlette.responses import Response
from temporalio.client import Client

from webhooks.admin.scope import session_business
from webhooks.channels.customer_keys import typed_customer
from webhooks.privacy.customer_workflows import find_customer_workflows, records_of
from webhooks.privacy.erase import erase_customer


def _customer_key(text: str) -> str | None:
    try:
        return typed_customer(text)
    except ValueError:
        return None


class PrivacyView(BaseView):
    name, icon = "Datos personales", "fa-solid fa-user-shield"
    api_state: ClassVar[Any]

    async def _page(self, request: Request, customer: str, **context: Any) -> Response:
        key = _customer_key(customer) if customer else None
        found, known = [], False
        if key is not None:
            client: Client = self.api_state.temporal
            business = session_business(request)
            async with self.api_state.sessions() as session:
                records = await records_of(session, key, business)
            known = bool(records.rows)
            found = await find_customer_workflows(client, self.api_state.settings, key, business, records)
        page = {"customer": customer, "key": key, "known": known, "workflows": found, **context}
        return await self.templates.TemplateResponse(request, "privacy.html", page)

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/privacy", methods=["GET"], identity="privacy")
    async def privacy(self, request: Request) -> Response:
        return await self._page(request, request.query_params.get("customer", ""))

    @expose("/privacy/erase", methods=["POST"], identity="privacy_erase")
    async def erase(self, request: Request) -> Response:
        form = await request.form()
        key = _customer_key(str(form.get("customer", "")))
        # The number typed again: a slip of the mouse never erases anyone.
        if key is None or _customer_key(str(form.get("confirm", ""))) != key:
            return await self._page(
                request, str(form.get("customer", "")), error="Escribe el mismo teléfono dos veces para borrar."
            )
        report = await erase_customer(
            self.api_state.temporal, self.api_state.settings, self.api_state.sessions, key, session_business(request)
        )
        return await self._page(request, key, report=report.lines())
