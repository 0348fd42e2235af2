"""Who and what an appointment is about, by name: the rows hold only ids, which nobody at the desk can read."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import Appointment, AppointmentService, Customer, Pack, Service, StaffMember


@dataclass
class AppointmentFacts:
    customer: str
    # Someone else's booking for them (a group booking), or None when the customer booked it.
    booked_by: str | None
    staff: str
    services: str


async def appointment_facts(
    session: AsyncSession, appointments: Sequence[Appointment]
) -> dict[uuid.UUID, AppointmentFacts]:
    """The facts of each appointment, by its id: four queries whatever the number of appointments."""
    people = {a.customer_id for a in appointments} | {a.booked_by_id for a in appointments if a.booked_by_id}
    found = await session.execute(select(Customer).where(col(Customer.id).in_(people)))
    customers = {c.id: c for c in found.scalars()}
    named = select(StaffMember.id, StaffMember.name).where(col(StaffMember.id).in_({a.staff_id for a in appointments}))
    staff = {staff_id: name for staff_id, name in await session.execute(named)}
    packed = select(Pack.id, Pack.name).where(col(Pack.id).in_({a.pack_id for a in appointments if a.pack_id}))
    packs = {pack_id: name for pack_id, name in await session.execute(packed)}
    services: dict[uuid.UUID, list[str]] = defaultdict(list)
    done = await session.execute(
        select(AppointmentService.appointment_id, Service.name)
        .join(Service, col(Service.id) == col(AppointmentService.service_id))
        .where(col(AppointmentService.appointment_id).in_([a.id for a in appointments]))
        .order_by(col(Service.name))
    )
    for appointment_id, name in done:
        services[appointment_id].append(name)
    return {
        a.id: AppointmentFacts(
            customer=_person(customers.get(a.customer_id)),
            booked_by=_person(customers.get(a.booked_by_id)) if a.booked_by_id not in (None, a.customer_id) else None,
            staff=staff.get(a.staff_id, "—"),
            services=_services(packs.get(a.pack_id) if a.pack_id else None, services[a.id]),
        )
        for a in appointments
    }


def _person(customer: Customer | None) -> str:
    if customer is None:
        return "—"
    name = " ".join(filter(None, (customer.first_name, customer.last_name))) or "Sin nombre"
    return f"{name} ({customer.phone})" if customer.phone else name


def _services(pack: str | None, services: list[str]) -> str:
    names = ", ".join(services) or "—"
    return f"{pack}: {names}" if pack else names
