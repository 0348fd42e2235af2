"""Settings for one test: its own task queue, no .env file, nothing from the developer's shell."""

import uuid
from typing import Any

from models.settings import Settings


def settings_for(database_url: str, **overrides: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        app_env="test",
        database_url=database_url,
        task_queue=f"test-{uuid.uuid4()}",
        **overrides,
    )
