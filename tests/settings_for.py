"""Settings for one test: its own task queue, no .env file, nothing from the developer's shell."""

import uuid
from typing import Any

from models.settings import Settings


def settings_for(database_url: str, **overrides: Any) -> Settings:
    """`overrides` win over the per-test defaults (a live stack's children all poll one named task queue)."""
    defaults = {"app_env": "test", "database_url": database_url, "task_queue": f"test-{uuid.uuid4()}"}
    return Settings(_env_file=None, **{**defaults, **overrides})  # type: ignore[call-arg]
