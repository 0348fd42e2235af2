"""A staff login to /admin. Each one belongs to one business and sees only that business."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.columns import created_at_column


class AdminAccount(SQLModel, table=True):
    __tablename__ = "admin_account"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    business_id: uuid.UUID = Field(foreign_key="business.id", index=True, ondelete="CASCADE")
    # Unique across businesses: the login form asks for no business, the username says which.
    username: str = Field(max_length=60, unique=True)
    # Argon2id (models.passwords; PBKDF2 until its next login), never the password.
    password_hash: str = Field(max_length=200)
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
