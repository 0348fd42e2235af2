"""A business added from a TOML file (deploy/salons/example.toml) on embedded PostgreSQL: set up once, applied
again without duplicates (what the file describes replaced, what it does not kept as staff left it), and a wrong
file refused with the place of the mistake."""

import subprocess
import sys
from datetime import UTC, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, insert, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select

from models import (
    Appointment,
    AppointmentService,
    Business,
    CatalogChange,
    Faq,
    OpeningHours,
    Pack,
    PackService,
    Policy,
    Service,
    StaffMember,
)
from models.enums import AppointmentStatus
from models.policies import DESCRIPTIONS, PolicyKey
from models.seeding.salon_file import apply_salon, read_salon_file
from models.seeding.seed import seed_id
from tests.factories import appointment, make_customer

EXAMPLE = Path(__file__).parents[2] / "deploy" / "salons" / "example.toml"
BARBERIA = seed_id("barberia-sol")
MONDAY, SATURDAY = 0, 5


async def _counts(db: AsyncEngine) -> dict[str, int]:
    async with AsyncSession(db) as session:
        business = (await session.execute(select(Business.id).where(Business.slug == "barberia-sol"))).scalar_one()
        return {
            model.__name__: (
                await session.execute(select(func.count()).select_from(model).where(model.business_id == business))
            ).scalar_one()
            for model in (OpeningHours, StaffMember, Service, Pack, Policy)
        }


async def test_the_example_file_sets_up_a_business_beside_the_demo_salon(db: AsyncEngine) -> None:
    await apply_salon(db, read_salon_file(EXAMPLE))
    assert await _counts(db) == {"OpeningHours": 5, "StaffMember": 2, "Service": 3, "Pack": 1, "Policy": 18}
    async with AsyncSession(db) as session:
        business = (await session.execute(select(Business).where(Business.slug == "barberia-sol"))).scalar_one()
        policies = {
            p.key: p.value
            for p in (await session.execute(select(Policy).where(Policy.business_id == business.id))).scalars()
        }
        monday_closed = await session.execute(
            select(OpeningHours).where(OpeningHours.business_id == business.id, OpeningHours.weekday == 0)
        )
    assert (business.timezone, business.whatsapp_phone_number_id, business.stripe_account_id) == (
        "Atlantic/Canary",
        "2233445566778",
        "acct_1BarberiaSol",
    )
    assert (policies["deposit_percent"], policies["refund_cutoff_hours"], policies["hold_minutes"]) == (30, 12, 30)
    assert monday_closed.first() is None


async def test_applying_again_replaces_what_the_file_describes_and_keeps_the_rest(
    db: AsyncEngine, tmp_path: Path
) -> None:
    await apply_salon(db, read_salon_file(EXAMPLE))
    async with db.begin() as conn:
        # Staff's own changes to what the file does not describe.
        await conn.execute(update(StaffMember).where(col(StaffMember.name) == "Nerea").values(active=False))
        await conn.execute(
            update(Policy)
            .where(col(Policy.key) == "hold_minutes", col(Policy.business_id) == BARBERIA)
            .values(value=45)
        )
        await conn.execute(
            insert(OpeningHours).values(business_id=BARBERIA, weekday=MONDAY, opens_at=time(16), closes_at=time(20))
        )
    booked = await _booking_of_a_corte(db)
    changed = tmp_path / "salon.toml"
    changed.write_text(
        EXAMPLE.read_text()
        .replace('name = "Barbería Sol"', 'name = "Barbería Sol Triana"')
        .replace('"2233445566778"', '"9988776655443"')
        .replace('price = "18.00"', 'price = "20.00"')
        .replace("deposit_percent = 30", "deposit_percent = 40")
        .replace('saturday = ["09:00", "14:00"]', 'saturday = ["10:00", "14:00"]')
        .replace('services = ["Corte", "Arreglo de barba"]', 'services = ["Corte"]')
    )
    edited = read_salon_file(changed)
    first_faq = edited.faqs[0]
    changed.write_text(changed.read_text().replace(first_faq.answer, "Respuesta nueva del archivo."))
    await apply_salon(db, read_salon_file(changed))

    # Five days of the file, one Saturday among them, and the Monday staff opened.
    assert await _counts(db) == {"OpeningHours": 6, "StaffMember": 2, "Service": 3, "Pack": 1, "Policy": 18}
    async with AsyncSession(db) as session:
        business = (await session.execute(select(Business).where(Business.slug == "barberia-sol"))).scalar_one()
        nerea = (await session.execute(select(StaffMember).where(StaffMember.name == "Nerea"))).scalar_one()
        corte = (
            await session.execute(select(Service).where(Service.business_id == BARBERIA, Service.name == "Corte"))
        ).scalar_one()
        policies = {
            p.key: p.value
            for p in (await session.execute(select(Policy).where(Policy.business_id == BARBERIA))).scalars()
        }
        saturday = (
            await session.execute(
                select(OpeningHours.opens_at, OpeningHours.closes_at).where(
                    OpeningHours.business_id == BARBERIA, OpeningHours.weekday == SATURDAY
                )
            )
        ).all()
        answer = (
            await session.execute(select(Faq.answer).where(Faq.business_id == BARBERIA, Faq.topic == first_faq.topic))
        ).scalar_one()
        monday = (
            await session.execute(
                select(OpeningHours.opens_at, OpeningHours.closes_at).where(
                    OpeningHours.business_id == BARBERIA, OpeningHours.weekday == MONDAY
                )
            )
        ).all()
        kept = await session.get_one(Appointment, booked.id)
        history = {
            (c.what, c.row_name, c.before, c.after)
            for c in (
                await session.execute(select(CatalogChange).where(CatalogChange.changed_by == "fichero del salón"))
            ).scalars()
        }
        in_pack = (
            (
                await session.execute(
                    select(Service.name)
                    .join(PackService, col(PackService.service_id) == col(Service.id))
                    .join(Pack, col(Pack.id) == col(PackService.pack_id))
                    .where(Pack.business_id == BARBERIA)
                )
            )
            .scalars()
            .all()
        )
    assert (business.name, business.whatsapp_phone_number_id) == ("Barbería Sol Triana", "9988776655443")
    assert corte.price == Decimal("20.00"), "the file's price, not the old one"
    assert policies["deposit_percent"] == 40
    assert saturday == [(time(10), time(14))], "Saturday's hours replaced, not a second interval"
    assert answer == "Respuesta nueva del archivo."
    assert in_pack == ["Corte"], "the pack holds what the file lists now"
    assert nerea.active is False, "what the file does not describe stays as staff left it"
    assert policies["hold_minutes"] == 45, "a policy the file does not state stays as staff set it"
    assert monday == [(time(16), time(20))], "a weekday the file leaves out keeps what /admin gave it"
    assert kept.total_price == Decimal("18.00") and kept.deposit_amount == Decimal("5.40"), "the booking's own price"
    assert history == {
        ("Horario", "Sábado", "09:00–14:00", "10:00–14:00"),
        ("Norma", DESCRIPTIONS[PolicyKey.DEPOSIT_PERCENT], "30", "40"),
    }, "what the file replaced, in the change history"


async def _booking_of_a_corte(db: AsyncEngine) -> Appointment:
    """A Corte booked at the file's first price (18,00 €, 30 % deposit), as the booking workflow leaves it."""
    async with AsyncSession(db, expire_on_commit=False) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "barberia-sol"))).scalar_one()
        oscar = (await session.execute(select(StaffMember).where(StaffMember.name == "Óscar"))).scalar_one()
        corte = (
            await session.execute(select(Service).where(Service.business_id == BARBERIA, Service.name == "Corte"))
        ).scalar_one()
        booked = appointment(
            customer=await make_customer(session, business, phone="+34600777888"),
            staff=oscar,
            start=datetime(2031, 1, 7, 10, tzinfo=UTC),
            status=AppointmentStatus.CONFIRMED,
        )
        booked.total_price, booked.deposit_amount = corte.price, Decimal("5.40")
        session.add(booked)
        await session.flush()
        session.add(AppointmentService(appointment_id=booked.id, service_id=corte.id))
        return booked


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        (
            'timezone = "Atlantic/Canary"',
            'timezone = "Atlantic/Gran_Canaria"',
            "timezone: Value error, unknown timezone",
        ),
        ('tuesday = ["09:30", "19:30"]', 'tuesday = ["19:30", "09:30"]', "hours.tuesday: closes at 09:30"),
        ('services = ["Corte", "Arreglo de barba"]', 'services = ["Corte", "Tinte"]', "['Tinte']"),
        ("deposit_percent = 30", 'deposit_percent = "mucho"', "policies.deposit_percent"),
        (
            "deposit_percent = 30",
            "deposit_percent = 140",
            "deposit_percent: Input should be less than or equal to 100",
        ),
        ('assistant = "Nico"', 'asistente = "Nico"', "asistente: Extra inputs are not permitted"),
        ('category = "hairdressing"', 'category = "barbering"', "staff.0.category"),
    ],
    ids=["timezone", "hours", "pack", "policy", "policy-bounds", "typo", "category"],
)
def test_a_wrong_file_is_refused_saying_where(tmp_path: Path, old: str, new: str, complaint: str) -> None:
    broken = tmp_path / "salon.toml"
    broken.write_text(EXAMPLE.read_text().replace(old, new, 1))
    with pytest.raises(ValueError, match=r"salon\.toml") as refused:
        read_salon_file(broken)
    assert complaint in str(refused.value), refused.value


async def test_a_channel_id_another_business_has_is_refused_and_nothing_is_written(
    db: AsyncEngine, tmp_path: Path
) -> None:
    async with db.begin() as conn:
        await conn.execute(update(Business).values(whatsapp_phone_number_id="2233445566778"))  # the demo salon's
    with pytest.raises(ValueError, match="already business 'atrevete'"):
        await apply_salon(db, read_salon_file(EXAMPLE))
    async with AsyncSession(db) as session:
        assert (await session.execute(select(func.count()).select_from(Business))).scalar_one() == 1


async def test_a_business_without_channel_ids_sets_up_beside_another_without(db: AsyncEngine, tmp_path: Path) -> None:
    plain = tmp_path / "salon.toml"
    plain.write_text(
        EXAMPLE.read_text()
        .replace('whatsapp_phone_number_id = "2233445566778"', "")
        .replace("chatwoot_inbox_id = 8", "")
        .replace('stripe_account_id = "acct_1BarberiaSol"', "")
    )
    await apply_salon(db, read_salon_file(plain))  # the demo salon has no channel ids either
    assert (await _counts(db))["StaffMember"] == 2


def test_the_command_exits_with_the_reason(tmp_path: Path, database_url: str) -> None:
    broken = tmp_path / "salon.toml"
    broken.write_text("slug = 'x'\n")
    done = subprocess.run(
        [sys.executable, "-m", "models.seeding.salon_file", str(broken)],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 1 and "salon.toml: name: Field required" in done.stderr, done.stderr
