"""`make eval`: the corpus through the rules understanding (and Claude's, with ANTHROPIC_API_KEY), as a table.

Exits 1 when the rules fall below the floor the suite asserts (tests/eval/test_eval_floor.py).
"""

import argparse
import asyncio
import sys
from collections.abc import Callable

import anthropic

from activities.understanding.claude import understand_with_claude
from activities.understanding.rules import understand
from activities.understanding.schema import Understanding
from models.runtime.settings import get_settings
from tests.eval.catalogs import catalog_of, salons
from tests.eval.corpus import FIELDS, SENT_ON, Case, load_corpus
from tests.eval.scoring import Report, observed

FLOOR = 0.90


def evaluate_rules(cases: list[Case]) -> Report:
    def rules(case: Case) -> Understanding:
        return understand(case.text, today=SENT_ON, catalog=catalog_of(salons()[case.business]))

    return _report(cases, rules)


async def evaluate_claude(cases: list[Case], client: anthropic.AsyncAnthropic, model: str) -> Report:
    at_once = asyncio.Semaphore(4)

    async def ask(case: Case) -> Understanding:
        salon = salons()[case.business]
        async with at_once:
            return await understand_with_claude(
                client,
                model,
                text=case.text,
                business=salon.name,
                catalog=catalog_of(salon),
                today=SENT_ON,
                context=[],
            )

    answers = await asyncio.gather(*(ask(case) for case in cases))
    by_case = dict(zip((id(case) for case in cases), answers, strict=True))
    return _report(cases, lambda case: by_case[id(case)])


def _report(cases: list[Case], understanding_of: Callable[[Case], Understanding]) -> Report:
    report = Report()
    for case in cases:
        report.add(case, observed(understanding_of(case)))
    return report


def table(title: str, report: Report) -> str:
    lines = [f"## {title}: {report.understood}/{report.total} fully understood ({report.accuracy:.1%})", ""]
    lines += ["| intent | messages | fully understood |", "|---|---:|---:|"]
    for intent, count in sorted(report.by_intent.items()):
        lines.append(f"| {intent} | {count} | {report.understood_by_intent[intent] / count:.0%} |")
    lines += ["", "| field | right |", "|---|---:|"]
    lines += [f"| {name} | {report.right_by_field[name] / report.total:.1%} |" for name in FIELDS]
    return "\n".join(lines)


def misses(report: Report) -> str:
    lines = [f"### Misses ({len(report.misses)})"]
    for miss in report.misses:
        said = "; ".join(f"{name} {miss.got[name]!r}, expected {miss.case.expected[name]!r}" for name in miss.wrong)
        lines.append(f"- {miss.case.family}:{miss.case.line} «{miss.case.text}» — {said}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every message not fully understood")
    args = parser.parse_args()
    cases = load_corpus()
    rules = evaluate_rules(cases)
    out = [table("Rules (offline)", rules)]
    if args.misses:
        out.append(misses(rules))
    settings = get_settings()
    if settings.anthropic_api_key is not None:
        client = anthropic.AsyncAnthropic(
            api_key=settings.anthropic_api_key.get_secret_value(), base_url=settings.anthropic_base_url
        )
        claude = asyncio.run(evaluate_claude(cases, client, settings.anthropic_model))
        out.append(table(f"Claude ({settings.anthropic_model})", claude))
    else:
        out.append("Claude: skipped (ANTHROPIC_API_KEY is not set)")
    met = rules.accuracy >= FLOOR
    out.append(f"Floor {FLOOR:.0%} (rules): {'met' if met else 'NOT met'}")
    sys.stdout.write("\n\n".join(out) + "\n")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
