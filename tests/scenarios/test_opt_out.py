"""STOP / BAJA: the customer is opted out, told so once, and never answered again (messages still kept)."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.worker import Worker

from models import Customer
from tests.scenarios.chat import Chat
from tests.settings_for import conversation_of
from tests.workflows.bookings import customer
from workflows.search_attributes import CONVERSATION_STATE


async def test_baja_opts_out_and_silences_the_bot(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine, temporal_client: Client
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    [reply] = await chat.say("BAJA")
    assert reply.startswith("Hecho: no volverás a recibir mensajes nuestros")
    assert await chat.say("hola, quiero cita") == []
    assert ("inbound", "hola, quiero cita") in chat.transcript
    async with AsyncSession(db) as session:
        row = (await session.execute(select(Customer).where(Customer.phone == phone))).scalar_one()
    assert row.opted_out is True
    description = await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).describe()
    assert description.typed_search_attributes.get(CONVERSATION_STATE) == "opted_out"
