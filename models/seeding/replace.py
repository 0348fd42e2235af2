"""Applying a salon file again follows the rule /admin follows: what the file describes becomes what it says (a
service's price, duration and deposit, an FAQ's answer and keywords, a stated policy, the hours of each weekday
it lists), and what it does not describe stays as staff left it (a stylist made inactive, a calendar set, a
service added in /admin, a policy the file does not list, a weekday it leaves out). Bookings already made keep
their own prices and deposits: they were copied onto the appointment when it was booked. Changed rules and hours
are kept in the change history, by "fichero del salón"."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel, col, select

from models.business import Faq
from models.catalog import Pack, PackService, Service
from models.policies import BusinessPolicies, PolicyKey
from models.rule_changes import replace_hours, replace_policies
from models.seeding.demo_salon import Salon
from models.staff import StaffMember

# Who the change history says made a change the file brought.
SALON_FILE = "fichero del salón"


async def replace_described(
    conn: AsyncConnection, business_id: uuid.UUID, salon: Salon, stated_policies: Iterable[PolicyKey]
) -> None:
    """Every row the file describes is there already (seeded); each takes the file's values. A day's hours and
    the stated rules are replaced the way /admin replaces them, and kept in the change history (rule_changes.py)."""
    # A day the file lists opens as it says (one Saturday, not two); a day it leaves out keeps what staff set.
    await replace_hours(conn, business_id, {day: [span] for day, span in salon.hours.items()}, SALON_FILE)
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
    typed = BusinessPolicies.from_rows({key.value: value for key, value in salon.policies.items()})
    stated = {key: getattr(typed, key.value) for key in stated_policies}
    await replace_policies(conn, business_id, stated, SALON_FILE)


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
