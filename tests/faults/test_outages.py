"""Temporal restarted and PostgreSQL stopped mid-flow: what customers and Stripe send meanwhile is not lost,
and every flow goes on where it stood once the part is back."""

import asyncio
import time

import httpx
import pytest

from models.enums import AppointmentStatus, PaymentStatus
from tests.faults.rig import Rig, appointments_of, known_customer, weekday_ahead
from tests.live import meta
from tests.live.customer import WhatsAppCustomer

pytestmark = pytest.mark.faults
POSTGRES_DOWN_SECONDS = 30


async def link_for(who: WhatsAppCustomer, day: str) -> str:
    [offer] = await who.converse(f"quiero cita para un tinte {day} a las 11")
    assert "tengo estos huecos" in offer, offer
    [link] = await who.converse("la primera")
    return link


async def test_a_restarted_temporal_server_keeps_every_flow_and_every_late_delivery(
    rig: Rig, http: httpx.AsyncClient
) -> None:
    talking, paying = rig.customer(http, "Inés"), rig.customer(http, "Julia")
    async with rig.db() as db:
        await known_customer(db, paying)
        link = await link_for(paying, weekday_ahead(5))
        await talking.converse("hola")

        rig.stack.stop("temporal")
        # While it is down the webhooks answer 503, so Meta and Stripe deliver again until it is back.
        body, headers = meta.signed(meta.text_message(talking.phone, "¿sigues ahí?", "wamid.down"), talking.secret)
        async with httpx.AsyncClient(base_url=rig.api, timeout=15) as client:
            refused = await client.post("/webhooks/whatsapp", content=body, headers=headers)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
        said = asyncio.create_task(talking.say("Me llamo Inés"))
        paid = asyncio.create_task(rig.pay(http, link))
        await asyncio.sleep(3)
        assert not said.done() and not paid.done(), "nothing can be taken while Temporal is down"
        rig.stack.start_temporal()
        await asyncio.gather(said, paid)

        assert (await talking.wait_for_replies(3))[1] == "¡Encantada, Inés! 💕"
        assert "¡Cita confirmada!" in (await paying.wait_for_replies(3))[2]
        await asyncio.sleep(2)
        assert len(talking.replies()) == 3 and len(paying.replies()) == 3
        [appointment] = await appointments_of(db, paying.phone)
        assert appointment.status == AppointmentStatus.CONFIRMED


async def test_postgres_down_for_half_a_minute_loses_nothing(rig: Rig, http: httpx.AsyncClient) -> None:
    talking, paying = rig.customer(http, "Lola"), rig.customer(http, "Marina")
    async with rig.db() as db:
        await known_customer(db, paying)
        link = await link_for(paying, weekday_ahead(6))

    rig.stack.stop_postgres()
    down_since = time.monotonic()
    # The webhooks write nothing themselves: they keep answering 200 at once while the database is away.
    body, headers = meta.signed(meta.text_message(talking.phone, "hola", "wamid.pgdown.1"), talking.secret)
    async with httpx.AsyncClient(base_url=rig.api, timeout=5) as client:
        taken = await client.post("/webhooks/whatsapp", content=body, headers=headers)
        ready = await client.get("/ready")
    assert taken.status_code == 200 and taken.json()["delivered"] == 1
    assert ready.status_code == 503 and ready.json()["down"] == ["postgres"]
    await rig.pay(http, link)
    await asyncio.sleep(POSTGRES_DOWN_SECONDS - (time.monotonic() - down_since))
    assert talking.replies() == [], "no reply can be worked out without the database"
    rig.stack.start_postgres()

    [greeting] = await talking.wait_for_replies(1)
    assert "Soy Maite" in greeting
    assert "¡Cita confirmada!" in (await paying.wait_for_replies(3))[2]
    await asyncio.sleep(2)
    assert len(talking.replies()) == 1 and len(paying.replies()) == 3
    async with rig.db() as db:
        [appointment] = await appointments_of(db, paying.phone)
    assert appointment.status == AppointmentStatus.CONFIRMED and appointment.payment_status == PaymentStatus.PAID
