"""What the team must hear about when the channel would not take it: the last place an alert can land."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, timestamp_column


class TeamAlert(SQLModel, table=True):
    """An alert, or a customer message, the channel refused; listed in /admin until someone marks it seen."""

    __tablename__ = "team_alert"
    __table_args__ = (sa.UniqueConstraint("business_id", "idempotency_key", name="uq_team_alert_key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", ondelete="CASCADE", index=True)
    customer_phone: str = Field(max_length=40)
    text: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    # What the channel answered: the person reading it knows whether to call, or to fix a template.
    reason: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    idempotency_key: str = Field(max_length=200)
    workflow_id: str = Field(max_length=200)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
    seen_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
