"""One settings object: production refuses to start without the secrets of what it enables."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError
from temporalio.service import TLSConfig

from models.passwords import hash_password
from models.runtime.settings import Settings
from models.runtime.temporal_client import client_profile
from tests.models.test_passwords import LEGACY_PBKDF2
from tests.settings_for import TEST_PAYLOAD_KEYS

WHATSAPP = {
    "messaging_backend": "whatsapp_cloud",
    "whatsapp_access_token": SecretStr("EAAG"),
    "whatsapp_phone_number_id": "1122334455667",
    "whatsapp_app_secret": SecretStr("app-secret-of-the-meta-app-32-bytes"),
    "whatsapp_verify_token": SecretStr("verify"),
}
PRODUCTION = {
    "app_env": "production",
    "database_url": "postgresql+psycopg://citaflow@db/citaflow",
    "payments_backend": "stripe",
    "stripe_secret_key": SecretStr("sk_live_x"),
    "stripe_webhook_secret": SecretStr("whsec_live_endpoint_secret_of_32_bytes"),
    "session_secret": SecretStr("a-long-random-session-secret-of-48-bytes-or-more"),
    "admin_password_hash": SecretStr(hash_password("not-the-demo-one")),
    "payload_keys": SecretStr(TEST_PAYLOAD_KEYS),
    "pseudonym_secret": SecretStr("a-long-random-pseudonym-secret-of-40-bytes"),
    "worker_build_id": "3f2a1c9d0b7e",
    **WHATSAPP,
}
# Argon2id, but far cheaper to guess than today's parameters (m=64 MiB, t=3).
WEAK_ARGON2 = "$argon2id$v=19$m=8,t=1,p=1$76Hqs0QuG9DgQc8gV6+HCg$5pxSs3YQ+NvnUeADZCNYEx+fB1R75oZVZPSE/R9l4Xo"


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_a_complete_production_configuration_starts() -> None:
    assert _settings(**PRODUCTION).messaging_backend == "whatsapp_cloud"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"database_url": None}, "DATABASE_URL"),
        ({"messaging_backend": "console"}, "MESSAGING_BACKEND=console"),
        ({"whatsapp_access_token": None}, "WHATSAPP_ACCESS_TOKEN"),
        ({"whatsapp_app_secret": None, "whatsapp_verify_token": None}, "WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN"),
        ({"stripe_webhook_secret": Settings.model_fields["stripe_webhook_secret"].default}, "STRIPE_WEBHOOK_SECRET"),
        ({"session_secret": Settings.model_fields["session_secret"].default}, "SESSION_SECRET"),
        ({"admin_password_hash": Settings.model_fields["admin_password_hash"].default}, "ADMIN_PASSWORD_HASH"),
        ({"understanding_backend": "anthropic"}, "ANTHROPIC_API_KEY"),
        ({"stripe_secret_key": None}, "STRIPE_SECRET_KEY"),
        ({"payments_backend": "simulated"}, "PAYMENTS_BACKEND=simulated"),
        ({"session_secret": SecretStr("x")}, "SESSION_SECRET is shorter than 32 bytes"),
        ({"stripe_webhook_secret": SecretStr("whsec_short")}, "STRIPE_WEBHOOK_SECRET is shorter than 32 bytes"),
        ({"whatsapp_app_secret": SecretStr("app-secret")}, "WHATSAPP_APP_SECRET is shorter than 32 bytes"),
        ({"admin_password_hash": SecretStr(LEGACY_PBKDF2)}, "ADMIN_PASSWORD_HASH is not an Argon2id hash"),
        ({"admin_password_hash": SecretStr(WEAK_ARGON2)}, "ADMIN_PASSWORD_HASH is not an Argon2id hash"),
        ({"payload_keys": None}, "PAYLOAD_KEYS must be set"),
        ({"payload_keys": SecretStr("k1:c2hvcnQ=")}, "each entry is id:base64 of 32 bytes"),
        ({"payload_keys": SecretStr("k1:not base64!")}, "is not base64"),
        ({"pseudonym_secret": Settings.model_fields["pseudonym_secret"].default}, "PSEUDONYM_SECRET"),
        ({"pseudonym_secret": SecretStr("short")}, "PSEUDONYM_SECRET is shorter than 32 bytes"),
        ({"codec_token": SecretStr("short")}, "CODEC_TOKEN is shorter than 32 bytes"),
    ],
)
def test_production_names_what_is_missing(change: dict[str, Any], named: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _settings(**{**PRODUCTION, **change})
    assert named in str(refused.value)


def test_an_empty_build_id_is_an_unversioned_worker() -> None:
    """An image built without a build id sets WORKER_BUILD_ID to "" (deploy/Dockerfile): no version, not build ""."""
    assert _settings(worker_build_id="").worker_build_id is None
    assert _settings(worker_build_id="3f2a1c9d0b7e").worker_build_id == "3f2a1c9d0b7e"


def test_enabling_chatwoot_needs_its_api_and_webhook_credentials() -> None:
    with pytest.raises(ValidationError) as refused:
        _settings(messaging_backend="chatwoot", chatwoot_api_base="https://chat.example")
    assert "CHATWOOT_ACCOUNT_ID, CHATWOOT_API_TOKEN, CHATWOOT_WEBHOOK_SECRET" in str(refused.value)
    configured = _settings(
        messaging_backend="chatwoot",
        chatwoot_api_base="https://chat.example",
        chatwoot_account_id=1,
        chatwoot_api_token=SecretStr("bot"),
        chatwoot_webhook_token=SecretStr("url-token"),
    )
    assert configured.messaging_backend == "chatwoot"


def test_enabling_whatsapp_needs_its_credentials_in_any_environment() -> None:
    with pytest.raises(ValidationError, match="WHATSAPP_PHONE_NUMBER_ID"):
        _settings(**{**WHATSAPP, "whatsapp_phone_number_id": None})
    assert _settings().messaging_backend == "console"


def test_temporal_connection_security_follows_the_settings(tmp_path: Path) -> None:
    cert, key = tmp_path / "client.pem", tmp_path / "client.key"
    cert.write_bytes(b"-----BEGIN CERTIFICATE-----\ncert\n")
    key.write_bytes(b"-----BEGIN PRIVATE KEY-----\nkey\n")
    mtls = connect_config(_settings(temporal_tls_cert_file=cert, temporal_tls_key_file=key))["tls"]
    assert isinstance(mtls, TLSConfig)
    assert (mtls.client_cert, mtls.client_private_key) == (cert.read_bytes(), key.read_bytes())
    cloud = connect_config(_settings(temporal_api_key=SecretStr("tcld-key")))
    assert (cloud["api_key"], cloud["tls"]) == ("tcld-key", True), "API keys travel over TLS"
    plain = connect_config(_settings())
    assert (plain["target_host"], plain.get("tls", False)) == ("127.0.0.1:7233", False), "the dev server is plain"
    with pytest.raises(ValidationError, match="go together"):
        _settings(temporal_tls_cert_file=cert)


def test_temporal_profiles_come_from_temporals_config_file_under_the_settings_that_are_set(tmp_path: Path) -> None:
    config = tmp_path / "temporal.toml"
    config.write_text(
        '[profile.cloud]\naddress = "citaflow.a1b2c.tmprl.cloud:7233"\nnamespace = "citaflow.a1b2c"\n'
        'api_key = "from-the-file"\n',
        encoding="utf-8",
    )
    cloud = connect_config(_settings(temporal_config_file=config, temporal_profile="cloud"))
    assert (cloud["target_host"], cloud["namespace"], cloud["api_key"], cloud["tls"]) == (
        "citaflow.a1b2c.tmprl.cloud:7233",
        "citaflow.a1b2c",
        "from-the-file",
        True,
    )
    staging = connect_config(
        _settings(temporal_config_file=config, temporal_profile="cloud", temporal_namespace="staging.a1b2c")
    )
    assert (staging["target_host"], staging["namespace"]) == ("citaflow.a1b2c.tmprl.cloud:7233", "staging.a1b2c")
    with pytest.raises(RuntimeError, match="nowhere"):
        connect_config(_settings(temporal_config_file=config, temporal_profile="nowhere"))


def connect_config(settings: Settings) -> dict[str, Any]:
    return dict(client_profile(settings).to_client_connect_config())


def test_a_production_worker_needs_its_build_id_and_the_api_does_not() -> None:
    for missing in (None, ""):
        unversioned = _settings(**{**PRODUCTION, "worker_build_id": missing})
        with pytest.raises(RuntimeError, match="WORKER_BUILD_ID"):
            unversioned.worker_deployment_ready()
    _settings(**PRODUCTION).worker_deployment_ready()
    _settings(worker_build_id=None).worker_deployment_ready()  # development: an unversioned worker is fine


def test_the_idle_period_reads_seconds_or_an_iso_duration() -> None:
    assert _settings(conversation_idle_after="90").conversation_idle_after == timedelta(seconds=90)
    assert _settings(conversation_idle_after="PT2H").conversation_idle_after == timedelta(hours=2)
    with pytest.raises(ValidationError):
        _settings(conversation_idle_after="0")
