"""Appointments: the rows the booking workflow owns, guarded against double booking by PostgreSQL."""

import uuid
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlmodel import Field, SQLModel

from models.columns import created_at_column, enum_column, money_column, timestamp_column
from models.enums import AppointmentStatus, PaymentStatus


class Appointment(SQLModel, table=True):
    """One staff member's time for one customer; a group booking is several rows sharing `group_id`."""

    __tablename__ = "appointment"
    __table_args__ = (
        # Two provisional/confirmed appointments of one staff member never overlap: the database
        # itself refuses the second hold, whatever the application does (RECIPES §9).
        ExcludeConstraint(
            ("staff_id", "="),
            (sa.func.tstzrange(sa.column("start_at"), sa.column("end_at"), sa.text("'[)'")), "&&"),
            name="no_double_booking",
            using="gist",
            where=sa.text("status IN ('provisional', 'confirmed')"),
        ),
        sa.CheckConstraint("end_at > start_at", name="ck_appointment_times"),
        sa.CheckConstraint("end_at - start_at <= interval '10 hours'", name="ck_appointment_duration"),
        sa.CheckConstraint("total_price >= 0", name="ck_appointment_total"),
        sa.CheckConstraint("deposit_amount >= 0 AND deposit_amount <= total_price", name="ck_appointment_deposit"),
        sa.CheckConstraint("payment_retries >= 0", name="ck_appointment_payment_retries"),
        sa.Index("ix_appointment_staff_start", "staff_id", "start_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    customer_id: uuid.UUID = Field(foreign_key="customer.id", index=True, ondelete="RESTRICT")
    booked_by_id: uuid.UUID | None = Field(default=None, foreign_key="customer.id", ondelete="SET NULL")
    staff_id: uuid.UUID = Field(foreign_key="staff_member.id", ondelete="RESTRICT")
    pack_id: uuid.UUID | None = Field(default=None, foreign_key="pack.id", ondelete="SET NULL")
    start_at: datetime = Field(sa_column=timestamp_column())
    end_at: datetime = Field(sa_column=timestamp_column())
    total_price: Decimal = Field(sa_column=money_column())
    deposit_amount: Decimal = Field(sa_column=money_column())
    status: AppointmentStatus = Field(sa_column=enum_column(AppointmentStatus, name="appointment_status"))
    payment_status: PaymentStatus = Field(sa_column=enum_column(PaymentStatus, name="payment_status"))
    calendar_event_id: str | None = Field(default=None, max_length=120)
    payment_reference: str | None = Field(default=None, max_length=120)
    payment_retries: int = 0
    group_id: uuid.UUID | None = Field(default=None, index=True)
    workflow_id: str = Field(max_length=120, index=True)
    # The reminder that asks the customer to confirm, and their yes: both cleared when the booking moves.
    reminded_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    attendance_confirmed_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
    updated_at: datetime | None = Field(default=None, sa_column=created_at_column())


class AppointmentService(SQLModel, table=True):
    """The services done in an appointment (those of its pack, when booked as a pack)."""

    __tablename__ = "appointment_service"

    appointment_id: uuid.UUID = Field(foreign_key="appointment.id", primary_key=True, ondelete="CASCADE")
    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="RESTRICT")
