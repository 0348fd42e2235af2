"""The staff admin at /admin (SQLAdmin): login, lists of what the salon and its bookings are, closures, and
booking actions. Each login belongs to one business, and every page shows that business only.

Workflow-owned rows (appointments, messages) are never edited here: a staff action on a booking (cancel with or
without refund, no-show) is an update or signal to its workflow, which does the work and tells the customer, so
the admin cannot contradict a running booking. The list shows the result once the workflow has acted.
"""

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqladmin import Admin, BaseView, ModelView
from sqlalchemy.ext.asyncio import AsyncEngine

from models.runtime.db import session_factory
from models.runtime.settings import Settings
from webhooks.admin.alerts import TeamAlertView
from webhooks.admin.bookings import AppointmentView
from webhooks.admin.catalog import (
    ClosureView,
    CustomerView,
    FaqView,
    MessageView,
    PackView,
    PolicyView,
    ServiceView,
    StaffView,
)
from webhooks.admin.dead_letters import DeadLetterView
from webhooks.admin.handovers import HandoverView
from webhooks.admin.login import StaffLogin
from webhooks.admin.privacy import PrivacyView
from webhooks.rate_limit import RateLimits

VIEWS = (
    AppointmentView,
    TeamAlertView,
    HandoverView,
    CustomerView,
    StaffView,
    ServiceView,
    PackView,
    ClosureView,
    FaqView,
    PolicyView,
    MessageView,
    DeadLetterView,
    PrivacyView,
)
TEMPLATES = Path(__file__).parents[1] / "templates"


def mount_admin(app: FastAPI, engine: AsyncEngine, settings: Settings, limits: RateLimits) -> Admin:
    admin = Admin(
        app,
        engine,
        title="Atrévete · gestión",
        authentication_backend=StaffLogin(settings, session_factory(engine), limits),
        templates_dir=str(TEMPLATES),
    )
    # Views are classes; this app's own subclasses carry its Temporal client (the business is the session's).
    bound: dict[type[BaseView | ModelView], dict[str, Any]] = {
        AppointmentView: {"api_state": app.state},
        HandoverView: {"api_state": app.state},
        PrivacyView: {"api_state": app.state},
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
