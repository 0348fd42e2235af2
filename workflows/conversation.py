"""ConversationWorkflow: one long-running workflow per (business, customer phone) that answers every message."""

from collections import deque
from dataclasses import dataclass, field

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.console_channel import SendMessageInput, SendMessageResult
    from activities.customers import CustomerContext, LoadCustomerInput
    from activities.message_archive import RecordInboundInput, RecordInboundResult
    from models.enums import Channel

from workflows import replies
from workflows.activity_calls import DATABASE, MESSAGING, call
from workflows.search_attributes import BUSINESS, CONVERSATION_STATE, CUSTOMER_PHONE

# Enough to recognise any redelivery a channel makes (they retry within minutes to days, a few times);
# the message table's unique key catches anything older.
REMEMBERED_MESSAGE_IDS = 200
# Continue-as-new well before the history gets heavy, even if the server does not suggest it yet.
MAX_TURNS_PER_RUN = 500


@dataclass
class InboundMessage:
    """A customer message as a channel delivered it; `message_id` is the channel's own id."""

    message_id: str
    text: str
    channel: Channel = Channel.CONSOLE
    profile_name: str | None = None


@dataclass
class ConversationInput:
    business: str
    phone: str
    # Carried across continue-as-new so a redelivered message is still recognised.
    handled_message_ids: list[str] = field(default_factory=list)
    human_mode: bool = False


@workflow.defn
class ConversationWorkflow:
    """Receives messages by signal, runs one turn per message in arrival order, never two at once."""

    def __init__(self) -> None:
        self._pending: deque[InboundMessage] = deque()
        self._handled: deque[str] = deque(maxlen=REMEMBERED_MESSAGE_IDS)
        self._human_mode = False

    @workflow.signal
    def customer_message(self, message: InboundMessage) -> None:
        """A channel delivered a message; redeliveries of a known id are dropped here."""
        if message.message_id in self._handled or any(m.message_id == message.message_id for m in self._pending):
            return
        self._pending.append(message)

    @workflow.signal
    def escalate(self, reason: str) -> None:
        """A booking or a turn needs a person: the bot goes silent, messages are still recorded."""
        workflow.logger.info("conversation escalated: %s", reason)
        self._set_human_mode(True)

    @workflow.signal
    def hand_back(self) -> None:
        """Staff are done: the bot answers again."""
        self._set_human_mode(False)

    def _set_human_mode(self, on: bool) -> None:
        self._human_mode = on
        workflow.upsert_search_attributes([CONVERSATION_STATE.value_set("escalated" if on else "active")])

    @workflow.update
    async def wait_until_handled(self, message_id: str) -> None:
        """Returns once the turn for `message_id` is done (the demo API's synchronous mode uses it)."""
        await workflow.wait_condition(lambda: message_id in self._handled)

    @workflow.query
    def pending_messages(self) -> int:
        return len(self._pending)

    @workflow.run
    async def run(self, input: ConversationInput) -> None:
        self._handled.extend(input.handled_message_ids)
        workflow.upsert_search_attributes([BUSINESS.value_set(input.business), CUSTOMER_PHONE.value_set(input.phone)])
        self._set_human_mode(input.human_mode or self._human_mode)
        workflow.set_current_details(f"Conversación con {input.phone} ({input.business})")
        turns = 0
        while True:
            await workflow.wait_condition(lambda: bool(self._pending))
            message = self._pending.popleft()
            await self._turn(input, message)
            self._handled.append(message.message_id)
            turns += 1
            if turns >= MAX_TURNS_PER_RUN or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(lambda: not self._pending and workflow.all_handlers_finished())
                workflow.continue_as_new(
                    ConversationInput(input.business, input.phone, list(self._handled), self._human_mode)
                )

    async def _turn(self, input: ConversationInput, message: InboundMessage) -> None:
        wf_id = workflow.info().workflow_id
        recorded = await call(
            DATABASE,
            "record_inbound_message",
            RecordInboundInput(input.business, input.phone, message.channel, message.message_id, message.text, wf_id),
            RecordInboundResult,
            "guarda el mensaje",
        )
        if not recorded.is_new:
            # Handled in an earlier run, before a continue-as-new forgot its id: answering again would duplicate.
            return
        customer = await call(
            DATABASE,
            "load_customer_context",
            LoadCustomerInput(input.business, input.phone),
            CustomerContext,
            "identifica al cliente",
        )
        if customer.opted_out or self._human_mode:
            return
        if customer.known and customer.first_name:
            text = replies.greeting_returning_customer(
                assistant=customer.assistant_name, first_name=customer.first_name
            )
        else:
            text = replies.greeting_new_customer(
                assistant=customer.assistant_name, business=customer.business_name, profile_name=message.profile_name
            )
        await call(
            MESSAGING,
            "send_message",
            SendMessageInput(input.business, input.phone, text, f"{wf_id}:reply:{message.message_id}", wf_id),
            SendMessageResult,
            "responde al cliente",
        )
