"""The simulated pay link's signature: made by the payments adapter, checked by the pay page."""

import hashlib
import hmac

from pydantic import SecretStr


def link_signature(secret: SecretStr, session_id: str, booking_id: str, amount: str, concept: str) -> str:
    """Over the link's parameters exactly as they appear in it (`amount` with two decimals), so the pay page
    checks it before parsing any of them."""
    message = "|".join((session_id, booking_id, amount, concept)).encode()
    return hmac.new(secret.get_secret_value().encode(), message, hashlib.sha256).hexdigest()
