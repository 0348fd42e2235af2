"""The policy keys of a business, in one place, and a typed view of its policy rows.

The values live in the policy table (the demo salon's in models/seeding/demo_salon.py), never in code.
"""

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class PolicyKey(StrEnum):
    SLOT_MINUTES = "slot_minutes"
    MIN_LEAD_MINUTES = "min_lead_minutes"
    DEPOSIT_PERCENT = "deposit_percent"
    HOLD_MINUTES = "hold_minutes"
    HOLD_MINUTES_SAME_DAY = "hold_minutes_same_day"
    HOLD_REMINDER_BEFORE_MINUTES = "hold_reminder_before_minutes"
    PAYMENT_FAILURE_EXTENSION_MINUTES = "payment_failure_extension_minutes"
    MAX_PAYMENT_FAILURES = "max_payment_failures"
    REFUND_CUTOFF_HOURS = "refund_cutoff_hours"
    REMINDER_BEFORE_HOURS = "reminder_before_hours"
    MAX_CLARIFICATIONS = "max_clarifications"
    MAX_NAME_ATTEMPTS = "max_name_attempts"
    HUMAN_MODE_TIMEOUT_HOURS = "human_mode_timeout_hours"
    STAFF_AGENDA_HOUR = "staff_agenda_hour"
    SLOTS_OFFERED = "slots_offered"
    SEARCH_DAYS = "search_days"


DESCRIPTIONS: dict[PolicyKey, str] = {
    PolicyKey.SLOT_MINUTES: "Minutes between two bookable start times",
    PolicyKey.MIN_LEAD_MINUTES: "No same-day slot starts sooner than this many minutes from now",
    PolicyKey.DEPOSIT_PERCENT: "Deposit asked for, as a percentage of the price (0 for free services)",
    PolicyKey.HOLD_MINUTES: "How long an unpaid provisional booking keeps its slot",
    PolicyKey.HOLD_MINUTES_SAME_DAY: "The same, for a booking on the same day",
    PolicyKey.HOLD_REMINDER_BEFORE_MINUTES: "Payment reminder this many minutes before the hold expires",
    PolicyKey.PAYMENT_FAILURE_EXTENSION_MINUTES: "Extra hold minutes given with a new link after a failed payment",
    PolicyKey.MAX_PAYMENT_FAILURES: "Failed payments after which the team takes over (the hold is kept)",
    PolicyKey.REFUND_CUTOFF_HOURS: "Cancelling more than this many hours ahead refunds the deposit",
    PolicyKey.REMINDER_BEFORE_HOURS: "Appointment reminder this many hours before the start",
    PolicyKey.MAX_CLARIFICATIONS: "Unclear messages in a row before the conversation goes to a person",
    PolicyKey.MAX_NAME_ATTEMPTS: "Attempts at confirming a new customer's name before escalating",
    PolicyKey.HUMAN_MODE_TIMEOUT_HOURS: "Hours after which an escalated conversation returns to the bot",
    PolicyKey.STAFF_AGENDA_HOUR: "Local hour at which each staff member receives the day's agenda",
    PolicyKey.SLOTS_OFFERED: "How many slots are offered at a time",
    PolicyKey.SEARCH_DAYS: "How many days ahead the slot search looks",
}


class BusinessPolicies(BaseModel):
    """Every rule of a business, typed; built only from its rows, with no silent defaults."""

    model_config = ConfigDict(frozen=True)

    slot_minutes: int
    min_lead_minutes: int
    deposit_percent: Decimal
    hold_minutes: int
    hold_minutes_same_day: int
    hold_reminder_before_minutes: int
    payment_failure_extension_minutes: int
    max_payment_failures: int
    refund_cutoff_hours: int
    reminder_before_hours: int
    max_clarifications: int
    max_name_attempts: int
    human_mode_timeout_hours: int
    staff_agenda_hour: int
    slots_offered: int
    search_days: int

    @classmethod
    def from_rows(cls, rows: Mapping[str, object]) -> "BusinessPolicies":
        missing = sorted(k.value for k in PolicyKey if k.value not in rows)
        if missing:
            raise ValueError(f"business policies missing: {', '.join(missing)}")
        return cls.model_validate({k.value: rows[k.value] for k in PolicyKey})
