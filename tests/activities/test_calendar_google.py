"""The Google Calendar adapter through google-api-python-client against a local Calendar v3 fake."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.errors import HttpError
from temporalio.exceptions import ApplicationError

from activities.calendar.google import GoogleCalendar
from activities.calendar.port import BusyTimesInput, CalendarEventInput, CalendarEventRef
from tests.fakes.google_calendar_api import CalendarFake, running_calendar_fake

MADRID = ZoneInfo("Europe/Madrid")
PILAR = uuid4()
CALENDAR = "pilar@atrevete.example"
TEN = datetime(2027, 3, 1, 10, tzinfo=MADRID)


@pytest.fixture
def fake() -> Iterator[CalendarFake]:
    with running_calendar_fake() as fake:
        yield fake


@pytest.fixture
def calendar(fake: CalendarFake) -> GoogleCalendar:
    async def calendar_of(staff_id: UUID) -> str:
        assert staff_id == PILAR
        return CALENDAR

    return GoogleCalendar(
        credentials=Credentials(token="test-token"), calendar_ids=calendar_of, api_endpoint=fake.endpoint
    )


def event(provisional: bool = True, start: datetime = TEN) -> CalendarEventInput:
    return CalendarEventInput(
        "cfabc123", PILAR, start, start + timedelta(minutes=90), "Mechas · +34600", "Reserva b-1", provisional
    )


async def test_insert_creates_a_yellow_event_with_our_id_once(fake: CalendarFake, calendar: GoogleCalendar) -> None:
    await calendar.create_calendar_event(event())
    await calendar.create_calendar_event(event())  # a retried activity: 409, treated as done
    stored = fake.events[CALENDAR]
    assert list(stored) == ["cfabc123"]
    assert stored["cfabc123"]["colorId"] == "5"
    assert stored["cfabc123"]["extendedProperties"]["private"] == {"citaflow": "1", "provisional": "true"}
    assert fake.requests[0].headers["authorization"] == "Bearer test-token"
    assert fake.requests[0].query["sendUpdates"] == "none"


async def test_update_confirms_green_and_moves(fake: CalendarFake, calendar: GoogleCalendar) -> None:
    await calendar.create_calendar_event(event())
    later = TEN + timedelta(days=2)
    await calendar.update_calendar_event(event(provisional=False, start=later))
    stored = fake.events[CALENDAR]["cfabc123"]
    assert stored["colorId"] == "10"
    assert datetime.fromisoformat(stored["start"]["dateTime"]) == later


async def test_delete_twice_is_fine(fake: CalendarFake, calendar: GoogleCalendar) -> None:
    await calendar.create_calendar_event(event())
    await calendar.delete_calendar_event(CalendarEventRef("cfabc123", PILAR))
    await calendar.delete_calendar_event(CalendarEventRef("cfabc123", PILAR))
    assert fake.events[CALENDAR] == {}


async def test_busy_times_count_foreign_events_not_ours_and_close_vacation_days(
    fake: CalendarFake, calendar: GoogleCalendar
) -> None:
    await calendar.create_calendar_event(event())
    fake.add_event(
        CALENDAR,
        {
            "id": "dentist",
            "summary": "Dentista",
            "start": {"dateTime": (TEN + timedelta(hours=5)).isoformat()},
            "end": {"dateTime": (TEN + timedelta(hours=6)).isoformat()},
        },
    )
    fake.add_event(
        CALENDAR,
        {"id": "hols", "summary": "Vacaciones Pilar", "start": {"date": "2027-03-03"}, "end": {"date": "2027-03-05"}},
    )
    busy = await calendar.busy_times(
        BusyTimesInput("atrevete", [PILAR], TEN - timedelta(hours=2), TEN + timedelta(days=7))
    )
    assert [(b.staff_id, b.start, b.end) for b in busy.intervals] == [
        (PILAR, TEN + timedelta(hours=5), TEN + timedelta(hours=6))
    ]
    assert busy.closed_days == {str(PILAR): ["2027-03-03", "2027-03-04"]}


async def test_refusal_is_final_and_outage_is_retried(fake: CalendarFake, calendar: GoogleCalendar) -> None:
    fake.fail_next(403, {"error": {"code": 403, "message": "Forbidden"}})
    with pytest.raises(ApplicationError) as refused:
        await calendar.create_calendar_event(event())
    assert refused.value.type == "CalendarRejected" and refused.value.non_retryable
    fake.fail_next(503, {"error": {"code": 503, "message": "Backend Error"}})
    with pytest.raises(HttpError):
        await calendar.create_calendar_event(event())
    await calendar.create_calendar_event(event())
    assert "cfabc123" in fake.events[CALENDAR]
