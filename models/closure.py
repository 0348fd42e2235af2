"""Days a business, or one staff member, does not work (holidays, vacations)."""

import uuid
from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class Closure(SQLModel, table=True):
    """A closed date range, inclusive; `staff_id` empty means the whole business is closed."""

    __tablename__ = "closure"
    __table_args__ = (sa.CheckConstraint("end_date >= start_date", name="ck_closure_range"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff_member.id", ondelete="CASCADE")
    start_date: date
    end_date: date
    reason: str = Field(max_length=120)
