"""Seed a salon (the demo one): idempotent (a second run changes nothing) and never overwrites staff edits.

Run alone with `python -m models.seeding.seed`; `make run` calls `seed_salon` after migrating.
"""

import asyncio
import logging
import uuid
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel, col, select

from models.business import Business, Faq, OpeningHours, Policy
from models.catalog import Pack, PackService, Service
from models.policies import DESCRIPTIONS
from models.runtime.db import create_engine
from models.runtime.settings import get_settings
from models.seeding.demo_salon import ATREVETE, Salon
from models.staff import StaffMember
from models.staff_time import StaffHours

log = logging.getLogger("citaflow.seed")
# Deterministic ids: the same row gets the same id on every machine and every run.
SEED_NAMESPACE = uuid.UUID("0b6f3d1e-8f5a-4f7e-9c1d-2a4b6c8d0e1f")


def seed_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(SEED_NAMESPACE, "/".join(parts))


async def _insert_missing(conn: AsyncConnection, table: type[SQLModel], rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    result = await conn.execute(insert(table).values(rows).on_conflict_do_nothing())
    return result.rowcount or 0


async def seed_salon(engine: AsyncEngine, salon: Salon = ATREVETE) -> None:
    """Insert every row of the salon (the demo one unless told) that is not there yet, in one transaction."""
    async with engine.begin() as conn:
        known = (await conn.execute(select(Business.id).where(Business.slug == salon.slug))).first()
        await _insert_missing(
            conn,
            Business,
            [
                {
                    "id": seed_id(salon.slug),
                    "slug": salon.slug,
                    "name": salon.name,
                    "assistant_name": salon.assistant,
                    "timezone": salon.timezone,
                    "address": salon.address,
                    "maps_url": salon.maps_url,
                    "phone": salon.phone,
                    "whatsapp_phone_number_id": salon.whatsapp_phone_number_id,
                    "chatwoot_inbox_id": salon.chatwoot_inbox_id,
                    "stripe_account_id": salon.stripe_account_id,
                }
            ],
        )
        business_id = (await conn.execute(select(Business.id).where(Business.slug == salon.slug))).scalar_one()
        counts = {
            "hours": await _insert_missing(
                conn,
                OpeningHours,
                [
                    {"business_id": business_id, "weekday": d, "opens_at": opens, "closes_at": closes}
                    for d, (opens, closes) in salon.hours.items()
                    # Only with the business: afterwards its hours are staff's (/admin), and a seed run again must
                    # not add the seed's interval beside one they changed (a second Saturday).
                    if known is None
                ],
            ),
            "staff": await _seed_staff(conn, business_id, salon),
            "services": await _insert_missing(
                conn,
                Service,
                [
                    {
                        "id": seed_id(salon.slug, "service", s.name),
                        "business_id": business_id,
                        "name": s.name,
                        "category": s.category,
                        "duration_minutes": s.minutes,
                        "price": s.price,
                        "needs_deposit": s.needs_deposit,
                        "description": s.description,
                        "active": True,
                        "aliases": list(s.aliases),
                    }
                    for s in salon.services
                ],
            ),
            "packs": await _seed_packs(conn, business_id, salon),
            "policies": await _insert_missing(
                conn,
                Policy,
                [
                    {"business_id": business_id, "key": k.value, "value": v, "description": DESCRIPTIONS[k]}
                    for k, v in salon.policies.items()
                ],
            ),
            "faqs": await _insert_missing(
                conn,
                Faq,
                [
                    {
                        "id": seed_id(salon.slug, "faq", f.topic),
                        "business_id": business_id,
                        "topic": f.topic,
                        "question": f.question,
                        "answer": f.answer,
                        "keywords": list(f.keywords),
                    }
                    for f in salon.faqs
                ],
            ),
        }
    log.info("salon %s seeded; new rows: %s", salon.slug, counts)


async def _seed_staff(conn: AsyncConnection, business_id: uuid.UUID, salon: Salon) -> int:
    """The stylists not there yet, each with her own hours. Hours come only with a new stylist: what staff later
    change or delete in /admin is theirs, and seeding again does not bring a deleted interval back."""
    rows = [
        {
            "id": seed_id(salon.slug, "staff", s.name),
            "business_id": business_id,
            "name": s.name,
            "category": s.category,
            "calendar_id": f"{s.name.lower()}@{salon.slug}.example",
            "active": True,
            "notify_phone": s.notify_phone,
        }
        for s in salon.staff
    ]
    stmt = insert(StaffMember).values(rows).on_conflict_do_nothing().returning(col(StaffMember.id))
    new = set((await conn.execute(stmt)).scalars())
    await _insert_missing(
        conn,
        StaffHours,
        [
            {
                "id": seed_id(salon.slug, "staff-hours", s.name, str(weekday), f"{starts:%H:%M}"),
                "business_id": business_id,
                "staff_id": seed_id(salon.slug, "staff", s.name),
                "weekday": weekday,
                "starts_at": starts,
                "ends_at": ends,
            }
            for s in salon.staff
            if s.hours and seed_id(salon.slug, "staff", s.name) in new
            for weekday, intervals in s.hours.items()
            for starts, ends in intervals
        ],
    )
    return len(new)


async def _seed_packs(conn: AsyncConnection, business_id: uuid.UUID, salon: Salon) -> int:
    inserted = await _insert_missing(
        conn,
        Pack,
        [
            {
                "id": seed_id(salon.slug, "pack", p.name),
                "business_id": business_id,
                "name": p.name,
                "duration_minutes": p.minutes,
                "price": p.price,
                "description": p.description,
                "active": True,
            }
            for p in salon.packs
        ],
    )
    services = {
        name: id_
        for name, id_ in await conn.execute(select(Service.name, Service.id).where(Service.business_id == business_id))
    }
    packs = {
        name: id_ for name, id_ in await conn.execute(select(Pack.name, Pack.id).where(Pack.business_id == business_id))
    }
    await _insert_missing(
        conn,
        PackService,
        [
            {"pack_id": packs[p.name], "service_id": services[name]}
            for p in salon.packs
            if p.name in packs
            for name in p.services
            if name in services
        ],
    )
    return inserted


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level)
    engine = create_engine(settings.require_database_url())

    async def run() -> None:
        try:
            await seed_salon(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())


if __name__ == "__main__":
    main()
