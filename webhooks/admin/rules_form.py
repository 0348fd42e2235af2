"""The "Normas" form read and checked by the rules' own types (models/policies.py `BusinessPolicies`): every
rule a number within its bounds, or the form is refused with a Spanish reason per field and nothing is saved."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from annotated_types import Ge, Le
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from models.policies import DESCRIPTIONS, BusinessPolicies, PolicyKey


@dataclass(frozen=True)
class RuleField:
    """One rule as its input shows it: the text in the box, its bounds and step, and why it was refused."""

    key: str
    description: str
    value: str
    lowest: Any
    highest: Any
    step: str
    error: str | None
    # A yes/no rule is a tick box (its value "true" when ticked); the others are number boxes.
    is_switch: bool = False


def read_policies(form: Mapping[str, str]) -> tuple[dict[PolicyKey, int | Decimal] | None, dict[str, str]]:
    """The typed value of every rule, or None and the reason each refused field was refused."""
    # Spanish decimals are written with a comma (12,5 %); a tick box sends "on" when ticked, nothing when not.
    typed = {
        key.value: str(_ticked(form.get(key.value, ""))).lower()
        if _is_switch(key)
        else form.get(key.value, "").strip().replace(",", ".")
        for key in PolicyKey
    }
    try:
        rules = BusinessPolicies.model_validate(typed)
    except ValidationError as exc:
        return None, {str(error["loc"][0]): _reason(error, typed) for error in exc.errors()}
    return {key: getattr(rules, key.value) for key in PolicyKey}, {}


def rule_fields(values: Mapping[str, object], errors: Mapping[str, str]) -> list[RuleField]:
    """Every rule, in the order of PolicyKey, with the value to show (what staff typed, when refused)."""
    fields = []
    for key in PolicyKey:
        value = values.get(key.value)
        if _is_switch(key):
            ticked = "true" if _ticked(str(value or "")) else ""
            fields.append(RuleField(key.value, DESCRIPTIONS[key], ticked, None, None, "", None, is_switch=True))
            continue
        field = BusinessPolicies.model_fields[key.value]
        lowest = next(m.ge for m in field.metadata if isinstance(m, Ge))
        highest = next(m.le for m in field.metadata if isinstance(m, Le))
        step = "1" if field.annotation is int else "any"
        shown = "" if value is None else str(value)
        fields.append(RuleField(key.value, DESCRIPTIONS[key], shown, lowest, highest, step, errors.get(key.value)))
    return fields


def _is_switch(key: PolicyKey) -> bool:
    return BusinessPolicies.model_fields[key.value].annotation is bool


def _ticked(sent: str) -> bool:
    """A tick box as the form sends it ("on"), or a saved yes/no rule shown again ("True", "true")."""
    return sent.strip().lower() in ("on", "true")


def _reason(error: ErrorDetails, typed: Mapping[str, str]) -> str:
    context = error.get("ctx") or {}
    if not typed.get(str(error["loc"][0])):
        return "Falta el valor."
    match error["type"]:
        case "greater_than_equal":
            return f"Tiene que ser {context['ge']} o más."
        case "less_than_equal":
            return f"Tiene que ser {context['le']} o menos."
        case "int_parsing" | "int_from_float":
            return "Escribe un número entero, sin decimales."
        case _:
            return "Escribe un número."
