"""Deliver a customer message to its ConversationWorkflow (signal-with-start): the one path every channel uses."""

import dataclasses
from datetime import timedelta

from temporalio.client import Client, WorkflowHandle
from temporalio.common import SearchAttributePair, TypedSearchAttributes

from models.runtime.pseudonyms import customer_pseudonym
from models.runtime.settings import Settings
from models.text_hygiene import without_controls
from workflows import conversation_id
from workflows.conversation.types import ConversationInput, InboundMessage
from workflows.conversation.workflow import ConversationWorkflow
from workflows.search_attributes import BUSINESS, CUSTOMER

# Providers wait for our answer only seconds: a Temporal that does not answer within this becomes a 503 they
# redeliver (webhooks/app.py), instead of a request they give up on.
PROVIDER_RPC_TIMEOUT = timedelta(seconds=5)


def customer_conversation_id(settings: Settings, business: str, customer: str) -> str:
    """The workflow id of `customer`'s conversation with `business` (a pseudonym in it, never the phone)."""
    return conversation_id(business, customer_pseudonym(settings, customer))


async def deliver_message(
    client: Client, settings: Settings, *, business: str, phone: str, message: InboundMessage
) -> WorkflowHandle[ConversationWorkflow, None]:
    """Start the conversation if needed and signal the message to it, in one atomic call. Control characters
    never reach the workflow: a NUL would be refused by the database on every retry of the message's record."""
    message = dataclasses.replace(message, text=without_controls(message.text))
    pseudonym = customer_pseudonym(settings, phone)
    return await client.start_workflow(
        ConversationWorkflow.run,
        ConversationInput(business=business, phone=phone, idle_after=settings.conversation_idle_after),
        id=conversation_id(business, pseudonym),
        task_queue=settings.task_queue,
        start_signal="customer_message",
        start_signal_args=[message],
        # Set at start so the conversation is findable before its first turn runs.
        search_attributes=TypedSearchAttributes(
            [
                SearchAttributePair(BUSINESS, business),
                SearchAttributePair(CUSTOMER, pseudonym),
            ]
        ),
        static_summary=f"Conversación con {_first_name(message.profile_name)} ({business})",
        rpc_timeout=PROVIDER_RPC_TIMEOUT,
    )


def _first_name(profile_name: str | None) -> str:
    """What the Web UI calls the customer: the first word of their profile name, never their number."""
    words = (profile_name or "").split()
    return words[0][:40] if words else "un cliente"
