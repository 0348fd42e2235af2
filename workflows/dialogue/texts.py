"""Maite's words in the conversation: Spanish, "tú", warm, with exact prices, times and links.

Booking messages (payment link, confirmation, reminders) are the booking workflow's, in booking_texts.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from temporalio import workflow

from models.pricing import euros
from workflows.dialogue.state import BookingFacts, Line, SlotOption

with workflow.unsafe.imports_passed_through():
    from models.localtime import spoken_date, spoken_datetime

ANYTHING_ELSE = "¿Hay algo más en lo que pueda ayudarte? 😊"
SERVICE_EXAMPLES = "corte, tinte, mechas, peinado, manicura, pedicura, limpieza facial…"


def greeting_new_customer(*, assistant: str, business: str, profile_name: str | None) -> str:
    intro = f"¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸. Encantada de saludarte."
    if profile_name:
        return f"{intro} ¿Me confirmas si tu nombre es {profile_name}?"
    return f"{intro} ¿Me confirmas tu nombre para dirigirme a ti correctamente?"


def greeting_returning_customer(*, assistant: str, first_name: str) -> str:
    return f"¡Hola, {first_name}! Soy {assistant} 🌸. ¿En qué puedo ayudarte hoy?"


def hello(first_name: str) -> str:
    return f"¡Hola, {first_name}! 😊"


def name_confirmed(first_name: str) -> str:
    return f"¡Encantada, {first_name}! 💕"


def ask_name_again() -> str:
    return "Perdona, no me ha quedado claro 😅. ¿Cómo te llamas?"


def how_can_i_help() -> str:
    return "¿En qué puedo ayudarte? Puedo reservarte una cita, cambiarla o resolver tus dudas sobre el salón 🌸"


def ask_services() -> str:
    return f"¿Qué te gustaría hacerte? Por ejemplo: {SERVICE_EXAMPLES} 😊"


def offer_consultation() -> str:
    return (
        "¡Es normal tener dudas! 😊 Te propongo una consulta gratuita de 15 minutos con una de nuestras "
        "estilistas: te asesora sin compromiso y no tienes que pagar nada. ¿Te la reservo?"
    )


def consultation_declined() -> str:
    return f"¡Sin problema! Cuando lo tengas claro, dime qué te gustaría: {SERVICE_EXAMPLES} 🌸"


def pack_offer(*, pack: str, price: Decimal, saving: Decimal, asked: str, asked_price: Decimal) -> str:
    return (
        f"Por cierto, tenemos el pack {pack} por {euros(price)} y te ahorras {euros(saving)} frente a pedirlo "
        f"por separado 💕. ¿Te apetece el pack o prefieres solo {asked} ({euros(asked_price)})?"
    )


def mixed_categories(*, first: Sequence[str], second: Sequence[str]) -> str:
    return (
        f"{_capitalised(joined(first))} y {joined(second)} los hacen equipos distintos (peluquería y estética), "
        "así que no pueden ir en la misma cita 🙏. Te los reservo como dos citas: empezamos por "
        f"{joined(first)} y luego vamos con {joined(second)}. ¿Te parece bien?"
    )


def ask_person_name(relation: str) -> str:
    return f"¡Claro! ¿Cómo se llama {relation}? Así dejo la cita a su nombre 😊"


def time_not_free(time: str) -> str:
    return f"A las {time} no me queda hueco 😔. "


def slots_offer(*, intro: str, what: str, price: Decimal, slots: Sequence[SlotOption], timezone: str) -> str:
    lines = "\n".join(f"{n}. {_slot(slot, timezone)}" for n, slot in enumerate(slots, start=1))
    return f"{intro}Para {what} ({euros(price)}) tengo estos huecos:\n{lines}\n¿Cuál prefieres?"


def _slot(slot: SlotOption, timezone: str) -> str:
    return f"{spoken_datetime(slot.start, timezone)} con {' y '.join(slot.staff_names)}"


def closed_day(*, day: date, reason: str) -> str:
    return f"El {spoken_date(day)} el salón está cerrado ({reason}) 😔. "


def staff_busy(staff: str) -> str:
    return f"{staff} no tiene huecos libres en esas fechas 😔, pero te puedo ofrecer otras compañeras. "


def usual(*, services: Sequence[str], staff: str | None) -> str:
    with_staff = f" con {staff}" if staff else ""
    return f"¡Claro! Lo de siempre: {joined(services)}{with_staff} 😊. "


def no_history() -> str:
    return f"Todavía no tengo ninguna cita anterior tuya registrada 😊. ¿Qué te gustaría hacerte? ({SERVICE_EXAMPLES})"


def no_slots(what: str) -> str:
    return (
        f"Vaya, no me quedan huecos para {what} en los próximos días 😔. "
        "¿Te busco a partir de otra fecha? Dime qué día te viene bien."
    )


def slot_not_understood(count: int) -> str:
    return f"Perdona, ¿cuál de los {count} huecos prefieres? Puedes decirme el número (por ejemplo, «la 2») 😊"


def booking_not_started() -> str:
    return (
        "Vaya, no he podido preparar el pago del anticipo ahora mismo 😔, así que no te he guardado el hueco. "
        "Una compañera del equipo te escribe por aquí para cerrar la cita contigo 🌸"
    )


def slot_taken() -> str:
    return "¡Vaya! Ese hueco se acaba de ocupar 😔. Te busco otros:"


def second_booking(services: Sequence[str]) -> str:
    return f"Y ahora vamos con {joined(services)} 💕. "


def medical() -> str:
    return (
        "Entiendo tu preocupación 💕. Como no soy profesional sanitaria, prefiero que sea una compañera del "
        "equipo quien te asesore personalmente. Ya le he pasado tu consulta y te escribirá en cuanto pueda 🌸"
    )


def handover() -> str:
    return "¡Por supuesto! Le paso tu mensaje a una compañera del equipo, que te responderá por aquí en cuanto pueda 🌸"


def sorry_a_person_will_answer() -> str:
    return (
        "Perdona, ahora mismo no puedo atender tu mensaje como se merece 🙏. Se lo he pasado a una compañera del "
        "equipo, que te responderá por aquí en cuanto pueda."
    )


def unclear(attempt: int) -> str:
    if attempt == 1:
        return (
            "Perdona, no te he entendido bien 😅. ¿Me lo cuentas de otra forma? Puedo reservar, cambiar o "
            "cancelar citas y resolver dudas sobre el salón."
        )
    return "Lo siento, sigo sin entenderte 🙈. ¿Quieres pedir una cita, cambiar una que tienes o hacerme una pregunta?"


def unclear_handover() -> str:
    return (
        "Creo que una compañera del equipo te ayudará mejor que yo 💕. "
        "Ya le he pasado tu mensaje y te escribirá pronto."
    )


def ask_person_name_again(relation: str) -> str:
    return f"Perdona, no me ha quedado claro 🙈. ¿Cuál es el nombre de {relation}? Por ejemplo: «Carmen»."


def message_refused() -> str:
    return "Perdona, tu último mensaje me ha llegado con caracteres que no puedo leer 🙈. ¿Me lo escribes de nuevo?"


def empty_message() -> str:
    return "Me ha llegado un mensaje vacío 🤔. Cuando quieras, escríbeme qué necesitas y te ayudo 😊"


def name_handover() -> str:
    return "¡No te preocupes! Una compañera del equipo seguirá contigo por aquí en un momento 🌸"


def attachment_received() -> str:
    return (
        "¡Gracias! De momento no puedo ver fotos, audios ni archivos 🙈. "
        "¿Me cuentas por escrito qué necesitas? Así te ayudo enseguida 😊"
    )


def opted_out() -> str:
    return (
        "Hecho: no volverás a recibir mensajes nuestros 🙏. Si algún día quieres volver a pedir cita, "
        "solo tienes que escribirnos."
    )


def small_talk(*, closing: bool) -> str:
    """ "no, gracias" closes the chat; "gracias" alone leaves the door open."""
    if closing:
        return "¡Gracias a ti! Aquí me tienes para lo que necesites 🌸"
    return f"¡Gracias a ti! {ANYTHING_ELSE}"


def team_alert(
    *, reason: str, customer: str, phone: str, recent: Sequence[Line], booking: BookingFacts | None, timezone: str
) -> str:
    lines = [f"🔔 {reason}", f"Cliente: {customer} ({phone})"]
    if booking is not None:
        lines.append(
            f"Cita: {joined(booking.services)} con {' y '.join(booking.staff)}, "
            f"{spoken_datetime(booking.start, timezone)} ({booking.status})"
        )
    lines.append("Últimos mensajes:")
    lines += [f"  {line.who}: {line.text}" for line in recent[-5:]]
    return "\n".join(lines)


def joined(items: Sequence[str]) -> str:
    """["Corte", "Manicura"] -> 'corte y manicura' (service names are common nouns mid-sentence)."""
    names = [item.lower() for item in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
