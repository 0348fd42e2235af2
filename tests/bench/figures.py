"""Figures: percentiles of samples, one table for the terminal, the same as JSON."""

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.bench.machine import describe


def percentile(samples: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), `q` in 0..100."""
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Row:
    """One line of the table: a distribution (in `unit`) when there are samples, and figures said in words."""

    name: str
    unit: str = ""
    n: int = 0
    median: float | None = None
    p95: float | None = None
    p99: float | None = None
    figures: str = ""
    target: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    # Printed under the table (assumptions behind a figure), too long for its cell.
    notes: str = ""

    @classmethod
    def of(
        cls,
        name: str,
        samples: list[float],
        unit: str,
        figures: str = "",
        target: str = "",
        notes: str = "",
        **data: Any,
    ) -> "Row":
        if not samples:
            return cls(name, unit, figures=figures or "no samples", target=target, data=data, notes=notes)
        return cls(
            name,
            unit,
            len(samples),
            percentile(samples, 50),
            percentile(samples, 95),
            percentile(samples, 99),
            figures,
            target,
            data,
            notes,
        )

    def summary(self) -> str:
        """One line for progress output."""
        if not self.n:
            return f"{self.name}: {self.figures}"
        unit = self.unit
        spread = f"median {_number(self.median, unit)}, p95 {_number(self.p95, unit)}, p99 {_number(self.p99, unit)}"
        return f"{self.name}: {spread}; {self.figures}"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def table(rows: list[Row], header: dict[str, Any]) -> str:
    """The run's header lines, then one aligned row per figure."""
    lines = [" · ".join(f"{key} {value}" for key, value in header.items())]
    cells = [["measurement", "n", "median", "p95", "p99", "figures", "target"]]
    cells += [
        [
            r.name,
            str(r.n or "-"),
            _number(r.median, r.unit),
            _number(r.p95, r.unit),
            _number(r.p99, r.unit),
            r.figures,
            r.target,
        ]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += [f"{r.name}: {r.notes}" for r in rows if r.notes]
    return "\n".join(lines) + "\n"


def judged(target: str, met: bool) -> str:
    """A target cell: the target, then whether this run met it."""
    return f"{target}: {'met' if met else 'missed'}"


def write_json(path: Path, rows: list[Row], header: dict[str, Any], options: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**header, "options": options, "rows": [asdict(r) for r in rows]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")


def run_header(started: datetime, seconds: float, others: float) -> dict[str, Any]:
    return {
        "date": started.isoformat(timespec="seconds"),
        **describe(),
        "run": f"{seconds / 60:.1f} min",
        "CPU used by other processes": f"{others:.0%}",
    }
