"""Alembic migrations, plus the helpers the launcher and the tests use to apply them."""
