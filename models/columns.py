"""Column builders so every table stores money, time and enums the same way."""

from enum import StrEnum
from typing import Any

import sqlalchemy as sa


def enum_column(enum_cls: type[StrEnum], *, name: str, **kwargs: Any) -> sa.Column[Any]:
    """A VARCHAR with a CHECK listing the enum's values (no native PG enum types to migrate)."""
    return sa.Column(
        sa.Enum(
            enum_cls,
            name=name,
            native_enum=False,
            create_constraint=True,
            length=20,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
        ),
        nullable=kwargs.pop("nullable", False),
        **kwargs,
    )


def money_column(**kwargs: Any) -> sa.Column[Any]:
    """Euros with cents, exact (NUMERIC), never float."""
    return sa.Column(sa.Numeric(10, 2), nullable=kwargs.pop("nullable", False), **kwargs)


def timestamp_column(**kwargs: Any) -> sa.Column[Any]:
    """timestamptz: every instant is timezone-aware."""
    return sa.Column(sa.DateTime(timezone=True), nullable=kwargs.pop("nullable", False), **kwargs)


def created_at_column() -> sa.Column[Any]:
    return timestamp_column(server_default=sa.func.now())
