"""Stylists' own time in /admin: "Horario de profesionales" (the intervals each one works on a weekday; two a
day make a break) and "Ausencias" (time away). Availability reads both on the next search; bookings already
made stay as they are. A stylist without hours works the salon's opening hours, and hours never widen them."""

from datetime import datetime
from typing import Any, ClassVar

from sqladmin.fields import SelectField, TimezoneAwareDateTimeField
from sqlmodel import select
from starlette.requests import Request
from wtforms.fields import TimeField  # type: ignore[import-untyped]

from models import StaffHours, StaffTimeOff
from models.localtime import WEEKDAYS
from webhooks.admin.staff_pick import StaffPicked

ORDER_REFUSAL = "«Hasta» tiene que ser posterior a «Desde»."


class ClockField(TimeField):  # type: ignore[misc]  # WTForms ships no types
    """A time of day, 00:00 to 23:59, refused in Spanish when it is not one."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=["%H:%M", "%H:%M:%S"], **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Escribe una hora del día entre 00:00 y 23:59, como 09:30.") from None


class SalonDateTimeField(TimezoneAwareDateTimeField):
    """A day and time on the salon's clock (the view sets the salon's zone when saving)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**(kwargs | {"description": "Hora del salón"}))

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Escribe el día y la hora, como 2027-03-01 17:00:00.") from None


def _in_order(data: dict[str, Any]) -> None:
    if data.get("starts_at") is not None and data.get("ends_at") is not None and data["ends_at"] <= data["starts_at"]:
        raise ValueError(ORDER_REFUSAL)


class StaffHoursView(StaffPicked, model=StaffHours):
    # Not "Horario": SQLAdmin's menu merges items of the same name, and that one is the salon's opening hours.
    name, name_plural, icon = "Tramo de horario", "Horario de profesionales", "fa-solid fa-business-time"
    can_create = can_edit = can_delete = True
    form_columns: ClassVar[Any] = [StaffHours.staff_id, StaffHours.weekday, StaffHours.starts_at, StaffHours.ends_at]
    form_overrides: ClassVar[Any] = {
        **StaffPicked.form_overrides,
        "weekday": SelectField,
        "starts_at": ClockField,
        "ends_at": ClockField,
    }
    form_args: ClassVar[Any] = {
        "weekday": {"choices": list(WEEKDAYS.items()), "coerce": int},
        "staff_id": {"description": "Sin horario propio, trabaja el horario del salón. Un descanso: dos tramos."},
    }
    column_list: ClassVar[Any] = form_columns
    column_labels: ClassVar[Any] = {
        "staff_id": "Profesional",
        "weekday": "Día",
        "starts_at": "Desde",
        "ends_at": "Hasta",
    }
    column_formatters: ClassVar[Any] = {StaffHours.weekday: lambda m, _: WEEKDAYS[m.weekday]}
    column_formatters_detail: ClassVar[Any] = column_formatters
    column_default_sort: ClassVar[Any] = [(StaffHours.weekday, False), (StaffHours.starts_at, False)]

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        _in_order(data)
        await super().on_model_change(data, model, is_created, request)
        async with self.session_maker() as session:
            overlapping = await session.execute(
                select(StaffHours).where(
                    StaffHours.staff_id == data["staff_id"],
                    StaffHours.weekday == data["weekday"],
                    StaffHours.id != model.id,
                    StaffHours.starts_at < data["ends_at"],
                    StaffHours.ends_at > data["starts_at"],
                )
            )
            other = overlapping.scalars().first()
        if other is not None:
            who = await self._staff_name(request, other.staff_id)
            raise ValueError(
                f"{who} ya tiene el tramo de {other.starts_at:%H:%M} a {other.ends_at:%H:%M} el "
                f"{WEEKDAYS[other.weekday]}: los tramos de un mismo día no pueden solaparse."
            )


class TimeOffView(StaffPicked, model=StaffTimeOff):
    name, name_plural, icon = "Ausencia", "Ausencias", "fa-solid fa-user-clock"
    can_create = can_delete = True
    can_edit = False
    form_columns: ClassVar[Any] = [
        StaffTimeOff.staff_id,
        StaffTimeOff.starts_at,
        StaffTimeOff.ends_at,
        StaffTimeOff.reason,
    ]
    form_overrides: ClassVar[Any] = {
        **StaffPicked.form_overrides,
        "starts_at": SalonDateTimeField,
        "ends_at": SalonDateTimeField,
    }
    column_list: ClassVar[Any] = form_columns
    column_labels: ClassVar[Any] = {
        "staff_id": "Profesional",
        "starts_at": "Desde",
        "ends_at": "Hasta",
        "reason": "Motivo",
    }
    column_default_sort: ClassVar[Any] = [(StaffTimeOff.starts_at, True)]

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        # The form reads the wall clock as UTC: the same wall clock, on the salon's zone.
        zone = await self.zone(request)
        for key in ("starts_at", "ends_at"):
            if isinstance(data.get(key), datetime):
                data[key] = data[key].replace(tzinfo=zone)
        _in_order(data)
        await super().on_model_change(data, model, is_created, request)
