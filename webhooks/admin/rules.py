"""/admin → "Normas": the logged-in business's rules (deposit, hold minutes, refund cut-off…), one typed box each,
checked by the rules' own types (rules_form.py); a saved value is read by the next search, offer or hold, and
each one changed is kept in "Historial de cambios"."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqladmin import expose
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response

from models import Policy
from models.policies import PolicyKey
from models.rule_changes import replace_policies
from webhooks.admin.form_page import FormPage
from webhooks.admin.rules_form import read_policies, rule_fields


class PolicyRows:
    """The business's rules, every one at once."""

    async def saved_form(self, conn: AsyncConnection, business_id: UUID) -> dict[str, str]:
        rows = await conn.execute(select(Policy.key, Policy.value).where(col(Policy.business_id) == business_id))
        return {key: str(value) for key, value in rows}

    def read(self, form: Mapping[str, str]) -> tuple[dict[PolicyKey, int | Decimal] | None, Mapping[Any, str]]:
        return read_policies(form)

    async def write(
        self, conn: AsyncConnection, business_id: UUID, values: dict[PolicyKey, int | Decimal], by: str
    ) -> None:
        await replace_policies(conn, business_id, values, by)

    def fields(self, form: Mapping[str, str], errors: Mapping[Any, str]) -> dict[str, Any]:
        return {"rules": rule_fields(form, errors)}


class RulesView(FormPage):
    name, icon = "Normas", "fa-solid fa-scale-balanced"
    template, page_route = "rules.html", "admin:view-rules"
    rows = PolicyRows()

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/rules", methods=["GET"], identity="rules")
    async def rules(self, request: Request) -> Response:
        return await self.show(request)

    @expose("/rules/save", methods=["POST"], identity="rules_save")
    async def rules_save(self, request: Request) -> Response:
        return await self.submit(request)
