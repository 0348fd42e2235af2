"""A turn's replies in one activity: each sent in order with its own idempotency key (a retry sends only what
the channel has not taken: the outbound ledger knows the rest), then the customer's message marked answered.
One activity instead of one per reply plus a local one for the mark: fewer history events and billed actions per
turn, the same guarantees."""

from dataclasses import dataclass, field

from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.messaging.archive import MarkAnsweredInput, MessageArchive
from activities.messaging.port import MessagingPort, SendMessageInput


@dataclass
class SendRepliesInput:
    business: str
    phone: str
    workflow_id: str
    texts: list[str]
    # One per text, chosen by the workflow (what each answers): a retried activity sends each once.
    keys: list[str]
    # The customer message these replies answer: marked answered once they all went.
    answers: str | None = None


@dataclass
class RepliesSent:
    # The first reply the channel refused for good (it and the ones after it were not sent), and the reason.
    refused_at: int | None = None
    reason: str = ""
    unsent: list[str] = field(default_factory=list)


class TurnReplies:
    def __init__(self, channel: MessagingPort, archive: MessageArchive) -> None:
        self._channel = channel
        self._archive = archive

    @activity.defn(name="send_replies")
    async def send_replies(self, input: SendRepliesInput) -> RepliesSent:
        """A refusal (the channel said no for good) is returned, not raised: the workflow tells the team what went
        unsent. Anything else is raised for the activity's retries."""
        for index, (text, key) in enumerate(zip(input.texts, input.keys, strict=True)):
            try:
                await self._channel.send_message(
                    SendMessageInput(input.business, input.phone, text, key, input.workflow_id)
                )
            except ApplicationError as refused:
                if not refused.non_retryable:
                    raise
                return RepliesSent(index, refused.message, input.texts[index:])
        if input.answers is not None:
            await self._archive.mark_message_answered(MarkAnsweredInput(input.business, input.answers))
        return RepliesSent()
