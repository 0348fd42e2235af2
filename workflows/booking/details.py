"""What an operator reads at the top of a booking in the Temporal Web UI: its state in Spanish, what happened
last and who did it, and the people by name (never an id to look up)."""

from decimal import Decimal

from temporalio import workflow

from workflows.booking.types import BookingStatus, CancelRequest

with workflow.unsafe.imports_passed_through():
    from models.pricing import euros

STATUS_LABELS = {
    BookingStatus.HOLDING: "reservando el hueco",
    BookingStatus.AWAITING_PAYMENT: "esperando el anticipo",
    BookingStatus.CONFIRMED: "confirmada",
    BookingStatus.COMPLETED: "completada",
    BookingStatus.CANCELLED: "cancelada",
    BookingStatus.EXPIRED: "caducada sin pago",
    BookingStatus.SLOT_TAKEN: "hueco ya ocupado",
    BookingStatus.NO_SHOW: "no se presentó",
    BookingStatus.ESCALATED: "con el equipo",
    BookingStatus.NOT_STARTED: "no ha podido empezar",
}

# Only staff mark a no-show (from /admin).
NO_SHOW_BY_STAFF = "(marcado por el equipo, el anticipo se queda)"
COMPLETED_BY_STAFF = "(marcada como hecha por el equipo)"


def cancelled_by(request: CancelRequest, refunded: Decimal) -> str:
    """ "por el equipo, anticipo devuelto (9,00 €)" / "desde el chat, sin devolución"."""
    who = "por el equipo" if request.by_staff else "desde el chat"
    return f"{who}, anticipo devuelto ({euros(refunded)})" if refunded else f"{who}, sin devolución"


def current_details(
    status: BookingStatus, *, note: str, what: str, at: str, deposit: Decimal, customer: str | None
) -> str:
    outcome = f"**{STATUS_LABELS[status]}**" + (f" {note}" if note else "")
    return f"{outcome} · {customer or 'sin nombre'} · {what} · {at} · anticipo {euros(deposit)}"
