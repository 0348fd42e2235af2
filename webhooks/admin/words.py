"""Stored values as a receptionist reads them: enum values in Spanish, instants in the business's clock to the
minute, dates and euros the Spanish way. The database keeps English enum values and UTC."""

from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from models.enums import AppointmentStatus, Category, Channel, DeliveryStatus, Direction, PaymentStatus

LABELS: dict[type[StrEnum], dict[Any, str]] = {
    AppointmentStatus: {
        AppointmentStatus.PROVISIONAL: "provisional",
        AppointmentStatus.CONFIRMED: "confirmada",
        AppointmentStatus.COMPLETED: "realizada",
        AppointmentStatus.CANCELLED: "cancelada",
        AppointmentStatus.EXPIRED: "caducada",
        AppointmentStatus.NO_SHOW: "no se presentó",
    },
    PaymentStatus: {
        PaymentStatus.PENDING: "pendiente",
        PaymentStatus.PAID: "pagado",
        PaymentStatus.REFUNDED: "devuelto",
        PaymentStatus.FORFEITED: "no devuelto",
        PaymentStatus.NOT_REQUIRED: "sin anticipo",
        PaymentStatus.REFUND_PENDING: "devolución en curso",
    },
    # Who wrote it: the customer, or the salon (Maite, or the team's alerts).
    Direction: {Direction.INBOUND: "Cliente", Direction.OUTBOUND: "Salón"},
    Category: {Category.HAIRDRESSING: "peluquería", Category.AESTHETICS: "estética", Category.BOTH: "las dos"},
    Channel: {Channel.CONSOLE: "chat de prueba", Channel.WHATSAPP_CLOUD: "WhatsApp", Channel.CHATWOOT: "Chatwoot"},
    DeliveryStatus: {
        DeliveryStatus.QUEUED: "en cola",
        DeliveryStatus.SENT: "enviado",
        DeliveryStatus.DELIVERED: "entregado",
        DeliveryStatus.READ: "leído",
        DeliveryStatus.FAILED: "no entregado",
    },
}


def label(value: StrEnum) -> str:
    return LABELS.get(type(value), {}).get(value, str(value))


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(stored value, Spanish label) of every member: a filter's options."""
    return [(member.value, label(member)) for member in enum]


def local_time(instant: datetime, zone: ZoneInfo) -> str:
    """'04/12/2026 14:00' on the business's clock."""
    return instant.astimezone(zone).strftime("%d/%m/%Y %H:%M")


def spanish(value: Any, zone: ZoneInfo) -> str | None:
    """The Spanish text of a stored value, or None when it has none of its own (shown as SQLAdmin shows it)."""
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, datetime):
        return local_time(value, zone)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return None
