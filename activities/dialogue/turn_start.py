"""The first step of every turn, one local activity: record the message, and when the bot will answer it, say
who wrote (the customer's facts) and, without a language model, what they meant. One database round trip and
no server hop before the dialogue decides; each part is idempotent, so a retry repeats it harmlessly."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter
from temporalio import activity

from activities.dialogue.customers import CustomerLookup
from activities.messaging.archive import MessageArchive, RecordInboundInput, RecordInboundResult
from activities.understanding.schema import Understanding
from activities.understanding.understander import Understander, UnderstandInput, count_understanding

UNDERSTANDING = TypeAdapter(Understanding)


@dataclass
class BeginTurnInput:
    record: RecordInboundInput
    # The workflow's clock: upcoming bookings and "mañana" are read against the turn's own now.
    now: datetime
    # False while a person answers: the message is only recorded for them.
    answer: bool = True


@dataclass
class BeginTurnResult:
    recorded: RecordInboundResult
    # CustomerFacts as JSON, when the bot answers this new message.
    customer: dict[str, Any] | None = None
    # The rules' Understanding as JSON, when no language model is configured (and the customer has not opted out).
    understanding: dict[str, Any] | None = None
    understood_by: str | None = None


class TurnStart:
    def __init__(self, archive: MessageArchive, customers: CustomerLookup, understander: Understander) -> None:
        self._archive = archive
        self._customers = customers
        self._understander = understander

    @activity.defn(name="dialogue.begin_turn")
    async def begin_turn(self, input: BeginTurnInput) -> BeginTurnResult:
        recorded = await self._archive.record_inbound_message(input.record)
        if recorded.answered or recorded.refused or not input.answer:
            return BeginTurnResult(recorded)
        customer = await self._customers.facts(input.record.business, input.record.phone, input.now)
        result = BeginTurnResult(recorded, customer.model_dump(mode="json"))
        if not customer.opted_out:
            today = input.now.astimezone(ZoneInfo(customer.timezone)).date()
            understood = await self._understander.understand_offline(
                UnderstandInput(business=input.record.business, text=input.record.text, today=today)
            )
            if understood is not None:
                count_understanding(understood)
                result.understanding = UNDERSTANDING.dump_python(understood.understanding, mode="json")
                result.understood_by = understood.by
        return result
