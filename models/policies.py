"""The policy keys of a business, in one place, and a typed view of its policy rows.

The values live in the policy table (the demo salon's in models/seeding/demo_salon.py), never in code.
"""

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class PolicyKey(StrEnum):
    SLOT_MINUTES = "slot_minutes"
    MIN_LEAD_MINUTES = "min_lead_minutes"
    DEPOSIT_PERCENT = "deposit_percent"
    HOLD_MINUTES = "hold_minutes"
    HOLD_MINUTES_SAME_DAY = "hold_minutes_same_day"
    HOLD_REMINDER_BEFORE_MINUTES = "hold_reminder_before_minutes"
    PAYMENT_FAILURE_EXTENSION_MINUTES = "payment_failure_extension_minutes"
    MAX_PAYMENT_FAILURES = "max_payment_failures"
    REFUND_CUTOFF_HOURS = "refund_cutoff_hours"
    REMINDER_BEFORE_HOURS = "reminder_before_hours"
    MAX_CLARIFICATIONS = "max_clarifications"
    MAX_NAME_ATTEMPTS = "max_name_attempts"
    HUMAN_MODE_TIMEOUT_HOURS = "human_mode_timeout_hours"
    STAFF_AGENDA_HOUR = "staff_agenda_hour"
    SLOTS_OFFERED = "slots_offered"
    SEARCH_DAYS = "search_days"
    ATTENDANCE_CONFIRM_BY_HOURS = "attendance_confirm_by_hours"
    OWNER_TOLD_OF_CHANGES = "owner_told_of_changes"


DESCRIPTIONS: dict[PolicyKey, str] = {
    PolicyKey.SLOT_MINUTES: "Minutos entre dos horas de inicio que se pueden reservar",
    PolicyKey.MIN_LEAD_MINUTES: "Minutos de antelación mínima para una cita del mismo día",
    PolicyKey.DEPOSIT_PERCENT: "Anticipo que se pide, en % del precio (0 en servicios gratuitos)",
    PolicyKey.HOLD_MINUTES: "Minutos que una reserva sin pagar guarda su hueco",
    PolicyKey.HOLD_MINUTES_SAME_DAY: "Lo mismo, para una reserva del mismo día",
    PolicyKey.HOLD_REMINDER_BEFORE_MINUTES: "Minutos antes de caducar la reserva en que se recuerda el pago",
    PolicyKey.PAYMENT_FAILURE_EXTENSION_MINUTES: "Minutos de más con un enlace nuevo tras un pago fallido",
    PolicyKey.MAX_PAYMENT_FAILURES: "Pagos fallidos tras los que atiende el equipo (se guarda el hueco)",
    PolicyKey.REFUND_CUTOFF_HOURS: "Horas de antelación con las que cancelar devuelve el anticipo",
    PolicyKey.REMINDER_BEFORE_HOURS: "Horas antes de la cita en que se envía el recordatorio",
    PolicyKey.MAX_CLARIFICATIONS: "Mensajes seguidos sin entender antes de pasar a una persona",
    PolicyKey.MAX_NAME_ATTEMPTS: "Intentos de confirmar el nombre de un cliente nuevo antes de pasar al equipo",
    PolicyKey.HUMAN_MODE_TIMEOUT_HOURS: "Horas tras las que una conversación con el equipo vuelve al bot",
    PolicyKey.STAFF_AGENDA_HOUR: "Hora a la que cada profesional recibe la agenda del día",
    PolicyKey.SLOTS_OFFERED: "Huecos que se ofrecen cada vez",
    PolicyKey.SEARCH_DAYS: "Días hacia delante en que se buscan huecos",
    PolicyKey.ATTENDANCE_CONFIRM_BY_HOURS: "Horas antes de la cita en que se avisa al salón si no la han confirmado",
    PolicyKey.OWNER_TOLD_OF_CHANGES: "Avisar también al salón (no solo al profesional) de cancelaciones y cambios",
}


class BusinessPolicies(BaseModel):
    """Every rule of a business, typed; built only from its rows, with no silent defaults."""

    model_config = ConfigDict(frozen=True)

    # The bounds say what a salon can sensibly ask for; a value outside them is refused, in /admin and in a file.
    slot_minutes: int = Field(ge=5, le=240)
    min_lead_minutes: int = Field(ge=0, le=7 * 24 * 60)
    deposit_percent: Decimal = Field(ge=0, le=100)
    hold_minutes: int = Field(ge=1, le=24 * 60)
    hold_minutes_same_day: int = Field(ge=1, le=24 * 60)
    hold_reminder_before_minutes: int = Field(ge=0, le=24 * 60)
    payment_failure_extension_minutes: int = Field(ge=0, le=24 * 60)
    max_payment_failures: int = Field(ge=1, le=10)
    refund_cutoff_hours: int = Field(ge=0, le=30 * 24)
    reminder_before_hours: int = Field(ge=1, le=7 * 24)
    max_clarifications: int = Field(ge=1, le=10)
    max_name_attempts: int = Field(ge=1, le=10)
    human_mode_timeout_hours: int = Field(ge=1, le=30 * 24)
    staff_agenda_hour: int = Field(ge=0, le=23)
    slots_offered: int = Field(ge=1, le=10)
    search_days: int = Field(ge=1, le=90)
    # Defaulted only so booking contexts recorded in histories before these rules existed still decode;
    # from_rows requires their rows like every other.
    attendance_confirm_by_hours: int = Field(default=24, ge=1, le=7 * 24)
    owner_told_of_changes: bool = False

    @classmethod
    def from_rows(cls, rows: Mapping[str, object]) -> "BusinessPolicies":
        missing = sorted(k.value for k in PolicyKey if k.value not in rows)
        if missing:
            raise ValueError(f"business policies missing: {', '.join(missing)}")
        return cls.model_validate({k.value: rows[k.value] for k in PolicyKey})
