"""Deliveries a provider made that no workflow could take: kept whole for an operator, never only logged."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from models.columns import created_at_column


class DeadLetter(SQLModel, table=True):
    """One message or delivery status we acknowledged (the provider will not send it again) but could not deliver.

    `fingerprint` (a hash of the source and the raw item) makes a provider's redelivery of the same batch one row."""

    __tablename__ = "dead_letter"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    # whatsapp or chatwoot; message or status.
    source: str = Field(max_length=20)
    kind: str = Field(max_length=20)
    reason: str = Field(max_length=200)
    payload: dict[str, object] = Field(sa_column=sa.Column(JSONB, nullable=False))
    fingerprint: str = Field(max_length=64, unique=True)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
