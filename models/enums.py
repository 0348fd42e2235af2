"""Domain enumerations shared by models, activities and workflows (stored as their string values)."""

from enum import StrEnum


class Category(StrEnum):
    """What a service belongs to; staff may do one category or both."""

    HAIRDRESSING = "hairdressing"
    AESTHETICS = "aesthetics"
    BOTH = "both"


class AppointmentStatus(StrEnum):
    PROVISIONAL = "provisional"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    NO_SHOW = "no_show"


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    REFUNDED = "refunded"
    FORFEITED = "forfeited"
    NOT_REQUIRED = "not_required"
    REFUND_PENDING = "refund_pending"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Channel(StrEnum):
    CONSOLE = "console"
    WHATSAPP_CLOUD = "whatsapp_cloud"
    CHATWOOT = "chatwoot"


class DeliveryStatus(StrEnum):
    """Outbound delivery, ordered: a late 'sent' never overwrites 'read'."""

    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


# Appointments in these states occupy their staff member's time (the exclusion constraint's WHERE).
BLOCKING_STATUSES = (AppointmentStatus.PROVISIONAL, AppointmentStatus.CONFIRMED)
