"""A customer on the demo API: say something, read Maite's new replies, pay or fail on the pay page.

Scenario tests drive everything through HTTP (demo messages, pay page, Stripe webhook) and then look at
what the workflows left: appointment rows, booking views, search attributes.
"""

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from models import Appointment, Customer, Message
from models.enums import Direction
from models.localtime import MONTHS
from tests.factories import only_harol_free_at_noon
from tests.settings_for import conversation_of
from tests.workflows.bookings import Booking, book, pay
from workflows.booking.types import BookingStatus, BookingView
from workflows.booking.workflow import BookingWorkflow

LINK = re.compile(r"https?://\S+/pay/\S+")
# Messages a booking workflow sends after a turn arrive a moment later than the turn's own replies.
POLL_SECONDS = 0.05
POLL_ATTEMPTS = 200
MADRID = ZoneInfo("Europe/Madrid")
SATURDAY = 5


@dataclass
class Chat:
    api: httpx.AsyncClient
    phone: str
    turn: int = 0
    read: int = 0
    transcript: list[tuple[str, str]] = field(default_factory=list)

    async def say(self, text: str) -> list[str]:
        """Send `text` as the customer, wait for Maite's turn, return the replies that are new since last time."""
        self.turn += 1
        body = {"phone": self.phone, "text": text, "wait": True, "message_id": f"{self.phone}-{self.turn}"}
        response = await self.api.post("/demo/messages", json=body)
        assert response.status_code == 202, response.text
        assert response.json()["handled"] is True
        return await self.replies()

    async def replies(self) -> list[str]:
        response = await self.api.get(f"/demo/conversations/{self.phone}")
        assert response.status_code == 200, response.text
        self.transcript = [(m["direction"], m["body"]) for m in response.json()["messages"]]
        outbound = [body for direction, body in self.transcript if direction == Direction.OUTBOUND]
        new, self.read = outbound[self.read :], len(outbound)
        return new

    async def wait_for(self, fragment: str) -> str:
        """The next reply containing `fragment` (a booking's message sent after the turn, a confirmation...)."""
        for _ in range(POLL_ATTEMPTS):
            for reply in await self.replies():
                if fragment in reply:
                    return reply
            await asyncio.sleep(POLL_SECONDS)
        raise AssertionError(f"no reply containing {fragment!r}; transcript: {self.transcript}")

    async def press(self, link_message: str, button: str) -> None:
        """Open the payment link of `link_message` and press "pay" or "fail": a signed Stripe event to our webhook."""
        match = LINK.search(link_message)
        assert match is not None, link_message
        url = urlsplit(match.group(0))
        page = await self.api.get(f"{url.path}?{url.query}")
        assert page.status_code == 200, page.text
        embedded = re.search(r'<script type="application/json" id="events">(.*?)</script>', page.text, re.S)
        assert embedded is not None
        event = json.loads(embedded.group(1))[button]
        response = await self.api.post(
            "/webhooks/stripe", content=event["payload"], headers={"stripe-signature": event["signature"]}
        )
        assert response.status_code == 200, response.text


def booking_id_in(link_message: str) -> str:
    match = re.search(r"[?&]booking=([\w-]+)", link_message)
    assert match is not None, link_message
    return match.group(1)


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Workflows act a moment after the messages they send: wait (briefly, in real time) until `check` holds."""
    for _ in range(POLL_ATTEMPTS):
        if await check():
            return
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f"never: {what}")


async def booking_reaches(client: Client, booking_id: str, status: BookingStatus) -> BookingView:
    """The booking's view once it reports `status` (its messages go out a moment before it says so)."""
    for _ in range(POLL_ATTEMPTS):
        view = await booking_view(client, booking_id)
        if view.status == status:
            return view
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f"booking {booking_id} stayed {view.status}, never {status}")


async def booking_view(client: Client, booking_id: str) -> BookingView:
    handle: WorkflowHandle[BookingWorkflow, BookingStatus] = client.get_workflow_handle_for(
        BookingWorkflow.run, f"booking:{booking_id}"
    )
    return await handle.query(BookingWorkflow.view)


async def customer_of(db: AsyncEngine, phone: str) -> Customer | None:
    """The customer row behind `phone`, if the business has one yet."""
    async with AsyncSession(db) as session:
        return (await session.execute(select(Customer).where(Customer.phone == phone))).scalar_one_or_none()


async def appointments_of(db: AsyncEngine, phone: str) -> list[Appointment]:
    """Every appointment booked by the customer behind `phone` (for them or for others), oldest first."""
    booker = await customer_of(db, phone)
    assert booker is not None, f"no customer {phone}"
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Appointment)
            .where((Appointment.customer_id == booker.id) | (Appointment.booked_by_id == booker.id))
            .order_by(col(Appointment.start_at), col(Appointment.staff_id))
        )
        return list(rows.scalars())


async def team_alerts(db: AsyncEngine, phone: str) -> list[str]:
    """Messages the conversation of `phone` sent to the team's number."""
    async with AsyncSession(db) as session:
        rows = await session.execute(
            select(Message)
            .where(
                Message.direction == Direction.OUTBOUND,
                col(Message.external_id).contains(f"{conversation_of('atrevete', phone)}:team:"),
            )
            .order_by(col(Message.created_at))
        )
        return [m.body for m in rows.scalars()]


async def weekday_ahead(env: WorkflowEnvironment, days: int) -> tuple[date, str]:
    """The first Monday-Friday at least `days` after the test server's today, and how a customer says it."""
    today = (await env.get_current_time()).astimezone(MADRID).date()
    day = today + timedelta(days=days)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return day, f"el {day.day} de {MONTHS[day.month]}"


async def skip_to(env: WorkflowEnvironment, local: datetime) -> None:
    """Move the test server's clock forward to `local` (timers due before then fire on the way)."""
    now = await env.get_current_time()
    assert local > now, f"{local} is already past ({now})"
    await env.sleep(local - now)


async def book_and_pay(chat: Chat, request: str, *, option: str = "la primera") -> str:
    """A known customer books from one message and pays; returns the payment-link message."""
    [offer] = await chat.say(request)
    assert "tengo estos huecos" in offer, offer
    [link] = await chat.say(option)
    assert "/pay/" in link, link
    await chat.press(link, "pay")
    await chat.wait_for("¡Cita confirmada!")
    return link


async def up_to_the_name(chat: Chat, env: WorkflowEnvironment) -> str:
    """A new customer asks for a cut and chooses a slot: Maite's question for their name, asked only now."""
    _, day = await weekday_ahead(env, 3)
    [offer] = await chat.say(f"hola, quería un corte {day}")
    assert "tengo estos huecos" in offer, offer
    [ask] = await chat.say("la primera")
    return ask


async def full_but_harol_at_noon(
    db: AsyncEngine, env: WorkflowEnvironment, client: Client, task_queue: str, booker: str
) -> tuple[str, Booking]:
    """A weekday ahead with no haircut left: Harol's noon, the only free slot, booked and paid by `booker`. How a
    customer says that day, and the booking (to cancel, freeing the slot)."""
    day, said = await weekday_ahead(env, 4)
    noon = datetime.combine(day, time(12), MADRID)
    await only_harol_free_at_noon(db, noon)
    taken = await book(db, client, task_queue, booker, service="Corte", staff="Harol", start=noon)
    await pay(env, taken)
    return said, taken
