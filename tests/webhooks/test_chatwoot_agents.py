"""A person at Chatwoot silences Maite like a take-over in /admin: an agent's reply to the customer, the
conversation opened or assigned to an agent. Maite's own posts (an agent bot's, or a user token's that our
adapter recorded) never do. Payloads shaped from Chatwoot's documented example, signed like Chatwoot's."""

import copy
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import select
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import Worker

from models import Message
from models.enums import Channel, DeliveryStatus, Direction
from models.queries import get_business
from tests.fakes.chatwoot_api import ChatwootApiFake
from tests.settings_for import conversation_of
from tests.webhooks import test_chatwoot_outbound as outbound
from tests.webhooks.test_chatwoot import incoming, post
from tests.webhooks.test_chatwoot_outbound import CONVERSATION, _say
from workflows.conversation.workflow import ConversationWorkflow

# Chatwoot's API fake, and a worker posting to it as Maite.
chatwoot, settings = outbound.chatwoot, outbound.settings
AGENT = {"id": 12, "name": "Berta", "avatar": "", "type": "user"}


def _contact(phone: str) -> dict[str, Any]:
    return {"id": 31, "name": "Lucía", "phone_number": phone, "type": "contact"}


def outgoing(phone: str, message_id: int, content: str, sender: dict[str, Any]) -> dict[str, Any]:
    """A message written at Chatwoot to the customer: `sender` is who wrote it, the conversation names the contact."""
    event = incoming(phone, message_id, content=content, message_type="outgoing", sender=copy.deepcopy(sender))
    event["conversation"] |= {"id": CONVERSATION, "meta": {"sender": _contact(phone)}}
    return event


def conversation_event(phone: str, event: str, **changes: Any) -> dict[str, Any]:
    """A conversation event: the conversation's own attributes at the top level."""
    meta = {"sender": _contact(phone), "assignee": None}
    base = {"event": event, "id": CONVERSATION, "inbox_id": 0, "channel": "Channel::Whatsapp", "status": "pending"}
    return base | {"meta": meta} | changes


def _handle(client: Client, phone: str) -> WorkflowHandle[ConversationWorkflow, None]:
    return client.get_workflow_handle_for(ConversationWorkflow.run, conversation_of("atrevete", phone))


async def test_an_agents_reply_in_chatwoot_silences_maite(
    phone: str, api: httpx.AsyncClient, worker: Worker, chatwoot: ChatwootApiFake, temporal_client: Client
) -> None:
    await _say(api, temporal_client, phone, 701, "hola")
    answered = len(chatwoot.posted(CONVERSATION))
    said = await post(api, outgoing(phone, 8001, "Hola Lucía, soy Berta", AGENT))
    assert said.json() == {"status": "silenced"}
    assert await _handle(temporal_client, phone).query(ConversationWorkflow.human_mode)
    await _say(api, temporal_client, phone, 702, "vale, gracias")
    assert len(chatwoot.posted(CONVERSATION)) == answered, "Maite stays silent"


async def test_maites_own_posts_coming_back_do_not_silence_her(
    phone: str,
    api: httpx.AsyncClient,
    worker: Worker,
    chatwoot: ChatwootApiFake,
    temporal_client: Client,
    db: AsyncEngine,
) -> None:
    await _say(api, temporal_client, phone, 711, "hola")
    [reply] = chatwoot.posted(CONVERSATION)
    async with AsyncSession(db) as session:
        own_id = int(await session.scalar(select(Message.provider_message_id).where(Message.body == reply["content"])))
    # Posted with a user's API token, Chatwoot names that user: the id our adapter got back says it is ours.
    assert (await post(api, outgoing(phone, own_id, reply["content"], AGENT))).json() == {"status": "ignored"}
    bot = {"id": 2, "name": "Maite", "type": "agent_bot"}
    assert (await post(api, outgoing(phone, own_id + 1, "otra", bot))).json() == {"status": "ignored"}
    # A send of ours still waiting for its id (Chatwoot's webhook can beat our adapter's mark).
    async with AsyncSession(db) as session, session.begin():
        salon = await get_business(session, slug="atrevete")
        session.add(
            Message(
                business_id=salon.id,
                customer_phone=phone,
                direction=Direction.OUTBOUND,
                channel=Channel.CHATWOOT,
                external_id="in-flight",
                body="Te confirmo la cita",
                delivery_status=DeliveryStatus.QUEUED,
                workflow_id=conversation_of("atrevete", phone),
            )
        )
    in_flight = outgoing(phone, own_id + 2, "Te confirmo la cita", AGENT)
    assert (await post(api, in_flight)).json() == {"status": "ignored"}
    private = outgoing(phone, own_id + 3, "nota", AGENT) | {"private": True}
    assert (await post(api, private)).json() == {"status": "ignored"}, "a private note is not a reply"
    assert not await _handle(temporal_client, phone).query(ConversationWorkflow.human_mode)


async def test_opening_or_assigning_the_conversation_silences_maite(
    phone: str, api: httpx.AsyncClient, worker: Worker, chatwoot: ChatwootApiFake, temporal_client: Client
) -> None:
    await _say(api, temporal_client, phone, 721, "hola")
    handle = _handle(temporal_client, phone)
    unassigned = [{"assignee_id": {"previous_value": 12, "current_value": None}}]
    gone = conversation_event(phone, "conversation_updated", changed_attributes=unassigned)
    assert (await post(api, gone)).json() == {"status": "ignored"}
    assigned = [{"assignee_id": {"previous_value": None, "current_value": 12}}]
    given = conversation_event(phone, "conversation_updated", changed_attributes=assigned)
    assert (await post(api, given)).json() == {"status": "silenced"}
    assert await handle.query(ConversationWorkflow.human_mode)

    back = conversation_event(phone, "conversation_status_changed", status="pending")
    assert (await post(api, back)).json() == {"status": "handed_back"}
    assert not await handle.query(ConversationWorkflow.human_mode)
    opened = conversation_event(phone, "conversation_status_changed", status="open")
    assert (await post(api, opened)).json() == {"status": "silenced"}
    assert await handle.query(ConversationWorkflow.human_mode)
