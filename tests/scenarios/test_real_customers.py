"""Real customers (#18): a new customer's first message answered at once (the name asked only when a booking
needs it), their own appointments, which booking a change is about, prices, ALTA, a group of three.

Each scenario is written several ways, as different customers would write it."""

from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Faq
from models.enums import AppointmentStatus
from models.seeding.demo_salon import ATREVETE
from tests.scenarios.chat import Chat, appointments_of, book_and_pay, customer_of, weekday_ahead
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer

ATREVETE_TZ = ZoneInfo(ATREVETE.timezone)
INTRO = "¡Hola! Soy Maite, la asistenta virtual de Atrévete Peluquería 🌸."


async def _answer(db: AsyncEngine, topic: str) -> str:
    async with AsyncSession(db) as session:
        return (await session.execute(select(Faq.answer).where(Faq.topic == topic))).scalars().one()


@pytest.mark.parametrize(
    ("first", "topic"),
    [
        ("buenas, donde estais?", "address"),
        ("hola!! q horario teneis los sabados", "hours"),
        ("se puede aparcar por ahi cerca? voy en coche", "parking"),
    ],
)
async def test_a_new_customers_first_question_is_answered_in_the_first_reply(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, first: str, topic: str
) -> None:
    [reply] = await Chat(api, phone).say(first)
    assert reply.startswith(INTRO)
    assert await _answer(db, topic) in reply
    assert "nombre" not in reply, "no name is asked for a question"


@pytest.mark.parametrize(
    "request_text",
    [
        "hola, quería cita para un corte {day}",
        "Buenas! me podeis cortar el pelo {day}? 🙏",
        "holaa necesito cortarme el pelo, tienes hueco {day}??",
    ],
)
async def test_a_new_customer_is_offered_slots_at_once_and_named_only_to_book(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    request_text: str,
) -> None:
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [offer] = await chat.say(request_text.format(day=day))
    assert offer.startswith(INTRO) and "Para corte (40,00 €) tengo estos huecos:" in offer
    [ask] = await chat.say("la segunda")
    assert ask == "¡Genial! Para dejártela reservada, ¿me dices tu nombre?"
    assert await customer_of(db, phone) is None, "nothing is saved or held before the name"
    [link] = await chat.say("Me llamo Nuria Sanz")
    assert link.startswith("¡Genial! Te he reservado Corte") and "/pay/" in link
    [row] = await appointments_of(db, phone)
    second_slot = offer.splitlines()[2]
    assert f"{row.start_at.astimezone(ATREVETE_TZ):%H:%M}" in second_slot, "the slot chosen before the name"
    booker = await customer_of(db, phone)
    assert booker is not None and booker.first_name == "Nuria"


async def test_my_appointments_are_told_not_booked_again(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, day = await weekday_ahead(temporal_env, 4)
    await book_and_pay(chat, f"quiero cita para un tinte {day} a las 12")
    for question in ("¿cuándo era mi cita?", "perdona, a q hora tenia lo del tinte?", "tengo algo pendiente?"):
        [reply] = await chat.say(question)
        assert reply.startswith("Tu cita es ") and f"{day.removeprefix('el ')}" in reply and "12:00" in reply
        assert "tinte" in reply
    assert len(await appointments_of(db, phone)) == 1


async def test_with_two_bookings_a_cancellation_asks_which(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    db: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    temporal_client: Client,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    _, first = await weekday_ahead(temporal_env, 4)
    _, second = await weekday_ahead(temporal_env, 8)
    await book_and_pay(chat, f"quiero cita para un tinte {first} a las 12")
    await book_and_pay(chat, f"y una manicura {second} a las 17")
    [which] = await chat.say("tengo que anular la cita")
    assert which.startswith("Tienes varias citas 😊. ¿Cuál quieres cancelar?")
    assert "1. " in which and "2. " in which and "tinte" in which and "manicura" in which
    metadata = await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).query(
        "__temporal_workflow_metadata", result_type=WorkflowMetadata
    )
    assert metadata.current_details.endswith("esperando: qué cita quiere cambiar o cancelar"), "the Web UI says why"
    [confirm] = await chat.say("la de la manicura")
    assert confirm.startswith("¿Seguro que quieres cancelar tu cita de manicura ")
    [done] = await chat.say("sí")
    assert done.startswith("Listo, he cancelado tu cita del ")
    statuses = {row.status for row in await appointments_of(db, phone)}
    assert statuses == {AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED}
    # Naming the day picks the booking at once.
    [confirm] = await chat.say(f"cancela la del {first.removeprefix('el ')}")
    assert confirm.startswith("¿Seguro que quieres cancelar tu cita de tinte ")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("¿cuánto cuesta el tinte?", "Tinte cuesta 45,00 € y dura unos 90 minutos"),
        ("q precio tiene la pedicura porfa", "Pedicura cuesta 35,00 € y dura unos 60 minutos"),
        ("qué servicios tenéis?", "• Corte: 40,00 € (45 min)"),
    ],
)
async def test_prices_are_answered_from_the_catalogue(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, question: str, expected: str
) -> None:
    await customer(db, phone, "Lucía")
    [reply] = await Chat(api, phone).say(question)
    assert expected in reply


async def test_alta_brings_an_opted_out_customer_back(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    await chat.say("BAJA")
    assert await chat.say("hola?") == []
    [back] = await chat.say("ALTA")
    assert back.startswith("¡Qué alegría tenerte de vuelta!")
    row = await customer_of(db, phone)
    assert row is not None and row.opted_out is False
    [reply] = await chat.say("qué servicios tenéis?")
    assert "Estos son nuestros precios" in reply


async def test_a_group_of_three_is_three_people_each_named(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    await customer(db, phone, "Lucía")
    _, day = await weekday_ahead(temporal_env, 3)
    chat = Chat(api, phone)
    [ask] = await chat.say(f"hola! peinado para mi, mi hija y mi madre {day} porfa")
    assert "¿Cómo se llama tu hija?" in ask
    [ask] = await chat.say("Carla")
    assert "¿Cómo se llama tu madre?" in ask
    [offer] = await chat.say("se llama Rosa María")
    first = offer.splitlines()[1]
    assert first.count(" y ") >= 1 and first.rsplit(" con ", 1)[1].count(",") + first.count(" y ") == 2, first
    [link] = await chat.say("la 1")
    assert "/pay/" in link
    assert len(await appointments_of(db, phone)) == 3
