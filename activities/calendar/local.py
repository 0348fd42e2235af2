"""The local calendar adapter: the appointments and closures tables are the calendar, so there is
nothing to write elsewhere and no busy time beyond what the slot search already reads from them."""

from temporalio import activity

from activities.calendar.port import BusyTimes, BusyTimesInput, CalendarEventInput, CalendarEventRef, CalendarPort


class LocalCalendar(CalendarPort):
    """Registers the calendar port's activities; each returns at once."""

    @activity.defn(name="create_calendar_event")
    async def create_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef:
        """The appointment row already is the event."""
        return CalendarEventRef(input.event_id, input.staff_id)

    @activity.defn(name="update_calendar_event")
    async def update_calendar_event(self, input: CalendarEventInput) -> CalendarEventRef:
        """The appointment row's status and times already say it."""
        return CalendarEventRef(input.event_id, input.staff_id)

    @activity.defn(name="delete_calendar_event")
    async def delete_calendar_event(self, input: CalendarEventRef) -> CalendarEventRef:
        """A released row no longer blocks its slot."""
        return input

    async def busy_times(self, input: BusyTimesInput) -> BusyTimes:
        """Nothing outside the appointments table keeps staff busy."""
        return BusyTimes(intervals=[], closed_days={})
