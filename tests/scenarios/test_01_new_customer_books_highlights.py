"""Scenario 1: a new customer books highlights: greeted by Maite and answered at once (pack suggested with the
saving), slots offered across stylists, chooses one, the name asked then, hold + link, pays, confirmed."""

from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models import Customer, Pack
from models.enums import AppointmentStatus, PaymentStatus
from tests.scenarios.chat import (
    Chat,
    appointments_of,
    booking_id_in,
    booking_reaches,
    eventually,
    team_alerts,
    up_to_the_name,
)
from tests.settings_for import conversation_of
from workflows.booking.types import BookingInput, BookingStatus
from workflows.search_attributes import CONVERSATION_STATE


async def test_new_customer_books_the_highlights_pack_and_pays(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    chat = Chat(api, phone)

    [pack] = await chat.say("Hola! quería pedir cita para mechas")
    assert pack.startswith("¡Hola! Soy Maite, la asistenta virtual de Atrévete Peluquería 🌸")
    assert "nombre" not in pack, "the name waits until a booking needs it"
    assert "pack Mechas + Corte por 80,00 €" in pack and "te ahorras 10,00 €" in pack
    assert "solo mechas (50,00 €)" in pack

    [offer] = await chat.say("sí, el pack")
    assert offer.startswith("Para Mechas + Corte (80,00 €) tengo estos huecos:")
    options = [line for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert len(options) == 3
    stylists = {line.rsplit(" con ", 1)[1] for line in options}
    assert len(stylists) >= 2, "slots are offered across stylists"
    second = options[1].removeprefix("2. ")

    [ask] = await chat.say("la segunda")
    assert ask == "¡Genial! Para dejártela reservada, ¿me dices tu nombre?"
    [link] = await chat.say("Me llamo Laura")
    assert link.startswith("¡Genial! Te he reservado")
    assert "anticipo de 16,00 €" in link and "/pay/" in link
    chosen_stylist = second.rsplit(" con ", 1)[1]
    assert f"con {chosen_stylist} {second.rsplit(' con ', 1)[0]}" in link

    conversation = temporal_client.get_workflow_handle(conversation_of("atrevete", phone))
    assert (await conversation.describe()).typed_search_attributes.get(CONVERSATION_STATE) == "waiting_payment"
    [held] = await appointments_of(db, phone)
    started = (await temporal_client.get_workflow_handle(held.workflow_id).fetch_history()).events[0]
    payloads = started.workflow_execution_started_event_attributes.input.payloads
    [booking_input] = await temporal_client.data_converter.decode(payloads, [BookingInput])
    assert booking_input.customer_name == "Laura", "the Web UI's input names who books"
    transcript = (await api.get(f"/demo/conversations/{phone}")).json()
    assert transcript["bookings"] == [held.workflow_id], "the demo links the booking in the Web UI"
    assert held.status == AppointmentStatus.PROVISIONAL and held.deposit_amount == Decimal("16.00")

    await chat.press(link, "pay")
    confirmation = await chat.wait_for("¡Cita confirmada!")
    assert "Hemos recibido tu anticipo de 16,00 €" in confirmation

    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CONFIRMED
    assert appointment.payment_status == PaymentStatus.PAID
    assert appointment.total_price == Decimal("80.00")
    async with AsyncSession(db) as session:
        laura = (await session.execute(select(Customer).where(Customer.phone == phone))).scalar_one()
        pack_row = (await session.execute(select(Pack).where(Pack.name == "Mechas + Corte"))).scalar_one()
    assert laura.first_name == "Laura"
    assert appointment.customer_id == laura.id and appointment.pack_id == pack_row.id
    await booking_reaches(temporal_client, booking_id_in(link), BookingStatus.CONFIRMED)

    async def no_longer_waiting_payment() -> bool:
        return (await conversation.describe()).typed_search_attributes.get(CONVERSATION_STATE) == "active"

    # The booking tells its conversation, so operators stop seeing it as waiting before she writes again.
    await eventually(no_longer_waiting_payment, "the conversation hears that the deposit is paid")
    [thanks] = await chat.say("¡Genial, gracias!")
    assert thanks.startswith("¡Gracias a ti!")
    assert (await conversation.describe()).typed_search_attributes.get(CONVERSATION_STATE) == "active"


async def test_a_name_that_cannot_be_confirmed_twice_goes_to_a_person(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await up_to_the_name(chat, temporal_env)
    assert await chat.say("??") == ["Perdona, no me ha quedado claro 😅. ¿Cómo te llamas?"]
    [handover] = await chat.say("jajaja")
    assert "Una compañera del equipo seguirá contigo" in handover
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 No consigo confirmar el nombre") and "Cliente: sin nombre" in alert


async def test_a_question_instead_of_the_name_is_answered_and_the_slot_still_chosen_after(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_env: WorkflowEnvironment
) -> None:
    chat = Chat(api, phone)
    await up_to_the_name(chat, temporal_env)
    [price] = await chat.say("antes de nada, ¿cuánto cuesta el corte?")
    assert price.startswith("Corte cuesta 40,00 €"), price
    assert await chat.say("vale, la segunda") == ["¡Genial! Para dejártela reservada, ¿me dices tu nombre?"]
    [link] = await chat.say("Ana")
    assert "/pay/" in link
    assert len(await appointments_of(db, phone)) == 1
