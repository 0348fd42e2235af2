"""Which replies to "¿cómo se llama?" are names (pure logic of workflows/dialogue/names.py)."""

import pytest

from workflows.dialogue.names import as_name, is_name


@pytest.mark.parametrize(
    "text",
    ["Laura", "mari carmen", "José Luis Pérez", "María de la Fuente", "Inés.", "Ana-Belén", "Mia", "Rosa"],
)
def test_names(text: str) -> None:
    assert is_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "ni idea",
        "ahora no",
        "da igual",
        "luego te digo",
        "no sé",
        "para mañana",
        "de la Fuente",
        "ella misma",
        "",
        "   ",
        "123",
        "es para mi madre que se llama",
        "vale",
        "jajaja 😂",
    ],
)
def test_not_names(text: str) -> None:
    assert not is_name(text)


def test_a_name_is_written_as_names_are() -> None:
    assert as_name("maría de la fuente") == "María de la Fuente"
    assert as_name("  JOSÉ luis ") == "José Luis"
