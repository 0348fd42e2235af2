"""Customers waiting for a day that was full: the first one whose request fits a freed slot is offered it."""

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, timestamp_column


class WaitlistEntry(SQLModel, table=True):
    """One customer's wish for services on a day (with a stylist or a part of the day, if they said so).

    `offered_booking` is the booking a freed slot was held in for them: set once, so nobody is offered twice."""

    __tablename__ = "waitlist_entry"
    __table_args__ = (
        sa.UniqueConstraint("business_id", "customer_id", "day", name="uq_waitlist_customer_day"),
        sa.CheckConstraint("part_of_day IN ('morning', 'afternoon')", name="ck_waitlist_part_of_day"),
        sa.CheckConstraint("cardinality(service_ids) > 0", name="ck_waitlist_services"),
        sa.Index("ix_waitlist_business_day", "business_id", "day"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", ondelete="CASCADE")
    customer_id: uuid.UUID = Field(foreign_key="customer.id", ondelete="CASCADE")
    service_ids: list[uuid.UUID] = Field(sa_column=sa.Column(ARRAY(sa.Uuid()), nullable=False))
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff_member.id", ondelete="SET NULL")
    day: date
    part_of_day: str | None = Field(default=None, max_length=10)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
    offered_booking: str | None = Field(default=None, max_length=60)
    offered_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
