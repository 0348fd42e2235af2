"""Business counters recorded from workflow code, exported with the Temporal SDK's own metrics (the worker's
Prometheus endpoint, METRICS_ADDRESS). The SDK drops them while replaying, so each event counts once."""

from temporalio import workflow


def count(name: str, description: str, **attributes: str) -> None:
    meter = workflow.metric_meter()
    counter = meter.create_counter(f"citaflow_{name}", description)
    counter.add(1, attributes or None)


def turn() -> None:
    count("turns", "Conversation turns answered")


def escalation(source: str) -> None:
    count("escalations", "Conversations handed to a person", source=source)


def booking_status(status: str) -> None:
    count("booking_transitions", "Bookings reaching a status (confirmed, expired, cancelled...)", status=status)


def reminder(kind: str) -> None:
    count("reminders_sent", "Payment and appointment reminders sent", kind=kind)


def refund(reason: str) -> None:
    count("refunds", "Deposits refunded", reason=reason)


def gave_up(what: str) -> None:
    count("activities_gave_up", "Activities that failed for good, each answered by its compensation", what=what)


def alert_undelivered(where: str) -> None:
    count("team_alerts_undelivered", "Team alerts the channel refused (kept in /admin) or that were lost", where=where)
