"""Applying a salon file again: what the file describes becomes what it says (a price, the deposit, an FAQ's
answer, a day's hours), and what it does not describe stays as staff left it (a stylist made inactive, a calendar
set, a service added in /admin, a policy the file does not list). Bookings already made keep their own prices
and deposits: they were copied onto the appointment when it was booked."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel, col, select

from models.business import Faq, OpeningHours, Policy
from models.catalog import Pack, PackService, Service
from models.policies import PolicyKey
from models.seeding.demo_salon import Salon
from models.staff import StaffMember


async def replace_described(
    conn: AsyncConnection, business_id: uuid.UUID, salon: Salon, stated_policies: Iterable[PolicyKey]
) -> None:
    """Every row the file describes is there already (seeded); each takes the file's values."""
    # The file lists every open day: a day's hours are replaced, never added to (one Saturday, not two).
    await conn.execute(delete(OpeningHours).where(col(OpeningHours.business_id) == business_id))
    if salon.hours:
        await conn.execute(
            insert(OpeningHours).values(
                [
                    {"business_id": business_id, "weekday": day, "opens_at": opens, "closes_at": closes}
                    for day, (opens, closes) in salon.hours.items()
                ]
            )
        )
    for s in salon.staff:
        await _set(conn, StaffMember, business_id, "name", s.name, category=s.category, notify_phone=s.notify_phone)
    for svc in salon.services:
        await _set(
            conn,
            Service,
            business_id,
            "name",
            svc.name,
            category=svc.category,
            duration_minutes=svc.minutes,
            price=svc.price,
            needs_deposit=svc.needs_deposit,
            description=svc.description,
            aliases=list(svc.aliases),
        )
    for pack in salon.packs:
        await _set(
            conn,
            Pack,
            business_id,
            "name",
            pack.name,
            duration_minutes=pack.minutes,
            price=pack.price,
            description=pack.description,
        )
    await _pack_contents(conn, business_id, salon)
    for faq in salon.faqs:
        await _set(
            conn,
            Faq,
            business_id,
            "topic",
            faq.topic,
            question=faq.question,
            answer=faq.answer,
            keywords=list(faq.keywords),
        )
    for key in stated_policies:
        await _set(conn, Policy, business_id, "key", key.value, value=salon.policies[key])


async def _set(
    conn: AsyncConnection, table: type[SQLModel], business_id: uuid.UUID, by: str, name: str, **values: Any
) -> None:
    columns: Any = table.__table__.c  # type: ignore[attr-defined]
    await conn.execute(update(table).where(columns.business_id == business_id, columns[by] == name).values(**values))


async def _pack_contents(conn: AsyncConnection, business_id: uuid.UUID, salon: Salon) -> None:
    """A pack holds the services the file lists, no more."""
    packs = dict((await conn.execute(select(Pack.name, Pack.id).where(Pack.business_id == business_id))).all())
    services = dict(
        (await conn.execute(select(Service.name, Service.id).where(Service.business_id == business_id))).all()
    )
    for pack in salon.packs:
        await conn.execute(delete(PackService).where(col(PackService.pack_id) == packs[pack.name]))
        if pack.services:
            await conn.execute(
                insert(PackService).values(
                    [{"pack_id": packs[pack.name], "service_id": services[n]} for n in pack.services]
                )
            )
