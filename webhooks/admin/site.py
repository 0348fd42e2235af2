"""The staff admin at /admin (SQLAdmin): login, lists of what the salon and its bookings are, closures, and
booking actions. Each login belongs to one business, and every page shows that business only.

Workflow-owned rows (appointments, messages) are never edited here: a staff action on a booking (cancel with or
without refund, no-show) is an update or signal to its workflow, which does the work and tells the customer, so
the admin cannot contradict a running booking. The list shows the result once the workflow has acted.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqladmin import Admin, BaseView, ModelView
from sqladmin.authentication import login_required
from sqladmin.templating import Jinja2Templates
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response

from models.queries import get_business
from models.runtime.db import session_factory
from models.runtime.settings import Settings
from webhooks.admin.agenda import AgendaView
from webhooks.admin.alerts import TeamAlertView
from webhooks.admin.bookings import AppointmentView
from webhooks.admin.catalog import ClosureView, CustomerView, MessageView
from webhooks.admin.conversations import ConversationView
from webhooks.admin.dashboard import panels, period
from webhooks.admin.dashboard_figures import figures
from webhooks.admin.dead_letters import DeadLetterView
from webhooks.admin.desk import DeskView
from webhooks.admin.editable import ChangeView, FaqView, PackView, ServiceView, StaffView
from webhooks.admin.handovers import HandoverView
from webhooks.admin.home import todays_appointments
from webhooks.admin.hours import HoursView
from webhooks.admin.login import StaffLogin
from webhooks.admin.privacy import PrivacyView
from webhooks.admin.rules import RulesView
from webhooks.admin.scope import session_business
from webhooks.admin.spanish import speak_spanish
from webhooks.admin.staff_time import StaffHoursView, TimeOffView
from webhooks.admin.waitlist import WaitlistView
from webhooks.rate_limit import RateLimits

VIEWS = (
    AppointmentView,
    AgendaView,
    DeskView,
    WaitlistView,
    TeamAlertView,
    HandoverView,
    ConversationView,
    CustomerView,
    StaffView,
    ServiceView,
    PackView,
    ClosureView,
    StaffHoursView,
    TimeOffView,
    FaqView,
    HoursView,
    RulesView,
    ChangeView,
    MessageView,
    DeadLetterView,
    PrivacyView,
)
TEMPLATES = Path(__file__).parents[1] / "templates"


class SalonAdmin(Admin):
    """SQLAdmin in the salon's Spanish (spanish.py), opening on the owner's dashboard and today's appointments."""

    def init_templating_engine(self) -> Jinja2Templates:
        templates = super().init_templating_engine()
        speak_spanish(templates)
        return templates

    @login_required
    async def index(self, request: Request) -> Response:
        """The dashboard of a period (dashboard.py), above the appointments of today."""
        now = datetime.now(UTC)
        async with self.session_maker() as session:
            business = await get_business(session, slug=session_business(request))
            today = now.astimezone(ZoneInfo(business.timezone)).date()
            first, last = period(request.query_params, today)
            found = await figures(session, business, first, last, now)
            rows = await todays_appointments(session, business, now)
        page = {
            "rows": rows,
            "today": f"{today:%d/%m/%Y}",
            "business": business.name,
            "first": first,
            "last": last,
            "panels": panels(found, first, last),
        }
        return await self.templates.TemplateResponse(request, "home.html", page)


def mount_admin(app: FastAPI, engine: AsyncEngine, settings: Settings, limits: RateLimits) -> Admin:
    admin = SalonAdmin(
        app,
        engine,
        title="Atrévete · gestión",
        authentication_backend=StaffLogin(settings, session_factory(engine), limits),
        templates_dir=str(TEMPLATES),
    )
    # Views are classes; this app's own subclasses carry its Temporal client (the business is the session's).
    bound: dict[type[BaseView | ModelView], dict[str, Any]] = {
        AppointmentView: {"api_state": app.state},
        AgendaView: {"api_state": app.state},
        HandoverView: {"api_state": app.state},
        DeskView: {"api_state": app.state},
        WaitlistView: {"api_state": app.state},
        ConversationView: {"api_state": app.state},
        PrivacyView: {"api_state": app.state},
        HoursView: {"api_state": app.state},
        RulesView: {"api_state": app.state},
    }
    for view in VIEWS:
        extra = bound.get(view)
        admin.add_view(view if extra is None else _bound(view, extra))
    return admin


def _bound(view: Any, extra: dict[str, Any]) -> Any:
    """A subclass of `view` carrying this app's values. SQLAdmin's metaclass recomputes a view's names for every
    class it creates, so the Spanish ones (and the model) are named again."""
    named = {"name": view.name, "icon": view.icon}
    if not issubclass(view, ModelView):
        return type(view.__name__, (view,), {**named, **extra})
    return type(view.__name__, (view,), {**named, "name_plural": view.name_plural, **extra}, model=view.model)
