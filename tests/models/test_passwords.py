"""Admin password hashes: Argon2id made and checked; an old PBKDF2 hash still logs in once, and comes back
re-made as Argon2id; anything else never matches."""

from models.passwords import hash_password, is_strong_hash, verify_password

# The format stored before Argon2id: the password "clave antigua", one PBKDF2 iteration (cheap for the test).
LEGACY_PBKDF2 = "pbkdf2_sha256$1$bGVnYWN5LXNhbHQtMDAwMQ==$+2BqpowGNoBjy0qtcfbJPYwqAVyNert0MZfovuDvW34="


def test_a_new_hash_is_argon2id_and_verifies_without_renewal() -> None:
    encoded = hash_password("clave nueva")
    assert encoded.startswith("$argon2id$") and is_strong_hash(encoded)
    assert verify_password("clave nueva", encoded) == (True, None)
    assert verify_password("otra", encoded) == (False, None)


def test_an_old_pbkdf2_hash_verifies_and_is_renewed_as_argon2id() -> None:
    matches, renewed = verify_password("clave antigua", LEGACY_PBKDF2)
    assert matches and renewed is not None and is_strong_hash(renewed)
    assert verify_password("clave antigua", renewed) == (True, None)
    assert verify_password("otra", LEGACY_PBKDF2) == (False, None)
    assert not is_strong_hash(LEGACY_PBKDF2)


def test_malformed_or_unknown_hashes_never_match() -> None:
    for encoded in ("", "plain", "pbkdf2_sha256$x$y", "$2b$12$bcryptbcryptbcryptbcrypt"):
        assert verify_password("plain", encoded) == (False, None), encoded
