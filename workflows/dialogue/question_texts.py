"""Maite's words for what customers ask besides booking: their own appointments, prices, coming back after a
STOP, and the name asked only when a booking needs it."""

from collections.abc import Sequence

from temporalio import workflow

from models.enums import AppointmentStatus
from models.pricing import euros
from workflows.dialogue.actions import ServicePrice
from workflows.dialogue.state import BookingFacts
from workflows.dialogue.texts import anything_else, joined, together
from workflows.language import spoken, tr

with workflow.unsafe.imports_passed_through():
    from models.localtime import spoken_datetime


def introduction(*, assistant: str, business: str) -> str:
    return tr("¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸.", assistant=assistant, business=business)


def name_for_booking(profile_name: str | None) -> str:
    if profile_name:
        return tr("¡Genial! Para dejártela reservada, ¿me confirmas si tu nombre es {name}?", name=profile_name)
    return tr("¡Genial! Para dejártela reservada, ¿me dices tu nombre?")


def your_bookings(bookings: Sequence[BookingFacts], timezone: str) -> str:
    if len(bookings) == 1:
        return tr("Tu cita es {booking} 😊", booking=_booking(bookings[0], timezone))
    lines = "\n".join(f"• {_booking(b, timezone)}" for b in bookings)
    return tr("Tienes estas citas con nosotras 😊:\n{lines}", lines=lines)


def no_bookings() -> str:
    return tr("Ahora mismo no tienes ninguna cita pendiente con nosotras 😊. ¿Quieres que te busque un hueco?")


def which_booking(bookings: Sequence[BookingFacts], timezone: str, *, cancelling: bool) -> str:
    lines = "\n".join(f"{n}. {_booking(b, timezone)}" for n, b in enumerate(bookings, start=1))
    if cancelling:
        return tr("Tienes varias citas 😊. ¿Cuál quieres cancelar?\n{lines}", lines=lines)
    return tr("Tienes varias citas 😊. ¿Cuál quieres cambiar?\n{lines}", lines=lines)


def which_booking_again(count: int) -> str:
    return tr("Perdona, ¿cuál de las {count} citas? Dime el número (por ejemplo, «la 1») 😊", count=count)


def _booking(booking: BookingFacts, timezone: str) -> str:
    when = spoken_datetime(booking.start, timezone, language=spoken())
    services, staff = joined(booking.services), together(booking.staff)
    said = tr("{when}: {services} con {staff}", when=when, services=services, staff=staff)
    if booking.status == AppointmentStatus.PROVISIONAL:
        return tr("{booking} (pendiente del anticipo)", booking=said)
    return said


def prices(listed: Sequence[ServicePrice]) -> str:
    if not listed:
        return tr("Ese servicio no lo tenemos, lo siento 😔. {more}", more=anything_else())
    if len(listed) == 1:
        one = listed[0]
        return tr(
            "{name} cuesta {price} y dura unos {minutes} minutos ({description}). ¿Quieres que te busque hueco? 😊",
            name=one.name,
            price=euros(one.price),
            minutes=one.minutes,
            description=one.description.lower(),
        )
    lines = "\n".join(f"• {s.name}: {euros(s.price)} ({s.minutes} min)" for s in listed)
    return tr("Estos son nuestros precios 💕:\n{lines}\n¿Te reservo alguno?", lines=lines)


def opted_in() -> str:
    return tr("¡Qué alegría tenerte de vuelta! 🌸 Vuelves a recibir nuestros mensajes. ¿En qué puedo ayudarte?")
