"""Money rules as pure functions: deposits and pack savings, in exact Decimal cents."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol
from uuid import UUID

CENT = Decimal("0.01")


class Priced(Protocol):
    price: Decimal
    needs_deposit: bool


def deposit_for(price: Decimal, percent: Decimal) -> Decimal:
    """`percent` % of `price`, rounded half-up to the cent (20 % of 47,50 € -> 9,50 €)."""
    return (price * percent / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)


def deposit_shares(items: Sequence[Priced], percent: Decimal) -> list[Decimal]:
    """The deposit of each appointment of a booking; free services and no-deposit services owe nothing."""
    return [deposit_for(i.price, percent) if i.needs_deposit and i.price > 0 else Decimal("0.00") for i in items]


@dataclass(frozen=True)
class PackOffer:
    pack_id: UUID
    name: str
    price: Decimal
    separate_price: Decimal

    @property
    def saving(self) -> Decimal:
        return self.separate_price - self.price


@dataclass(frozen=True)
class PackCandidate:
    pack_id: UUID
    name: str
    price: Decimal
    service_ids: frozenset[UUID]


def best_pack(requested: set[UUID], prices: dict[UUID, Decimal], packs: Sequence[PackCandidate]) -> PackOffer | None:
    """The pack containing every requested service that saves the most, if any saves at all. A pack adds to
    what was asked, never grows it into a bigger service: it is offered only when the request holds the pack's
    dearest service (highlights get "and a cut for less"; a plain cut is not sold highlights)."""
    offers = [
        PackOffer(p.pack_id, p.name, p.price, sum((prices[s] for s in p.service_ids), Decimal("0.00")))
        for p in packs
        if requested
        and requested <= p.service_ids
        and p.service_ids <= prices.keys()
        and max(p.service_ids, key=lambda s: prices[s]) in requested
    ]
    offers = [o for o in offers if o.saving > 0]
    return max(offers, key=lambda o: (o.saving, -len(o.name)), default=None)


def euros(amount: Decimal) -> str:
    """'12.50' -> '12,50 €' (Spanish decimal comma, always two decimals)."""
    return f"{amount:.2f}".replace(".", ",") + " €"
