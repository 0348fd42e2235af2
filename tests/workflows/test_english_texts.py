"""Every customer-facing text has its English: each Spanish template of the texts modules is in the English
table with the same fields, no entry of the table is stale, and every text function, called in English with
each of its branches, says nothing in Spanish."""

import ast
import inspect
import itertools
import re
import string
import types
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints
from uuid import uuid4

import pytest

from models.enums import AppointmentStatus
from workflows.booking import texts as booking_texts
from workflows.dialogue import change_texts, question_texts, texts
from workflows.dialogue.actions import ServicePrice
from workflows.dialogue.state import BookingFacts, Memory, SlotOption
from workflows.english_texts import ENGLISH
from workflows.language import speaking

MODULES = (texts, change_texts, question_texts, booking_texts)
# For the team, who work in Spanish whatever the customer's language.
SPANISH_ONLY = {"team_alert", "staff_notice", "staff_cancelled", "staff_moved", "attendance_unconfirmed"}
SPANISH_WORDS = re.compile(r"[¿¡]|\b(tu|tus|de|del|con|para|por|huecos?|citas?|gracias|hola|perdona|vaya|equipo)\b")

SAMPLES: dict[str, list[Any]] = {
    "assistant": ["Maite"],
    "business": ["Atrévete"],
    "first_name": ["Laura"],
    "pack": ["Highlights + Haircut"],
    "asked": ["highlights"],
    "relation": ["your mum"],
    "time": ["17:00"],
    "intro": [""],
    "what": ["haircut"],
    "reason": ["holiday"],
    "url": ["https://pay.example/x"],
    "timezone": ["Europe/Madrid"],
    "attempt": [1, 2],
    "closing": [True, False],
    "count": [3],
    "hours": [24],
    "refund_pending": [False, True],
    "template_params": [["el martes 8 de diciembre a las 17:30", "Corte con Pilar"]],
}
BY_TYPE: dict[Any, Any] = {
    str: "Pilar",
    int: 10,
    bool: True,
    Decimal: Decimal("40.00"),
    date: date(2026, 12, 8),
}


def _booking() -> BookingFacts:
    return BookingFacts(
        booking_id="b1",
        start=datetime(2026, 12, 8, 16, 30, tzinfo=UTC),
        services=["Haircut"],
        staff=["Pilar"],
        status=AppointmentStatus.CONFIRMED,
        deposit=Decimal("10.00"),
    )


def _slots() -> list[SlotOption]:
    start = datetime(2026, 12, 8, 16, 30, tzinfo=UTC)
    return [SlotOption(start=start, staff_ids=[uuid4()], staff_names=["Pilar", "Marta"])]


def _values(name: str, annotation: Any) -> list[Any]:
    """Sample values of a parameter, None too when it is optional (a branch of its own)."""
    if name in SAMPLES:
        return SAMPLES[name]
    options = list(get_args(annotation)) if get_origin(annotation) in (Union, types.UnionType) else [annotation]
    values = [None] if type(None) in options else []
    kind = next(o for o in options if o is not type(None))
    if kind is BookingFacts:
        return [_booking(), *values]
    if get_origin(kind) is not None and get_args(kind) == (SlotOption,):
        return [_slots(), *values]
    if get_origin(kind) is not None and get_args(kind) == (BookingFacts,):
        return [[_booking()], [_booking(), _booking()], *values]
    if get_origin(kind) is not None and get_args(kind) == (ServicePrice,):
        price = ServicePrice(name="Haircut", price=Decimal("40.00"), minutes=45, description="Wash and cut")
        return [[], [price], [price, price], *values]
    if get_origin(kind) is not None and get_origin(get_args(kind)[0]) is tuple:
        return [[(["Haircut"], "Pilar"), (["Manicure"], "Marta")], *values]
    if get_origin(kind) is not None:
        return [["Haircut", "Manicure"], *values]
    return [BY_TYPE[kind], *values]


def _calls() -> Iterator[tuple[str, Callable[..., str], dict[str, Any]]]:
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            # The booking's texts take the language; the dialogue's speak the current one.
            if function.__module__ != module.__name__ or name.startswith("_") or name in SPANISH_ONLY:
                continue
            hints = get_type_hints(function)
            parameters = [
                p
                for p in inspect.signature(function).parameters.values()
                if (p.default is p.empty or p.name in SAMPLES) and p.name != "language"
            ]
            choices = [_values(p.name, hints[p.name]) for p in parameters]
            for combination in itertools.product(*choices):
                yield (
                    f"{module.__name__}.{name}",
                    function,
                    dict(zip([p.name for p in parameters], combination, strict=True)),
                )


def _templates(module: types.ModuleType) -> Iterator[str]:
    """The Spanish templates a module fills with `tr` or `render` (literals, or its constants by name)."""
    for node in ast.walk(ast.parse(Path(inspect.getfile(module)).read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "render"):
            template = node.args[0] if node.func.id == "tr" else node.args[1]
            if isinstance(template, ast.Constant):
                assert isinstance(template.value, str)
                yield template.value
            else:
                assert isinstance(template, ast.Name), ast.dump(template)
                yield getattr(module, template.id)


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


TEMPLATES = {template for module in MODULES for template in _templates(module)}
ENGLISH_MEMORY = Memory(language="en")


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_has_english_with_the_same_fields(template: str) -> None:
    assert template in ENGLISH, f"no English for {template!r}"
    assert _fields(ENGLISH[template]) == _fields(template)


def test_no_english_entry_is_stale() -> None:
    assert set(ENGLISH) - TEMPLATES == set()


@pytest.mark.parametrize(("name", "function", "kwargs"), list(_calls()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_text_is_said_in_english(name: str, function: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    if "language" in inspect.signature(function).parameters:
        spanish, english = function(**kwargs, language="es"), function(**kwargs, language="en")
    else:
        spanish = function(**kwargs)
        with speaking(ENGLISH_MEMORY):
            english = function(**kwargs)
    if isinstance(english, booking_texts.Notice):
        spanish, english = spanish.text, english.text
    assert english != spanish, name
    assert not SPANISH_WORDS.search(english.lower()), f"{name}: {english!r}"


def test_outside_a_turn_and_in_a_spanish_one_texts_are_spanish() -> None:
    assert texts.hello("Laura") == "¡Hola, Laura! 😊"
    with speaking(Memory()):
        assert texts.joined(["Corte", "Tinte", "Mechas"]) == "corte, tinte y mechas"
    with speaking(ENGLISH_MEMORY):
        assert texts.joined(["Corte", "Tinte", "Mechas"]) == "corte, tinte and mechas"
        assert texts.joined(["Corte", "Tinte"], "es") == "corte y tinte"
