"""Maite's words about a booking the customer already has: cancelling, moving, running late, paying.

Spanish templates filled by `tr`, in English for a customer who writes in English (workflows/language.py).
"""

from decimal import Decimal

from temporalio import workflow

from models.pricing import euros
from workflows.dialogue.state import BookingFacts
from workflows.dialogue.texts import joined
from workflows.language import spoken, tr

with workflow.unsafe.imports_passed_through():
    from models.localtime import of_, spoken_datetime


def confirm_cancel(booking: BookingFacts, timezone: str) -> str:
    return tr(
        "¿Seguro que quieres cancelar tu cita de {services} {at}? 🙏",
        services=joined(booking.services),
        at=spoken_datetime(booking.start, timezone, spoken()),
    )


def attendance_thanks(booking: BookingFacts, timezone: str) -> str:
    return tr(
        "¡Gracias por confirmar! 🌸 Te esperamos {at} para {services}.",
        at=spoken_datetime(booking.start, timezone, spoken()),
        services=joined(booking.services),
    )


def no_refund_offer(*, deposit: Decimal, hours: int) -> str:
    return tr(
        "Como faltan menos de {hours} horas para tu cita, el anticipo de {deposit} no se puede devolver 😔. "
        "Pero si quieres, te la cambio a otro día y conservas el anticipo. ¿Te la cambio de día?",
        hours=hours,
        deposit=euros(deposit),
    )


def cancel_kept() -> str:
    return tr("¡Perfecto! Mantenemos tu cita tal y como estaba 😊")


def ask_new_time() -> str:
    return tr("¡Claro! ¿Para qué día y a qué hora te vendría bien? 😊")


def moving(booking: BookingFacts, timezone: str) -> str:
    """Said before the new slots, so the customer knows which appointment is being moved."""
    return tr(
        "Vamos a cambiar tu cita de {services} {of_at} 🔄. ",
        services=joined(booking.services),
        of_at=of_(spoken_datetime(booking.start, timezone, spoken()), spoken()),
    )


def move_failed() -> str:
    return tr("Vaya, no he podido mover la cita a ese hueco 😔. Te busco otras opciones:")


def no_booking() -> str:
    return tr("No encuentro ninguna cita pendiente a tu nombre 🤔. ¿Quieres que te reserve una?")


def not_cancellable() -> str:
    return tr("Esa cita ya no se puede cancelar desde aquí 🙏. Le paso tu mensaje al equipo para que te ayude.")


def running_late_soon(minutes: int | None) -> str:
    return tr(
        "¡Gracias por avisar! 🙏 Le he dicho al equipo que llegas {delay} tarde. Como la cita es muy pronto, "
        "una compañera te escribirá por aquí para confirmarte si se puede mantener o hay que ajustarla.",
        delay=_delay(minutes),
    )


def running_late_noted(minutes: int | None) -> str:
    return tr(
        "¡Gracias por avisar! 😊 He anotado que llegarás {delay} tarde y se lo he dicho a tu estilista. ¡Nos vemos!",
        delay=_delay(minutes),
    )


def _delay(minutes: int | None) -> str:
    return tr("unos {minutes} minutos", minutes=minutes) if minutes else tr("un poco")


def payment_help(url: str) -> str:
    return tr(
        "Siento que el pago te esté dando problemas 😕. Aquí tienes de nuevo el enlace: {url}\n"
        "Si sigue sin funcionar, ya he avisado al equipo para que te ayude 🌸",
        url=url,
    )
