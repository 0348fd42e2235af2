"""Catalogue rows staff edit in /admin, each change kept: who saved which field of which row, from what to what.

A change applies from the next search or message on (availability, prices and the understanding read the
tables each time); bookings already made keep what they were booked with (their own rows hold price and
services)."""

from enum import StrEnum
from typing import Any, ClassVar

from sqladmin.fields import SelectField, TextAreaField
from starlette.requests import Request

from models import CatalogChange
from models.enums import Category
from webhooks.admin.scope import BusinessScoped
from webhooks.admin.words import choices, label


class WordsField(TextAreaField):
    """A list of words or phrases on one line, separated by commas ("reflejos, mechitas, highlights")."""

    def _value(self) -> str:
        return ", ".join(self.data or [])

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]) if valuelist else ""
        self.data = [word.strip() for word in text.split(",") if word.strip()]


class CategoryField(SelectField):
    """Which kind of stylist, offered in Spanish and saved as the enum itself, so the history and the form say the
    same words."""

    offered: ClassVar[tuple[Category, ...]] = tuple(Category)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("choices", None)
        spanish = [(value, words) for value, words in choices(Category) if value in self.offered]
        super().__init__(choices=spanish, coerce=Category, **kwargs)


class ServiceCategoryField(CategoryField):
    """A service is one kind or the other; "both" is for stylists who do both."""

    offered = (Category.HAIRDRESSING, Category.AESTHETICS)


class Audited(BusinessScoped):
    """Editable (created too where a view allows it, never deleted: switching a row off keeps its bookings'
    history), every saved difference written to catalog_change; a created row's values are its differences."""

    can_edit = can_export = True
    can_create = can_delete = False
    # The longest word the table's ARRAY column holds, for the fields that are lists of words.
    word_lengths: ClassVar[dict[str, int]] = {}

    async def on_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        for field, longest in self.word_lengths.items():
            too_long = [word for word in data.get(field) or [] if len(word) > longest]
            if too_long:
                raise ValueError(f"«{too_long[0]}» es demasiado largo (máximo {longest} letras).")
        await super().on_model_change(data, model, is_created, request)
        # The row as it was, before SQLAdmin sets the form's values on it (nothing, for a new one).
        request.state.before = {field: None if is_created else getattr(model, field) for field in data}

    async def after_model_change(self, data: dict[str, Any], model: Any, is_created: bool, request: Request) -> None:
        before: dict[str, Any] = request.state.before
        changes = [
            CatalogChange(
                business_id=model.business_id,
                changed_by=str(request.session.get("staff", "")),
                what=str(self.name),
                row_id=model.id,
                row_name=_name_of(model),
                field=str(self._column_labels.get(field, field)),
                before=_said(old),
                after=_said(getattr(model, field)),
            )
            for field, old in before.items()
            if old != getattr(model, field)
        ]
        if changes:
            async with self.session_maker() as session:
                session.add_all(changes)
                await session.commit()


def _name_of(row: Any) -> str:
    """How staff know the row: a service's, pack's or stylist's name, an FAQ's topic."""
    return str(getattr(row, "name", None) or row.topic)


def _said(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, StrEnum):
        return label(value)
    return ", ".join(value) if isinstance(value, list) else str(value)
