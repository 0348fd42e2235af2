"""Which pack to suggest (pure): one that saves, holds everything asked, and adds to the main service asked."""

from decimal import Decimal
from uuid import uuid4

from models.pricing import PackCandidate, best_pack

HIGHLIGHTS, CUT, BEARD = uuid4(), uuid4(), uuid4()
PRICES = {HIGHLIGHTS: Decimal("50.00"), CUT: Decimal("40.00"), BEARD: Decimal("12.00")}
PACK = PackCandidate(uuid4(), "Mechas + Corte", Decimal("80.00"), frozenset({HIGHLIGHTS, CUT}))


def test_highlights_alone_or_with_the_cut_get_the_pack_and_its_saving() -> None:
    for asked in ({HIGHLIGHTS}, {HIGHLIGHTS, CUT}):
        offer = best_pack(asked, PRICES, [PACK])
        assert offer is not None and offer.saving == Decimal("10.00"), asked


def test_a_plain_cut_is_not_grown_into_highlights() -> None:
    assert best_pack({CUT}, PRICES, [PACK]) is None


def test_a_pack_that_does_not_hold_the_request_or_saves_nothing_is_not_offered() -> None:
    assert best_pack({HIGHLIGHTS, BEARD}, PRICES, [PACK]) is None
    dear = PackCandidate(uuid4(), "Caro", Decimal("95.00"), frozenset({HIGHLIGHTS, CUT}))
    assert best_pack({HIGHLIGHTS}, PRICES, [dear]) is None
