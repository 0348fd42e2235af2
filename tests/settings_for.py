"""Settings for one test: its own task queue, no .env file, nothing from the developer's shell."""

import uuid
from typing import Any

from pydantic import SecretStr

from models.runtime.settings import Settings


def settings_for(database_url: str, **overrides: Any) -> Settings:
    """`overrides` win over the per-test defaults (a live stack's children all poll one named task queue)."""
    defaults = {"app_env": "test", "database_url": database_url, "task_queue": f"test-{uuid.uuid4()}"}
    return Settings(_env_file=None, **{**defaults, **overrides})  # type: ignore[call-arg]


def whatsapp_cloud(api_base: str) -> dict[str, Any]:
    """The overrides of a worker that talks to the Graph API fake at `api_base`."""
    return {
        "messaging_backend": "whatsapp_cloud",
        "whatsapp_app_secret": SecretStr("meta-app-secret"),
        "whatsapp_verify_token": SecretStr("verify-me"),
        "whatsapp_access_token": SecretStr("EAAG-test-token"),
        "whatsapp_phone_number_id": "1122334455667",
        "whatsapp_api_base": api_base,
    }
