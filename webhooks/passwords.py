"""Staff admin password hashes (PBKDF2-SHA256, stdlib), and `python -m webhooks.passwords` to make one."""

import base64
import hashlib
import hmac
import os
import sys

ITERATIONS = 600_000
SCHEME = "pbkdf2_sha256"


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    """Constant-time comparison; a malformed hash never matches."""
    try:
        scheme, iterations, salt, digest = encoded.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return scheme == SCHEME and hmac.compare_digest(actual, expected)


if __name__ == "__main__":
    sys.stdout.write(hash_password(sys.argv[1] if len(sys.argv) > 1 else input("Contraseña: ")) + "\n")
