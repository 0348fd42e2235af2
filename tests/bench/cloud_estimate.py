"""A month of Temporal Cloud for a salon group's traffic, from the measured cost of a turn and a booking.

Prices: https://docs.temporal.io/cloud/pricing (Pay-As-You-Go, read 2026-12-04): actions $50 per million for
the first 5 M, then $45, $40, $35, $30, $25 per million by tier; active storage $0.042 and retained storage
$0.00105 per GB-hour, a month being 744 GB-hours per GB. The plan's own fee (10 % of usage or a minimum) is left
out. What counts as an action: tests/bench/cloud_actions.py.
"""

from dataclasses import asdict, dataclass
from typing import Any

PRICES_READ = "2026-12-04"
# (actions in the tier, $ per million), in order; the rest at the last price.
ACTION_TIERS = ((5e6, 50.0), (5e6, 45.0), (10e6, 40.0), (30e6, 35.0), (50e6, 30.0), (100e6, 25.0))
ACTIVE_PER_GBH = 0.042
RETAINED_PER_GBH = 0.00105
HOURS_PER_MONTH = 744
GB = 1e9


@dataclass(frozen=True)
class Assumptions:
    conversations_per_day: int = 1000
    days_per_month: int = 30
    turns_per_conversation: float = 6.0
    bookings_per_conversation: float = 0.5
    # WhatsApp reports sent, delivered and read for each reply. The webhook applies them to the message table
    # itself (issue 20): no action. Before, each was a signal to the conversation plus an activity: 2.
    statuses_per_reply: float = 3.0
    actions_per_status: float = 0.0
    # Conversations never close: every customer of the last month keeps an open run.
    customers_open: int = 30_000
    # Without idle shrinking an open run holds the turns since its last continue-as-new (every 100): 50 on average.
    turns_held_when_idle: float = 50.0
    retention_days: int = 30

    def said(self) -> str:
        return ", ".join(f"{key.replace('_', ' ')} {value:g}" for key, value in asdict(self).items())


@dataclass(frozen=True)
class Measured:
    actions_per_turn: float
    replies_per_turn: float
    bytes_per_turn: float
    actions_per_booking: int
    bytes_per_booking: int
    # The open run of an idle customer after shrinking and what the shrinking run cost; None: not shrunk.
    shrunk_bytes: int | None
    shrink_actions: int


@dataclass(frozen=True)
class Month:
    actions: float
    active_gb: float
    retained_gb: float
    actions_usd: float
    active_usd: float
    retained_usd: float

    @property
    def usd(self) -> float:
        return self.actions_usd + self.active_usd + self.retained_usd

    def said(self) -> str:
        return (
            f"{self.actions / 1e6:.1f} M actions (${self.actions_usd:,.0f}), {self.active_gb:.2f} GB active "
            f"(${self.active_usd:,.0f}), {self.retained_gb:.1f} GB retained (${self.retained_usd:,.0f}): "
            f"${self.usd:,.0f} a month"
        )

    def data(self) -> dict[str, Any]:
        return {**asdict(self), "usd": self.usd}


def actions_usd(actions: float) -> float:
    left, usd = actions, 0.0
    for size, price in ACTION_TIERS:
        used = min(left, size)
        usd += used / 1e6 * price
        left -= used
    return usd + left / 1e6 * ACTION_TIERS[-1][1]


def month(m: Measured, a: Assumptions, *, shrinking: bool) -> Month:
    """Before idle shrinking (`shrinking` False) every idle customer holds half a run of turns; after, the
    compact run measured (when the conversation did shrink), each shrink costing its run's actions."""
    conversations = a.conversations_per_day * a.days_per_month
    shrinks = shrinking and m.shrunk_bytes is not None
    per_turn = m.actions_per_turn + m.replies_per_turn * a.statuses_per_reply * a.actions_per_status
    per_conversation = (
        a.turns_per_conversation * per_turn
        + a.bookings_per_conversation * m.actions_per_booking
        + (m.shrink_actions if shrinks else 0)
    )
    actions = conversations * per_conversation
    held = m.shrunk_bytes if shrinks and m.shrunk_bytes is not None else m.bytes_per_turn * a.turns_held_when_idle
    active_gb = a.customers_open * held / GB
    per_day = a.turns_per_conversation * m.bytes_per_turn + a.bookings_per_conversation * m.bytes_per_booking
    written = conversations * per_day
    retained_gb = written * a.retention_days / a.days_per_month / GB
    return Month(
        actions,
        active_gb,
        retained_gb,
        actions_usd(actions),
        active_gb * HOURS_PER_MONTH * ACTIVE_PER_GBH,
        retained_gb * HOURS_PER_MONTH * RETAINED_PER_GBH,
    )
