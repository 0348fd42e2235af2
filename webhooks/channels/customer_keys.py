"""Who a customer is to us: their phone in E.164 when the phone library accepts it, else the channel's own id for
them. A message is never refused because the library's data does not know a number yet (models/customer.py
says which keys the database accepts)."""

import re

from webhooks.channels.phones import to_e164

# Meta's wa_id is the number in international digits, without "+".
WA_ID = re.compile(r"[1-9][0-9]{6,14}")
CHATWOOT_CONTACT_ID = re.compile(r"[0-9]{1,20}")


def whatsapp_customer(wa_id: object) -> str:
    """The E.164 number of a wa_id, or "+" and its digits when the library rejects them (still the number Meta
    delivers to); ValueError when it is not a wa_id at all."""
    if not isinstance(wa_id, str) or not WA_ID.fullmatch(wa_id):
        raise ValueError("not a WhatsApp id")
    try:
        return to_e164(f"+{wa_id}")
    except ValueError:
        return f"+{wa_id}"


def chatwoot_customer(phone: str | None, contact_id: int | str | None) -> str | None:
    """The contact's E.164 phone, else "chatwoot:<contact id>"; None when the event names neither."""
    if phone:
        try:
            return to_e164(phone)
        except ValueError:
            pass
    if contact_id is not None and CHATWOOT_CONTACT_ID.fullmatch(str(contact_id)):
        return f"chatwoot:{contact_id}"
    return None


def typed_customer(text: str) -> str:
    """A customer key as staff or an operator type it: a phone as anyone writes it ("600 11 22 33", "+34…") in
    E.164, or a channel key as it is; ValueError when it is neither."""
    text = text.strip()
    return text if text.startswith("chatwoot:") else to_e164(text)
