"""Bookings staff make and move at the desk: a walk-in or a phone call booked through the same BookingWorkflow
as the chat (the deposit link sent to the customer's phone, or the deposit marked paid at the desk), and an
appointment moved to another time or stylist by the workflow's own reschedule update. Nothing here writes an
appointment row: the workflow holds the slot (the database refuses an overlap) and tells the people involved."""

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from sqladmin import BaseView, expose
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from starlette import status
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from temporalio.client import Client

from models import Appointment, Business, Service, StaffMember
from models.queries import get_business
from webhooks.admin.desk_form import DeskForm, desk_customer, read_desk_form, when
from webhooks.admin.scope import session_business
from workflows.booking.starts import start_and_hold
from workflows.booking.types import BookingInput, BookingStatus, RescheduleRequest
from workflows.booking.workflow import BookingWorkflow

# What the hold's outcome means to the receptionist.
HELD = {
    BookingStatus.CONFIRMED: "Cita confirmada para {name}; el profesional ya lo sabe.",
    BookingStatus.AWAITING_PAYMENT: "Cita reservada para {name}: le hemos enviado el enlace del anticipo a {phone}.",
}
REFUSED = {
    BookingStatus.SLOT_TAKEN: "Ese hueco ya está ocupado para ese profesional: elige otra hora.",
    BookingStatus.NOT_STARTED: "No se ha podido reservar ahora mismo; el equipo tiene el aviso. Inténtalo de nuevo.",
}
NOT_MOVED = {
    "slot_taken": "Ese hueco ya está ocupado para ese profesional: la cita sigue como estaba.",
    "not_confirmed": "Solo se pueden mover citas confirmadas.",
}


class DeskView(BaseView):
    name, icon = "Nueva cita", "fa-solid fa-calendar-plus"
    api_state: ClassVar[Any]

    # First: SQLAdmin names the view (and its menu link) after the exposed page defined first.
    @expose("/desk/new", methods=["GET", "POST"], identity="desk")
    async def new(self, request: Request) -> Response:
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            if request.method == "GET":
                fresh = DeskForm({"booking_id": str(uuid.uuid4()), "deposit": "link"}, [])
                return await self._page(request, session, business, fresh)
            form, asked = await read_desk_form(session, business, await request.form(), datetime.now(UTC))
            if asked is None:
                return await self._page(request, session, business, form, status_code=422)
            customer_id = await desk_customer(session, business, asked.phone, asked.name)
            await session.commit()
        # The form's own booking id: sending it twice (a double click, a reload) is one booking.
        held = await start_and_hold(
            self._temporal(),
            BookingInput(
                booking_id=asked.booking_id,
                business=business.slug,
                customer_phone=asked.phone,
                booked_by_id=customer_id,
                start=asked.start,
                items=[asked.item(customer_id)],
                customer_name=asked.name,
                paid_at_desk=asked.paid_at_desk,
            ),
            task_queue=self.api_state.settings.task_queue,
            summary=f"Reserva en el mostrador de {asked.name}: {', '.join(s.name for s in asked.services)}",
        )
        async with self.api_state.sessions() as session:
            if held in REFUSED:
                form.errors.append(REFUSED[held])
                form.values["booking_id"] = str(uuid.uuid4())
                return await self._page(request, session, business, form, status_code=409)
            done = HELD.get(held, "Reserva en curso.").format(name=asked.name, phone=asked.phone)
            fresh = DeskForm({"booking_id": str(uuid.uuid4()), "deposit": "link"}, [])
            return await self._page(request, session, business, fresh, done=done)

    @expose("/desk/move/{appointment_id}", methods=["GET", "POST"], identity="desk_move")
    async def move(self, request: Request) -> Response:
        async with self.api_state.sessions() as session:
            business = await get_business(session, slug=session_business(request))
            appointment = await _appointment(session, business, request.path_params["appointment_id"])
            staff = await _offered(session, business, StaffMember)
        page: dict[str, Any] = {"appointment": appointment, "staff": staff, "errors": [], "values": {}}
        local = appointment.start_at.astimezone(ZoneInfo(business.timezone))
        page["values"] = {"day": f"{local:%Y-%m-%d}", "at": f"{local:%H:%M}", "staff": str(appointment.staff_id)}
        if request.method == "GET":
            return await self.templates.TemplateResponse(request, "desk_move.html", page)
        form = await request.form()
        page["values"] = {k: str(form.get(k, "")) for k in ("day", "at", "staff")}
        start = when(page["values"]["day"], page["values"]["at"], business.timezone)
        chosen = next((s for s in staff if str(s.id) == page["values"]["staff"]), None)
        if start is None or chosen is None or start <= datetime.now(UTC):
            page["errors"] = ["Indica un día y una hora por venir y un profesional del salón."]
            return await self.templates.TemplateResponse(request, "desk_move.html", page, status_code=422)
        moved = (
            await self._temporal()
            .get_workflow_handle_for(BookingWorkflow.run, appointment.workflow_id)
            .execute_update(
                BookingWorkflow.reschedule,
                RescheduleRequest(start=start, staff_ids=[chosen.id], staff_names=[chosen.name]),
                id=f"admin-move:{appointment.id}:{start.isoformat()}:{chosen.id}",
            )
        )
        if not moved.moved:
            page["errors"] = [NOT_MOVED.get(moved.reason, "No se ha podido mover la cita.")]
            return await self.templates.TemplateResponse(request, "desk_move.html", page, status_code=409)
        return RedirectResponse(
            str(request.url_for("admin:details", identity="appointment", pk=str(appointment.id))), status_code=303
        )

    async def _page(
        self,
        request: Request,
        session: AsyncSession,
        business: Business,
        form: DeskForm,
        *,
        status_code: int = 200,
        done: str = "",
    ) -> Response:
        page = {
            "form": form,
            "done": done,
            "staff": await _offered(session, business, StaffMember),
            "services": await _offered(session, business, Service),
        }
        return await self.templates.TemplateResponse(request, "desk_new.html", page, status_code=status_code)

    def _temporal(self) -> Client:
        client: Client = self.api_state.temporal
        return client


async def _offered(session: AsyncSession, business: Business, model: type[StaffMember] | type[Service]) -> list[Any]:
    rows = await session.execute(
        select(model).where(model.business_id == business.id, col(model.active)).order_by(col(model.name))
    )
    return list(rows.scalars())


async def _appointment(session: AsyncSession, business: Business, raw: str) -> Appointment:
    """One of the business's appointments; any other id (another business's included) is not found."""
    try:
        appointment_id = uuid.UUID(raw)
    except ValueError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "cita no encontrada") from None
    found = await session.get(Appointment, appointment_id)
    if found is None or found.business_id != business.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "cita no encontrada")
    return found
