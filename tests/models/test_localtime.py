"""Dates as Maite says them: 'de' contracts with the article, as Spanish requires."""

from datetime import UTC, datetime

import pytest

from models.localtime import of_, spoken_datetime


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("el martes 8 de diciembre a las 17:30", "del martes 8 de diciembre a las 17:30"),
        ("el 3 de enero", "del 3 de enero"),
        ("mañana a las 10:00", "de mañana a las 10:00"),
        ("hoy", "de hoy"),
        ("ella", "de ella"),
    ],
)
def test_de_contracts_with_the_article_only(phrase: str, said: str) -> None:
    assert of_(phrase) == said


def test_a_spoken_appointment_reads_del_in_madrid_time() -> None:
    instant = datetime(2026, 12, 8, 16, 30, tzinfo=UTC)
    assert of_(spoken_datetime(instant, "Europe/Madrid")) == "del martes 8 de diciembre a las 17:30"
