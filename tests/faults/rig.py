"""The fault suite's stack: the real processes, with WhatsApp Cloud and Stripe answered by the local fakes,
so every message and every charge or refund the system makes can be counted where it lands."""

import random
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select

from models import Appointment, Business, Customer, Message
from models.enums import Direction
from models.localtime import MONTHS
from models.runtime.db import create_engine
from tests.fakes.stripe_api import StripeFake, running_stripe_fake
from tests.fakes.whatsapp_graph_api import GraphApiFake, running_graph_api
from tests.live.customer import WhatsAppCustomer, deliver
from tests.live.stack import LiveStack, live_stack
from webhooks.channels import stripe_events

META_APP_SECRET = "meta-app-secret-faults"
STRIPE_WEBHOOK_SECRET = SecretStr("whsec_faults_suite")
# Stripe Checkout's page for the session: what the deposit message links to.
PAY_LINK = re.compile(r"/pay/(?P<session>cs_\w+)")
MADRID = ZoneInfo("Europe/Madrid")
SATURDAY = 5


@dataclass
class Rig:
    stack: LiveStack
    api: str
    graph: GraphApiFake
    stripe: StripeFake

    def customer(self, http: httpx.AsyncClient, name: str = "Cliente") -> WhatsAppCustomer:
        phone = f"+346{random.randint(10_000_000, 99_999_999)}"
        return WhatsAppCustomer(http, phone, self.graph, META_APP_SECRET, name=name)

    async def pay(self, http: httpx.AsyncClient, link_message: str) -> None:
        """The customer pays on Stripe's page; Stripe tells us with a signed checkout.session.completed."""
        session_id = self.session_in(link_message)
        session = self.stripe.complete(session_id)
        amount = Decimal(session["amount_total"]) / 100
        event = stripe_events.checkout_completed(session_id, session["client_reference_id"], amount)
        signed = stripe_events.signed(event, STRIPE_WEBHOOK_SECRET)
        await deliver(http, "/webhooks/stripe", signed["payload"].encode(), {"stripe-signature": signed["signature"]})

    def session_in(self, link_message: str) -> str:
        match = PAY_LINK.search(link_message)
        assert match is not None, link_message
        return match["session"]

    def booking_in(self, link_message: str) -> str:
        return str(self.stripe.sessions[self.session_in(link_message)]["client_reference_id"])

    def refunds_made(self) -> int:
        return len(self.stripe.refunds)

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncEngine]:
        engine = create_engine(self.stack.database_url, pool_size=2)
        try:
            yield engine
        finally:
            await engine.dispose()


def weekday_ahead(days: int) -> str:
    """How a customer says the first Monday-Friday at least `days` from today."""
    day = datetime.now(MADRID).date() + timedelta(days=days)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return said(day)


def said(day: date) -> str:
    return f"el {day.day} de {MONTHS[day.month]}"


async def known_customer(engine: AsyncEngine, who: WhatsAppCustomer) -> None:
    """A returning customer (name on file): booking needs no introductions."""
    async with AsyncSession(engine) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        session.add(Customer(business_id=business.id, phone=who.phone, first_name=who.name))


async def appointments_of(engine: AsyncEngine, phone: str) -> list[Appointment]:
    async with AsyncSession(engine) as session:
        rows = await session.execute(
            select(Appointment)
            .join(Customer, col(Customer.id) == col(Appointment.customer_id))
            .where(Customer.phone == phone)
        )
        return list(rows.scalars())


async def outbound_rows(engine: AsyncEngine, phone: str) -> list[Message]:
    async with AsyncSession(engine) as session:
        rows = await session.execute(
            select(Message)
            .where(Message.customer_phone == phone, Message.direction == Direction.OUTBOUND)
            .order_by(col(Message.created_at))
        )
        return list(rows.scalars())


@contextmanager
def fault_rig(shared_env: dict[str, str] | None = None, **worker_env: str) -> Iterator[Rig]:
    """The stack with the fakes; `shared_env` for every process, `worker_env` for the first worker only."""
    with running_graph_api() as graph, running_stripe_fake() as stripe:
        env = {
            "MESSAGING_BACKEND": "whatsapp_cloud",
            "WHATSAPP_APP_SECRET": META_APP_SECRET,
            "WHATSAPP_VERIFY_TOKEN": "verify-faults",
            "WHATSAPP_ACCESS_TOKEN": "EAAG-faults",
            "WHATSAPP_PHONE_NUMBER_ID": "1122334455667",
            "WHATSAPP_API_BASE": graph.api_base,
            "PAYMENTS_BACKEND": "stripe",
            "STRIPE_SECRET_KEY": "sk_test_faults",
            "STRIPE_API_BASE": stripe.base_url,
            "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET.get_secret_value(),
            # Meta and Stripe deliver from many addresses; the per-IP limit is for abusers, not for storms.
            "RATE_LIMIT_PER_IP": "100000",
            **(shared_env or {}),
        }
        with live_stack(env) as stack:
            stack.start_worker(**worker_env)
            yield Rig(stack, stack.start_api(), graph, stripe)
