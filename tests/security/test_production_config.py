"""Production refuses to start on a configuration an attacker would welcome, and says which setting."""

import pytest

from tests.security.production_api import production_env, refused_start

# One PBKDF2 iteration: the hash the audit found accepted.
WEAK_HASH = "pbkdf2_sha256$1$bGVnYWN5LXNhbHQtMDAwMQ==$+2BqpowGNoBjy0qtcfbJPYwqAVyNert0MZfovuDvW34="


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("PAYMENTS_BACKEND", "simulated", "PAYMENTS_BACKEND=simulated"),
        ("SESSION_SECRET", "x", "SESSION_SECRET"),
        ("STRIPE_WEBHOOK_SECRET", "whsec_short", "STRIPE_WEBHOOK_SECRET"),
        ("ADMIN_PASSWORD_HASH", WEAK_HASH, "ADMIN_PASSWORD_HASH"),
        ("PAYLOAD_KEYS", "", "PAYLOAD_KEYS"),
    ],
)
def test_production_refuses_to_start(database_url: str, setting: str, value: str, named: str) -> None:
    said = refused_start(production_env(database_url, "127.0.0.1:1", **{setting: value}))
    assert named in said
