"""A stylist's own time: the hours they work on each weekday, and the time they are away."""

import uuid
from datetime import datetime, time

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import timestamp_column


class StaffHours(SQLModel, table=True):
    """One working interval of a staff member on a weekday (0 = Monday), in the business's local time.

    Several rows a day make a split shift, which is how a recurring break (14:00-15:00) is written. A staff
    member without rows works the business's opening hours; rows never widen them (the slot search keeps the
    part of each interval that falls within them)."""

    __tablename__ = "staff_hours"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_staff_hours_weekday"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_staff_hours_order"),
        sa.Index("ix_staff_hours_staff_weekday", "staff_id", "weekday"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    staff_id: uuid.UUID = Field(foreign_key="staff_member.id", ondelete="CASCADE")
    weekday: int
    starts_at: time
    ends_at: time


class StaffTimeOff(SQLModel, table=True):
    """A stretch of time a staff member is away (holidays, a doctor's appointment, a one-off break)."""

    __tablename__ = "staff_time_off"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ck_staff_time_off_order"),
        sa.Index("ix_staff_time_off_staff_start", "staff_id", "starts_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    staff_id: uuid.UUID = Field(foreign_key="staff_member.id", ondelete="CASCADE")
    starts_at: datetime = Field(sa_column=timestamp_column())
    ends_at: datetime = Field(sa_column=timestamp_column())
    reason: str = Field(default="", max_length=120)
