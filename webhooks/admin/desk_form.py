"""What the receptionist typed for a walk-in or a phone call, checked against the business's own catalogue and
staff: the booking it asks for, or the reasons it cannot be, in Spanish, before anything is touched."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from starlette.datastructures import FormData

from models import Business, Customer, Service, StaffMember
from models.customer import CUSTOMER_KEY_LENGTH
from webhooks.channels.phones import to_e164
from workflows.booking.types import BookingItem

NAME_LENGTH = 80


@dataclass
class DeskRequest:
    """A booking staff asked for, every part found in the business's rows."""

    booking_id: str
    phone: str
    name: str
    staff: StaffMember
    services: list[Service]
    start: datetime
    paid_at_desk: bool

    def item(self, customer_id: uuid.UUID) -> BookingItem:
        return BookingItem(
            customer_id=customer_id,
            staff_id=self.staff.id,
            staff_name=self.staff.name,
            service_ids=[s.id for s in self.services],
            service_names=[s.name for s in self.services],
            price=sum((s.price for s in self.services), Decimal("0.00")),
            duration_minutes=sum(s.duration_minutes for s in self.services),
            needs_deposit=any(s.needs_deposit for s in self.services),
        )


@dataclass
class DeskForm:
    """The form as sent, kept to show it again with its errors."""

    values: dict[str, str]
    service_ids: list[str]
    errors: list[str] = field(default_factory=list)


def when(day: str, at: str, timezone: str) -> datetime | None:
    """The local date and time the form names, on the business's clock; None when either is not one."""
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(at), ZoneInfo(timezone))
    except ValueError:
        return None


async def read_desk_form(
    session: AsyncSession, business: Business, form: FormData, now: datetime
) -> tuple[DeskForm, DeskRequest | None]:
    values = {k: str(form.get(k, "")).strip() for k in ("booking_id", "phone", "name", "staff", "day", "at", "deposit")}
    chosen = [str(v) for v in form.getlist("services") if str(v)]
    checked = DeskForm(values, chosen)
    errors = checked.errors
    try:
        phone = to_e164(values["phone"])
    except ValueError:
        errors.append("El teléfono no es válido (por ejemplo: 600 111 222 o +34 600 111 222).")
        phone = ""
    if len(phone) > CUSTOMER_KEY_LENGTH:
        errors.append("El teléfono es demasiado largo.")
    if not values["name"] or len(values["name"]) > NAME_LENGTH:
        errors.append(f"Escribe el nombre del cliente (hasta {NAME_LENGTH} letras).")
    staff = await _active_staff(session, business, values["staff"])
    if staff is None:
        errors.append("Elige un profesional del salón.")
    services = await _active_services(session, business, chosen)
    if not services or len(services) != len(chosen):
        errors.append("Elige al menos un servicio del salón.")
    start = when(values["day"], values["at"], business.timezone)
    if start is None:
        errors.append("Indica el día y la hora de la cita.")
    elif start <= now:
        errors.append("Esa hora ya ha pasado.")
    try:
        booking_id = str(uuid.UUID(values["booking_id"]))
    except ValueError:
        errors.append("El formulario ha caducado: vuelve a abrirlo.")
        booking_id = ""
    if errors or staff is None or start is None:
        return checked, None
    request = DeskRequest(booking_id, phone, values["name"], staff, services, start, values["deposit"] == "desk")
    return checked, request


async def desk_customer(session: AsyncSession, business: Business, phone: str, name: str) -> uuid.UUID:
    """The customer behind `phone`, created with the name staff typed; a name the salon already has stays."""
    first, _, last = name.partition(" ")
    inserted = (
        insert(Customer)
        .values(id=uuid.uuid4(), business_id=business.id, phone=phone, first_name=first, last_name=last or None)
        .on_conflict_do_nothing(constraint="uq_customer_business_phone")
    )
    await session.execute(inserted)
    found = await session.execute(
        select(Customer.id).where(Customer.business_id == business.id, Customer.phone == phone)
    )
    return found.scalar_one()


async def _active_staff(session: AsyncSession, business: Business, raw: str) -> StaffMember | None:
    try:
        staff_id = uuid.UUID(raw)
    except ValueError:
        return None
    found = await session.execute(
        select(StaffMember).where(
            StaffMember.id == staff_id, StaffMember.business_id == business.id, col(StaffMember.active)
        )
    )
    return found.scalar_one_or_none()


async def _active_services(session: AsyncSession, business: Business, raw: list[str]) -> list[Service]:
    try:
        ids = [uuid.UUID(v) for v in raw]
    except ValueError:
        return []
    found = await session.execute(
        select(Service).where(col(Service.id).in_(ids), Service.business_id == business.id, col(Service.active))
    )
    return list(found.scalars())
