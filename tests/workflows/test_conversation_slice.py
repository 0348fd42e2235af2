"""The first vertical slice: API -> signal-with-start -> ConversationWorkflow -> activities -> transcript."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from models import Business, Customer
from models.runtime.pseudonyms import customer_pseudonym
from models.runtime.settings import Settings
from tests.settings_for import conversation_of
from workflows.search_attributes import BUSINESS, CUSTOMER

GREETING = "¡Hola! Soy Maite, la asistenta virtual de Atrévete Peluquería 🌸"


async def _say(api: httpx.AsyncClient, text: str, *, phone: str, message_id: str | None = None) -> dict:
    body = {"phone": phone, "text": text, "wait": True, "message_id": message_id}
    response = await api.post("/demo/messages", json=body)
    assert response.status_code == 202, response.text
    assert response.json()["handled"] is True
    return response.json()


async def _transcript(api: httpx.AsyncClient, phone: str) -> list[tuple[str, str]]:
    response = await api.get(f"/demo/conversations/{phone}")
    assert response.status_code == 200, response.text
    return [(m["direction"], m["body"]) for m in response.json()["messages"]]


async def test_new_customer_is_greeted_by_maite(phone: str, api: httpx.AsyncClient, worker: Worker) -> None:
    sent = await _say(api, "hola", phone=phone)
    assert sent["workflow_id"] == conversation_of("atrevete", phone)
    transcript = await _transcript(api, phone)
    assert transcript[0] == ("inbound", "hola")
    assert transcript[1][0] == "outbound"
    assert transcript[1][1].startswith(GREETING)
    assert "¿En qué puedo ayudarte?" in transcript[1][1] and "nombre" not in transcript[1][1], "no name asked yet"
    assert len(transcript) == 2


async def test_phone_is_normalised_to_e164(phone: str, api: httpx.AsyncClient, worker: Worker) -> None:
    national = f"{phone[3:6]} {phone[6:9]} {phone[9:]}"  # as people type it: "612 345 678"
    sent = await _say(api, "buenas", phone=national)
    assert sent["workflow_id"] == conversation_of("atrevete", phone)
    assert (await _transcript(api, national.replace(" ", "")))[0] == ("inbound", "buenas")


async def test_duplicate_message_id_is_recorded_and_answered_once(
    phone: str, api: httpx.AsyncClient, worker: Worker
) -> None:
    await _say(api, "hola", phone=phone, message_id="wamid.same")
    await _say(api, "hola", phone=phone, message_id="wamid.same")
    await _say(api, "¿estáis abiertos?", phone=phone, message_id="wamid.next")
    transcript = await _transcript(api, phone)
    assert [d for d, _ in transcript] == ["inbound", "outbound", "inbound", "outbound"]
    assert [b for d, b in transcript if d == "inbound"] == ["hola", "¿estáis abiertos?"]


async def test_returning_customer_is_greeted_by_name(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        session.add(Customer(business_id=business.id, phone=phone, first_name="Lucía"))
    await _say(api, "hola", phone=phone)
    assert (await _transcript(api, phone))[1] == (
        "outbound",
        "¡Hola, Lucía! Soy Maite 🌸. ¿En qué puedo ayudarte hoy?",
    )


async def test_opted_out_customer_gets_no_reply_but_message_is_kept(
    phone: str, api: httpx.AsyncClient, worker: Worker, db: AsyncEngine
) -> None:
    async with AsyncSession(db) as session, session.begin():
        business = (await session.execute(select(Business).where(Business.slug == "atrevete"))).scalar_one()
        session.add(Customer(business_id=business.id, phone=phone, first_name="Lucía", opted_out=True))
    await _say(api, "hola", phone=phone)
    assert await _transcript(api, phone) == [("inbound", "hola")]


async def test_conversation_is_findable_by_the_customer_pseudonym_not_by_the_phone(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client, settings: Settings
) -> None:
    sent = await _say(api, "hola", phone=phone)
    description = await temporal_client.get_workflow_handle(sent["workflow_id"]).describe()
    assert description.typed_search_attributes.get(CUSTOMER) == customer_pseudonym(settings, phone)
    assert description.typed_search_attributes.get(BUSINESS) == "atrevete"
    digits = phone.removeprefix("+")
    assert digits not in description.id and digits not in str(description.raw_description.workflow_execution_info)


async def test_bad_input_is_rejected_without_starting_anything(
    phone: str, api: httpx.AsyncClient, worker: Worker, temporal_client: Client
) -> None:
    assert (await api.post("/demo/messages", json={"phone": "12", "text": "hola"})).status_code == 422
    assert (await api.post("/demo/messages", json={"phone": phone, "text": ""})).status_code == 422
    assert (
        await api.post("/demo/messages", content=b"{not json", headers={"content-type": "application/json"})
    ).status_code == 422
    assert (await api.get(f"/demo/conversations/{phone}")).status_code == 404
    assert (await api.get("/demo/conversations/not-a-phone")).status_code == 422
    with pytest.raises(RPCError) as missing:
        await temporal_client.get_workflow_handle(conversation_of("atrevete", phone)).describe()
    assert missing.value.status == RPCStatusCode.NOT_FOUND


async def test_demo_page_links_to_the_temporal_ui(api: httpx.AsyncClient, settings: Settings) -> None:
    page = await api.get("/demo")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert f'data-temporal-ui="{settings.temporal_ui_url}"' in page.text
    assert "https://" not in page.text  # everything is served locally: no CDN
