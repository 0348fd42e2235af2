"""Maite's words in the conversation: Spanish, "tú", warm, with exact prices, times and links.

Each text is a Spanish template filled by `tr`, which answers a customer who writes in English in English
(workflows/language.py). Booking messages (payment link, confirmation, reminders) are the booking
workflow's, in workflows/booking/texts.py.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from temporalio import workflow

from models.pricing import euros
from workflows.dialogue.state import BookingFacts, Line, SlotOption
from workflows.language import render, spoken, tr

with workflow.unsafe.imports_passed_through():
    from models.localtime import spoken_date, spoken_datetime

SERVICE_EXAMPLES = "corte, tinte, mechas, peinado, manicura, pedicura, limpieza facial…"


def anything_else() -> str:
    return tr("¿Hay algo más en lo que pueda ayudarte? 😊")


def greeting_new_customer(*, assistant: str, business: str, profile_name: str | None) -> str:
    intro = tr(
        "¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸. Encantada de saludarte.",
        assistant=assistant,
        business=business,
    )
    if profile_name:
        return tr("{intro} ¿Me confirmas si tu nombre es {name}?", intro=intro, name=profile_name)
    return tr("{intro} ¿Me confirmas tu nombre para dirigirme a ti correctamente?", intro=intro)


def greeting_returning_customer(*, assistant: str, first_name: str) -> str:
    return tr(
        "¡Hola, {first_name}! Soy {assistant} 🌸. ¿En qué puedo ayudarte hoy?",
        first_name=first_name,
        assistant=assistant,
    )


def hello(first_name: str) -> str:
    return tr("¡Hola, {first_name}! 😊", first_name=first_name)


def name_confirmed(first_name: str) -> str:
    return tr("¡Encantada, {first_name}! 💕", first_name=first_name)


def ask_name_again() -> str:
    return tr("Perdona, no me ha quedado claro 😅. ¿Cómo te llamas?")


def how_can_i_help() -> str:
    return tr("¿En qué puedo ayudarte? Puedo reservarte una cita, cambiarla o resolver tus dudas sobre el salón 🌸")


def ask_services() -> str:
    return tr("¿Qué te gustaría hacerte? Por ejemplo: {examples} 😊", examples=tr(SERVICE_EXAMPLES))


def offer_consultation() -> str:
    return tr(
        "¡Es normal tener dudas! 😊 Te propongo una consulta gratuita de 15 minutos con una de nuestras "
        "estilistas: te asesora sin compromiso y no tienes que pagar nada. ¿Te la reservo?"
    )


def consultation_declined() -> str:
    return tr(
        "¡Sin problema! Cuando lo tengas claro, dime qué te gustaría: {examples} 🌸", examples=tr(SERVICE_EXAMPLES)
    )


def pack_offer(*, pack: str, price: Decimal, saving: Decimal, asked: str, asked_price: Decimal) -> str:
    return tr(
        "Por cierto, tenemos el pack {pack} por {price} y te ahorras {saving} frente a pedirlo "
        "por separado 💕. ¿Te apetece el pack o prefieres solo {asked} ({asked_price})?",
        pack=pack,
        price=euros(price),
        saving=euros(saving),
        asked=asked,
        asked_price=euros(asked_price),
    )


def mixed_categories(*, first: Sequence[str], second: Sequence[str]) -> str:
    return tr(
        "{First} y {second} los hacen equipos distintos (peluquería y estética), "
        "así que no pueden ir en la misma cita 🙏. Te los reservo como dos citas: empezamos por "
        "{first} y luego vamos con {second}. ¿Te parece bien?",
        First=_capitalised(joined(first)),
        first=joined(first),
        second=joined(second),
    )


def ask_person_name(relation: str) -> str:
    return tr("¡Claro! ¿Cómo se llama {relation}? Así dejo la cita a su nombre 😊", relation=relation)


def yours(relation: str) -> str:
    """How Maite speaks of "mi madre": "tu madre"."""
    return tr("tu {relation}", relation=relation)


def time_not_free(time: str) -> str:
    return tr("A las {time} no me queda hueco 😔. ", time=time)


def slots_offer(*, intro: str, what: str, price: Decimal, slots: Sequence[SlotOption], timezone: str) -> str:
    lines = "\n".join(f"{n}. {_slot(slot, timezone)}" for n, slot in enumerate(slots, start=1))
    return tr(
        "{intro}Para {what} ({price}) tengo estos huecos:\n{lines}\n¿Cuál prefieres?",
        intro=intro,
        what=what,
        price=euros(price),
        lines=lines,
    )


def _slot(slot: SlotOption, timezone: str) -> str:
    return tr(
        "{when} con {staff}", when=spoken_datetime(slot.start, timezone, spoken()), staff=together(slot.staff_names)
    )


def closed_day(*, day: date, reason: str) -> str:
    return tr("El {day} el salón está cerrado ({reason}) 😔. ", day=spoken_date(day, spoken()), reason=reason)


def waitlist_hint(day: date) -> str:
    return tr(
        "\n\nSi solo te va bien el {day}, dime «lista de espera» y te apunto: si alguien cancela, te guardo el hueco "
        "y te aviso 🙏",
        day=spoken_date(day, spoken()),
    )


def waitlisted(*, services: Sequence[str], day: date) -> str:
    return tr(
        "¡Apuntado! 📝 Estás en la lista de espera para {services} el {day}. Si se libera un hueco, te lo guardo un "
        "ratito y te escribo por aquí para que lo confirmes 🌸",
        services=joined(services),
        day=spoken_date(day, spoken()),
    )


def waitlist_needs_what() -> str:
    return tr("¡Claro! ¿Para qué servicio y qué día quieres que te apunte en la lista de espera? 😊")


def staff_busy(staff: str) -> str:
    return tr("{staff} no tiene huecos libres en esas fechas 😔, pero te puedo ofrecer otras compañeras. ", staff=staff)


def usual(*, services: Sequence[str], staff: str | None) -> str:
    if staff:
        return tr("¡Claro! Lo de siempre: {services} con {staff} 😊. ", services=joined(services), staff=staff)
    return tr("¡Claro! Lo de siempre: {services} 😊. ", services=joined(services))


def no_history() -> str:
    return tr(
        "Todavía no tengo ninguna cita anterior tuya registrada 😊. ¿Qué te gustaría hacerte? ({examples})",
        examples=tr(SERVICE_EXAMPLES),
    )


def no_slots(what: str) -> str:
    return tr(
        "Vaya, no me quedan huecos para {what} en los próximos días 😔. "
        "¿Te busco a partir de otra fecha? Dime qué día te viene bien.",
        what=what,
    )


def slot_not_understood(count: int) -> str:
    return tr(
        "Perdona, ¿cuál de los {count} huecos prefieres? Puedes decirme el número (por ejemplo, «la 2») 😊",
        count=count,
    )


def booking_not_started() -> str:
    return tr(
        "Vaya, no he podido preparar el pago del anticipo ahora mismo 😔, así que no te he guardado el hueco. "
        "Una compañera del equipo te escribe por aquí para cerrar la cita contigo 🌸"
    )


def slot_taken() -> str:
    return tr("¡Vaya! Ese hueco se acaba de ocupar 😔. Te busco otros:")


def second_booking(services: Sequence[str]) -> str:
    return tr("Y ahora vamos con {services} 💕. ", services=joined(services))


def medical() -> str:
    return tr(
        "Entiendo tu preocupación 💕. Como no soy profesional sanitaria, prefiero que sea una compañera del "
        "equipo quien te asesore personalmente. Ya le he pasado tu consulta y te escribirá en cuanto pueda 🌸"
    )


def handover() -> str:
    return tr(
        "¡Por supuesto! Le paso tu mensaje a una compañera del equipo, que te responderá por aquí en cuanto pueda 🌸"
    )


def sorry_a_person_will_answer() -> str:
    return tr(
        "Perdona, ahora mismo no puedo atender tu mensaje como se merece 🙏. Se lo he pasado a una compañera del "
        "equipo, que te responderá por aquí en cuanto pueda."
    )


def unclear(attempt: int) -> str:
    if attempt == 1:
        return tr(
            "Perdona, no te he entendido bien 😅. ¿Me lo cuentas de otra forma? Puedo reservar, cambiar o "
            "cancelar citas y resolver dudas sobre el salón."
        )
    return tr(
        "Lo siento, sigo sin entenderte 🙈. ¿Quieres pedir una cita, cambiar una que tienes o hacerme una pregunta?"
    )


def unclear_handover() -> str:
    return tr(
        "Creo que una compañera del equipo te ayudará mejor que yo 💕. "
        "Ya le he pasado tu mensaje y te escribirá pronto."
    )


def ask_person_name_again(relation: str) -> str:
    return tr(
        "Perdona, no me ha quedado claro 🙈. ¿Cuál es el nombre de {relation}? Por ejemplo: «Carmen».",
        relation=relation,
    )


def message_refused() -> str:
    return tr("Perdona, tu último mensaje me ha llegado con caracteres que no puedo leer 🙈. ¿Me lo escribes de nuevo?")


def empty_message() -> str:
    return tr("Me ha llegado un mensaje vacío 🤔. Cuando quieras, escríbeme qué necesitas y te ayudo 😊")


def name_handover() -> str:
    return tr("¡No te preocupes! Una compañera del equipo seguirá contigo por aquí en un momento 🌸")


def attachment_received() -> str:
    return tr(
        "¡Gracias! De momento no puedo ver fotos, audios ni archivos 🙈. "
        "¿Me cuentas por escrito qué necesitas? Así te ayudo enseguida 😊"
    )


def opted_out() -> str:
    return tr(
        "Hecho: no volverás a recibir mensajes nuestros 🙏. Si algún día quieres volver a pedir cita, "
        "solo tienes que escribirnos."
    )


def small_talk(*, closing: bool) -> str:
    """ "no, gracias" closes the chat; "gracias" alone leaves the door open."""
    if closing:
        return tr("¡Gracias a ti! Aquí me tienes para lo que necesites 🌸")
    return tr("¡Gracias a ti! {anything_else}", anything_else=anything_else())


def team_alert(
    *, reason: str, customer: str, phone: str, recent: Sequence[Line], booking: BookingFacts | None, timezone: str
) -> str:
    """For the team, who work in Spanish whatever the customer's language."""
    lines = [f"🔔 {reason}", f"Cliente: {customer} ({phone})"]
    if booking is not None:
        lines.append(
            f"Cita: {joined(booking.services, 'es')} con {' y '.join(booking.staff)}, "
            f"{spoken_datetime(booking.start, timezone)} ({booking.status})"
        )
    lines.append("Últimos mensajes:")
    lines += [f"  {line.who}: {line.text}" for line in recent[-5:]]
    return "\n".join(lines)


def joined(items: Sequence[str], language: str | None = None) -> str:
    """["Corte", "Manicura"] -> 'corte y manicura' (service names are common nouns mid-sentence), in the language
    being spoken unless `language` says."""
    names = [item.lower() for item in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _and(language) + names[-1]


def together(names: Sequence[str]) -> str:
    """["Pilar", "Marta"] -> 'Pilar y Marta': people, who keep their capitals (unlike `joined`'s services)."""
    return _and().join(names)


def _and(language: str | None = None) -> str:
    return render(language or spoken(), " y ")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
