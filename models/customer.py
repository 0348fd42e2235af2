"""Customers of a business, recognised by their phone number (or by the channel's own id for them)."""

import uuid
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, money_column, timestamp_column

# A phone in E.164 (a WhatsApp wa_id the phone library does not know yet is kept as "+" and its digits), or the
# channel's own id when there is no usable phone (a Chatwoot contact: "chatwoot:<contact id>").
CUSTOMER_KEY_CHECK = "phone ~ '^(\\+[1-9][0-9]{6,14}|chatwoot:[0-9]{1,20})$'"
CUSTOMER_KEY_LENGTH = 32


class Customer(SQLModel, table=True):
    """A person who books or is booked for, by `phone` (a customer key, above); empty for someone booked by another."""

    __tablename__ = "customer"
    __table_args__ = (
        sa.UniqueConstraint("business_id", "phone", name="uq_customer_business_phone"),
        sa.CheckConstraint(CUSTOMER_KEY_CHECK, name="ck_customer_phone_key"),
        sa.CheckConstraint("total_spent >= 0", name="ck_customer_total_spent"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    phone: str | None = Field(default=None, max_length=CUSTOMER_KEY_LENGTH)
    first_name: str | None = Field(default=None, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    preferred_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff_member.id", ondelete="SET NULL")
    total_spent: Decimal = Field(default=Decimal("0.00"), sa_column=money_column(server_default="0"))
    last_visit_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    opted_out: bool = False
    referred_by_id: uuid.UUID | None = Field(default=None, foreign_key="customer.id", ondelete="SET NULL")
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
