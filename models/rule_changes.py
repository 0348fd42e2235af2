"""A business's rules and opening hours replaced, each difference kept in the change history: the one way
/admin ("Normas", "Horario") and a salon file applied again write them, so both follow the same rule. The next
search, offer or hold reads the new values; appointments already made keep their own times and prices."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import time
from decimal import Decimal

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select

from models.business import OpeningHours, Policy
from models.catalog_change import CatalogChange
from models.localtime import WEEKDAYS
from models.policies import DESCRIPTIONS, PolicyKey

Interval = tuple[time, time]
POLICY, HOURS = "Norma", "Horario"


def rule_row_id(business_id: uuid.UUID, name: str) -> uuid.UUID:
    """A rule or a weekday's hours has no id of its own (its key is the business and a name): a stable one
    derived from both, so every change of one rule is found under the same id."""
    return uuid.uuid5(business_id, name)


async def replace_policies(
    conn: AsyncConnection, business_id: uuid.UUID, values: Mapping[PolicyKey, int | Decimal], by: str
) -> int:
    """Each given rule takes its value; the number of rules that changed."""
    rows = await conn.execute(select(Policy.key, Policy.value).where(col(Policy.business_id) == business_id))
    current: dict[str, object] = {key: value for key, value in rows}
    changed = {key: value for key, value in values.items() if key.value not in current or current[key] != value}
    for key, value in changed.items():
        stored = _json_number(value)
        await conn.execute(
            insert(Policy)
            .values(business_id=business_id, key=key.value, value=stored, description=DESCRIPTIONS[key])
            .on_conflict_do_update(index_elements=["business_id", "key"], set_={"value": stored})
        )
    await _record(
        conn,
        [
            _change(business_id, by, POLICY, key.value, DESCRIPTIONS[key], "Valor", _said(current.get(key)), _said(v))
            for key, v in changed.items()
        ],
    )
    return len(changed)


async def replace_hours(
    conn: AsyncConnection, business_id: uuid.UUID, days: Mapping[int, Sequence[Interval]], by: str
) -> int:
    """Each given weekday (0 = Monday) opens exactly in its intervals (none: closed); the others stay as they
    are. The number of weekdays that changed."""
    current = await opening_hours(conn, business_id)
    changed = {day: sorted(spans) for day, spans in days.items() if sorted(spans) != current.get(day, [])}
    for day, spans in changed.items():
        await conn.execute(
            delete(OpeningHours).where(col(OpeningHours.business_id) == business_id, col(OpeningHours.weekday) == day)
        )
        if spans:
            await conn.execute(
                insert(OpeningHours).values(
                    [{"business_id": business_id, "weekday": day, "opens_at": o, "closes_at": c} for o, c in spans]
                )
            )
    await _record(
        conn,
        [
            _change(
                business_id,
                by,
                HOURS,
                f"weekday/{day}",
                WEEKDAYS[day].capitalize(),
                "Horas",
                said_hours(current.get(day, [])),
                said_hours(spans),
            )
            for day, spans in changed.items()
        ],
    )
    return len(changed)


async def opening_hours(conn: AsyncConnection, business_id: uuid.UUID) -> dict[int, list[Interval]]:
    """The business's intervals of each open weekday, in order."""
    rows = await conn.execute(
        select(col(OpeningHours.weekday), col(OpeningHours.opens_at), col(OpeningHours.closes_at)).where(
            col(OpeningHours.business_id) == business_id
        )
    )
    days: dict[int, list[Interval]] = {}
    for weekday, opens, closes in rows:
        days.setdefault(weekday, []).append((opens, closes))
    return {day: sorted(spans) for day, spans in days.items()}


def said_hours(spans: Sequence[Interval]) -> str:
    """A day's hours as staff write them: "10:00–14:00, 16:00–20:00", or "cerrado"."""
    return ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in spans) or "cerrado"


def _change(
    business_id: uuid.UUID, by: str, what: str, name: str, row_name: str, field: str, before: str, after: str
) -> CatalogChange:
    return CatalogChange(
        business_id=business_id,
        changed_by=by,
        what=what,
        row_id=rule_row_id(business_id, f"{what}/{name}"),
        row_name=row_name,
        field=field,
        before=before,
        after=after,
    )


async def _record(conn: AsyncConnection, changes: list[CatalogChange]) -> None:
    if changes:
        await conn.execute(insert(CatalogChange).values([c.model_dump(exclude={"changed_at"}) for c in changes]))


def _json_number(value: int | Decimal) -> int | float:
    """JSON has numbers, not decimals: a whole percent is kept whole; a fraction (12.5) is exact enough as a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _said(value: object) -> str:
    """A rule's value as the change history shows it: yes/no in Spanish (as the catalogue's), none as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "sí" if value else "no"
    return str(_json_number(value) if isinstance(value, Decimal) else value)
