"""What Maite tells customers and staff about a booking: Spanish, "tú", exact prices, times and links.

Customer texts are Spanish templates rendered in the booking's language (BookingInput.language, the
conversation's when it was made: workflows/language.py); staff notices stay Spanish.
"""

from dataclasses import dataclass
from decimal import Decimal

from temporalio import workflow

from workflows.language import render

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


def services_with_staff(items: list[tuple[list[str], str]], language: str = "es") -> str:
    """[(["Mechas", "Corte"], "Pilar")] -> 'Mechas + Corte con Pilar'; a group joins its people with "y"."""
    return render(language, " y ").join(
        render(language, "{services} con {staff}", services=" + ".join(services), staff=staff)
        for services, staff in items
    )


def deposit_request(
    *, what: str, at: str, deposit: Decimal, url: str, hold_minutes: int, language: str, from_waitlist: bool = False
) -> str:
    freed = (
        render(language, "¡Buenas noticias! Se ha liberado un hueco del día que esperabas. ") if from_waitlist else ""
    )
    return freed + render(
        language,
        "¡Genial! Te he reservado {what} {at} 🌸\n"
        "Para confirmar la cita, paga el anticipo de {deposit} aquí: {url}\n"
        "Te guardo el hueco {hold_minutes} minutos 😊",
        what=what,
        at=at,
        deposit=euros(deposit),
        url=url,
        hold_minutes=hold_minutes,
    )


def hold_reminder(*, url: str, minutes_left: int, language: str) -> str:
    return render(
        language,
        "¡Hola! Tu reserva sigue guardada, pero caduca en {minutes_left} minutos ⏳. "
        "Puedes completar el pago del anticipo aquí: {url} 💕",
        minutes_left=minutes_left,
        url=url,
    )


def hold_released(*, at: str, language: str) -> str:
    return render(
        language,
        "Vaya, no hemos recibido el anticipo y he liberado el hueco {of_at} 😔. "
        "Si todavía quieres la cita, escríbeme y buscamos otro momento 🌸",
        of_at=of_(at, language),
    )


def payment_failed_new_link(*, url: str, extra_minutes: int, language: str) -> str:
    return render(
        language,
        "Parece que el pago no se ha podido completar 😕. No te preocupes: aquí tienes un enlace nuevo "
        "{url} y te guardo la cita {extra_minutes} minutos más 💕",
        url=url,
        extra_minutes=extra_minutes,
    )


def payment_failed_again(*, language: str) -> str:
    return render(
        language,
        "El pago ha vuelto a fallar 😔. He avisado al equipo del salón para que te ayude personalmente; "
        "mientras tanto te mantenemos la reserva 🌸",
    )


def confirmation(*, what: str, at: str, deposit: Decimal, cutoff_hours: int, language: str) -> str:
    paid = render(language, "Hemos recibido tu anticipo de {deposit}. ", deposit=euros(deposit)) if deposit > 0 else ""
    return render(
        language,
        "¡Cita confirmada! 🎉 Te esperamos {at} para {what}.\n"
        "{paid}Si necesitas cancelar, hazlo con más de {cutoff_hours} horas de antelación y te devolvemos "
        "el anticipo; con menos, puedes cambiar la cita de día y lo conservas 😊",
        at=at,
        what=what,
        paid=paid,
        cutoff_hours=cutoff_hours,
    )


def staff_notice(*, urgent: bool, customer: str, what: str, at: str) -> Notice:
    prefix = "🚨 URGENTE (hoy): " if urgent else "Nueva cita: "
    kind = "URGENTE, es hoy 🚨" if urgent else "confirmada"
    return Notice(MessagePurpose.STAFF_NOTICE, f"{prefix}{customer} — {what}, {at}.", [kind, customer, at, what])


def staff_cancelled(*, customer: str, what: str, at: str) -> Notice:
    # No template of its own: outside the 24 h window it goes as the reply template, the whole text its value.
    return Notice(
        MessagePurpose.REPLY, f"❌ Cita cancelada: {customer} — {what}, {at}. Ese hueco vuelve a estar libre."
    )


def staff_moved(*, customer: str, what: str, before: str, after: str, to_staff: str | None = None) -> Notice:
    """To a stylist whose appointment moved; `to_staff` when it moved to someone else's agenda."""
    whose = f" con {to_staff}" if to_staff else ""
    return Notice(
        MessagePurpose.REPLY, f"🔁 Cita cambiada: {customer} — {what}. Era {before}; ahora es {after}{whose}."
    )


def attendance_unconfirmed(*, customer: str, phone: str, what: str, at: str) -> str:
    return f"⏰ {customer} ({phone}) no ha confirmado su cita de {what}, {at}. Quizá convenga llamar."


REMINDER = (
    "¡Hola! Te recuerdo tu cita {at} para {what} 🌸. ¿Vienes? Responde SÍ para confirmarla; si no puedes venir, "
    "avísame por aquí y la cambiamos 💕"
)


def reminder(*, what: str, at: str, language: str, template_params: list[str]) -> Notice:
    """`template_params` fill the approved WhatsApp template, which is Spanish whatever the text's language."""
    return Notice(MessagePurpose.REMINDER, render(language, REMINDER, at=at, what=what), template_params)


def cancelled(*, at: str, refunded: Decimal, language: str, refund_pending: bool = False) -> str:
    refund = ""
    if refunded > 0:
        refund = render(language, " Te devolvemos el anticipo de {refunded} en unos días.", refunded=euros(refunded))
    if refund_pending:
        refund = render(
            language, " La devolución del anticipo se ha retrasado: el equipo la hace en cuanto pueda y te avisamos."
        )
    return render(
        language,
        "Listo, he cancelado tu cita {of_at}.{refund} ¡Esperamos verte pronto! 🌸",
        of_at=of_(at, language),
        refund=refund,
    )


def rescheduled(*, what: str, at: str, language: str) -> str:
    return render(
        language,
        "¡Hecho! Tu cita para {what} queda {at} 😊. Conservas el anticipo que ya pagaste 💕",
        what=what,
        at=at,
    )


def late_payment_refunded(*, amount: Decimal, language: str) -> str:
    return render(
        language,
        "Hemos recibido tu pago, pero el hueco ya se había liberado y otra persona lo ha reservado 😔. "
        "Te devolvemos los {amount} automáticamente. Escríbeme y buscamos otra hora 🌸",
        amount=euros(amount),
    )
