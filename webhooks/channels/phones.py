"""Phone numbers as customers type them, normalised to E.164 (the key of a customer and a conversation)."""

import phonenumbers

DEFAULT_REGION = "ES"


def to_e164(raw: str) -> str:
    """'+34 600 11 12 22', '600111222' -> '+34600111222'; ValueError when it is not a valid number."""
    try:
        parsed = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"not a phone number: {raw!r}") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(f"not a valid phone number: {raw!r}")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
