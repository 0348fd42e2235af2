"""A local fake of Google Calendar API v3 (events insert/patch/delete/list, freeBusy), driven through
google-api-python-client with `client_options={"api_endpoint": fake.endpoint}` (RECIPES §5)."""

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from tests.fakes.http_fake import FakeServer, Request, Response, serving

CALENDARS = r"/calendar/v3/calendars/(?P<cal>[^/]+)/events"


def google_error(status: int, message: str, reason: str) -> Response:
    return Response(status, {"error": {"code": status, "message": message, "errors": [{"reason": reason}]}})


def _instant(value: dict[str, str]) -> datetime | None:
    return datetime.fromisoformat(value["dateTime"]) if "dateTime" in value else None


class CalendarFake(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.events: dict[str, dict[str, dict[str, Any]]] = {}
        self.deleted: set[tuple[str, str]] = set()
        self.route("POST", CALENDARS, self._insert)
        self.route("GET", CALENDARS, self._list)
        self.route("PATCH", CALENDARS + r"/(?P<id>[^/]+)", self._patch)
        self.route("DELETE", CALENDARS + r"/(?P<id>[^/]+)", self._delete)
        self.route("POST", r"/calendar/v3/freeBusy", self._freebusy)

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/calendar/v3/"

    def add_event(self, calendar_id: str, event: dict[str, Any]) -> None:
        """An event somebody else put in the staff member's calendar."""
        self.events.setdefault(calendar_id, {})[event["id"]] = {"status": "confirmed", **event}

    def _insert(self, request: Request, match: re.Match[str]) -> Response:
        event = request.json()
        calendar = self.events.setdefault(match["cal"], {})
        if event["id"] in calendar or (match["cal"], event["id"]) in self.deleted:
            return google_error(409, "The requested identifier already exists.", "duplicate")
        calendar[event["id"]] = {"kind": "calendar#event", "status": "confirmed", **event}
        return Response(200, calendar[event["id"]])

    def _patch(self, request: Request, match: re.Match[str]) -> Response:
        event = self.events.get(match["cal"], {}).get(match["id"])
        if event is None:
            return google_error(404, "Not Found", "notFound")
        event.update(request.json())
        return Response(200, event)

    def _delete(self, _: Request, match: re.Match[str]) -> Response:
        if self.events.get(match["cal"], {}).pop(match["id"], None) is None:
            return google_error(410, "Resource has been deleted", "deleted")
        self.deleted.add((match["cal"], match["id"]))
        return Response(204)

    def _list(self, request: Request, match: re.Match[str]) -> Response:
        low, high = (datetime.fromisoformat(request.query[k]) for k in ("timeMin", "timeMax"))
        wanted = request.query.get("privateExtendedProperty")
        items = []
        for event in self.events.get(match["cal"], {}).values():
            start, end = _instant(event["start"]), _instant(event["end"])
            if start and end and not (start < high and end > low):
                continue
            private = event.get("extendedProperties", {}).get("private", {})
            if wanted and private.get(wanted.split("=")[0]) != wanted.split("=")[1]:
                continue
            items.append(copy.deepcopy(event))
        return Response(200, {"kind": "calendar#events", "items": items})

    def _freebusy(self, request: Request, _: re.Match[str]) -> Response:
        body = request.json()
        low, high = datetime.fromisoformat(body["timeMin"]), datetime.fromisoformat(body["timeMax"])
        calendars = {}
        for item in body["items"]:
            busy = []
            for event in self.events.get(item["id"], {}).values():
                start, end = _instant(event["start"]), _instant(event["end"])
                if start and end and start < high and end > low and event.get("transparency") != "transparent":
                    busy.append({"start": event["start"]["dateTime"], "end": event["end"]["dateTime"]})
            calendars[item["id"]] = {"busy": sorted(busy, key=lambda b: b["start"])}
        return Response(
            200,
            {
                "kind": "calendar#freeBusy",
                "timeMin": body["timeMin"],
                "timeMax": body["timeMax"],
                "calendars": calendars,
            },
        )


@contextmanager
def running_calendar_fake() -> Iterator[CalendarFake]:
    with serving(CalendarFake()) as fake:
        assert isinstance(fake, CalendarFake)
        yield fake
