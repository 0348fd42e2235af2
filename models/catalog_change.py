"""Who changed what in the salon's catalogue, and when: one row per field an /admin form changed."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.columns import created_at_column


class CatalogChange(SQLModel, table=True):
    __tablename__ = "catalog_change"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    changed_at: datetime | None = Field(default=None, sa_column=created_at_column())
    # The staff login that saved the form.
    changed_by: str = Field(max_length=80)
    # What was changed, as staff call it ("Servicio", "Pregunta frecuente") and the row's own name ("Corte").
    what: str = Field(max_length=60)
    row_id: uuid.UUID
    row_name: str = Field(max_length=200)
    field: str = Field(max_length=60)
    before: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    after: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
