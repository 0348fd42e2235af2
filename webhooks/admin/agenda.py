"""/admin → Agenda: each stylist's appointments of a day (one column each, placed by time) or of a week (a row
each, Monday to Sunday), on the business's clock; only the logged-in business's."""

from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqladmin import BaseView, expose
from starlette.requests import Request
from starlette.responses import Response

from models.localtime import spoken_date
from models.queries import get_business
from webhooks.admin.agenda_entries import StaffAgenda, staff_agendas
from webhooks.admin.local_days import days_from, parsed_day
from webhooks.admin.scope import session_business
from webhooks.privacy.customer_workflows import web_ui_link

# The day view's hours at least (a salon's usual day); an appointment outside them widens the view.
FIRST_HOUR, LAST_HOUR = 9, 21
PIXELS_PER_MINUTE = 1


class AgendaView(BaseView):
    name, icon = "Agenda", "fa-solid fa-calendar-days"
    api_state: ClassVar[Any]

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first, so the menu opens
    # today's agenda.
    @expose("/agenda", methods=["GET"], identity="agenda")
    async def day(self, request: Request) -> Response:
        day, agendas, zone_today = await self._agendas(request, week=False)
        minutes = [(e.minute, e.minute + e.length) for a in agendas for e in a.entries]
        first = min([FIRST_HOUR, *(start // 60 for start, _ in minutes)])
        last = max([LAST_HOUR, *(min(24, -(-end // 60)) for _, end in minutes)])
        page = {
            "agendas": agendas,
            "shown": spoken_date(day).capitalize() + f" de {day.year}",
            "day": day,
            "today": zone_today,
            "step": 1,
            "hours": list(range(first, last)),
            "first_minute": first * 60,
            "height": (last - first) * 60 * PIXELS_PER_MINUTE,
            "scale": PIXELS_PER_MINUTE,
        }
        return await self._page(request, "agenda_day.html", page)

    @expose("/agenda/semana", methods=["GET"], identity="agenda_week")
    async def week(self, request: Request) -> Response:
        day, agendas, zone_today = await self._agendas(request, week=True)
        monday = day - timedelta(days=day.weekday())
        page = {
            "agendas": agendas,
            "days": [(d, spoken_date(d).capitalize()) for d in days_from(monday, monday + timedelta(days=6))],
            "shown": f"Semana del {monday:%d/%m/%Y} al {monday + timedelta(days=6):%d/%m/%Y}",
            "day": day,
            "today": zone_today,
            "step": 7,
        }
        return await self._page(request, "agenda_week.html", page)

    async def _agendas(self, request: Request, *, week: bool) -> tuple[date, list[StaffAgenda], date]:
        """The day asked for (`?dia=`, today on the business's clock otherwise), the agendas of that day or of
        its week, and today."""
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            today = datetime.now(UTC).astimezone(ZoneInfo(business.timezone)).date()
            day = parsed_day(request.query_params.get("dia")) or today
            first = day - timedelta(days=day.weekday()) if week else day
            agendas = await staff_agendas(session, business, first, first + timedelta(days=6 if week else 0))
        return day, agendas, today

    async def _page(self, request: Request, template: str, page: dict[str, Any]) -> Response:
        settings = self.api_state.settings
        day, step = page["day"], page["step"]
        links = {"previous": day - timedelta(days=step), "next": day + timedelta(days=step)}
        temporal = {e.workflow_id: web_ui_link(settings, e.workflow_id) for a in page["agendas"] for e in a.entries}
        return await self.templates.TemplateResponse(request, template, {**page, **links, "temporal": temporal})
