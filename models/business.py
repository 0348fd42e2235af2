"""The business (a salon), its opening hours, its policy rows and its FAQ entries."""

import uuid
from datetime import datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from models.columns import created_at_column


class Business(SQLModel, table=True):
    """A tenant: one salon with its own staff, services, policies and customers."""

    __tablename__ = "business"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    slug: str = Field(max_length=40, unique=True, regex=r"^[a-z0-9-]+$")
    name: str = Field(max_length=120)
    assistant_name: str = Field(max_length=40)
    timezone: str = Field(max_length=64)
    address: str = Field(max_length=200)
    maps_url: str = Field(max_length=300)
    phone: str = Field(max_length=20)
    # The channels' own ids for this business: inbound webhooks are routed by them, replies leave from them.
    # Unset on a deployment with one business: everything goes to DEFAULT_BUSINESS.
    whatsapp_phone_number_id: str | None = Field(default=None, max_length=40, unique=True)
    chatwoot_inbox_id: int | None = Field(default=None, unique=True)
    # A Stripe Connect account (acct_...): deposits are charged and refunded on it; unset, on the platform's.
    stripe_account_id: str | None = Field(default=None, max_length=60, regex=r"^acct_[A-Za-z0-9]+$")
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())


class OpeningHours(SQLModel, table=True):
    """One opening interval on a weekday (0 = Monday), in the business's local time."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_opening_hours_weekday"),
        sa.CheckConstraint("closes_at > opens_at", name="ck_opening_hours_order"),
    )

    business_id: uuid.UUID = Field(foreign_key="business.id", primary_key=True, ondelete="CASCADE")
    weekday: int = Field(primary_key=True)
    opens_at: time = Field(primary_key=True)
    closes_at: time


class Policy(SQLModel, table=True):
    """A business rule as data (hold minutes, deposit %, refund cut-off, ...), never a constant in code."""

    __tablename__ = "policy"

    business_id: uuid.UUID = Field(foreign_key="business.id", primary_key=True, ondelete="CASCADE")
    key: str = Field(primary_key=True, max_length=60)
    value: Any = Field(sa_column=sa.Column(JSONB, nullable=False))
    description: str = Field(default="", max_length=300)


class Faq(SQLModel, table=True):
    """An answer the assistant gives for a topic (hours, address, parking, payment, cancellation...)."""

    __tablename__ = "faq"
    __table_args__ = (sa.UniqueConstraint("business_id", "topic", name="uq_faq_business_topic"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    topic: str = Field(max_length=40)
    question: str = Field(max_length=200)
    answer: str = Field(max_length=2000)
    keywords: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.ARRAY(sa.String(60)), nullable=False))
