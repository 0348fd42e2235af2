"""/admin → "Conversaciones": staff find a conversation, read it, take it over from Maite, answer through the
customer's channel (the demo chat here) and hand it back; only the logged-in business's conversations."""

import re

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import col, select
from temporalio.client import Client
from temporalio.worker import Worker

from models import Message
from tests.admin_csrf import carry_csrf
from tests.settings_for import conversation_of
from tests.webhooks.test_admin_handovers import B_LOGIN, bella  # noqa: F401  (the fixture)
from workflows.conversation.workflow import ConversationWorkflow

REPLY_ID = re.compile(r'name="reply_id" value="([0-9a-f]+)"')


async def _login(api: httpx.AsyncClient, login: dict[str, str] | None = None) -> None:
    response = await api.post("/admin/login", data=login or {"username": "admin", "password": "atrevete"})
    assert response.status_code in (302, 303), response.text
    await carry_csrf(api)


async def _customer_writes(api: httpx.AsyncClient, phone: str, text: str) -> None:
    answer = await api.post("/demo/messages", json={"phone": phone, "text": text, "wait": True})
    assert answer.json()["handled"], answer.text


async def _transcript(api: httpx.AsyncClient, phone: str) -> list[tuple[str, str]]:
    messages = (await api.get(f"/demo/conversations/{phone}")).json()["messages"]
    return [(m["direction"], m["body"]) for m in messages]


async def _thread(api: httpx.AsyncClient, phone: str) -> httpx.Response:
    return await api.get("/admin/conversations/thread", params={"cliente": phone})


async def _reply(api: httpx.AsyncClient, phone: str, text: str, reply_id: str | None = None) -> httpx.Response:
    if reply_id is None:
        found = REPLY_ID.search((await _thread(api, phone)).text)
        assert found, "the thread page offers a reply form"
        reply_id = found.group(1)
    return await api.post("/admin/conversations/reply", data={"cliente": phone, "reply_id": reply_id, "text": text})


async def test_staff_take_over_reply_and_hand_back(
    api: httpx.AsyncClient, worker: Worker, temporal_client: Client, phone: str, db: AsyncEngine
) -> None:
    await _customer_writes(api, phone, "hola")
    await _login(api)
    listed = await api.get("/admin/conversations", params={"buscar": phone[-6:]})
    assert phone in listed.text and "Abrir" in listed.text
    assert "Tomar la conversación" in (await _thread(api, phone)).text

    took = await api.post("/admin/conversations/take", data={"cliente": phone})
    assert took.status_code == 303
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode)
    before = len(await _transcript(api, phone))
    await _customer_writes(api, phone, "<b>¿me atiende una persona?</b>")
    assert (await _transcript(api, phone))[before:] == [("inbound", "<b>¿me atiende una persona?</b>")], (
        "recorded, and Maite stays silent"
    )

    sent = await _reply(api, phone, "Hola, soy Berta: te busco hueco mañana.")
    assert sent.status_code == 303
    assert (await _transcript(api, phone))[-1] == ("outbound", "Hola, soy Berta: te busco hueco mañana.")
    page = (await _thread(api, phone)).text
    assert "&lt;b&gt;¿me atiende una persona?&lt;/b&gt;" in page, "customer text escaped"
    assert re.search(r"<strong>admin</strong>.*?Hola, soy Berta", page, re.DOTALL), "the staff login wrote it"
    assert "<strong>Maite (bot)</strong>" in page and "<strong>cliente</strong>" in page
    assert "Devolver al bot" in page
    async with AsyncSession(db) as session:
        authors = (await session.execute(select(Message.author).where(Message.customer_phone == phone))).scalars()
        assert sorted(filter(None, authors)) == ["admin"]

    assert (await api.post("/admin/conversations/hand-back", data={"cliente": phone})).status_code == 303
    assert not await handle.query(ConversationWorkflow.human_mode)
    before = len(await _transcript(api, phone))
    await _customer_writes(api, phone, "hola otra vez")
    after = await _transcript(api, phone)
    assert after[before] == ("inbound", "hola otra vez") and after[before + 1][0] == "outbound", "Maite answers again"


async def test_replying_takes_over_and_a_double_click_sends_once(
    api: httpx.AsyncClient, worker: Worker, temporal_client: Client, phone: str, db: AsyncEngine
) -> None:
    await _customer_writes(api, phone, "hola")
    await _login(api)
    for _ in range(2):
        assert (await _reply(api, phone, "Te escribo yo", reply_id="f00d")).status_code == 303
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode), "replying took the conversation over"
    async with AsyncSession(db) as session:
        staff = (
            await session.execute(
                select(Message.body).where(Message.customer_phone == phone, col(Message.author) == "admin")
            )
        ).scalars()
        assert list(staff) == ["Te escribo yo"]


async def test_an_empty_reply_is_refused_in_spanish(api: httpx.AsyncClient, worker: Worker, phone: str) -> None:
    await _customer_writes(api, phone, "hola")
    await _login(api)
    refused = await _reply(api, phone, "   ")
    assert "Escribe la respuesta antes de enviarla." in refused.text


@pytest.mark.usefixtures("bella")
async def test_another_business_conversation_is_not_found(
    api: httpx.AsyncClient, worker: Worker, temporal_client: Client, phone: str
) -> None:
    await _customer_writes(api, phone, "hola")  # the demo salon's customer
    await _login(api, B_LOGIN)
    assert (await _thread(api, phone)).status_code == 404
    assert (await api.post("/admin/conversations/take", data={"cliente": phone})).status_code == 404
    assert (await _reply(api, phone, "no", reply_id="x1")).status_code == 404
    assert (await api.post("/admin/conversations/hand-back", data={"cliente": phone})).status_code == 404
    assert phone not in (await api.get("/admin/conversations")).text
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert not await handle.query(ConversationWorkflow.human_mode)


async def test_a_post_without_the_csrf_token_changes_nothing(
    api: httpx.AsyncClient, worker: Worker, temporal_client: Client, phone: str
) -> None:
    await _customer_writes(api, phone, "hola")
    await _login(api)
    del api.headers["X-CSRF-Token"]
    assert (await api.post("/admin/conversations/take", data={"cliente": phone})).status_code == 403
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert not await handle.query(ConversationWorkflow.human_mode)
