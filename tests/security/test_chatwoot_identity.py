"""A website-widget visitor types any phone number: theirs is no identity. Only a WhatsApp inbox's sender phone
reaches that phone's conversation; the widget visitor claiming a customer's number is keyed by their Chatwoot
contact, and nothing of the customer's is touched."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.service import RPCError
from temporalio.worker import Worker

from models.runtime.settings import Settings
from tests.security.production_api import SECRETS, ProductionApi
from tests.settings_for import conversation_of
from tests.webhooks.test_chatwoot import incoming, signed
from tests.workflow_janitor import WorkflowJanitor

VICTIM = "+34600777888"


@pytest.mark.parametrize("channel", ["Channel::WebWidget", "Channel::Api"])
async def test_a_widget_visitor_cannot_speak_as_a_customer_phone(
    production: ProductionApi,
    db: AsyncEngine,
    temporal_client: Client,
    settings: Settings,
    worker: Worker,
    janitor: WorkflowJanitor,
    channel: str,
) -> None:
    event = incoming(VICTIM, message_id=7001, content="quiero cancelar mi cita")
    event["conversation"]["channel"] = channel
    body, headers = signed(event, secret=SECRETS["CHATWOOT_WEBHOOK_SECRET"])
    async with httpx.AsyncClient(base_url=production.base_url) as api:
        response = await api.post("/webhooks/chatwoot", content=body, headers=headers)
    assert response.status_code == 200 and response.json() == {"status": "delivered"}
    visitor = conversation_of("atrevete", f"chatwoot:{event['sender']['id']}", settings)
    janitor.adopt(visitor)
    await temporal_client.get_workflow_handle(visitor).describe()
    with pytest.raises(RPCError):
        await temporal_client.get_workflow_handle(conversation_of("atrevete", VICTIM, settings)).describe()
