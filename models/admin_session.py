"""A staff member's logged-in session to /admin, kept server-side so logging out (or deleting the login)
ends it at once, even for a copy of the cookie."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.columns import created_at_column, timestamp_column


class AdminSession(SQLModel, table=True):
    __tablename__ = "admin_session"

    # SHA-256 of the random token in the cookie: reading this table opens no session.
    token_hash: str = Field(primary_key=True, max_length=64)
    # None for the settings login (ADMIN_USERNAME); deleting an account deletes its sessions.
    account_id: uuid.UUID | None = Field(default=None, foreign_key="admin_account.id", index=True, ondelete="CASCADE")
    expires_at: datetime = Field(sa_column=timestamp_column())
    created_at: datetime | None = Field(default=None, sa_column=created_at_column())
