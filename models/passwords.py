"""Staff admin password hashes: Argon2id (pwdlib); PBKDF2-SHA256 hashes of earlier versions still verify, and
are replaced at the next login. `python -m models.passwords` makes a hash for ADMIN_PASSWORD_HASH."""

import base64
import hashlib
import hmac
import sys

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.base import ensure_str

ARGON2 = Argon2Hasher()


class LegacyPbkdf2:
    """Verifies the `pbkdf2_sha256$iterations$salt$digest` hashes stored before Argon2id; never makes one."""

    PREFIX = "pbkdf2_sha256$"

    @classmethod
    def identify(cls, hash: str | bytes) -> bool:
        return ensure_str(hash).startswith(cls.PREFIX)

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        raise NotImplementedError("PBKDF2 hashes are only verified, then replaced by Argon2id")

    def verify(self, password: str | bytes, hash: str | bytes) -> bool:
        try:
            _, iterations, salt, digest = ensure_str(hash).split("$")
            secret = password.encode() if isinstance(password, str) else password
            actual = hashlib.pbkdf2_hmac("sha256", secret, base64.b64decode(salt), int(iterations))
            return hmac.compare_digest(actual, base64.b64decode(digest))
        except (ValueError, TypeError):
            return False

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        return True


# The first hasher makes new hashes; a hash any other one verifies comes back re-made by the first.
PASSWORDS = PasswordHash((ARGON2, LegacyPbkdf2()))


def hash_password(password: str) -> str:
    return PASSWORDS.hash(password)


def verify_password(password: str, encoded: str) -> tuple[bool, str | None]:
    """Whether the password matches, and the hash to store instead when this one is old (else None).
    A malformed or unknown hash never matches."""
    if not any(hasher.identify(encoded) for hasher in PASSWORDS.hashers):
        return False, None
    return PASSWORDS.verify_and_update(password, encoded)


def is_strong_hash(encoded: str) -> bool:
    """Argon2id with at least today's parameters: what production accepts for ADMIN_PASSWORD_HASH."""
    return encoded.startswith("$argon2id$") and ARGON2.identify(encoded) and not ARGON2.check_needs_rehash(encoded)


if __name__ == "__main__":
    sys.stdout.write(hash_password(sys.argv[1] if len(sys.argv) > 1 else input("Contraseña: ")) + "\n")
