"""Pure slot search: the grid, opening hours, closures, busy time, lead time and ranking."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from activities.booking.slot_search import Interval, SearchRules, Slot, StaffAgenda, search, slots_for_day

MADRID = ZoneInfo("Europe/Madrid")
MONDAY = date(2026, 12, 7)
SATURDAY = date(2026, 12, 12)
SUNDAY = date(2026, 12, 13)
RULES = SearchRules(
    timezone="Europe/Madrid",
    opening_hours={d: ((time(10), time(20)),) for d in range(5)} | {5: ((time(10), time(14)),)},
    business_closed_days=frozenset(),
    slot_minutes=30,
    min_lead_minutes=60,
)
LONG_BEFORE = datetime(2026, 12, 1, 9, tzinfo=UTC)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MADRID).astimezone(UTC)


def staff(name: str, *busy: Interval, closed: frozenset[date] = frozenset()) -> StaffAgenda:
    return StaffAgenda(staff_id=uuid4(), name=name, busy=busy, closed_days=closed)


def test_grid_is_every_30_minutes_within_opening_hours() -> None:
    slots = slots_for_day(SATURDAY, rules=RULES, staff=[staff("Pilar")], duration_minutes=60, now=LONG_BEFORE)
    starts = [s.start.astimezone(MADRID).strftime("%H:%M") for s in slots]
    # Saturday closes at 14:00: a 60-min service can start at 13:00 at the latest.
    assert starts == ["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00"]


def test_sunday_and_business_closures_have_no_slots() -> None:
    assert slots_for_day(SUNDAY, rules=RULES, staff=[staff("Pilar")], duration_minutes=30, now=LONG_BEFORE) == []
    closed = SearchRules(**{**RULES.__dict__, "business_closed_days": frozenset({MONDAY})})
    assert slots_for_day(MONDAY, rules=closed, staff=[staff("Pilar")], duration_minutes=30, now=LONG_BEFORE) == []


def test_busy_time_and_staff_vacation_are_excluded() -> None:
    pilar = staff("Pilar", Interval(local(MONDAY, 10), local(MONDAY, 19)))
    harol = staff("Harol", closed=frozenset({MONDAY}))
    slots = slots_for_day(MONDAY, rules=RULES, staff=[pilar, harol], duration_minutes=60, now=LONG_BEFORE)
    assert [s.start for s in slots] == [local(MONDAY, 19)]
    assert slots[0].staff_names == ("Pilar",)


def test_same_day_slots_less_than_an_hour_ahead_are_skipped() -> None:
    now = local(MONDAY, 12, 10)
    slots = slots_for_day(MONDAY, rules=RULES, staff=[staff("Pilar")], duration_minutes=30, now=now)
    assert slots[0].start == local(MONDAY, 13, 30)


def test_group_needs_distinct_free_staff_at_the_same_start() -> None:
    pilar = staff("Pilar", Interval(local(SATURDAY, 10), local(SATURDAY, 12)))
    harol = staff("Harol")
    slots = slots_for_day(
        SATURDAY, rules=RULES, staff=[pilar, harol], duration_minutes=60, now=LONG_BEFORE, party_size=2
    )
    assert [s.start for s in slots] == [local(SATURDAY, 12), local(SATURDAY, 12, 30), local(SATURDAY, 13)]
    assert all(set(s.staff_names) == {"Pilar", "Harol"} for s in slots)


def test_preferred_staff_first_then_least_loaded() -> None:
    busy_victor = staff("Víctor", Interval(local(MONDAY, 15), local(MONDAY, 18)))
    pilar = staff("Pilar")
    slot = slots_for_day(MONDAY, rules=RULES, staff=[busy_victor, pilar], duration_minutes=30, now=LONG_BEFORE)[0]
    assert slot.staff_names == ("Pilar",)  # least loaded that day
    preferred: UUID = busy_victor.staff_id
    slot = slots_for_day(
        MONDAY,
        rules=RULES,
        staff=[busy_victor, pilar],
        duration_minutes=30,
        now=LONG_BEFORE,
        preferred_staff_id=preferred,
    )[0]
    assert slot.staff_names == ("Víctor",)


def test_search_skips_closed_and_full_days_to_the_next_open_ones() -> None:
    full_saturday = staff("Pilar", Interval(local(SATURDAY, 10), local(SATURDAY, 14)))
    days = search(first_day=SATURDAY, days=3, rules=RULES, staff=[full_saturday], duration_minutes=30, now=LONG_BEFORE)
    assert [d.day for d in days] == [date(2026, 12, 14)]  # Saturday full, Sunday closed -> Monday


def test_dst_change_keeps_local_opening_hours() -> None:
    # 29 March 2027: Spain is on summer time (UTC+2) after the night of the 28th.
    slots = slots_for_day(date(2027, 3, 29), rules=RULES, staff=[staff("Pilar")], duration_minutes=30, now=LONG_BEFORE)
    assert slots[0].start == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)


def _starts(slots: list[Slot]) -> list[str]:
    return [s.start.astimezone(MADRID).strftime("%H:%M") for s in slots]


def test_a_stylist_with_hours_of_her_own_works_only_those_and_never_beyond_the_salon() -> None:
    # Monday from 08:00 (before the salon opens) to 13:00; nothing on Tuesday: a day off.
    pilar = replace(staff("Pilar"), hours={0: ((time(8), time(13)),)})
    monday = slots_for_day(MONDAY, rules=RULES, staff=[pilar], duration_minutes=60, now=LONG_BEFORE)
    assert _starts(monday) == ["10:00", "10:30", "11:00", "11:30", "12:00"]
    tuesday = MONDAY + timedelta(days=1)
    assert slots_for_day(tuesday, rules=RULES, staff=[pilar], duration_minutes=60, now=LONG_BEFORE) == []


def test_a_lunch_break_splits_her_day_and_the_others_keep_theirs() -> None:
    pilar = replace(staff("Pilar"), hours={0: ((time(10), time(14)), (time(15), time(20)))})
    slots = slots_for_day(MONDAY, rules=RULES, staff=[pilar], duration_minutes=60, now=LONG_BEFORE)
    starts = _starts(slots)
    assert "13:00" in starts and "15:00" in starts
    assert not {"13:30", "14:00", "14:30"} & set(starts), "no service runs into or through the break"
    harol = staff("Harol")
    both = slots_for_day(MONDAY, rules=RULES, staff=[pilar, harol], duration_minutes=60, now=LONG_BEFORE)
    at_two = next(s for s in both if s.start == local(MONDAY, 14))
    assert at_two.staff_names == ("Harol",)


def test_time_off_is_busy_time() -> None:
    # A doctor's appointment 11:00-12:30, as the activity gives it: one more busy interval.
    pilar = staff("Pilar", Interval(local(SATURDAY, 11), local(SATURDAY, 12, 30)))
    slots = slots_for_day(SATURDAY, rules=RULES, staff=[pilar], duration_minutes=30, now=LONG_BEFORE)
    assert _starts(slots) == ["10:00", "10:30", "12:30", "13:00", "13:30"]


def test_a_new_slot_leaves_room_for_its_own_buffer_before_the_next_appointment() -> None:
    pilar = staff("Pilar", Interval(local(SATURDAY, 12), local(SATURDAY, 13)))
    plain = slots_for_day(SATURDAY, rules=RULES, staff=[pilar], duration_minutes=60, now=LONG_BEFORE)
    assert "11:00" in _starts(plain)
    cleaned = slots_for_day(
        SATURDAY, rules=RULES, staff=[pilar], duration_minutes=60, now=LONG_BEFORE, buffer_minutes=15
    )
    # 11:00-12:00 plus 15 minutes would run into the 12:00 appointment; the last slot may clean up after closing.
    assert _starts(cleaned) == ["10:00", "10:30", "13:00"]
