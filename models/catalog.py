"""What a business sells: services and packs of services sold together for less."""

import uuid
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from models.columns import enum_column, money_column
from models.enums import Category


class Service(SQLModel, table=True):
    """One bookable service; `needs_deposit` false or a 0 € price means no payment link."""

    __tablename__ = "service"
    __table_args__ = (
        sa.UniqueConstraint("business_id", "name", name="uq_service_business_name"),
        sa.CheckConstraint("duration_minutes > 0 AND duration_minutes <= 600", name="ck_service_duration"),
        sa.CheckConstraint("price >= 0", name="ck_service_price"),
        sa.CheckConstraint("buffer_minutes >= 0 AND buffer_minutes <= 120", name="ck_service_buffer"),
        sa.CheckConstraint("category <> 'both'", name="ck_service_single_category"),
        # Fuzzy lookup of what customers type ("mechass", "corte de pelo"): pg_trgm similarity.
        sa.Index("ix_service_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    category: Category = Field(sa_column=enum_column(Category, name="service_category"))
    duration_minutes: int
    # Minutes after an appointment of this service in which its stylist starts nothing else (cleaning, drying).
    buffer_minutes: int = Field(default=0, sa_column=sa.Column(sa.Integer, nullable=False, server_default="0"))
    price: Decimal = Field(sa_column=money_column())
    needs_deposit: bool = True
    description: str = Field(default="", max_length=500)
    active: bool = True
    # How this business's customers call it ("reflejos" for Mechas): the rules understanding matches them as it
    # matches the name, accents and one-letter typos forgiven; a trailing * makes a stem ("pein*": peinar, peinado).
    aliases: list[str] = Field(
        default_factory=list, sa_column=sa.Column(ARRAY(sa.String(40)), nullable=False, server_default="{}")
    )


class Pack(SQLModel, table=True):
    """Several services at one price, cheaper than booking them apart."""

    __tablename__ = "pack"
    __table_args__ = (
        sa.UniqueConstraint("business_id", "name", name="uq_pack_business_name"),
        sa.CheckConstraint("duration_minutes > 0 AND duration_minutes <= 600", name="ck_pack_duration"),
        sa.CheckConstraint("price >= 0", name="ck_pack_price"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    duration_minutes: int
    price: Decimal = Field(sa_column=money_column())
    description: str = Field(default="", max_length=500)
    active: bool = True


class PackService(SQLModel, table=True):
    """Which services a pack contains."""

    __tablename__ = "pack_service"

    pack_id: uuid.UUID = Field(foreign_key="pack.id", primary_key=True, ondelete="CASCADE")
    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
