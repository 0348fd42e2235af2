"""The Google Calendar adapter: one calendar per staff member; our events are provisional (yellow) or
confirmed (green) and carry ids we chose, so a retried insert finds its own event instead of adding one.

Busy time comes from freeBusy, minus our own events (the database already counts those); all-day events
named Festivo / Cerrado / Vacaciones close the day for that staff member.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import google_auth_httplib2
import httplib2
from google.auth.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.calendar.port import (
    BusyInterval,
    BusyTimes,
    BusyTimesInput,
    CalendarEventInput,
    CalendarEventRef,
    CalendarPort,
)
from models.staff import StaffMember

YELLOW, GREEN = "5", "10"
CLOSED_PREFIXES = ("festivo", "cerrado", "vacaciones")
SOCKET_TIMEOUT_SECONDS = 10  # httplib2 has none by default: a hung socket would hang the activity
ALREADY_DONE = {"insert": {409}, "delete": {404, 410}, "patch": set[int]()}


def calendar_ids_from_db(sessions: async_sessionmaker[AsyncSession]) -> Callable[[UUID], Awaitable[str]]:
    """Each staff member's calendar id, as staff set it in the admin."""

    async def calendar_of(staff_id: UUID) -> str:
        async with sessions() as session:
            staff = await session.get(StaffMember, staff_id)
        if staff is None:
            raise ApplicationError(f"unknown staff member {staff_id}", type="CalendarRejected", non_retryable=True)
        return staff.calendar_id

    return calendar_of


class GoogleCalendar(CalendarPort):
    def __init__(
        self,
        *,
        credentials: Credentials,
        calendar_ids: Callable[[UUID], Awaitable[str]],
        api_endpoint: str | None = None,
    ) -> None:
        self._credentials = credentials
        self._calendar_ids = calendar_ids
        self._endpoint = api_endpoint

    def _service(self) -> Any:
        """A service per call: httplib2 is not thread-safe, and building one takes milliseconds."""
        http = google_auth_httplib2.AuthorizedHttp(
            self._credentials, http=httplib2.Http(timeout=SOCKET_TIMEOUT_SECONDS)
        )
        options = {"api_endpoint": self._endpoint} if self._endpoint else None
        return build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False, client_options=options)

    async def _call(self, kind: str, request: Callable[[Any], Any]) -> Any:
        def run() -> Any:
            return request(self._service()).execute()

        try:
            return await asyncio.to_thread(run)
        except HttpError as error:
            status = error.resp.status
            if status in ALREADY_DONE.get(kind, set()):
                return None
            if 400 <= status < 500 and status != 429:
                raise ApplicationError(
                    f"Google Calendar refused {kind}: {status}", type="CalendarRejected", non_retryable=True
                ) from error
            raise

    @staticmethod
    def _body(input: CalendarEventInput) -> dict[str, Any]:
        return {
            "summary": input.summary,
            "description": input.description,
            "start": {"dateTime": input.start.isoformat()},
            "end": {"dateTime": input.end.isoformat()},
            "colorId": YELLOW if input.provisional else GREEN,
            "extendedProperties": {"private": {"citaflow": "1", "provisional": str(input.provisional).lower()}},
        }

    @activity.defn(name="create_calendar_event")
    async def create_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef:
        """Insert with our id; 409 means an earlier attempt already did."""
        calendar = await self._calendar_ids(input.staff_id)
        body = {"id": input.event_id, **self._body(input)}
        await self._call("insert", lambda s: s.events().insert(calendarId=calendar, body=body, sendUpdates="none"))
        return CalendarEventRef(input.event_id, input.staff_id)

    @activity.defn(name="update_calendar_event")
    async def update_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef:
        """Confirm (green) or move the event."""
        calendar = await self._calendar_ids(input.staff_id)
        body = self._body(input)
        await self._call("patch", lambda s: s.events().patch(calendarId=calendar, eventId=input.event_id, body=body))
        return CalendarEventRef(input.event_id, input.staff_id)

    @activity.defn(name="delete_calendar_event")
    async def delete_calendar_event(self, input: CalendarEventRef) -> CalendarEventRef:
        """Gone already (404/410) is as good as deleted."""
        calendar = await self._calendar_ids(input.staff_id)
        await self._call("delete", lambda s: s.events().delete(calendarId=calendar, eventId=input.event_id))
        return input

    async def busy_times(self, input: BusyTimesInput) -> BusyTimes:
        """Busy intervals not of our making, and closed days, per staff member."""
        calendars = {staff_id: await self._calendar_ids(staff_id) for staff_id in input.staff_ids}
        window = {"timeMin": input.time_min.isoformat(), "timeMax": input.time_max.isoformat()}
        body = {**window, "items": [{"id": c} for c in calendars.values()]}
        freebusy = await self._call("freebusy", lambda s: s.freebusy().query(body=body))
        intervals: list[BusyInterval] = []
        closed: dict[str, list[str]] = {}
        for staff_id, calendar in calendars.items():
            listed = await self._call("list", _lister(calendar, window))
            events = listed.get("items", [])
            ours = {(e["start"].get("dateTime"), e["end"].get("dateTime")) for e in events if _is_ours(e)}
            for busy in freebusy["calendars"].get(calendar, {}).get("busy", []):
                if (busy["start"], busy["end"]) not in ours:
                    intervals.append(BusyInterval(staff_id, _parse(busy["start"]), _parse(busy["end"])))
            closed[str(staff_id)] = sorted(d.isoformat() for e in events if _closes(e) for d in _all_day_dates(e))
        return BusyTimes(intervals=intervals, closed_days={k: v for k, v in closed.items() if v})


def _lister(calendar: str, window: dict[str, str]) -> Callable[[Any], Any]:
    return lambda s: s.events().list(calendarId=calendar, singleEvents=True, **window)


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _is_ours(event: dict[str, Any]) -> bool:
    return bool(event.get("extendedProperties", {}).get("private", {}).get("citaflow"))


def _closes(event: dict[str, Any]) -> bool:
    summary = str(event.get("summary", "")).strip().lower()
    return "date" in event.get("start", {}) and summary.startswith(CLOSED_PREFIXES)


def _all_day_dates(event: dict[str, Any]) -> list[date]:
    """All-day events end on the day after their last day (end.date is exclusive)."""
    first, after = date.fromisoformat(event["start"]["date"]), date.fromisoformat(event["end"]["date"])
    return [first + timedelta(days=n) for n in range((after - first).days)]
