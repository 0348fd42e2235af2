"""kill -9 the worker while flows stand at every phase, restart it: each flow completes, each customer
message gets exactly one reply, no message is sent twice, no checkout or refund is made twice."""

import asyncio
from collections import Counter
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from models.enums import AppointmentStatus, PaymentStatus
from tests.fakes.http_fake import Gate, Request
from tests.faults.rig import (
    Rig,
    appointments_of,
    known_customer,
    outbound_rows,
    weekday_ahead,
)
from tests.live.customer import WhatsAppCustomer
from tests.scenarios.chat import eventually
from tests.settings_for import TEST_CONVERTER
from tests.workflows.replaying import replayer

pytestmark = pytest.mark.faults


def to(who: WhatsAppCustomer, containing: str = "") -> Callable[[Request], bool]:
    digits = who.phone.lstrip("+")

    def matches(request: Request) -> bool:
        body = request.json() or {}
        return body.get("to") == digits and containing in str(body)

    return matches


def checkout_for(booking: str = "") -> Callable[[Request], bool]:
    return lambda request: request.path == "/v1/checkout/sessions" and booking in request.body.decode()


async def sent_and_recorded(db: AsyncEngine, who: WhatsAppCustomer) -> bool:
    return [row.provider_message_id is not None for row in await outbound_rows(db, who.phone)] == [True]


async def hold_link(rig: Rig, who: WhatsAppCustomer, day: str) -> str:
    """A known customer asks for a tinte and takes the first slot: the booking holds it and sends the link."""
    [offer] = await who.converse(f"quiero cita para un tinte {day} a las 12")
    assert "tengo estos huecos" in offer, offer
    [link] = await who.converse("la primera")
    assert "/pay/" in link, link
    return link


async def test_the_worker_killed_at_every_phase_loses_and_repeats_nothing(rig: Rig, http: httpx.AsyncClient) -> None:
    day = weekday_ahead(4)
    mid_turn, after_send, after_hold, waiting, confirming, refunding = (
        rig.customer(http, name) for name in ("Ana", "Bea", "Carla", "Diana", "Elena", "Fátima")
    )
    async with rig.db() as db:
        for who in (after_hold, waiting, confirming, refunding):
            await known_customer(db, who)

        # A turn whose reply is on its way to WhatsApp when the worker dies (understood, not yet sent).
        gates: list[Gate] = [rig.graph.gate(to(mid_turn), accept=False)]
        await mid_turn.say("hola")
        gates[-1].wait_reached()

        # A turn that was sent and recorded just before the worker dies.
        await after_send.converse("hola")
        await eventually(lambda: sent_and_recorded(db, after_send), "the reply recorded as sent")

        # A booking whose slot is held and whose checkout is being created at Stripe.
        await after_hold.converse(f"quiero cita para un tinte {day} a las 12")
        gates.append(rig.stripe.gate(checkout_for(), accept=False))
        await after_hold.say("la primera")
        gates[-1].wait_reached()

        # A booking waiting for its deposit (paid while the worker is dead).
        waiting_link = await hold_link(rig, waiting, day)

        # A booking being confirmed: paid, its confirmation on its way to WhatsApp.
        confirming_link = await hold_link(rig, confirming, day)
        gates.append(rig.graph.gate(to(confirming, "Cita confirmada"), accept=False))
        await rig.pay(http, confirming_link)
        gates[-1].wait_reached()

        # A cancellation whose refund Stripe made, the answer lost with the worker.
        refunding_link = await hold_link(rig, refunding, day)
        await rig.pay(http, refunding_link)
        await refunding.wait_for_replies(3)
        [question] = await refunding.converse("tengo que anular la cita, lo siento")
        assert question.startswith("¿Seguro que quieres cancelar"), question
        gates.append(rig.stripe.gate(lambda r: r.path == "/v1/refunds", accept=True))
        await refunding.say("sí")
        gates[-1].wait_reached()

        rig.stack.kill("worker")
        await rig.pay(http, waiting_link)  # the API takes it with no worker running: Temporal keeps it
        for gate in gates:
            gate.open()
        rig.stack.start_worker()

        [greeting] = await mid_turn.wait_for_replies(1)
        assert "Soy Maite" in greeting
        assert (await after_send.converse("Me llamo Bea"))[0] == "¡Encantada, Bea! 💕"
        [_offer, after_hold_link] = await after_hold.wait_for_replies(2)
        assert "/pay/" in after_hold_link
        for who in (waiting, confirming):
            confirmation = (await who.wait_for_replies(3))[2]
            assert "¡Cita confirmada!" in confirmation
        cancelled = (await refunding.wait_for_replies(5))[4]
        assert "Te devolvemos el anticipo" in cancelled, cancelled
        await asyncio.sleep(2)  # anything sent twice would have arrived by now

        for who in (mid_turn, after_send, after_hold, waiting, confirming, refunding):
            replies = who.replies()
            assert len(replies) == len(set(replies)), f"{who.name} got a message twice: {replies}"
        assert len(after_send.replies()) == 1 + 2 and len(mid_turn.replies()) == 1
        assert len(refunding.replies()) == 5 and len(waiting.replies()) == len(confirming.replies()) == 3

        # One checkout per booking, one refund: Stripe saw retries only with the same idempotency key.
        bookings = {rig.booking_in(m) for m in (waiting_link, confirming_link, refunding_link, after_hold_link)}
        created = Counter(s["client_reference_id"] for s in rig.stripe.sessions.values())
        assert set(created) == bookings and set(created.values()) == {1}
        assert rig.refunds_made() == 1

        for who, status in ((waiting, AppointmentStatus.CONFIRMED), (confirming, AppointmentStatus.CONFIRMED)):
            [appointment] = await appointments_of(db, who.phone)
            assert appointment.status == status and appointment.payment_status == PaymentStatus.PAID
        [cancelled_row] = await appointments_of(db, refunding.phone)
        assert cancelled_row.status == AppointmentStatus.CANCELLED
        assert cancelled_row.payment_status == PaymentStatus.REFUNDED
        [held] = await appointments_of(db, after_hold.phone)
        assert held.status == AppointmentStatus.PROVISIONAL

        # What the crashes left in the histories (retried activities, a task that timed out, signals taken
        # while no worker ran) replays against today's code like any other history.
        client = await Client.connect(rig.stack.temporal_address, data_converter=TEST_CONVERTER)
        results = await replayer().replay_workflows(
            client.list_workflows().map_histories(), raise_on_replay_failure=False
        )
        assert results.replay_failures == {}
