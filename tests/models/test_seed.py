"""The demo salon seed: idempotent, respectful of staff edits, and faithful to DESIGN §6."""

from datetime import time
from decimal import Decimal

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import SQLModel, select

from models import Faq, OpeningHours, Pack, PackService, Policy, Service, StaffHours, StaffMember
from models.enums import Category
from models.policies import BusinessPolicies, PolicyKey
from models.seeding.seed import seed_salon


async def _snapshot(engine: AsyncEngine) -> dict[str, str]:
    """Every table's rows, as one md5 each: any changed value or row count shows."""
    snapshot = {}
    async with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            digest = await conn.execute(
                text(
                    f"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                    f'FROM "{table.name}" t'
                )
            )
            snapshot[table.name] = digest.scalar_one()
    return snapshot


async def test_seed_twice_changes_nothing(db: AsyncEngine) -> None:
    before = await _snapshot(db)
    assert before["service"].split(":")[0] != "0"
    await seed_salon(db)
    assert await _snapshot(db) == before


async def test_seed_keeps_staff_edits(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        await session.execute(update(Service).where(Service.name == "Corte").values(price=Decimal("42.50")))
    await seed_salon(db)
    async with AsyncSession(db) as session:
        price = (await session.execute(select(Service.price).where(Service.name == "Corte"))).scalar_one()
    assert price == Decimal("42.50")


async def test_rosa_has_a_lunch_break_that_seeding_again_does_not_bring_back_once_deleted(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session, session.begin():
        rows = (await session.execute(select(StaffHours))).scalars().all()
        assert {(h.weekday, h.starts_at, h.ends_at) for h in rows if h.weekday == 0} == {
            (0, time(10), time(14)),
            (0, time(15), time(20)),
        }
        rosa = (await session.execute(select(StaffMember.id).where(StaffMember.name == "Rosa"))).scalar_one()
        assert {h.staff_id for h in rows} == {rosa}, "the others work the salon's hours"
        await session.execute(delete(StaffHours))
    await seed_salon(db)
    async with AsyncSession(db) as session:
        assert (await session.execute(select(StaffHours))).scalars().all() == [], "the owner's deletion stands"


async def test_demo_salon_matches_design(db: AsyncEngine) -> None:
    async with AsyncSession(db) as session:
        staff = {s.name: s.category for s in (await session.execute(select(StaffMember))).scalars()}
        services = {s.name: s for s in (await session.execute(select(Service))).scalars()}
        packs = {p.name: p for p in (await session.execute(select(Pack))).scalars()}
        links = (await session.execute(select(PackService))).scalars().all()
        hours = {h.weekday: (h.opens_at, h.closes_at) for h in (await session.execute(select(OpeningHours))).scalars()}
        policies = {p.key: p.value for p in (await session.execute(select(Policy))).scalars()}
        faqs = {f.topic: f for f in (await session.execute(select(Faq))).scalars()}

    assert staff == {
        "Pilar": Category.HAIRDRESSING,
        "Marta": Category.BOTH,
        "Rosa": Category.AESTHETICS,
        "Harol": Category.HAIRDRESSING,
        "Víctor": Category.HAIRDRESSING,
    }
    assert len(services) >= 13
    assert {s.category for s in services.values()} == {Category.HAIRDRESSING, Category.AESTHETICS}
    free = services["Consulta gratuita"]
    assert (free.duration_minutes, free.price, free.needs_deposit) == (15, Decimal("0.00"), False)
    pack = packs["Mechas + Corte"]
    names = {s.id: name for name, s in services.items()}
    contents = {names[link.service_id] for link in links if link.pack_id == pack.id}
    assert contents == {"Mechas", "Corte"}
    assert pack.price < services["Mechas"].price + services["Corte"].price
    assert hours[5] == (time(10), time(14)) and 6 not in hours and hours[0] == (time(10), time(20))
    rules = BusinessPolicies.from_rows(policies)
    assert (rules.deposit_percent, rules.hold_minutes, rules.hold_minutes_same_day) == (20, 30, 15)
    assert (rules.reminder_before_hours, rules.refund_cutoff_hours, rules.slot_minutes) == (48, 24, 30)
    assert {"hours", "address", "parking", "payment", "cancellation"} <= faqs.keys()
    assert "maps.google.com" in faqs["address"].answer


def test_policies_refuse_a_missing_rule() -> None:
    rows: dict[str, object] = {k.value: 1 for k in PolicyKey if k != PolicyKey.HOLD_MINUTES}
    with pytest.raises(ValueError, match="hold_minutes"):
        BusinessPolicies.from_rows(rows)
