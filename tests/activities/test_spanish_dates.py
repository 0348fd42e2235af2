"""Days, times and parts of the day as people in Spain write them on WhatsApp, read after text.normalise."""

from datetime import date

import pytest

from activities.understanding.rules import normalise, understand
from activities.understanding.schema import Catalog, PartOfDay
from activities.understanding.spanish_dates import find_day, find_days, find_part_of_day, find_time

TODAY = date(2026, 12, 3)  # a Thursday, the eval corpus's day (tests/eval/corpus/FORMAT.md)
MORNING, AFTERNOON = PartOfDay.MORNING, PartOfDay.AFTERNOON


def days(text: str) -> list[date]:
    return find_days(normalise(text), TODAY)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("hoy", date(2026, 12, 3)),
        ("Hoy mismo si puede ser", date(2026, 12, 3)),
        ("esta tarde tenéis hueco?", date(2026, 12, 3)),
        ("mañana", date(2026, 12, 4)),
        ("Mañana a las 5", date(2026, 12, 4)),
        ("mñn", date(2026, 12, 4)),
        ("para mañana por la mañana", date(2026, 12, 4)),
        ("pasado mañana", date(2026, 12, 5)),
        ("pasado mñn q no puedo antes", date(2026, 12, 5)),
        ("el finde", date(2026, 12, 5)),
        ("este finde", date(2026, 12, 5)),
        ("algún hueco el fin de semana?", date(2026, 12, 5)),
        ("este sábado", date(2026, 12, 5)),
        ("el finde que viene", date(2026, 12, 12)),
        ("la semana que viene", date(2026, 12, 7)),
        ("la próxima semana", date(2026, 12, 7)),
        ("la semana próxima", date(2026, 12, 7)),
        ("el lunes que viene", date(2026, 12, 7)),
        ("el próximo lunes", date(2026, 12, 7)),
        ("el lunes de la semana que viene", date(2026, 12, 7)),
        ("el viernes de la próxima semana", date(2026, 12, 11)),
        ("dentro de una semana", date(2026, 12, 10)),
        ("en una semana", date(2026, 12, 10)),
        ("dentro de 3 días", date(2026, 12, 6)),
        ("en dos días", date(2026, 12, 5)),
        ("dentro de un par de días", date(2026, 12, 5)),
        ("en 15 días", date(2026, 12, 18)),
        ("el 15", date(2026, 12, 15)),
        ("el día 15 a las 5", date(2026, 12, 15)),
        ("para el 20 por la tarde", date(2026, 12, 20)),
        ("el 2", date(2027, 1, 2)),
        ("el sábado 12", date(2026, 12, 12)),
        ("el 9 de diciembre", date(2026, 12, 9)),
        ("el 9 de dic", date(2026, 12, 9)),
        ("9 dic", date(2026, 12, 9)),
        ("el 3 de enero", date(2027, 1, 3)),
        ("12/12", date(2026, 12, 12)),
        ("el 12-12", date(2026, 12, 12)),
        ("el 2/1", date(2027, 1, 2)),
        ("el 12/12/2026", date(2026, 12, 12)),
        ("el jueves", date(2026, 12, 10)),
        ("el viernes", date(2026, 12, 4)),
        ("el martes 8 de diciembre a las 17:30", date(2026, 12, 8)),
        ("el sábado, 12/12", date(2026, 12, 12)),
        ("el viernes, 11", date(2026, 12, 11)),
    ],
)
def test_days(text: str, day: date) -> None:
    assert days(text) == [day]


@pytest.mark.parametrize(
    ("typo", "day"),
    [
        ("miercoels", date(2026, 12, 9)),
        ("el jeuves", date(2026, 12, 10)),
        ("juevs a las 5", date(2026, 12, 10)),
        ("el vierns", date(2026, 12, 4)),
        ("biernes", date(2026, 12, 4)),
        ("sabdo x la mañana", date(2026, 12, 5)),
        ("el lunez", date(2026, 12, 7)),
        ("martez", date(2026, 12, 8)),
        ("el domigo", date(2026, 12, 6)),
        ("el jeuves que viene", date(2026, 12, 10)),
    ],
)
def test_a_weekday_with_a_typo_is_that_weekday(typo: str, day: date) -> None:
    assert days(typo) == [day]


@pytest.mark.parametrize(
    "text",
    [
        "tengo miedo a las tijeras",
        "en qué lugar estáis?",
        "viene mi madre conmigo",
        "vienes tú o tu compañera?",
        "odio las mates",
        "uñas con lunas",
        "es que mis jueces",
        "un dominio del color",
        "¿puedes?",
        "buenas tardes",
        "llego en 15 min",
        "a las 15",
        "el de 15 euros",
        "somos 2 personas",
        "por la mañana",
        "de 10 a 12h",
        "¿abrís los sábados?",
        "los lunes cerráis?",
        "sábados y domingos también?",
    ],
)
def test_ordinary_words_and_numbers_are_not_days(text: str) -> None:
    assert days(text) == []


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("el viernes o el sábado", [date(2026, 12, 4), date(2026, 12, 5)]),
        ("martes o miércoles", [date(2026, 12, 8), date(2026, 12, 9)]),
        ("el sábado o el viernes", [date(2026, 12, 5), date(2026, 12, 4)]),
        ("mañana o pasado", [date(2026, 12, 4), date(2026, 12, 5)]),
        ("la semana que viene, martes o miércoles", [date(2026, 12, 8), date(2026, 12, 9)]),
        ("el 15 o el 16", [date(2026, 12, 15), date(2026, 12, 16)]),
        ("mañana viernes", [date(2026, 12, 4)]),
    ],
)
def test_alternative_days_in_the_order_named(text: str, alternatives: list[date]) -> None:
    assert days(text) == alternatives


def test_the_first_day_is_the_day_the_rest_are_alternatives() -> None:
    catalog = Catalog(services=["Corte"], staff=[])
    result = understand("cita el viernes o el sábado", today=TODAY, catalog=catalog)
    assert (result.day, result.other_days) == (date(2026, 12, 4), [date(2026, 12, 5)])
    assert find_day(normalise("el viernes o el sábado"), TODAY) == date(2026, 12, 4)
    assert find_day(normalise("cuando podáis"), TODAY) is None


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("a las 17:30", "17:30"),
        ("17.30", "17:30"),
        ("a las 17h", "17:00"),
        ("18h", "18:00"),
        ("17h30", "17:30"),
        ("5pm", "17:00"),
        ("5 pm", "17:00"),
        ("at 5:30pm", "17:30"),
        ("a las 5", "17:00"),
        ("a las 11", "11:00"),
        ("a las 08:30", "08:30"),
        ("a la una", "13:00"),
        ("a las 5 y media", "17:30"),
        ("a las 10 y cuarto", "10:15"),
        ("las 6 menos cuarto", "17:45"),
        ("a las 6 menos diez", "17:50"),
        ("a las 7 y 20", "19:20"),
        ("sobre las 6", "18:00"),
        ("a eso de las 6", "18:00"),
        ("6 y pico", "18:00"),
        ("a las 6 y pico", "18:00"),
        ("hacia las 6", "18:00"),
        ("tipo 6", "18:00"),
        ("a partir de las 4", "16:00"),
        ("cuando salga del curro a las 6", "18:00"),
        ("a las 10 de la mañana", "10:00"),
        ("a las 8 de la tarde", "20:00"),
        ("mañana por la mañana a las 8", "08:00"),
        ("a mediodía", "13:00"),
        ("al mediodia", "13:00"),
        ("a la hora de comer", "14:00"),
        ("a las cinco", "17:00"),
        ("a las doce y media", "12:30"),
        ("a la una y cuarto", "13:15"),
        ("para las 5", "17:00"),
        ("las 5", "17:00"),
        ("las seis y cuarto", "18:15"),
        ("el 15 a las 5", "17:00"),
        ("entre las 5 y las 7", "17:00"),
    ],
)
def test_times(text: str, time: str) -> None:
    assert find_time(normalise(text)) == time


@pytest.mark.parametrize(
    "text",
    [
        "llego en 15 min",
        "somos 2 personas",
        "el 15",
        "el día 15 por la tarde",
        "cuesta 17.50 euros?",
        "son 25 euros",
        "un peinado para las dos",
        "las dos queremos corte",
        "la 1",
        "cualquiera de las dos",
        "dentro de una semana",
        "12/12",
        "antes del mediodía",
    ],
)
def test_counts_days_and_prices_are_not_times(text: str) -> None:
    assert find_time(normalise(text)) is None


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("por la mañana", MORNING),
        ("mañana por la mañana", MORNING),
        ("por la mañanita", MORNING),
        ("por las mañanas", MORNING),
        ("a primera hora", MORNING),
        ("antes de comer", MORNING),
        ("antes del mediodía", MORNING),
        ("a última hora de la mañana", MORNING),
        ("por la tarde", AFTERNOON),
        ("por la tardecita", AFTERNOON),
        ("mañana tardecita", AFTERNOON),
        ("después de comer", AFTERNOON),
        ("a última hora", AFTERNOON),
        ("a primera hora de la tarde", AFTERNOON),
        ("por la noche", AFTERNOON),
        ("salgo del curro a las 6", AFTERNOON),
        ("por la mañana no puedo", AFTERNOON),
        ("mejor después de comer que por la mañana", AFTERNOON),
        ("a mediodía", None),
        ("buenas tardes, llego tarde", None),
    ],
)
def test_parts_of_day(text: str, part: PartOfDay | None) -> None:
    assert find_part_of_day(normalise(text)) == part
