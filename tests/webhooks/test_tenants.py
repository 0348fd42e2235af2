"""Two businesses on one deployment: WhatsApp deliveries are routed by the phone number id they were sent to,
and one business's customers, catalogue, slots, payment account and replies never reach the other's."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from models import Appointment, Business, Customer, Message
from models.enums import Direction
from models.runtime.settings import Settings
from models.seeding.demo_salon import ATREVETE
from models.seeding.salon_file import apply_salon, read_salon_file
from tests.app_client import client_for
from tests.fakes.stripe_api import StripeFake
from tests.fakes.whatsapp_graph_api import GraphApiFake
from tests.live.meta import signed, text_message
from tests.settings_for import conversation_of, settings_for
from tests.webhooks import test_chatwoot as chatwoot
from webhooks.channels import routes as channel_routes
from workflows.conversation.workflow import ConversationWorkflow
from workflows.search_attributes import BUSINESS

SECRET = "meta-app-secret"
ATREVETE_NUMBER = "1122334455667"
# Another salon, set up the way an operator adds one (deploy/salons/example.toml): another island's clock, its
# own staff, catalogue, deposit policy, WhatsApp number, Chatwoot inbox (8) and Stripe Connect account.
BARBERIA = read_salon_file(Path(__file__).parents[2] / "deploy" / "salons" / "example.toml")
ATREVETE_INBOX = 7


@pytest.fixture
def settings(database_url: str, graph: GraphApiFake, stripe_fake: StripeFake) -> Settings:
    return settings_for(
        database_url,
        whatsapp_app_secret=SecretStr(SECRET),
        whatsapp_verify_token=SecretStr("verify-me"),
        whatsapp_access_token=SecretStr("EAAG-test-token"),
        whatsapp_phone_number_id=ATREVETE_NUMBER,
        whatsapp_api_base=graph.api_base,
        messaging_backend="whatsapp_cloud",
        payments_backend="stripe",
        stripe_secret_key=SecretStr("sk_test_123"),
        stripe_api_base=stripe_fake.base_url,
        chatwoot_webhook_secret=SecretStr(chatwoot.SECRET),
    )


@pytest.fixture
async def tenants(db: AsyncEngine) -> AsyncEngine:
    """The demo salon with its own number, and the barbershop beside it."""
    await apply_salon(db, BARBERIA)
    async with db.begin() as conn:
        await conn.execute(
            update(Business)
            .where(Business.slug == ATREVETE.slug)
            .values(whatsapp_phone_number_id=ATREVETE_NUMBER, chatwoot_inbox_id=ATREVETE_INBOX)
        )
    return db


@pytest.fixture
async def api(settings: Settings, temporal_client: Client, tenants: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """The API started once both businesses exist (its routing table is read at start)."""
    async with client_for(settings, temporal_client) as client:
        yield client


def to_number(payload: dict[str, Any], phone_number_id: str) -> dict[str, Any]:
    payload["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = phone_number_id
    return payload


class WhatsAppCustomer:
    """One phone writing to one business's number; what that number sent back to it."""

    def __init__(self, api: httpx.AsyncClient, client: Client, graph: GraphApiFake, phone: str, number: str) -> None:
        self.api, self.client, self.graph, self.phone, self.number = api, client, graph, phone, number
        self.said = 0

    async def say(self, business: str, text: str) -> list[str]:
        self.said += 1
        message_id = f"wamid.{self.number}.{self.said}"
        before = len(self.replies())
        payload = to_number(text_message(self.phone, text, message_id, name="Laura"), self.number)
        body, headers = signed(payload, SECRET)
        response = await self.api.post("/webhooks/whatsapp", content=body, headers=headers)
        assert response.status_code == 200, response.text
        handle = self.client.get_workflow_handle(conversation_of(business, self.phone))
        await handle.execute_update(ConversationWorkflow.wait_until_handled, message_id)
        return self.replies()[before:]

    def replies(self) -> list[str]:
        return [
            r.json()["text"]["body"]
            for r in self.graph.requests
            if r.path.endswith(f"/{self.number}/messages") and r.json()["to"] == self.phone.lstrip("+")
        ]


async def rows(db: AsyncEngine, model: Any, business: str, phone: str) -> list[Any]:
    phone_column = model.customer_phone if model is Message else model.phone
    async with AsyncSession(db) as session:
        query = select(model).join(Business).where(Business.slug == business, phone_column == phone)
        return list((await session.execute(query)).scalars())


async def test_the_same_phone_is_two_customers_and_each_business_answers_from_its_own_number(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    temporal_client: Client,
    graph: GraphApiFake,
    stripe_fake: StripeFake,
    tenants: AsyncEngine,
) -> None:
    to_salon = WhatsAppCustomer(api, temporal_client, graph, phone, ATREVETE_NUMBER)
    to_barbershop = WhatsAppCustomer(api, temporal_client, graph, phone, BARBERIA.whatsapp_phone_number_id or "")

    # Her name said to the salon makes her a customer of the salon too.
    [salon_greeting, _] = await to_salon.say(ATREVETE.slug, "Hola, me llamo Ana")
    [pack] = await to_barbershop.say(BARBERIA.slug, "Hola, quería cita para un corte")
    assert salon_greeting.startswith("¡Hola! Soy Maite, la asistenta virtual de Atrévete Peluquería")
    assert "¡Encantada, Ana!" in salon_greeting
    assert "Soy Nico, la asistenta virtual de Barbería Sol" in pack
    for business in (ATREVETE.slug, BARBERIA.slug):
        described = await temporal_client.get_workflow_handle(conversation_of(business, phone)).describe()
        assert described.typed_search_attributes.get(BUSINESS) == business

    assert "pack Corte + Barba por 26,00 €" in pack, "the barbershop's own catalogue"
    offer = "\n".join(await to_barbershop.say(BARBERIA.slug, "solo corte"))
    stylists = {line.rsplit(" con ", 1)[1] for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")}
    assert stylists and stylists <= {"Nerea", "Óscar"}, offer
    [ask] = await to_barbershop.say(BARBERIA.slug, "la primera")
    assert "¿me confirmas si tu nombre es" in ask
    [link] = await to_barbershop.say(BARBERIA.slug, "sí")
    assert link.startswith("¡Genial! Te he reservado") and "anticipo de 5,40 €" in link, "its 30 % deposit policy"

    # The deposit is charged on the barbershop's Stripe account, the booking is the barbershop's.
    [(session_id, session)] = stripe_fake.sessions.items()
    assert stripe_fake.accounts[session_id] == "acct_1BarberiaSol" and session["url"] in link
    async with AsyncSession(tenants) as session_db:
        [appointment] = (await session_db.execute(select(Appointment))).scalars()
        owner = await session_db.get(Business, appointment.business_id)
    assert owner is not None and owner.slug == BARBERIA.slug

    # One customer row per business for the same phone, each business's transcript only its own messages.
    assert [len(await rows(tenants, Customer, b, phone)) for b in (ATREVETE.slug, BARBERIA.slug)] == [1, 1]
    salon_messages = await rows(tenants, Message, ATREVETE.slug, phone)
    barbershop_messages = await rows(tenants, Message, BARBERIA.slug, phone)
    assert [m.body for m in salon_messages if m.direction == Direction.INBOUND] == ["Hola, me llamo Ana"]
    assert [m.body for m in barbershop_messages if m.direction == Direction.INBOUND] == [
        "Hola, quería cita para un corte",
        "solo corte",
        "la primera",
        "sí",
    ]
    # Everything the salon's number sent is the salon's conversation; nothing of the barbershop's went out from it.
    assert to_salon.replies() == [m.body for m in salon_messages if m.direction == Direction.OUTBOUND]
    assert not any("Nerea" in reply or "Barbería" in reply for reply in to_salon.replies())


async def test_a_number_no_business_has_is_refused_for_redelivery_until_one_has_it(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    temporal_client: Client,
    tenants: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(channel_routes, "RELOAD_ON_MISS_SECONDS", 0.0)
    new_number = "3344556677889"
    payload = to_number(text_message(phone, "Hola", "wamid.new-number.1"), new_number)
    body, headers = signed(payload, SECRET)

    refused = await api.post("/webhooks/whatsapp", content=body, headers=headers)
    assert refused.status_code == 503 and refused.headers["retry-after"] == "60"
    for business in (ATREVETE.slug, BARBERIA.slug):
        with pytest.raises(RPCError) as missing:
            await temporal_client.get_workflow_handle(conversation_of(business, phone)).describe()
        assert missing.value.status == RPCStatusCode.NOT_FOUND

    async with tenants.begin() as conn:
        await conn.execute(
            update(Business).where(Business.slug == BARBERIA.slug).values(whatsapp_phone_number_id=new_number)
        )
    # Meta delivers the same message again: now it reaches the business that has the number.
    assert (await api.post("/webhooks/whatsapp", content=body, headers=headers)).status_code == 200
    handle = temporal_client.get_workflow_handle(conversation_of(BARBERIA.slug, phone))
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "wamid.new-number.1")


def in_inbox(event: dict[str, Any], inbox: int) -> dict[str, Any]:
    conversation = event["conversation"] | {"inbox_id": inbox}
    return event | {"inbox": {"id": inbox, "name": "WhatsApp"}, "conversation": conversation}


async def test_chatwoot_events_go_to_the_business_of_their_inbox(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    barbershop = temporal_client.get_workflow_handle(conversation_of(BARBERIA.slug, phone))
    salon = temporal_client.get_workflow_handle(conversation_of(ATREVETE.slug, phone))
    assert (await chatwoot.post(api, in_inbox(chatwoot.incoming(phone), 8))).json() == {"status": "delivered"}
    await barbershop.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:4242")
    with pytest.raises(RPCError):
        await salon.describe()

    # An agent resolving the conversation in the barbershop's inbox hands back the barbershop's, not the salon's.
    await barbershop.signal(ConversationWorkflow.escalate, "prueba")
    handed_back = in_inbox(chatwoot.incoming(phone, event="conversation_status_changed", status="resolved"), 8)
    assert (await chatwoot.post(api, handed_back)).json() == {"status": "handed_back"}
    await chatwoot.post(api, in_inbox(chatwoot.incoming(phone, message_id=4243, content="¿seguís ahí?"), 8))
    await barbershop.execute_update(ConversationWorkflow.wait_until_handled, "chatwoot:4243")
    assert not await barbershop.query(ConversationWorkflow.human_mode)

    unknown = await chatwoot.post(api, in_inbox(chatwoot.incoming(phone, message_id=4244), 99))
    assert unknown.status_code == 503
