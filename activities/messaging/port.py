"""The messaging port: what every channel adapter (console, WhatsApp Cloud, Chatwoot) registers.

`send_message` sends one message to a phone; `alert_team` tells the salon's team about a customer (and, when
`hand_over`, passes the conversation to a person in the channel's own way). Workflows never know which adapter
runs; each call carries an idempotency key chosen by the workflow, so a retried activity sends once.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from temporalio import activity


class MessagePurpose(StrEnum):
    """Why a message is sent. WhatsApp lets a business write first (or after 24 h of silence) only with a
    template Meta approved beforehand, one per purpose; the other channels ignore it."""

    REPLY = "reply"
    REMINDER = "reminder"
    STAFF_NOTICE = "staff_notice"
    AGENDA = "agenda"


@dataclass
class SendMessageInput:
    business: str
    phone: str
    text: str
    # Chosen by the workflow (workflow id + what the message answers), so a retried send is one message.
    idempotency_key: str
    workflow_id: str
    # Trailing and defaulted, so the inputs recorded in older histories still decode.
    purpose: MessagePurpose = MessagePurpose.REPLY
    # The variables of the purpose's template, in order ({{1}}, {{2}}…). None: the whole text is the one
    # variable of the reply template.
    template_params: list[str] | None = None
    # The staff login that wrote it in /admin; None for Maite's own messages.
    author: str | None = None


@dataclass
class SendMessageResult:
    external_id: str
    duplicate: bool


@dataclass
class AlertTeamInput:
    business: str
    # The customer the alert is about (their conversation, in channels that have one).
    customer_phone: str
    text: str
    idempotency_key: str
    workflow_id: str
    # An escalation: a person takes the conversation (Chatwoot: the conversation is opened to agents).
    hand_over: bool = False


class MessagingPort(Protocol):
    """The activities every channel adapter registers; workflows schedule them through these references."""

    @activity.defn(name="send_message")
    async def send_message(self, input: SendMessageInput) -> SendMessageResult: ...

    @activity.defn(name="alert_team")
    async def alert_team(self, input: AlertTeamInput) -> SendMessageResult: ...
