"""How far an understanding is from the corpus's: per field, per intent, and the misses."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from activities.understanding.schema import Understanding
from tests.eval.corpus import FIELDS, Case


def observed(understanding: Understanding) -> dict[str, Any]:
    """The understanding in the corpus's terms (ISO dates, plain strings)."""
    values: dict[str, Any] = {name: getattr(understanding, name) for name in FIELDS}
    values["intent"] = str(understanding.intent)
    values["day"] = _iso(understanding.day)
    values["other_days"] = [_iso(day) for day in understanding.other_days]
    values["part_of_day"] = None if understanding.part_of_day is None else str(understanding.part_of_day)
    values["faq_topics"] = sorted(understanding.faq_topics)
    return values


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def wrong_fields(case: Case, got: dict[str, Any]) -> list[str]:
    expected = {**case.expected, "faq_topics": sorted(case.expected["faq_topics"])}
    return [name for name in FIELDS if got[name] != expected[name]]


@dataclass
class Miss:
    case: Case
    wrong: list[str]
    got: dict[str, Any]


@dataclass
class Report:
    total: int = 0
    understood: int = 0
    by_intent: Counter[str] = field(default_factory=Counter)
    understood_by_intent: Counter[str] = field(default_factory=Counter)
    right_by_field: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def add(self, case: Case, got: dict[str, Any]) -> None:
        wrong = wrong_fields(case, got)
        intent = case.expected["intent"]
        self.total += 1
        self.by_intent[intent] += 1
        for name in FIELDS:
            self.right_by_field[name] += name not in wrong
        if wrong:
            self.misses.append(Miss(case, wrong, got))
        else:
            self.understood += 1
            self.understood_by_intent[intent] += 1

    @property
    def accuracy(self) -> float:
        return self.understood / self.total if self.total else 0.0
