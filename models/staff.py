"""Staff members: who can do which category of service, and where their calendar is."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, enum_column
from models.enums import Category


class StaffMember(SQLModel, table=True):
    """A stylist or aesthetician; `category` says which services they can take."""

    __tablename__ = "staff_member"
    __table_args__ = (sa.UniqueConstraint("business_id", "name", name="uq_staff_business_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    category: Category = Field(sa_column=enum_column(Category, name="staff_category"))
    calendar_id: str = Field(max_length=200)
    active: bool = True
    notify_phone: str | None = Field(default=None, max_length=20)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
