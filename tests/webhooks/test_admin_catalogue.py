"""Staff edit the catalogue in /admin (#19, part): a service's price and the words customers use for it, an
FAQ's keywords; the next offer and the next message follow, each change is kept with who made it, and a word
too long for the column is refused with a reason, changing nothing."""

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Business, CatalogChange, Faq, Service, StaffMember
from tests.admin_csrf import carry_csrf
from tests.scenarios.chat import Chat, weekday_ahead
from tests.workflows.bookings import customer


async def _row(db: AsyncEngine, model: type[Service] | type[Faq] | type[StaffMember], **where: str) -> Any:
    async with AsyncSession(db) as session:
        query = select(model).where(*(getattr(model, k) == v for k, v in where.items()))
        return (await session.execute(query)).scalars().one()


@pytest.fixture
async def staff(api: httpx.AsyncClient, db: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """Logged in to the demo salon's /admin; the rows edited here are put back after (one database per run)."""
    edited = [
        await _row(db, Service, name="Balayage"),
        await _row(db, Faq, topic="parking"),
        await _row(db, StaffMember, name="Harol"),
    ]
    assert (await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})).status_code in (
        302,
        303,
    )
    await carry_csrf(api)
    yield api
    async with AsyncSession(db) as session:
        for row in edited:
            await session.merge(row)
        await session.commit()


def _service_form(service: Service, **changes: str) -> dict[str, str]:
    form = {
        "name": service.name,
        "aliases": ", ".join(service.aliases),
        "category": service.category.value,
        "price": str(service.price),
        "duration_minutes": str(service.duration_minutes),
        "buffer_minutes": str(service.buffer_minutes),
        "needs_deposit": "y",
        "active": "y",
        "description": service.description,
    }
    return form | changes


async def test_a_price_and_the_words_for_a_service_edited_in_admin_reach_the_next_offer(
    phone: str, staff: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    balayage = await _row(db, Service, name="Balayage")
    assert isinstance(balayage, Service)
    saved = await staff.post(
        f"/admin/service/edit/{balayage.id}",
        data=_service_form(balayage, price="99.00", aliases="balay*, babylights"),
    )
    assert saved.status_code in (302, 303), saved.text

    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    [offer] = await Chat(staff, phone).say(f"me apetecen unas babylights {day}")
    assert "Para balayage (99,00 €) tengo estos huecos:" in offer

    async with AsyncSession(db) as session:
        changes = (
            (await session.execute(select(CatalogChange).where(CatalogChange.row_id == balayage.id))).scalars().all()
        )
    said = {(c.field, c.before, c.after) for c in changes}
    assert said == {("Precio (€)", "95.00", "99.00"), ("También lo llaman", "balay*", "balay*, babylights")}
    assert all(c.changed_by == "admin" and c.what == "Servicio" and c.row_name == "Balayage" for c in changes)
    history = await staff.get("/admin/catalog-change/list")
    assert history.status_code == 200 and "babylights" in history.text and "Historial de cambios" in history.text


async def test_an_faq_keyword_added_in_admin_is_understood_in_the_next_message(
    phone: str, staff: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    parking = await _row(db, Faq, topic="parking")
    assert isinstance(parking, Faq)
    await customer(db, phone, "Lucía")
    chat = Chat(staff, phone)
    [before] = await chat.say("¿tenéis garaje?")
    assert parking.answer not in before, "not a word of the topic yet"

    words = ", ".join([*parking.keywords, "garaje"])
    form = {"topic": parking.topic, "question": parking.question, "answer": parking.answer, "keywords": words}
    assert (await staff.post(f"/admin/faq/edit/{parking.id}", data=form)).status_code in (302, 303)
    [after] = await chat.say("¿y garaje tenéis?")
    assert parking.answer in after


async def test_a_word_too_long_for_the_catalogue_is_refused_and_nothing_changes(
    staff: httpx.AsyncClient, db: AsyncEngine
) -> None:
    balayage = await _row(db, Service, name="Balayage")
    assert isinstance(balayage, Service)
    long_word = "degradado de color a mano alzada con mucho brillo"
    refused = await staff.post(
        f"/admin/service/edit/{balayage.id}", data=_service_form(balayage, price="1.00", aliases=long_word)
    )
    assert refused.status_code == 400 and "es demasiado largo (máximo 40 letras)" in refused.text
    unchanged = await _row(db, Service, name="Balayage")
    assert isinstance(unchanged, Service) and unchanged.price == Decimal("95.00")


async def test_a_stylist_switched_off_in_admin_is_no_longer_offered(
    phone: str, staff: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    harol = await _row(db, StaffMember, name="Harol")
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    # Unchecked, the form sends no "active": the stylist is off.
    form = {"calendar_id": harol.calendar_id or "", "category": "both"}
    assert (await staff.post(f"/admin/staff-member/edit/{harol.id}", data=form)).status_code in (302, 303)
    [offer] = await Chat(staff, phone).say(f"quiero un corte con Harol {day}")
    assert "tengo estos huecos" in offer and "Harol" not in offer, offer
    async with AsyncSession(db) as session:
        changes = list((await session.execute(select(CatalogChange).where(CatalogChange.row_id == harol.id))).scalars())
    changed = {(c.what, c.field, c.before, c.after) for c in changes}
    assert changed == {("Profesional", "Activa", "sí", "no"), ("Profesional", "Especialidad", "peluquería", "las dos")}
    page = (await staff.get(f"/admin/staff-member/edit/{harol.id}")).text
    assert '<option selected value="both">las dos</option>' in page


async def test_a_service_and_an_faq_created_in_admin_are_offered_and_answered(
    phone: str, staff: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    page = (await staff.get("/admin/service/create")).text
    assert '<option value="hairdressing">peluquería</option>' in page and 'value="both"' not in page
    form = {
        "name": "Trenzas africanas",
        "aliases": "trenza*",
        "category": "hairdressing",
        "price": "120.00",
        "duration_minutes": "150",
        "buffer_minutes": "0",
        "needs_deposit": "y",
        "active": "y",
        "description": "Trenzas pegadas",
    }
    made = await staff.post("/admin/service/create", data=form)
    assert made.status_code in (302, 303), made.text[made.text.find("alert") : made.text.find("alert") + 400]
    faq = {
        "topic": "wifi",
        "question": "¿Hay wifi?",
        "answer": "Sí, la clave está en el mostrador.",
        "keywords": "wifi",
    }
    assert (await staff.post("/admin/faq/create", data=faq)).status_code in (302, 303)

    created = await _row(db, Service, name="Trenzas africanas")
    async with AsyncSession(db) as session:
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        changes = (await session.execute(select(CatalogChange).where(CatalogChange.row_id == created.id))).scalars()
        said = {(c.field, c.before, c.after) for c in changes}
    assert created.business_id == business.id
    assert ("Precio (€)", "—", "120.00") in said and ("Categoría", "—", "peluquería") in said

    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(staff, phone)
    [offer] = await chat.say(f"quiero hacerme unas trenzas {day}")
    assert "Para trenzas africanas (120,00 €) tengo estos huecos:" in offer, offer
    [answer] = await chat.say("¿tenéis wifi?")
    assert "la clave está en el mostrador" in answer
