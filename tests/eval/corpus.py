"""The evaluation corpus (tests/eval/corpus/*.jsonl, described in its FORMAT.md): messages and what they mean."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
# The day every message of the corpus is sent (a Thursday).
SENT_ON = date(2026, 12, 3)
DEMO_SALON = "atrevete"
# What a field is when the corpus leaves it out: a message must not invent what it does not say.
DEFAULTS: dict[str, Any] = {
    "services": [],
    "day": None,
    "other_days": [],
    "time": None,
    "part_of_day": None,
    "staff": None,
    "party_size": 1,
    "option": None,
    "delay_minutes": None,
    "faq_topics": [],
    "yes": None,
    "language": "es",
}
FIELDS = ("intent", *DEFAULTS)


@dataclass(frozen=True)
class Case:
    family: str  # the file it comes from
    line: int
    text: str
    business: str
    expected: dict[str, Any]  # every field of FIELDS


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if raw.strip():
                cases.append(_case(path.stem, number, json.loads(raw)))
    return cases


def _case(family: str, line: int, entry: dict[str, Any]) -> Case:
    unknown = set(entry) - {"text", "business", *FIELDS}
    if unknown:
        raise ValueError(f"{family}.jsonl:{line}: unknown fields {sorted(unknown)}")
    expected = {**DEFAULTS, **{k: v for k, v in entry.items() if k in FIELDS}}
    return Case(family, line, entry["text"], entry.get("business", DEMO_SALON), expected)
