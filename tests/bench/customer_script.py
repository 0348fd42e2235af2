"""What the bench's customer says over one long conversation: greetings, prices and questions, slots asked for
and chosen, a booking paid (the first), the others cancelled, and chit-chat; as customers write on WhatsApp."""

from dataclasses import dataclass
from datetime import date, timedelta

from models.localtime import MONTHS

# Monday to Friday: the salon opens all day.
WEEKDAYS = range(5)
# Far enough ahead that no booking is same-day or inside the refund cut-off.
FIRST_DAY_AHEAD = 3


@dataclass(frozen=True)
class Line:
    text: str
    # After this turn the customer pays the deposit link the turn brought.
    pays: bool = False


def _cycle(day: str, first: bool) -> list[Line]:
    """One visit's worth of messages; on the first the name is asked before the link comes, and the deposit is
    paid; later visits cancel theirs."""
    booking = [
        Line(f"quería pedir cita para un peinado {day}"),
        *([Line("la primera"), Line("Me llamo Laura", pays=True)] if first else [Line("la primera")]),
    ]
    return [
        Line("Hola, buenas tardes"),
        Line("antes de nada, ¿cuánto cuesta el corte?"),
        Line("¿Qué horario tenéis?"),
        Line("¿y dónde estáis? ¿hay sitio para aparcar?"),
        *booking,
        Line("¿qué formas de pago aceptáis?"),
        Line("quiero cancelar la cita"),
        Line("sí"),
        Line("vale, gracias!"),
        Line("¿cuánto vale la manicura semipermanente?"),
        Line("no sé qué hacerme en el pelo, ¿qué me recomiendas?"),
        Line("no, gracias"),
        Line("jajaja qué calor hace hoy"),
        Line("¿qué citas tengo?"),
    ]


def _days(today: date) -> list[str]:
    days = [today + timedelta(days=n) for n in range(FIRST_DAY_AHEAD, FIRST_DAY_AHEAD + 14)]
    return [f"el {d.day} de {MONTHS[d.month]}" for d in days if d.weekday() in WEEKDAYS]


def lines(count: int, today: date) -> list[Line]:
    """`count` messages: visits one after another, each on another weekday."""
    said: list[Line] = []
    days = _days(today)
    visit = 0
    while len(said) < count:
        said += _cycle(days[visit % len(days)], first=visit == 0)
        visit += 1
    return said[:count]
