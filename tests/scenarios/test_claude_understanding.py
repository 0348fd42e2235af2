"""Scenarios 1 and 4 with Claude as the understanding (a local fake of the Messages API answering with
tool_use blocks): the same graph, the same replies, one model call per customer message."""

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from models.enums import AppointmentStatus
from models.runtime.settings import Settings
from tests.fakes.anthropic_api import MessagesFake, running_messages_fake
from tests.scenarios.chat import Chat, appointments_of, team_alerts
from tests.settings_for import conversation_of, settings_for
from tests.workflows.bookings import customer
from workflows.conversation.types import InboundMessage
from workflows.conversation.workflow import ConversationWorkflow


@pytest.fixture
def claude() -> Iterator[MessagesFake]:
    with running_messages_fake() as fake:
        yield fake


@pytest.fixture
def settings(database_url: str, claude: MessagesFake) -> Settings:
    """The test's worker (the standard fixture) understands with Claude, reached at the local fake."""
    return settings_for(
        database_url,
        understanding_backend="anthropic",
        anthropic_api_key=SecretStr("test-key"),
        anthropic_base_url=claude.base_url,
    )


async def test_scenario_1_with_claude(
    phone: str, api: httpx.AsyncClient, worker: Worker, claude: MessagesFake, db: AsyncEngine
) -> None:
    chat = Chat(api, phone)
    claude.answer_with({"intent": "booking", "services": ["Mechas"]})
    [pack] = await chat.say("buenas!! me quiero hacer unas mechitas")
    assert pack.startswith("¡Hola! Soy Maite, la asistenta virtual de Atrévete Peluquería 🌸")
    assert "pack Mechas + Corte por 80,00 €" in pack

    claude.answer_with({"intent": "answer", "yes": True, "pack_accepted": True})
    [offer] = await chat.say("venga, me animo con el pack")
    assert offer.startswith("Para Mechas + Corte (80,00 €) tengo estos huecos:")

    claude.answer_with({"intent": "answer", "option": 2})
    [ask] = await chat.say("me viene mejor la segunda opción")
    assert ask == "¡Genial! Para dejártela reservada, ¿me dices tu nombre?"

    claude.answer_with({"intent": "answer", "names": ["Laura"]})
    [link] = await chat.say("laura")
    assert "anticipo de 16,00 €" in link
    await chat.press(link, "pay")
    await chat.wait_for("¡Cita confirmada!")
    [appointment] = await appointments_of(db, phone)
    assert appointment.status == AppointmentStatus.CONFIRMED

    bodies = [request.json() for request in claude.requests]
    assert len(bodies) == 4, "one understanding call per customer message"
    assert all(b["tool_choice"] == {"type": "tool", "name": "record_understanding"} for b in bodies)
    assert "Eres Maite" in bodies[0]["system"]
    assert bodies[0]["messages"][0]["content"] == "buenas!! me quiero hacer unas mechitas"
    # Later calls carry the conversation, so "la segunda opción" can be read against the offer.
    last = bodies[2]["messages"][0]["content"]
    assert "maite: Para Mechas + Corte (80,00 €) tengo estos huecos:" in last
    assert last.endswith("Último mensaje de la clienta:\nme viene mejor la segunda opción")


async def test_scenario_4_with_claude(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    claude: MessagesFake,
    db: AsyncEngine,
    temporal_client: Client,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    claude.answer_with({"intent": "medical", "medical": True, "services": ["Tinte"]})
    [reply] = await chat.say("tomo isotretinoína, ¿me puedo teñir?")
    assert "profesional sanitaria" in reply
    [alert] = await team_alerts(db, phone)
    assert alert.startswith("🔔 Consulta médica") and "isotretinoína" in alert
    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    assert await handle.query(ConversationWorkflow.human_mode) is True
    assert await chat.say("¿entonces?") == []
    assert len(claude.requests) == 1, "no model call while a person has the conversation"


async def test_long_exchanges_are_summarised_and_the_summary_is_used(
    phone: str, api: httpx.AsyncClient, worker: Worker, claude: MessagesFake, db: AsyncEngine
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    for n in range(10):  # 20 lines: 10 stay recent, 10 wait for the summary
        claude.answer_with({"intent": "small_talk"})
        await chat.say(f"gracias {n}")
    assert all("tools" in r.json() for r in claude.requests), "no summary before enough lines left the window"

    claude.summarize_with("Lucía ha dado las gracias muchas veces.")
    claude.answer_with({"intent": "small_talk"})
    await chat.say("gracias otra vez")
    summary_request, understanding_request = (r.json() for r in claude.requests[-2:])
    assert "tools" not in summary_request
    assert "cliente: gracias 0" in summary_request["messages"][0]["content"]
    assert "cliente: gracias 9" not in summary_request["messages"][0]["content"], "recent lines stay out"
    context = understanding_request["messages"][0]["content"]
    assert context.startswith("Conversación hasta ahora:\nresumen: Lucía ha dado las gracias muchas veces.")


async def test_claude_down_the_rules_answer_and_the_memory_is_kept(
    temporal_env: WorkflowEnvironment,
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    claude: MessagesFake,
    db: AsyncEngine,
    temporal_client: Client,
) -> None:
    await customer(db, phone, "Lucía")
    chat = Chat(api, phone)
    claude.answer_with({"intent": "booking", "services": ["Tinte"]})
    [offer_or_question] = await chat.say("quiero hacerme un tinte")
    claude.refuse(lambda r: r.method == "POST", 529, {"type": "error", "error": {"type": "overloaded_error"}})
    calls = len(claude.requests)

    handle = temporal_client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))
    await handle.signal(ConversationWorkflow.customer_message, InboundMessage("down-1", "¿dónde estáis?"))
    await temporal_env.sleep(timedelta(seconds=40))  # Claude's retries, on the server's clock
    await handle.execute_update(ConversationWorkflow.wait_until_handled, "down-1")

    replies = await chat.replies()
    assert "Calle de Fuencarral" in replies[-1], "the rules understood the question and the FAQ answered it"
    assert len(claude.requests) > calls + 1, "Claude was retried before the rules stood in"
    assert await handle.query(ConversationWorkflow.human_mode) is False
    history = [e async for e in handle.fetch_history_events()]
    results = [p for e in history for p in e.activity_task_completed_event_attributes.result.payloads]
    codec = temporal_client.data_converter.payload_codec
    assert codec is not None, "results are encrypted: read them as an operator would, through the codec"
    assert any(b"rules_fallback" in p.data for p in await codec.decode(results))
    assert offer_or_question, "the turn before Claude went down was answered by Claude"
