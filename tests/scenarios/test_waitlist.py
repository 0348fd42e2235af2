"""The waitlist: a customer who wants a full day joins it; a slot freed by a cancellation is held for the first
one waiting (their own booking: deposit link, short hold), and when they let it go, for the next."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import WaitlistEntry
from models.enums import AppointmentStatus
from tests.admin_csrf import carry_csrf
from tests.scenarios.chat import Chat, appointments_of, full_but_harol_at_noon, weekday_ahead
from workflows.booking.types import BookingStatus, CancelRequest
from workflows.booking.workflow import BookingWorkflow


async def test_a_freed_slot_goes_to_the_first_waiting_then_to_the_next(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
) -> None:
    said, taken = await full_but_harol_at_noon(db, temporal_env, temporal_client, worker.task_queue, "+34699000777")
    noon = taken.input.start

    first, second = Chat(api, phone), Chat(api, "+34699000888")
    [offer] = await first.say(f"hola, quiero un corte {said}")
    assert "tengo estos huecos" in offer and "dime «lista de espera» y te apunto" in offer, offer
    [joined] = await first.say("vale, apúntame en la lista de espera")
    assert joined.startswith("¡Apuntado! 📝 Estás en la lista de espera para corte el "), joined
    [joined] = await second.say(f"¿me puedes poner en lista de espera para un corte {said}? si alguien cancela")
    assert "¡Apuntado! 📝 Estás en la lista de espera para corte" in joined, joined  # after her introduction

    await taken.handle.execute_update(BookingWorkflow.cancel, CancelRequest())
    link = await first.wait_for("Se ha liberado un hueco del día que esperabas")
    assert "/pay/" in link and "12:00" in link
    [held] = await appointments_of(db, phone)
    assert (held.status, held.start_at) == (AppointmentStatus.PROVISIONAL, noon)
    assert await appointments_of(db, "+34699000888") == []

    # The first one does not pay: the hold expires and the same slot is held for the next one waiting.
    await temporal_env.sleep(timedelta(minutes=31))
    await first.wait_for("he liberado el hueco")
    link = await second.wait_for("Se ha liberado un hueco del día que esperabas")
    await second.press(link, "pay")
    await second.wait_for("¡Cita confirmada!")
    [theirs] = await appointments_of(db, "+34699000888")
    assert (theirs.status, theirs.start_at) == (AppointmentStatus.CONFIRMED, noon)
    async with AsyncSession(db) as session:
        offered = [e.offered_booking for e in (await session.execute(select(WaitlistEntry))).scalars()]
    assert len(offered) == 2 and all(offered), "each was offered once"
    assert (await taken.handle.query(BookingWorkflow.view)).status == BookingStatus.CANCELLED
    assert (await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})).status_code == 302
    page = (await api.get("/admin/waitlist")).text
    assert page.count("hueco ofrecido el ") == 2
    assert "(caducada)" in page and "(confirmada)" in page, "what each offer became"


async def test_asking_for_the_waitlist_without_a_day_asks_which(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    [asked] = await Chat(api, phone).say("¿tenéis lista de espera?")
    assert asked.endswith("¡Claro! ¿Para qué servicio y qué día quieres que te apunte en la lista de espera? 😊")
    async with AsyncSession(db) as session:
        assert (await session.execute(select(WaitlistEntry))).first() is None


async def test_the_waitlist_page_shows_who_waits_and_what_their_offer_became(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    _, said = await weekday_ahead(temporal_env, 4)
    for number, name in ((phone, "Inés"), ("+34699000999", "Eva")):
        chat = Chat(api, number)
        await chat.say(f"me llamo {name}")
        assert "¡Apuntado!" in (await chat.say(f"apúntame en la lista de espera para un tinte {said}"))[-1]
    assert (await api.post("/admin/login", data={"username": "admin", "password": "atrevete"})).status_code == 302
    await carry_csrf(api)
    page = (await api.get("/admin/waitlist")).text
    assert page.index("Inés") < page.index("Eva · +34699000999"), "in the order they joined"
    assert page.count(">esperando<") == 2 and "Tinte" in page
    async with AsyncSession(db) as session:
        entry = (await session.execute(select(WaitlistEntry).order_by(col(WaitlistEntry.created_at)))).scalars().first()
    assert entry is not None
    removed = await api.post("/admin/waitlist/remove", data={"entry": str(entry.id)})
    assert removed.status_code == 303
    page = (await api.get("/admin/waitlist")).text
    assert "Inés" not in page and "Eva" in page
