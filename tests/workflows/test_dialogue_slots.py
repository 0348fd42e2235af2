"""Which slots Maite offers and which one "la segunda" / "la de las 17:30" / "con Marta" means (pure)."""

from datetime import datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

from workflows.dialogue.slots import chosen, to_offer
from workflows.dialogue.state import SlotOption

MADRID = "Europe/Madrid"
DAY = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo(MADRID))


def slot(hour: float, *names: str) -> SlotOption:
    return SlotOption(
        start=DAY + timedelta(hours=hour - 10), staff_ids=[uuid4() for _ in names], staff_names=list(names)
    )


SLOTS = [slot(10, "Harol"), slot(10.5, "Harol"), slot(11, "Marta"), slot(16, "Pilar"), slot(17.5, "Marta")]


def test_offer_spreads_across_stylists_in_time_order() -> None:
    offer = to_offer(SLOTS, timezone=MADRID, time=None, part_of_day=None)
    assert [(s.start.hour, s.staff_names[0]) for s in offer] == [(10, "Harol"), (11, "Marta"), (16, "Pilar")]


def test_offer_keeps_to_the_afternoon_when_asked() -> None:
    offer = to_offer(SLOTS, timezone=MADRID, time=None, part_of_day="afternoon")
    assert [s.start.hour for s in offer] == [16, 17]


def test_offer_starts_with_the_closest_to_the_asked_time() -> None:
    offer = to_offer(SLOTS, timezone=MADRID, time="17:00", part_of_day=None)
    assert offer[0].start.strftime("%H:%M") == "17:30" and len(offer) == 3


def test_offer_falls_back_to_any_time_when_the_part_of_day_is_full() -> None:
    morning_only = SLOTS[:3]
    assert to_offer(morning_only, timezone=MADRID, time=None, part_of_day="afternoon") != []


def test_choice_by_ordinal_time_or_stylist() -> None:
    offered = to_offer(SLOTS, timezone=MADRID, time=None, part_of_day=None)
    assert chosen(offered, timezone=MADRID, option=2, time=None, staff=None) == offered[1]
    assert chosen(offered, timezone=MADRID, option=-1, time=None, staff=None) == offered[-1]
    assert chosen(offered, timezone=MADRID, option=4, time=None, staff=None) is None
    assert chosen(offered, timezone=MADRID, option=None, time="16:00", staff=None) == offered[2]
    assert chosen(offered, timezone=MADRID, option=None, time=None, staff="Marta") == offered[1]
    assert chosen(offered, timezone=MADRID, option=None, time="12:00", staff=None) is None
    assert chosen(offered, timezone=MADRID, option=None, time=None, staff=None) is None


def test_a_time_on_another_day_is_not_the_offered_slot_at_that_time() -> None:
    offered = to_offer(SLOTS, timezone=MADRID, time=None, part_of_day=None)
    monday = DAY.date() + timedelta(days=(7 - DAY.weekday()) % 7 or 7)
    assert chosen(offered, timezone=MADRID, option=None, time="10:00", staff=None, day=monday) is None
    same_day = chosen(offered, timezone=MADRID, option=None, time="10:00", staff=None, day=DAY.date())
    assert same_day == offered[0]
