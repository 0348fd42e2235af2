"""Settings for one test: its own task queue, no .env file, nothing from the developer's shell."""

import uuid
from typing import Any

from pydantic import SecretStr

from models.runtime.payload_codec import PayloadKeys, encrypted_converter
from models.runtime.settings import Settings
from webhooks.channels.conversations import customer_conversation_id

# Every test client, worker and child process encrypts with this key (a fixed one, so a test can also read a
# history with another converter and see that it holds nothing in clear).
TEST_PAYLOAD_KEYS = "test1:Y2l0YWZsb3ctdGVzdC1wYXlsb2FkLWtleS0zMmJ5dGU="
TEST_CONVERTER = encrypted_converter(PayloadKeys.parse(TEST_PAYLOAD_KEYS))
TEST_DEFAULTS = Settings(_env_file=None, app_env="test")  # type: ignore[call-arg]


def settings_for(database_url: str, **overrides: Any) -> Settings:
    """`overrides` win over the per-test defaults (a live stack's children all poll one named task queue)."""
    defaults = {
        "app_env": "test",
        "database_url": database_url,
        "task_queue": f"test-{uuid.uuid4()}",
        "payload_keys": SecretStr(TEST_PAYLOAD_KEYS),
    }
    return Settings(_env_file=None, **{**defaults, **overrides})  # type: ignore[call-arg]


def conversation_of(business: str, customer: str, settings: Settings | None = None) -> str:
    """The conversation workflow id of `customer` (a phone) with `business`, as the API names it with `settings`'
    pseudonym secret (the tests' default one unless given)."""
    return customer_conversation_id(settings or TEST_DEFAULTS, business, customer)


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
