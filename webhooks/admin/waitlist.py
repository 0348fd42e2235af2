"""/admin → "Lista de espera": who waits for which day, in order, and what became of the slot each was offered
(a booking of their own: waiting for the deposit, booked, or let go). Staff remove a wish the customer withdrew."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqladmin import BaseView, expose
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, delete, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from models import Appointment, Business, Customer, Service, StaffMember, WaitlistEntry
from models.enums import AppointmentStatus
from models.localtime import spoken_date
from models.queries import get_business
from webhooks.admin.scope import session_business
from webhooks.admin.words import label, local_time
from workflows import booking_workflow_id

PART_OF_DAY = {"morning": "por la mañana", "afternoon": "por la tarde"}


@dataclass(frozen=True)
class Waiting:
    id: uuid.UUID
    customer: str
    services: str
    day: str
    wish: str
    since: str
    state: str


class WaitlistView(BaseView):
    name, icon = "Lista de espera", "fa-solid fa-hourglass-half"
    api_state: ClassVar[Any]

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/waitlist", methods=["GET"], identity="waitlist")
    async def waitlist(self, request: Request) -> Response:
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            rows = await waiting(session, business, datetime.now(ZoneInfo(business.timezone)).date())
        return await self.templates.TemplateResponse(request, "waitlist.html", {"rows": rows})

    @expose("/waitlist/remove", methods=["POST"], identity="waitlist_remove")
    async def remove(self, request: Request) -> Response:
        """Only the business's own entry goes; any other id changes nothing."""
        try:
            entry_id = uuid.UUID(str((await request.form()).get("entry", "")))
        except ValueError:
            entry_id = None
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            await session.execute(
                delete(WaitlistEntry).where(
                    col(WaitlistEntry.id) == entry_id, col(WaitlistEntry.business_id) == business.id
                )
            )
            await session.commit()
        return RedirectResponse(str(request.url_for("admin:view-waitlist")), status_code=303)


async def waiting(session: AsyncSession, business: Business, today: date) -> list[Waiting]:
    """The business's entries for today on, by day and then in the order they joined."""
    zone = ZoneInfo(business.timezone)
    query = (
        select(WaitlistEntry, Customer)
        .join(Customer, col(Customer.id) == WaitlistEntry.customer_id)
        .where(WaitlistEntry.business_id == business.id)
        .order_by(col(WaitlistEntry.day), col(WaitlistEntry.created_at))
    )
    query = query.where(col(WaitlistEntry.day) >= today)
    found = (await session.execute(query)).all()
    names = dict(
        (await session.execute(select(Service.id, Service.name).where(Service.business_id == business.id))).all()
    )
    staff = dict(
        (
            await session.execute(
                select(StaffMember.id, StaffMember.name).where(StaffMember.business_id == business.id)
            )
        ).all()
    )
    offered = [booking_workflow_id(e.offered_booking) for e, _ in found if e.offered_booking]
    statuses = dict(
        (
            await session.execute(
                select(Appointment.workflow_id, Appointment.status).where(col(Appointment.workflow_id).in_(offered))
            )
        ).all()
    )
    rows = []
    for entry, customer in found:
        who = " ".join(filter(None, [customer.first_name, customer.last_name])) or "sin nombre"
        wish = ", ".join(
            filter(
                None, [staff.get(entry.staff_id) if entry.staff_id else None, PART_OF_DAY.get(entry.part_of_day or "")]
            )
        )
        state = "esperando"
        if entry.offered_booking:
            status = statuses.get(booking_workflow_id(entry.offered_booking))
            when = f" el {local_time(entry.offered_at, zone)}" if entry.offered_at else ""
            state = f"hueco ofrecido{when}" + (f" ({label(AppointmentStatus(status))})" if status else "")
        rows.append(
            Waiting(
                entry.id,
                f"{who} · {customer.phone}",
                ", ".join(names.get(s, "?") for s in entry.service_ids),
                spoken_date(entry.day),
                wish or "cualquier profesional y hora",
                local_time(entry.created_at, zone) if entry.created_at else "",
                state,
            )
        )
    return rows
