"""The owner's first page: a period (desde/hasta, the last 30 of the business's days unless chosen) and its
charts, each with a caption saying what it counts and where that comes from."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from markupsafe import Markup
from starlette.datastructures import QueryParams

from models.enums import AppointmentStatus
from webhooks.admin.charts import Chart, Series, bar_chart
from webhooks.admin.dashboard_figures import Figures
from webhooks.admin.local_days import days_from, parsed_day
from webhooks.admin.words import label

DEFAULT_DAYS = 30
# A longer period would draw bars too thin to read.
MAX_DAYS = 366
STATUS_COLOURS = {
    AppointmentStatus.CONFIRMED: "#206bc4",
    AppointmentStatus.COMPLETED: "#2fb344",
    AppointmentStatus.PROVISIONAL: "#f59f00",
    AppointmentStatus.NO_SHOW: "#d63939",
    AppointmentStatus.CANCELLED: "#868e96",
}


@dataclass(frozen=True)
class Panel:
    chart: Chart
    caption: str

    @property
    def svg(self) -> Markup:
        return bar_chart(self.chart)


def period(params: QueryParams, today: date) -> tuple[date, date]:
    """The days asked for (`desde`, `hasta`), in order and at most MAX_DAYS; the last 30 days otherwise."""
    last = parsed_day(params.get("hasta")) or today
    first = parsed_day(params.get("desde")) or last - timedelta(days=DEFAULT_DAYS - 1)
    first, last = min(first, last), max(first, last)
    return max(first, last - timedelta(days=MAX_DAYS - 1)), last


def panels(found: Figures, first: date, last: date) -> list[Panel]:
    days = days_from(first, last)
    names = [f"{d:%d/%m}" for d in days]
    rate = found.no_show_rate()
    return [
        Panel(
            Chart(
                "Citas por día y estado",
                "Día de la cita",
                "Citas",
                names,
                [Series(label(s), c, [found.by_status[d, s] for d in days]) for s, c in STATUS_COLOURS.items()],
            ),
            "Una cita por persona, en el día para el que es; las reservas que caducaron sin pagar no cuentan.",
        ),
        Panel(
            Chart(
                "Citas a las que no vinieron",
                "Día de la cita",
                "No presentadas (%)",
                names,
                [Series("no se presentó", "#d63939", [_percent(found.no_shows[d], found.due[d]) for d in days])],
                unit="%",
            ),
            "Sobre las citas confirmadas cuya hora ya pasó: "
            + ("ninguna en el periodo." if rate is None else f"{rate * 100:.0f} % en todo el periodo."),
        ),
        Panel(
            Chart(
                "Anticipos cobrados y devueltos",
                "Día de la cita",
                "Euros",
                names,
                [
                    Series("cobrado", "#2fb344", [found.collected.get(d, Decimal(0)) for d in days]),
                    Series("devuelto", "#f59f00", [found.refunded.get(d, Decimal(0)) for d in days]),
                ],
                stacked=False,
                unit="€",
            ),
            "Por el día de la cita (no se guarda la fecha del pago). Lo devuelto ya estaba cobrado.",
        ),
        Panel(
            Chart(
                "Conversaciones que acabaron en cita",
                "Clientes",
                "Clientes",
                ["En el periodo"],
                [
                    Series("escribieron", "#206bc4", [found.wrote]),
                    Series("de ellos, reservaron", "#2fb344", [found.booked]),
                ],
                stacked=False,
            ),
            f"{found.booked} de {found.wrote} clientes que escribieron hicieron una reserva en el periodo.",
        ),
        Panel(
            Chart(
                "Avisos al equipo",
                "Día del aviso",
                "Avisos",
                names,
                [
                    Series("desde una conversación", "#d63939", [found.alerts[d, True] for d in days]),
                    Series("desde una reserva", "#f59f00", [found.alerts[d, False] for d in days]),
                ],
            ),
            "Los avisos 🔔 enviados al equipo, contados en el archivo de mensajes (cada aviso queda ahí, llegue o "
            "no): los de una conversación son pasos a una persona o respuestas que no se entregaron; los de una "
            "reserva, de pagos y devoluciones. «Avisos sin entregar» guarda solo los que el canal no entregó.",
        ),
    ]


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0
