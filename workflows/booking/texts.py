"""What Maite tells customers and staff about a booking: Spanish, "tú", exact prices, times and links."""

from dataclasses import dataclass
from decimal import Decimal

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.messaging.port import MessagePurpose
    from models.localtime import local_date, of_, spoken_datetime
    from models.pricing import euros

# Re-exported so workflow code speaks of one texts module.
__all__ = ["local_date", "spoken_datetime"]


@dataclass(frozen=True)
class Notice:
    """A message the salon sends on its own initiative: its text, and the variables of the WhatsApp template
    of its purpose that carries it when the recipient has not written for 24 h (README, "WhatsApp templates")."""

    purpose: MessagePurpose
    text: str
    template_params: list[str] | None = None


def services_with_staff(items: list[tuple[list[str], str]]) -> str:
    """[(["Mechas", "Corte"], "Pilar")] -> 'Mechas + Corte con Pilar'; a group joins its people with "y"."""
    return " y ".join(f"{' + '.join(services)} con {staff}" for services, staff in items)


def deposit_request(*, what: str, at: str, deposit: Decimal, url: str, hold_minutes: int) -> str:
    return (
        f"¡Genial! Te he reservado {what} {at} 🌸\n"
        f"Para confirmar la cita, paga el anticipo de {euros(deposit)} aquí: {url}\n"
        f"Te guardo el hueco {hold_minutes} minutos 😊"
    )


def hold_reminder(*, url: str, minutes_left: int) -> str:
    return (
        f"¡Hola! Tu reserva sigue guardada, pero caduca en {minutes_left} minutos ⏳. "
        f"Puedes completar el pago del anticipo aquí: {url} 💕"
    )


def hold_released(*, at: str) -> str:
    return (
        f"Vaya, no hemos recibido el anticipo y he liberado el hueco {of_(at)} 😔. "
        "Si todavía quieres la cita, escríbeme y buscamos otro momento 🌸"
    )


def payment_failed_new_link(*, url: str, extra_minutes: int) -> str:
    return (
        "Parece que el pago no se ha podido completar 😕. No te preocupes: aquí tienes un enlace nuevo "
        f"{url} y te guardo la cita {extra_minutes} minutos más 💕"
    )


def payment_failed_again() -> str:
    return (
        "El pago ha vuelto a fallar 😔. He avisado al equipo del salón para que te ayude personalmente; "
        "mientras tanto te mantenemos la reserva 🌸"
    )


def confirmation(*, what: str, at: str, deposit: Decimal, cutoff_hours: int) -> str:
    paid = f"Hemos recibido tu anticipo de {euros(deposit)}. " if deposit > 0 else ""
    return (
        f"¡Cita confirmada! 🎉 Te esperamos {at} para {what}.\n"
        f"{paid}Si necesitas cancelar, hazlo con más de {cutoff_hours} horas de antelación y te devolvemos "
        "el anticipo; con menos, puedes cambiar la cita de día y lo conservas 😊"
    )


def staff_notice(*, urgent: bool, customer: str, what: str, at: str) -> Notice:
    prefix = "🚨 URGENTE (hoy): " if urgent else "Nueva cita: "
    kind = "URGENTE, es hoy 🚨" if urgent else "confirmada"
    return Notice(MessagePurpose.STAFF_NOTICE, f"{prefix}{customer} — {what}, {at}.", [kind, customer, at, what])


def reminder(*, what: str, at: str) -> Notice:
    text = f"¡Hola! Te recuerdo tu cita {at} para {what} 🌸. Si no puedes venir, avísame por aquí 💕"
    return Notice(MessagePurpose.REMINDER, text, [at, what])


def cancelled(*, at: str, refunded: Decimal, refund_pending: bool = False) -> str:
    refund = f" Te devolvemos el anticipo de {euros(refunded)} en unos días." if refunded > 0 else ""
    if refund_pending:
        refund = " La devolución del anticipo se ha retrasado: el equipo la hace en cuanto pueda y te avisamos."
    return f"Listo, he cancelado tu cita {of_(at)}.{refund} ¡Esperamos verte pronto! 🌸"


def rescheduled(*, what: str, at: str) -> str:
    return f"¡Hecho! Tu cita para {what} queda {at} 😊. Conservas el anticipo que ya pagaste 💕"


def late_payment_refunded(*, amount: Decimal) -> str:
    return (
        "Hemos recibido tu pago, pero el hueco ya se había liberado y otra persona lo ha reservado 😔. "
        f"Te devolvemos los {euros(amount)} automáticamente. Escríbeme y buscamos otra hora 🌸"
    )
